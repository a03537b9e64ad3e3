import { useState } from 'react';
import {
  App,
  Button,
  Card,
  Checkbox,
  Col,
  DatePicker,
  Form,
  Input,
  List,
  Modal,
  Row,
  Select,
  Space,
  Table,
  Tag,
  Tree,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { PointKinds, SuggestionChannels } from '../../../contract/suggestions.ts';
import { hasPermission, useMe } from '../../app/session.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { useDateTimeFormat } from '../../components/format.ts';
import { Page } from '../../components/Page.tsx';
import { channelLabel } from './labels.ts';
import {
  useClusters,
  useCollectMailbox,
  useCreateMailbox,
  useCreatePoint,
  useCreateTopic,
  useCreateVisit,
  useMailboxes,
  usePoints,
  useSaveSettings,
  useSettings,
  useTopics,
  useUpdateTopic,
  useVisits,
  type CollectionPoint,
  type SuggestionSettings,
  type Topic,
} from './suggestions.api.ts';
import { UnitsCard } from './UnitsCard.tsx';
import { NumberInput } from '../../components/NumberInput.tsx';

type PointKind = (typeof PointKinds)[number];
const PARENT_KIND: Record<PointKind, PointKind | null> = { centre: null, zone: 'centre', point: 'zone' };

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
          <UnitsCard />
        </Col>
        <Col xs={24}>
          <VisitsCard />
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
  const me = useMe();
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
      {hasPermission(me, 'suggestion.manage') ? <NewPointForm points={items} /> : null}
    </Card>
  );
}

interface PointValues {
  kind: PointKind;
  parentId?: number;
  name: string;
  address?: string;
  staff?: string;
  openingHours?: string;
}

function NewPointForm({ points }: { points: CollectionPoint[] }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const create = useCreatePoint();
  const [form] = Form.useForm<PointValues>();
  const kind = Form.useWatch('kind', form) ?? 'point';
  const parentKind = PARENT_KIND[kind];
  return (
    <Card type="inner" style={{ marginTop: 16 }} title={t('suggestions.manage.newPoint')}>
      <Form<PointValues>
        name="sg-point"
        form={form}
        layout="vertical"
        initialValues={{ kind: 'point' }}
        onFinish={(v) =>
          create.mutate(
            {
              kind: v.kind,
              ...(PARENT_KIND[v.kind] && v.parentId ? { parentId: v.parentId } : {}),
              name: v.name,
              address: v.address ?? '',
              staff: v.staff ?? '',
              openingHours: v.openingHours ?? '',
            },
            {
              onSuccess: () => {
                void message.success(t('suggestions.manage.saved'));
                form.resetFields();
              },
            },
          )
        }
      >
        <Row gutter={12}>
          <Col xs={24} sm={12}>
            <Form.Item name="kind" label={t('suggestions.manage.kind')} rules={[{ required: true }]}>
              <Select
                options={PointKinds.map((k) => ({ value: k, label: t(`suggestions.manage.kinds.${k}`) }))}
                onChange={() => form.setFieldValue('parentId', undefined)}
              />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            {parentKind ? (
              <Form.Item name="parentId" label={t('suggestions.manage.parent')} rules={[{ required: true }]}>
                <Select
                  options={points
                    .filter((p) => p.kind === parentKind)
                    .map((p) => ({ value: p.id, label: p.name }))}
                />
              </Form.Item>
            ) : null}
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item
              name="name"
              label={t('suggestions.manage.name')}
              rules={[{ required: true, max: 100 }]}
            >
              <Input />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="address" label={t('suggestions.manage.address')} rules={[{ max: 200 }]}>
              <Input />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="staff" label={t('suggestions.manage.staff')} rules={[{ max: 200 }]}>
              <Input />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item
              name="openingHours"
              label={t('suggestions.manage.openingHours')}
              rules={[{ max: 200 }]}
            >
              <Input />
            </Form.Item>
          </Col>
        </Row>
        <ErrorAlert error={create.error} />
        <Button htmlType="submit" loading={create.isPending}>
          {t('suggestions.manage.addPoint')}
        </Button>
      </Form>
    </Card>
  );
}

