import { useState } from 'react';
import { App, Button, Card, DatePicker, Form, List, Modal, Space, Table, Tag } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { hasPermission, useMe } from '../../app/session.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { useDateTimeFormat } from '../../components/format.ts';
import { useClusters, useTopics, useUpdateTopic, type Topic } from './suggestions.api.ts';
import { NewTopicForm } from './NewTopicForm.tsx';

export function TopicsCard() {
  const { t } = useTranslation();
  const me = useMe();
  const format = useDateTimeFormat();
  const topics = useTopics();
  const update = useUpdateTopic();
  const { message } = App.useApp();
  const canManage = hasPermission(me, 'suggestion.manage');
  const [clusterTopic, setClusterTopic] = useState<number | null>(null);
  const [extending, setExtending] = useState<Topic | null>(null);
  const clusters = useClusters(clusterTopic);
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
      {hasPermission(me, 'suggestion.manage') ? <NewTopicForm /> : null}
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
