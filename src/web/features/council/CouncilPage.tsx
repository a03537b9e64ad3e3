import { useState } from 'react';
import {
  App,
  Button,
  Card,
  Col,
  Empty,
  Form,
  Input,
  Modal,
  Progress,
  Row,
  Select,
  Table,
  Tabs,
  Tag,
} from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { TopicSources } from '../../../contract/council.ts';
import { hasPermission, useMe } from '../../app/session.ts';
import { ButtonLink } from '../../components/ButtonLink.tsx';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { Page } from '../../components/Page.tsx';
import {
  useCreateMeeting,
  useCreateTopic,
  useMeetings,
  useProjects,
  useTopics,
  type Topic,
} from './council.api.ts';

const when = (iso: string) => new Date(iso).toLocaleString('zh-CN', { hour12: false });

/** 红色议事厅: topics, meetings and self-governance projects. */
export function CouncilPage() {
  const { t } = useTranslation();
  const me = useMe();
  const canManage = hasPermission(me, 'council.manage');
  const topics = useTopics();
  const meetings = useMeetings();
  const projects = useProjects();
  const [creating, setCreating] = useState<'topic' | 'meeting' | null>(null);

  return (
    <Page
      title={t('council.title')}
      intro={t('council.intro')}
      actions={
        canManage ? (
          <>
            <Button icon={<PlusOutlined aria-hidden />} onClick={() => setCreating('topic')}>
              {t('council.topics.create')}
            </Button>
            <Button type="primary" icon={<PlusOutlined aria-hidden />} onClick={() => setCreating('meeting')}>
              {t('council.meetings.create')}
            </Button>
          </>
        ) : null
      }
    >
      <ErrorAlert error={topics.error ?? meetings.error ?? projects.error} title={t('errors.loadFailed')} />
      <Tabs
        items={[
          {
            key: 'meetings',
            label: t('council.tabs.meetings'),
            children: (
              <Table
                rowKey="id"
                loading={meetings.isPending}
                dataSource={meetings.data?.items ?? []}
                locale={{ emptyText: t('council.meetings.empty') }}
                pagination={false}
                columns={[
                  { title: t('council.meetings.title'), dataIndex: 'title' },
                  {
                    title: t('council.meetings.heldAt'),
                    dataIndex: 'heldAt',
                    render: (v: string) => when(v),
                  },
                  { title: t('council.meetings.place'), dataIndex: 'place' },
                  {
                    title: t('council.meetings.attendance'),
                    render: (_: unknown, m) => `${m.presentCount} / ${m.invitedCount}`,
                  },
                  {
                    title: t('council.meetings.status'),
                    dataIndex: 'status',
                    render: (s: 'planned' | 'held') => <Tag>{t(`council.meetings.${s}`)}</Tag>,
                  },
                  {
                    title: '',
                    render: (_: unknown, m) => (
                      <ButtonLink
                        to={`/council/meetings/${m.id}`}
                        aria-label={`${t('council.meetings.open')} ${m.title}`}
                      >
                        {t('council.meetings.open')}
                      </ButtonLink>
                    ),
                  },
                ]}
              />
            ),
          },
          {
            key: 'topics',
            label: t('council.tabs.topics'),
            children: (
              <Table
                rowKey="id"
                loading={topics.isPending}
                dataSource={topics.data?.items ?? []}
                locale={{ emptyText: t('council.topics.empty') }}
                pagination={false}
                columns={[
                  { title: t('council.topics.title'), dataIndex: 'title' },
                  {
                    title: t('council.topics.source'),
                    dataIndex: 'source',
                    render: (s: Topic['source']) => t(`council.source.${s}`),
                  },
                  { title: t('council.topics.raisedBy'), dataIndex: 'raisedByName' },
                  {
                    title: t('council.topics.households'),
                    render: (_: unknown, r: Topic) => r.householdIds.length,
                  },
                  {
                    title: t('council.topics.status'),
                    dataIndex: 'status',
                    render: (s: Topic['status']) => <Tag>{t(`council.topicStatus.${s}`)}</Tag>,
                  },
                ]}
              />
            ),
          },
          {
            key: 'projects',
            label: t('council.tabs.projects'),
            children:
              (projects.data?.items.length ?? 0) === 0 ? (
                <Empty description={t('council.projects.empty')} />
              ) : (
                <Row gutter={[16, 16]}>
                  {projects.data?.items.map((p) => (
                    <Col key={p.id} xs={24} md={12} xl={8}>
                      <Card
                        title={<h2 className="gz-section-title">{p.name}</h2>}
                        extra={
                          p.published ? <Tag color="green">{t('council.projects.published')}</Tag> : null
                        }
                      >
                        <Tag>{p.kind}</Tag>
                        <p>{p.description}</p>
                        <p>
                          {t('council.projects.owners')}：{p.owners.map((o) => o.name).join('、')}
                        </p>
                        <Progress percent={p.progress} aria-label={t('council.projects.progress')} />
                        <ul>
                          {p.milestones.map((m) => (
                            <li key={m.id}>
                              {m.doneAt ? '✓ ' : '○ '}
                              {m.title}
                              {m.dueOn ? `（${m.dueOn}）` : ''}
                            </li>
                          ))}
                        </ul>
                        {p.resultSummary ? (
                          <p>
                            <strong>{t('council.projects.result')}：</strong>
                            {p.resultSummary}
                          </p>
                        ) : null}
                      </Card>
                    </Col>
                  ))}
                </Row>
              ),
          },
        ]}
      />
      {creating === 'topic' ? <TopicModal onClose={() => setCreating(null)} /> : null}
      {creating === 'meeting' ? (
        <MeetingModal topics={topics.data?.items ?? []} onClose={() => setCreating(null)} />
      ) : null}
    </Page>
  );
}

