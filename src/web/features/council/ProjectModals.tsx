import { App, Button, Checkbox, Form, Input, Modal, Select, Slider, Space, Switch } from 'antd';
import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { HouseholdPicker } from './HouseholdPicker.tsx';
import {
  useCreateProject,
  usePublishProject,
  useUpdateProject,
  type Project,
  type Topic,
} from './council.api.ts';

/** Kinds of self-governance projects streets run; a street may type its own. */
const PROJECT_KINDS = ['事和院', '一把钥匙开一把锁', '同心成套改造助力团', '楼组自治', '睦邻互助'];

const FIELDSET = {
  border: '1px solid #e5e5e5',
  borderRadius: 8,
  padding: '8px 12px 12px',
  marginBottom: 16,
} as const;

type Person = { name: string; role?: string };
type ProjectForm = {
  name: string;
  kind: string[];
  description?: string;
  owners: Person[];
  members: Person[];
  topicIds: number[];
  householdIds: number[];
  milestones: Array<{ id?: number; title: string; dueOn?: string; done?: boolean }>;
  progress: number;
};

function PeopleList({ name, label, min }: { name: 'owners' | 'members'; label: string; min: number }) {
  const { t } = useTranslation();
  return (
    <Form.List name={name}>
      {(fields, { add, remove }) => (
        <fieldset style={FIELDSET}>
          <legend>{label}</legend>
          {fields.map((f, i) => (
            <Space key={f.key} align="baseline" wrap>
              <Form.Item
                name={[f.name, 'name']}
                label={`${label}${i + 1}`}
                rules={[{ required: true, whitespace: true }]}
              >
                <Input />
              </Form.Item>
              <Form.Item name={[f.name, 'role']} label={t('council.project.role')}>
                <Input />
              </Form.Item>
              {fields.length > min ? (
                <MinusCircleOutlined
                  role="button"
                  aria-label={`${t('council.project.remove')} ${label}${i + 1}`}
                  onClick={() => remove(f.name)}
                />
              ) : null}
            </Space>
          ))}
          <Button size="small" icon={<PlusOutlined aria-hidden />} onClick={() => add({ name: '' })}>
            {t('council.project.add', { what: label })}
          </Button>
        </fieldset>
      )}
    </Form.List>
  );
}

/**
 * Starts a project from a topic (prefilled with its title, households) or edits one: people, links,
 * milestones (with done ticks) and progress.
 */