function MailboxesCard() {
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

function VisitsCard() {
  const { t } = useTranslation();
  const me = useMe();
  const { message } = App.useApp();
  const visits = useVisits();
  const create = useCreateVisit();
  const [form] = Form.useForm<{ leaderName: string; visitedOn: Dayjs; place: string; notes?: string }>();
  return (
    <Card title={<h2 className="gz-section-title">{t('suggestions.manage.visits')}</h2>}>
      <ErrorAlert error={visits.error} />
      <Table
        rowKey="id"
        pagination={false}
        dataSource={visits.data?.items ?? []}
        columns={[
          { title: t('suggestions.manage.visitedOn'), dataIndex: 'visitedOn' },
          { title: t('suggestions.manage.leaderName'), dataIndex: 'leaderName' },
          { title: t('suggestions.manage.place'), dataIndex: 'place' },
          { title: t('suggestions.manage.visitNotes'), dataIndex: 'notes' },
          { title: t('suggestions.network.received'), dataIndex: 'suggestionCount' },
        ]}
        scroll={{ x: 700 }}
      />
      {hasPermission(me, 'suggestion.handle') ? (
        <Card type="inner" style={{ marginTop: 16 }} title={t('suggestions.manage.newVisit')}>
          <Form
            name="sg-visit"
            form={form}
            layout="vertical"
            onFinish={(v) =>
              create.mutate(
                {
                  leaderName: v.leaderName,
                  visitedOn: v.visitedOn.format('YYYY-MM-DD'),
                  place: v.place,
                  notes: v.notes ?? '',
                },
                {
                  onSuccess: () => {
                    void message.success(t('suggestions.manage.saved'));
                    form.resetFields();
                  },
                },
              )
            }
          >
            <Row gutter={12}>
              <Col xs={24} sm={8}>
                <Form.Item
                  name="leaderName"
                  label={t('suggestions.manage.leaderName')}
                  rules={[{ required: true, max: 100 }]}
                >
                  <Input />
                </Form.Item>
              </Col>
              <Col xs={24} sm={8}>
                <Form.Item
                  name="visitedOn"
                  label={t('suggestions.manage.visitedOn')}
                  rules={[{ required: true }]}
                >
                  <DatePicker style={{ width: '100%' }} />
                </Form.Item>
              </Col>
              <Col xs={24} sm={8}>
                <Form.Item
                  name="place"
                  label={t('suggestions.manage.place')}
                  rules={[{ required: true, max: 200 }]}
                >
                  <Input />
                </Form.Item>
              </Col>
            </Row>
            <Form.Item name="notes" label={t('suggestions.manage.visitNotes')} rules={[{ max: 2000 }]}>
              <Input.TextArea rows={2} />
            </Form.Item>
            <ErrorAlert error={create.error} />
            <Button htmlType="submit" loading={create.isPending}>
              {t('suggestions.manage.addVisit')}
            </Button>
          </Form>
        </Card>
      ) : null}
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
            <NumberInput min={1} max={365} />
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
  const update = useUpdateTopic();
  const { message } = App.useApp();
  const canManage = hasPermission(me, 'suggestion.manage');
  const [clusterTopic, setClusterTopic] = useState<number | null>(null);
  const [extending, setExtending] = useState<Topic | null>(null);
  const clusters = useClusters(clusterTopic);
  const [form] = Form.useForm<{
    subject: string;
    background: string;
    channels: string[];
    deadline: Dayjs;
    publish: boolean;
  }>();
  const change = (id: number, action: 'publish' | 'close') =>
    update.mutate(
      { id, action },
      { onSuccess: () => void message.success(t(`suggestions.manage.topicDone.${action}`)) },
    );
  return (
    <Card title={<h2 className="gz-section-title">{t('suggestions.network.topics')}</h2>}>
      <ErrorAlert error={topics.error ?? update.error} />
      <Table<Topic>
        rowKey="id"
        pagination={false}
        scroll={{ x: 800 }}
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
            render: (_: unknown, r) => (
              <Space wrap>
                <Button onClick={() => setClusterTopic(r.id)}>{t('suggestions.network.clusters')}</Button>
                {canManage && r.status === 'draft' ? (
                  <Button
                    type="primary"
                    loading={update.isPending && update.variables.id === r.id}
                    onClick={() => change(r.id, 'publish')}
                  >
                    {t('suggestions.manage.publishTopic')}
                  </Button>
                ) : null}
                {canManage ? (
                  <Button onClick={() => setExtending(r)}>{t('suggestions.manage.extend')}</Button>
                ) : null}
                {canManage && r.status === 'open' ? (
                  <Button danger onClick={() => change(r.id, 'close')}>
                    {t('suggestions.manage.closeTopic')}
                  </Button>
                ) : null}
              </Space>
            ),
          },
        ]}
      />
      <ExtendDialog topic={extending} onClose={() => setExtending(null)} />
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
            name="sg-topic"
            form={form}
            layout="vertical"
            onFinish={(v) =>
              create.mutate(
                {
                  subject: v.subject,
                  background: v.background,
                  channels: v.channels as never,
                  deadline: v.deadline.toISOString(),
                  publish: v.publish,
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
            <Form.Item name="publish" valuePropName="checked" initialValue={true}>
              <Checkbox>{t('suggestions.manage.publishNow')}</Checkbox>
            </Form.Item>
            <ErrorAlert error={create.error} />
            <Button type="primary" htmlType="submit" loading={create.isPending}>
              {t('common.save')}
            </Button>
          </Form>
        </Card>
      ) : null}
    </Card>
  );
}

function ExtendDialog({ topic, onClose }: { topic: Topic | null; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const update = useUpdateTopic();
  const [form] = Form.useForm<{ deadline: Dayjs }>();
  return (
    <Modal
      open={topic !== null}
      title={t('suggestions.manage.extendTitle', { subject: topic?.subject ?? '' })}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={update.isPending}
      destroyOnHidden
    >
      <Form
        name="sg-extend"
        form={form}
        layout="vertical"
        preserve={false}
        onFinish={(v) =>
          topic &&
          update.mutate(
            { id: topic.id, action: 'extend', deadline: v.deadline.toISOString() },
            {
              onSuccess: () => {
                void message.success(t('suggestions.manage.topicDone.extend'));
                onClose();
              },
            },
          )
        }
      >
        <Form.Item
          name="deadline"
          label={t('suggestions.manage.newDeadline')}
          rules={[{ required: true }]}
          initialValue={topic ? laterOf(dayjs(topic.deadline), dayjs()).add(7, 'day') : undefined}
        >
          <DatePicker showTime disabledDate={(d) => d.isBefore(dayjs(), 'day')} />
        </Form.Item>
        <ErrorAlert error={update.error} />
      </Form>
    </Modal>
  );
}

const laterOf = (a: Dayjs, b: Dayjs) => (a.isAfter(b) ? a : b);