function TopicModal({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const create = useCreateTopic();
  const [form] = Form.useForm<{
    title: string;
    description?: string;
    source: Topic['source'];
    raisedByName: string;
  }>();
  return (
    <Modal
      open
      title={t('council.topics.create')}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={create.isPending}
    >
      <ErrorAlert error={create.error} />
      <Form
        form={form}
        layout="vertical"
        initialValues={{ source: 'staff' }}
        onFinish={(v) =>
          create.mutate(v, {
            onSuccess: () => {
              void message.success(t('council.meeting.saved'));
              onClose();
            },
          })
        }
      >
        <Form.Item name="title" label={t('council.topics.title')} rules={[{ required: true, min: 2 }]}>
          <Input />
        </Form.Item>
        <Form.Item name="description" label={t('council.topics.description')}>
          <Input.TextArea rows={3} />
        </Form.Item>
        <Form.Item name="source" label={t('council.topics.source')}>
          <Select options={TopicSources.map((s) => ({ value: s, label: t(`council.source.${s}`) }))} />
        </Form.Item>
        <Form.Item name="raisedByName" label={t('council.topics.raisedBy')} rules={[{ required: true }]}>
          <Input />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function MeetingModal({ topics, onClose }: { topics: Topic[]; onClose: () => void }) {
  const { t } = useTranslation();
  const create = useCreateMeeting();
  const [form] = Form.useForm<{
    title: string;
    heldAt: string;
    place: string;
    host: string;
    topicIds: number[];
  }>();
  return (
    <Modal
      open
      title={t('council.meetings.create')}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={create.isPending}
    >
      <ErrorAlert error={create.error} />
      <Form
        form={form}
        layout="vertical"
        initialValues={{ topicIds: [] }}
        onFinish={(v) =>
          create.mutate({ ...v, heldAt: new Date(v.heldAt).toISOString() }, { onSuccess: onClose })
        }
      >
        <Form.Item name="title" label={t('council.meetings.title')} rules={[{ required: true, min: 2 }]}>
          <Input />
        </Form.Item>
        <Form.Item name="heldAt" label={t('council.meetings.heldAt')} rules={[{ required: true }]}>
          <Input type="datetime-local" />
        </Form.Item>
        <Form.Item name="place" label={t('council.meetings.place')} rules={[{ required: true }]}>
          <Input />
        </Form.Item>
        <Form.Item name="host" label={t('council.meetings.host')} rules={[{ required: true }]}>
          <Input />
        </Form.Item>
        <Form.Item name="topicIds" label={t('council.meetings.agenda')}>
          <Select
            mode="multiple"
            options={topics
              .filter((x) => x.status === 'open' || x.status === 'discussing')
              .map((x) => ({ value: x.id, label: x.title }))}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
