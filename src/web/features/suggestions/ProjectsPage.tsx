import {
  App,
  Button,
  Card,
  Checkbox,
  DatePicker,
  Empty,
  Form,
  Input,
  List,
  Select,
  Space,
  Progress,
  Tag,
} from 'antd';
import type { Dayjs } from 'dayjs';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { ProjectStatuses } from '../../../contract/suggestions.ts';
import { hasPermission, useMe } from '../../app/session.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { useDateTimeFormat } from '../../components/format.ts';
import { Page } from '../../components/Page.tsx';
import {
  useAddMilestone,
  useProjects,
  useSetMilestoneDone,
  useUpdateProject,
  type Project,
} from './suggestions.api.ts';
import './suggestions.css';
import { NumberInput } from '../../components/NumberInput.tsx';

type ProjectStatus = (typeof ProjectStatuses)[number];

/** 金点子 → 金钥匙 (staff): each project's progress, status and milestones, kept up to date. */
export function ProjectsPage() {
  const { t } = useTranslation();
  const projects = useProjects();
  const items = projects.data?.items ?? [];
  return (
    <Page title={t('suggestions.manage.projectsTitle')} intro={t('suggestions.manage.projectsIntro')}>
      <p>
        <Link to="/suggestions">{t('suggestions.manage.backToList')}</Link>
      </p>
      <ErrorAlert error={projects.error} onRetry={() => void projects.refetch()} />
      {!projects.isLoading && items.length === 0 ? (
        <Empty description={t('suggestions.resident.noProjects')} />
      ) : null}
      <Space orientation="vertical" size={16} style={{ width: '100%' }}>
        {items.map((p) => (
          <ProjectCard key={p.id} p={p} />
        ))}
      </Space>
    </Page>
  );
}

function ProjectCard({ p }: { p: Project }) {
  const { t } = useTranslation();
  const me = useMe();
  const format = useDateTimeFormat();
  const canManage = hasPermission(me, 'suggestion.manage');
  const toggle = useSetMilestoneDone();
  return (
    <Card
      title={<h2 className="gz-section-title">{p.name}</h2>}
      extra={<Tag>{t(`suggestions.manage.projectStatus.${p.status}`)}</Tag>}
    >
      {p.summary ? <p>{p.summary}</p> : null}
      <p className="gz-sg-meta">
        {t('suggestions.project.owner', { owner: p.owner })} ·{' '}
        {t('suggestions.project.from', { n: p.suggestions.length })}
      </p>
      <Progress percent={p.progress} aria-label={t('suggestions.project.progress')} />
      <h3 style={{ fontSize: 16, marginTop: 16 }}>{t('suggestions.project.milestones')}</h3>
      <ErrorAlert error={toggle.error} />
      <List
        size="small"
        locale={{ emptyText: t('suggestions.manage.noMilestones') }}
        dataSource={p.milestones}
        renderItem={(m) => (
          <List.Item>
            <Checkbox
              checked={m.doneAt !== null}
              disabled={!canManage || (toggle.isPending && toggle.variables.milestoneId === m.id)}
              onChange={(e) => toggle.mutate({ id: p.id, milestoneId: m.id, done: e.target.checked })}
            >
              {m.title}
            </Checkbox>
            <span className="gz-sg-meta">
              {[
                t(`suggestions.project.milestoneState.${m.state}`),
                m.dueOn ? t('suggestions.manage.dueOn', { date: m.dueOn }) : null,
                m.doneAt ? t('suggestions.manage.doneAt', { at: format(m.doneAt) }) : null,
              ]
                .filter(Boolean)
                .join(' · ')}
            </span>
          </List.Item>
        )}
      />
      {canManage ? (
        <>
          <ProgressForm p={p} />
          <MilestoneForm id={p.id} />
        </>
      ) : null}
    </Card>
  );
}

function ProgressForm({ p }: { p: Project }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const update = useUpdateProject();
  return (
    <Card type="inner" style={{ marginTop: 16 }} title={t('suggestions.manage.updateProgress')}>
      <Form<{ progress: number; status: ProjectStatus }>
        name={`sg-progress-${p.id}`}
        layout="inline"
        key={`${p.progress}-${p.status}`}
        initialValues={{ progress: p.progress, status: p.status }}
        onFinish={(v) =>
          update.mutate(
            { id: p.id, progress: v.progress, status: v.status },
            { onSuccess: () => void message.success(t('suggestions.manage.saved')) },
          )
        }
      >
        <Form.Item name="progress" label={t('suggestions.project.progress')} rules={[{ required: true }]}>
          <NumberInput min={0} max={100} suffix="%" />
        </Form.Item>
        <Form.Item name="status" label={t('common.status')} rules={[{ required: true }]}>
          <Select
            style={{ width: 140 }}
            options={ProjectStatuses.map((s) => ({
              value: s,
              label: t(`suggestions.manage.projectStatus.${s}`),
            }))}
          />
        </Form.Item>
        <Button htmlType="submit" loading={update.isPending}>
          {t('common.save')}
        </Button>
      </Form>
      <ErrorAlert error={update.error} />
    </Card>
  );
}

function MilestoneForm({ id }: { id: number }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const add = useAddMilestone();
  const [form] = Form.useForm<{ title: string; dueOn?: Dayjs }>();
  return (
    <Card type="inner" style={{ marginTop: 16 }} title={t('suggestions.manage.addMilestone')}>
      <Form
        name={`sg-milestone-${id}`}
        form={form}
        layout="inline"
        onFinish={(v) =>
          add.mutate(
            { id, title: v.title, ...(v.dueOn ? { dueOn: v.dueOn.format('YYYY-MM-DD') } : {}) },
            {
              onSuccess: () => {
                void message.success(t('suggestions.manage.saved'));
                form.resetFields();
              },
            },
          )
        }
      >
        <Form.Item
          name="title"
          label={t('suggestions.manage.milestoneTitle')}
          rules={[{ required: true, max: 200 }]}
        >
          <Input style={{ width: 240 }} />
        </Form.Item>
        <Form.Item name="dueOn" label={t('suggestions.manage.milestoneDue')}>
          <DatePicker />
        </Form.Item>
        <Button htmlType="submit" loading={add.isPending}>
          {t('suggestions.manage.add')}
        </Button>
      </Form>
      <ErrorAlert error={add.error} />
    </Card>
  );
}
