import { useState } from 'react';
import { App, Button, Card, Form, Input, List, Select, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import { hasPermission, useMe } from '../../app/session.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { useDateTimeFormat } from '../../components/format.ts';
import { useCollectMailbox, useCreateMailbox, useMailboxes, usePoints } from './suggestions.api.ts';
import { NumberInput } from '../../components/NumberInput.tsx';

export function MailboxesCard() {
  const { t } = useTranslation();
  const me = useMe();
  const { message } = App.useApp();
  const format = useDateTimeFormat();
  const boxes = useMailboxes();
  const collect = useCollectMailbox();
  const canCollect = hasPermission(me, 'suggestion.handle');
  const [letters, setLetters] = useState<Record<number, number>>({});
  const [notes, setNotes] = useState<Record<number, string>>({});
  return (
    <Card title={<h2 className="gz-section-title">{t('suggestions.network.mailboxes')}</h2>}>
      <ErrorAlert error={boxes.error ?? collect.error} />
      <List
        dataSource={boxes.data?.items ?? []}
        renderItem={(b) => (
          <List.Item>
            <div style={{ width: '100%' }}>
              <List.Item.Meta
                title={`${b.name}（${b.pointName ?? t('common.none')}）`}
                description={t('suggestions.network.lastCollected', {
                  at: format(b.lastCollectedAt),
                  n: b.lettersTotal,
                })}
              />
              {canCollect ? (
                <Space wrap style={{ marginTop: 8 }}>
                  <NumberInput
                    min={0}
                    max={10_000}
                    aria-label={t('suggestions.network.letters')}
                    value={letters[b.id] ?? 0}
                    onChange={(v) => setLetters({ ...letters, [b.id]: v ?? 0 })}
                  />
                  <Input
                    style={{ width: 160 }}
                    maxLength={500}
                    aria-label={t('suggestions.manage.collectNote')}
                    placeholder={t('suggestions.manage.collectNote')}
                    value={notes[b.id] ?? ''}
                    onChange={(e) => setNotes({ ...notes, [b.id]: e.target.value })}
                  />
                  <Button
                    loading={collect.isPending && collect.variables.id === b.id}
                    onClick={() =>
                      collect.mutate(
                        { id: b.id, letters: letters[b.id] ?? 0, note: notes[b.id]?.trim() },
                        {
                          onSuccess: () => {
                            void message.success(t('suggestions.manage.collected'));
                            setLetters((l) => ({ ...l, [b.id]: 0 }));
                            setNotes((n) => ({ ...n, [b.id]: '' }));
                          },
                        },
                      )
                    }
                  >
                    {t('suggestions.network.collect')}
                  </Button>
                </Space>
              ) : null}
            </div>
          </List.Item>
        )}
      />
      {hasPermission(me, 'suggestion.manage') ? <NewMailboxForm /> : null}
    </Card>
  );
}

function NewMailboxForm() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const points = usePoints();
  const create = useCreateMailbox();
  const [form] = Form.useForm<{ pointId?: number; name: string; location?: string }>();
  return (
    <Card type="inner" style={{ marginTop: 16 }} title={t('suggestions.manage.newMailbox')}>
      <Form
        name="sg-mailbox"
        form={form}
        layout="vertical"
        onFinish={(v) =>
          create.mutate(
            { ...(v.pointId ? { pointId: v.pointId } : {}), name: v.name, location: v.location ?? '' },
            {
              onSuccess: () => {
                void message.success(t('suggestions.manage.saved'));
                form.resetFields();
              },
            },
          )
        }
      >
        <Form.Item name="name" label={t('suggestions.manage.name')} rules={[{ required: true, max: 100 }]}>
          <Input />
        </Form.Item>
        <Form.Item name="pointId" label={t('suggestions.manage.mailboxPoint')}>
          <Select
            allowClear
            options={(points.data?.items ?? []).map((p) => ({ value: p.id, label: p.name }))}
          />
        </Form.Item>
        <Form.Item name="location" label={t('suggestions.manage.location')} rules={[{ max: 200 }]}>
          <Input />
        </Form.Item>
        <ErrorAlert error={create.error} />
        <Button htmlType="submit" loading={create.isPending}>
          {t('suggestions.manage.addMailbox')}
        </Button>
      </Form>
    </Card>
  );
}
