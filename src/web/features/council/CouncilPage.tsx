import { OpinionLinks } from '../opinion/OpinionLinks.tsx';
import { useState } from 'react';
import { Button, Card, Col, Empty, Form, Input, Modal, Progress, Row, Select, Table, Tabs, Tag } from 'antd';
import { EditOutlined, NotificationOutlined, PlusOutlined, RocketOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { LinkableSources } from '../../../contract/council.ts';
import { hasPermission, useMe } from '../../app/session.ts';
import { ButtonLink } from '../../components/ButtonLink.tsx';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { Page } from '../../components/Page.tsx';
import { PublishModal, ProjectModal } from './ProjectModals.tsx';
import { TopicModal, TopicSourceCell } from './TopicModal.tsx';
import {
  useCouncilLive,
  useCreateMeeting,
  useMeetings,
  useProjects,
  useTopics,
  type Project,
  type Topic,
} from './council.api.ts';
import { useDateTimeFormat } from '../../components/format.ts';
import { streetTimeToIso } from '../../components/streetClock.ts';
import { useTabParam } from '../../components/useTabParam.ts';

/** 红色议事厅: topics, meetings and self-governance projects. */
export function CouncilPage() {
  const { t } = useTranslation();
  const when = useDateTimeFormat();
  const me = useMe();
  const canManage = hasPermission(me, 'council.manage');
  const topics = useTopics();
  const meetings = useMeetings();
  const projects = useProjects();
  const [creating, setCreating] = useState<'topic' | 'meeting' | null>(null);
  const [projectFrom, setProjectFrom] = useState<Topic | 'blank' | null>(null);
  const [editing, setEditing] = useState<Project | null>(null);
  const [publishing, setPublishing] = useState<Project | null>(null);
  const [tab, setTab] = useTabParam(['meetings', 'topics', 'projects'] as const);
  useCouncilLive();
  // 提交议事 from a household file or a suggestion: ?source=visit&ref=12 opens the prefilled form
  const [params, setParams] = useSearchParams();
  const draftSource = LinkableSources.find((x) => x === params.get('source'));
  const draftRef = Number(params.get('ref'));
  const draftOf =
    canManage && draftSource && Number.isInteger(draftRef) && draftRef > 0
      ? { source: draftSource, ref: draftRef }
      : undefined;
  const closeTopic = () => {
    setCreating(null);
    if (draftOf)
      setParams(
        (p) => {
          p.delete('source');
          p.delete('ref');
          return p;
        },
        { replace: true },
      );
  };

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
        activeKey={tab}
        onChange={setTab}
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
                  {
                    title: t('council.topics.title'),
                    render: (_: unknown, r: Topic) => (
                      <>
                        <div>{r.title}</div>
                        <OpinionLinks filter={{ topicId: r.id }} />
                      </>
                    ),
                  },
                  {
                    title: t('council.topics.source'),
                    render: (_: unknown, r: Topic) => <TopicSourceCell topic={r} />,
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
                  ...(canManage
                    ? [
                        {
                          title: '',
                          render: (_: unknown, r: Topic) =>
                            r.status === 'project' || r.status === 'closed' ? null : (
                              <Button
                                size="small"
                                icon={<RocketOutlined aria-hidden />}
                                aria-label={`${t('council.project.fromTopic')} ${r.title}`}
                                onClick={() => setProjectFrom(r)}
                              >
                                {t('council.project.fromTopic')}
                              </Button>
                            ),
                        },
                      ]
                    : []),
                ]}
              />
            ),
          },
          {
            key: 'projects',
            label: t('council.tabs.projects'),
            children: (
              <>
                {canManage ? (
                  <Button
                    className="gz-mb"
                    icon={<PlusOutlined aria-hidden />}
                    onClick={() => setProjectFrom('blank')}
                  >
                    {t('council.project.create')}
                  </Button>
                ) : null}
                {(projects.data?.items.length ?? 0) === 0 ? (
                  <Empty description={t('council.projects.empty')} />
                ) : (
                  <Row gutter={[16, 16]}>
                    {projects.data?.items.map((p) => (
                      <Col key={p.id} xs={24} md={12} xl={8}>
                        <Card
                          title={<h2 className="gz-section-title">{p.name}</h2>}
                          data-testid={`project-${p.id}`}
                          extra={
                            p.published ? <Tag color="green">{t('council.projects.published')}</Tag> : null
                          }
                          actions={
                            canManage
                              ? [
                                  <Button
                                    key="edit"
                                    type="link"
                                    icon={<EditOutlined aria-hidden />}
                                    aria-label={`${t('council.project.editShort')} ${p.name}`}
                                    onClick={() => setEditing(p)}
                                  >
                                    {t('council.project.editShort')}
                                  </Button>,
                                  <Button
                                    key="publish"
                                    type="link"
                                    icon={<NotificationOutlined aria-hidden />}
                                    aria-label={`${t('council.project.publish')} ${p.name}`}
                                    onClick={() => setPublishing(p)}
                                  >
                                    {p.published
                                      ? t('council.project.republish')
                                      : t('council.project.publish')}
                                  </Button>,
                                ]
                              : undefined
                          }
                        >
                          <Tag>{p.kind}</Tag>
                          <p>{p.description}</p>
                          <p>
                            {t('council.projects.owners')}：
                            {p.owners.map((o) => (o.role ? `${o.name}（${o.role}）` : o.name)).join('、')}
                          </p>
                          {p.members.length ? (
                            <p>
                              {t('council.project.members')}：{p.members.map((o) => o.name).join('、')}
                            </p>
                          ) : null}
                          {p.topics.length ? (
                            <p>
                              {t('council.project.topics')}：{p.topics.map((x) => x.title).join('；')}
                            </p>
                          ) : null}
                          {p.households.length ? (
                            <p>
                              {t('council.project.households')}：{p.households.map((h) => h.label).join('、')}
                            </p>
                          ) : null}
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
                )}
              </>
            ),
          },
        ]}
      />
      {projectFrom ? (
        <ProjectModal
          topics={topics.data?.items ?? []}
          {...(projectFrom === 'blank' ? {} : { fromTopic: projectFrom })}
          onSaved={() => setTab('projects')}
          onClose={() => setProjectFrom(null)}
        />
      ) : null}
      {editing ? (
        <ProjectModal project={editing} topics={topics.data?.items ?? []} onClose={() => setEditing(null)} />
      ) : null}
      {publishing ? <PublishModal project={publishing} onClose={() => setPublishing(null)} /> : null}
      {creating === 'topic' || draftOf ? <TopicModal draftOf={draftOf} onClose={closeTopic} /> : null}
      {creating === 'meeting' ? (
        <MeetingModal topics={topics.data?.items ?? []} onClose={() => setCreating(null)} />
      ) : null}
    </Page>
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
        onFinish={(v) => create.mutate({ ...v, heldAt: streetTimeToIso(v.heldAt) }, { onSuccess: onClose })}
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
