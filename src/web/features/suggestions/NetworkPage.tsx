import { useState } from 'react';
import {
  Button,
  Card,
  Col,
  DatePicker,
  Form,
  Input,
  InputNumber,
  List,
  Row,
  Select,
  Space,
  Table,
  Tag,
  Tree,
} from 'antd';
import type { Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { SuggestionChannels } from '../../../contract/suggestions.ts';
import { hasPermission, useMe } from '../../app/session.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { useDateTimeFormat } from '../../components/format.ts';
import { Page } from '../../components/Page.tsx';
import { channelLabel } from './labels.ts';
import {
  useClusters,
  useCollectMailbox,
  useCreateTopic,
  useMailboxes,
  usePoints,
  useSaveSettings,
  useSettings,
  useTopics,
  type SuggestionSettings,
} from './suggestions.api.ts';

/** 征集网络与议题 (staff): 一心、三片、廿点, mailboxes, topic calls with clusters, deadlines. */
export function NetworkPage() {
  const { t } = useTranslation();
  return (
    <Page title={t('suggestions.network.title')} intro={t('suggestions.network.intro')}>
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={12}>
          <PointsCard />
        </Col>
        <Col xs={24} lg={12}>
          <MailboxesCard />
          <SettingsCard />
        </Col>
        <Col xs={24}>
          <TopicsCard />
        </Col>
      </Row>
    </Page>
  );
}

function PointsCard() {
  const { t } = useTranslation();
  const points = usePoints();
  const items = points.data?.items ?? [];
  interface TreeNode {
    key: number;
    title: string;
    children: TreeNode[];
  }
  const node = (id: number | null): TreeNode[] =>
    items
      .filter((p) => p.parentId === id)
      .map((p) => ({
        key: p.id,
        title: `${p.name}${p.openingHours ? ` · ${p.openingHours}` : ''}${p.staff ? ` · ${p.staff}` : ''} · ${t('suggestions.network.count', { n: p.suggestionCount })}`,
        children: node(p.id),
      }));
  const count = (kind: string) => items.filter((p) => p.kind === kind).length;
  return (
    <Card
      title={
        <h2 className="gz-section-title">
          {t('suggestions.network.points', { c: count('centre'), z: count('zone'), p: count('point') })}
        </h2>
      }
    >
      <ErrorAlert error={points.error} />
      {items.length > 0 ? <Tree treeData={node(null)} defaultExpandAll selectable={false} /> : null}
    </Card>
  );
}

function MailboxesCard() {
  const { t } = useTranslation();
  const format = useDateTimeFormat();
  const boxes = useMailboxes();
  const collect = useCollectMailbox();
  const [letters, setLetters] = useState<Record<number, number>>({});
  return (
    <Card title={<h2 className="gz-section-title">{t('suggestions.network.mailboxes')}</h2>}>
      <ErrorAlert error={boxes.error ?? collect.error} />
      <List
        dataSource={boxes.data?.items ?? []}
        renderItem={(b) => (
          <List.Item
            actions={[
              <Space key="c">
                <InputNumber
                  min={0}
                  aria-label={t('suggestions.network.letters')}
                  value={letters[b.id] ?? 0}
                  onChange={(v) => setLetters({ ...letters, [b.id]: v ?? 0 })}
                />
                <Button onClick={() => collect.mutate({ id: b.id, letters: letters[b.id] ?? 0 })}>
                  {t('suggestions.network.collect')}
                </Button>
              </Space>,
            ]}
          >
            <List.Item.Meta
              title={`${b.name}（${b.pointName ?? t('common.none')}）`}
              description={t('suggestions.network.lastCollected', {
                at: format(b.lastCollectedAt),
                n: b.lettersTotal,
              })}
            />
          </List.Item>
        )}
      />
    </Card>
  );
}

function SettingsCard() {
  const { t } = useTranslation();
  const me = useMe();
  const settings = useSettings();
  const save = useSaveSettings();
  if (!settings.data) return null;
  const canEdit = hasPermission(me, 'suggestion.manage');
  const fields: Array<keyof SuggestionSettings> = ['acceptDays', 'assignDays', 'handleDays', 'answerDays'];
  return (
    <Card
      style={{ marginTop: 16 }}
      title={<h2 className="gz-section-title">{t('suggestions.network.deadlines')}</h2>}
    >
      <Form
        layout="inline"
        initialValues={settings.data}
        onFinish={(v: SuggestionSettings) => save.mutate(v)}
        disabled={!canEdit}
      >
        {fields.map((f) => (
          <Form.Item key={f} name={f} label={t(`suggestions.network.${f}`)} rules={[{ required: true }]}>
            <InputNumber min={1} max={365} />
          </Form.Item>
        ))}
        {canEdit ? (
          <Button htmlType="submit" loading={save.isPending}>
            {t('common.save')}
          </Button>
        ) : null}
      </Form>
      <ErrorAlert error={save.error} />
    </Card>
  );
}

function TopicsCard() {
  const { t } = useTranslation();
  const me = useMe();
  const format = useDateTimeFormat();
  const topics = useTopics();
  const create = useCreateTopic();
  const [clusterTopic, setClusterTopic] = useState<number | null>(null);
  const clusters = useClusters(clusterTopic);
  const [form] = Form.useForm<{ subject: string; background: string; channels: string[]; deadline: Dayjs }>();
  return (
    <Card title={<h2 className="gz-section-title">{t('suggestions.network.topics')}</h2>}>
      <ErrorAlert error={topics.error} />
      <Table
        rowKey="id"
        pagination={false}
        dataSource={topics.data?.items ?? []}
        columns={[
          { title: t('suggestions.field.subject'), dataIndex: 'subject' },
          {
            title: t('suggestions.network.deadline'),
            dataIndex: 'deadline',
            render: (v: string) => format(v),
          },
          {
            title: t('common.status'),
            dataIndex: 'status',
            render: (v: string) => <Tag>{t(`suggestions.topicStatus.${v as 'open'}`)}</Tag>,
          },
          { title: t('suggestions.network.received'), dataIndex: 'suggestionCount' },
          {
            title: t('common.actions'),
            key: 'a',
            render: (_: unknown, r: { id: number }) => (
              <Button onClick={() => setClusterTopic(r.id)}>{t('suggestions.network.clusters')}</Button>
            ),
          },
        ]}
      />
      {clusters.data ? (
        <Card
          type="inner"
          style={{ marginTop: 16 }}
          title={t('suggestions.network.clusterTitle', { n: clusters.data.total })}
        >
          <List
            dataSource={clusters.data.clusters}
            renderItem={(c) => (
              <List.Item>
                <List.Item.Meta
                  title={`${c.label.join(' · ')}（${c.count}）`}
                  description={c.suggestions
                    .slice(0, 5)
                    .map((s) => s.subject)
                    .join('；')}
                />
              </List.Item>
            )}
          />
        </Card>
      ) : null}
      {hasPermission(me, 'suggestion.manage') ? (
        <Card type="inner" style={{ marginTop: 16 }} title={t('suggestions.network.newTopic')}>
          <Form
            form={form}
            layout="vertical"
            onFinish={(v) =>
              create.mutate(
                {
                  subject: v.subject,
                  background: v.background,
                  channels: v.channels as never,
                  deadline: v.deadline.toISOString(),
                },
                { onSuccess: () => form.resetFields() },
              )
            }
          >
            <Form.Item
              name="subject"
              label={t('suggestions.field.subject')}
              rules={[{ required: true, min: 2 }]}
            >
              <Input />
            </Form.Item>
            <Form.Item
              name="background"
              label={t('suggestions.network.background')}
              rules={[{ required: true, min: 2 }]}
            >
              <Input.TextArea rows={3} />
            </Form.Item>
            <Form.Item
              name="channels"
              label={t('suggestions.resident.channels')}
              rules={[{ required: true }]}
              initialValue={['online', 'point']}
            >
              <Select
                mode="multiple"
                options={SuggestionChannels.map((c) => ({ value: c, label: channelLabel(t, c) }))}
              />
            </Form.Item>
            <Form.Item name="deadline" label={t('suggestions.network.deadline')} rules={[{ required: true }]}>
              <DatePicker showTime />
            </Form.Item>
            <ErrorAlert error={create.error} />
            <Button type="primary" htmlType="submit" loading={create.isPending}>
              {t('suggestions.network.publish')}
            </Button>
          </Form>
        </Card>
      ) : null}
    </Card>
  );
}
