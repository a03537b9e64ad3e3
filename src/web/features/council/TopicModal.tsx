import { useEffect } from 'react';
import { App, Form, Input, Modal, Select, Spin } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { TopicSources } from '../../../contract/council.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { useCreateTopic, useTopicDraft, type LinkableSource, type Topic } from './council.api.ts';

/** Where a topic's linked record is read: the household file for a visit or concern, else the suggestion. */
export function sourceRecordPath(topic: Pick<Topic, 'source' | 'sourceRecord'>): string | null {
  const r = topic.sourceRecord;
  if (!r) return null;
  if (topic.source === 'suggestion') return `/suggestions/${r.id}`;
  return r.householdId === null ? null : `/households/${r.householdId}`;
}

/** The topic's source: its linked record as a link, else the kind of source only. */
export function TopicSourceCell({ topic }: { topic: Topic }) {
  const { t } = useTranslation();
  const kind = t(`council.source.${topic.source}`);
  const path = sourceRecordPath(topic);
  if (!topic.sourceRecord) return <>{kind}</>;
  return path ? (
    <Link to={path} data-testid={`topic-source-${topic.id}`}>
      {topic.sourceRecord.label}
    </Link>
  ) : (
    <>{topic.sourceRecord.label}</>
  );
}

interface TopicForm {
  title: string;
  description?: string;
  source: Topic['source'];
  raisedByName: string;
}

/**
 * Raises a topic; given a record (提交议事 from a household file or a suggestion) the form starts from
 * it — title, description, who raised it, household and building — and the topic links it.
 */
export function TopicModal({
  draftOf,
  onClose,
}: {
  draftOf?: { source: LinkableSource; ref: number } | undefined;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const create = useCreateTopic();
  const draft = useTopicDraft(draftOf?.source ?? null, draftOf?.ref ?? null);
  const [form] = Form.useForm<TopicForm>();
  useEffect(() => {
    if (draft.data)
      form.setFieldsValue({
        title: draft.data.title,
        description: draft.data.description,
        source: draft.data.source,
        raisedByName: draft.data.raisedByName,
      });
  }, [draft.data, form]);
  const linked = draft.data;
  return (
    <Modal
      open
      title={t('council.topics.create')}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={create.isPending}
    >
      <ErrorAlert error={create.error ?? draft.error} />
      {draftOf && draft.isPending ? <Spin tip={t('council.topicSource.loading')} /> : null}
      {linked ? (
        <p data-testid="topic-draft-source">
          {t('council.topicSource.record')}：{t(`council.source.${linked.source}`)} #{linked.sourceRef}
        </p>
      ) : null}
      <Form
        form={form}
        layout="vertical"
        initialValues={{ source: 'staff' }}
        onFinish={(v) =>
          create.mutate(
            linked
              ? {
                  ...v,
                  source: linked.source,
                  sourceRef: linked.sourceRef,
                  householdIds: linked.householdIds,
                  buildingIds: linked.buildingIds,
                }
              : v,
            {
              onSuccess: () => {
                void message.success(t('council.meeting.saved'));
                onClose();
              },
            },
          )
        }
      >
        <Form.Item name="title" label={t('council.topics.title')} rules={[{ required: true, min: 2 }]}>
          <Input />
        </Form.Item>
        <Form.Item name="description" label={t('council.topics.description')}>
          <Input.TextArea rows={3} />
        </Form.Item>
        <Form.Item name="source" label={t('council.topics.source')}>
          <Select
            disabled={Boolean(linked)}
            options={TopicSources.map((s) => ({ value: s, label: t(`council.source.${s}`) }))}
          />
        </Form.Item>
        <Form.Item name="raisedByName" label={t('council.topics.raisedBy')} rules={[{ required: true }]}>
          <Input />
        </Form.Item>
      </Form>
    </Modal>
  );
}