export function ProjectModal({
  project,
  fromTopic,
  topics,
  onClose,
  onSaved,
}: {
  project?: Project;
  fromTopic?: Topic;
  topics: Topic[];
  onClose: () => void;
  onSaved?: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const create = useCreateProject();
  const update = useUpdateProject(project?.id ?? 0);
  const mutation = project ? update : create;
  const [form] = Form.useForm<ProjectForm>();
  const initial: ProjectForm = project
    ? {
        name: project.name,
        kind: [project.kind],
        description: project.description ?? undefined,
        owners: project.owners,
        members: project.members,
        topicIds: project.topicIds,
        householdIds: project.householdIds,
        milestones: project.milestones.map((m) => ({
          id: m.id,
          title: m.title,
          dueOn: m.dueOn ?? undefined,
          done: m.doneAt !== null,
        })),
        progress: project.progress,
      }
    : {
        name: fromTopic ? fromTopic.title : '',
        kind: [],
        description: fromTopic?.description ?? undefined,
        owners: [{ name: fromTopic?.raisedByName ?? '' }],
        members: [],
        topicIds: fromTopic ? [fromTopic.id] : [],
        householdIds: fromTopic?.householdIds ?? [],
        milestones: [],
        progress: 0,
      };
  const submit = (v: ProjectForm) => {
    const common = {
      name: v.name,
      kind: v.kind.at(-1) ?? '',
      ...(v.description ? { description: v.description } : {}),
      owners: v.owners.map((o) => ({ name: o.name, ...(o.role ? { role: o.role } : {}) })),
      members: (v.members ?? []).map((o) => ({ name: o.name, ...(o.role ? { role: o.role } : {}) })),
      topicIds: v.topicIds ?? [],
      householdIds: v.householdIds ?? [],
    };
    const milestones = (v.milestones ?? []).map((m) => ({
      ...(m.id ? { id: m.id } : {}),
      title: m.title,
      ...(m.dueOn ? { dueOn: m.dueOn } : {}),
      done: !!m.done,
    }));
    const done = {
      onSuccess: () => {
        void message.success(t('council.meeting.saved'));
        onSaved?.();
        onClose();
      },
    };
    if (project) update.mutate({ ...common, milestones, progress: v.progress }, done);
    else
      create.mutate(
        {
          ...common,
          milestones: milestones.map(({ title, dueOn }) => ({ title, ...(dueOn ? { dueOn } : {}) })),
        },
        done,
      );
  };
  return (
    <Modal
      open
      width={760}
      title={project ? t('council.project.edit', { name: project.name }) : t('council.project.create')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('council.project.save')}
      confirmLoading={mutation.isPending}
    >
      <ErrorAlert error={mutation.error} />
      <Form form={form} layout="vertical" initialValues={initial} onFinish={submit}>
        <Form.Item name="name" label={t('council.project.name')} rules={[{ required: true, min: 2 }]}>
          <Input />
        </Form.Item>
        <Form.Item
          name="kind"
          label={t('council.project.kind')}
          rules={[{ required: true, type: 'array', min: 1 }]}
          extra={t('council.project.kindHelp')}
        >
          <Select mode="tags" maxCount={1} options={PROJECT_KINDS.map((k) => ({ value: k, label: k }))} />
        </Form.Item>
        <Form.Item name="description" label={t('council.topics.description')}>
          <Input.TextArea rows={2} />
        </Form.Item>
        <PeopleList name="owners" label={t('council.projects.owners')} min={1} />
        <PeopleList name="members" label={t('council.project.members')} min={0} />
        <Form.Item name="topicIds" label={t('council.project.topics')}>
          <Select
            mode="multiple"
            optionFilterProp="label"
            options={topics.map((x) => ({ value: x.id, label: x.title }))}
          />
        </Form.Item>
        <Form.Item name="householdIds" label={t('council.project.households')}>
          <HouseholdPicker endpoint="/council/households" multiple known={project?.households ?? []} />
        </Form.Item>
        <Form.List name="milestones">
          {(fields, { add, remove }) => (
            <fieldset style={FIELDSET}>
              <legend>{t('council.projects.milestones')}</legend>
              {fields.map((f, i) => (
                <Space key={f.key} align="baseline" wrap>
                  <Form.Item
                    name={[f.name, 'title']}
                    label={`${t('council.project.milestone')}${i + 1}`}
                    rules={[{ required: true, whitespace: true }]}
                  >
                    <Input />
                  </Form.Item>
                  <Form.Item name={[f.name, 'dueOn']} label={t('council.project.dueOn')}>
                    <Input type="date" />
                  </Form.Item>
                  {project ? (
                    <Form.Item name={[f.name, 'done']} valuePropName="checked">
                      <Checkbox>{t('council.project.done')}</Checkbox>
                    </Form.Item>
                  ) : null}
                  <MinusCircleOutlined
                    role="button"
                    aria-label={`${t('council.project.remove')} ${t('council.project.milestone')}${i + 1}`}
                    onClick={() => remove(f.name)}
                  />
                </Space>
              ))}
              <Button size="small" icon={<PlusOutlined aria-hidden />} onClick={() => add({ title: '' })}>
                {t('council.project.add', { what: t('council.project.milestone') })}
              </Button>
            </fieldset>
          )}
        </Form.List>
        {project ? (
          <Form.Item name="progress" label={t('council.projects.progress')}>
            <Slider marks={{ 0: '0%', 50: '50%', 100: '100%' }} />
          </Form.Item>
        ) : null}
      </Form>
    </Modal>
  );
}

/** Publishes the project's results for residents (with the project marked done, or as an update). */
export function PublishModal({ project, onClose }: { project: Project; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const publish = usePublishProject(project.id);
  const [form] = Form.useForm<{ resultSummary: string; completed: boolean }>();
  return (
    <Modal
      open
      title={t('council.project.publishTitle', { name: project.name })}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('council.project.publish')}
      confirmLoading={publish.isPending}
    >
      <ErrorAlert error={publish.error} />
      <p>{t('council.project.publishHelp')}</p>
      <Form
        form={form}
        layout="vertical"
        initialValues={{ resultSummary: project.resultSummary ?? '', completed: true }}
        onFinish={(v) =>
          publish.mutate(v, {
            onSuccess: () => {
              void message.success(t('council.project.publishedDone'));
              onClose();
            },
          })
        }
      >
        <Form.Item
          name="resultSummary"
          label={t('council.projects.result')}
          rules={[{ required: true, min: 2 }]}
        >
          <Input.TextArea rows={4} />
        </Form.Item>
        <Form.Item name="completed" label={t('council.project.completed')} valuePropName="checked">
          <Switch />
        </Form.Item>
      </Form>
    </Modal>
  );
}
