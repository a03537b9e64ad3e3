import { useState } from 'react';
import { App, Button, Card, Form, Input, Space, Table, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { hasPermission, useMe } from '../../app/session.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { useHandlingUnits, useSaveHandlingUnit, type HandlingUnit } from './suggestions.api.ts';

/** The street's handling units (承办单位): the list assignment picks from, managed here. */
export function UnitsCard() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const me = useMe();
  const units = useHandlingUnits();
  const save = useSaveHandlingUnit();
  const [form] = Form.useForm<{ name: string }>();
  const [renaming, setRenaming] = useState<{ id: number; name: string } | null>(null);
  const canManage = hasPermission(me, 'suggestion.manage');
  const done = () => void message.success(t('suggestions.units.saved'));
  return (
    <Card
      style={{ marginTop: 16 }}
      title={<h2 className="gz-section-title">{t('suggestions.units.title')}</h2>}
    >
      <p className="gz-muted">{t('suggestions.units.hint')}</p>
      <ErrorAlert error={units.error ?? save.error} />
      <Table<HandlingUnit>
        rowKey="id"
        size="small"
        pagination={false}
        loading={units.isPending}
        locale={{ emptyText: t('suggestions.units.none') }}
        dataSource={units.data?.items ?? []}
        columns={[
          {
            title: t('suggestions.units.name'),
            dataIndex: 'name',
            render: (name: string, u) =>
              renaming?.id === u.id ? (
                <Space.Compact>
                  <Input
                    value={renaming.name}
                    maxLength={50}
                    aria-label={t('suggestions.units.name')}
                    onChange={(e) => setRenaming({ id: u.id, name: e.target.value })}
                  />
                  <Button
                    loading={save.isPending}
                    onClick={() =>
                      save.mutate(
                        { id: u.id, body: { name: renaming.name.trim() } },
                        { onSuccess: () => (setRenaming(null), done()) },
                      )
                    }
                  >
                    {t('common.save')}
                  </Button>
                </Space.Compact>
              ) : (
                name
              ),
          },
          {
            title: '',
            key: 'state',
            render: (_: unknown, u) => (
              <Space size={4} wrap>
                <Tag color={u.active ? 'green' : 'default'}>
                  {u.active ? t('suggestions.units.active') : t('suggestions.units.retired')}
                </Tag>
                <span className="gz-muted">{t('suggestions.units.assigned', { n: u.assigned })}</span>
              </Space>
            ),
          },
          ...(canManage
            ? [
                {
                  title: '',
                  key: 'actions',
                  render: (_: unknown, u: HandlingUnit) => (
                    <Space size={4}>
                      <Button
                        size="small"
                        type="link"
                        onClick={() => setRenaming({ id: u.id, name: u.name })}
                      >
                        {t('suggestions.units.rename')}
                      </Button>
                      <Button
                        size="small"
                        type="link"
                        onClick={() =>
                          save.mutate({ id: u.id, body: { active: !u.active } }, { onSuccess: done })
                        }
                      >
                        {u.active ? t('suggestions.units.retire') : t('suggestions.units.restore')}
                      </Button>
                    </Space>
                  ),
                },
              ]
            : []),
        ]}
      />
      {canManage ? (
        <Form
          form={form}
          layout="inline"
          name="suggestion-unit"
          style={{ marginTop: 12 }}
          onFinish={(v) =>
            save.mutate(
              { id: null, body: { name: v.name.trim() } },
              { onSuccess: () => (form.resetFields(), done()) },
            )
          }
        >
          <Form.Item
            name="name"
            label={t('suggestions.units.name')}
            rules={[{ required: true, whitespace: true, max: 50 }]}
          >
            <Input maxLength={50} />
          </Form.Item>
          <Button htmlType="submit" loading={save.isPending}>
            {t('suggestions.units.add')}
          </Button>
        </Form>
      ) : null}
    </Card>
  );
}
