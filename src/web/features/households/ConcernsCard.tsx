import { useState } from 'react';
import { App, Button, Card, DatePicker, Empty, Form, Input, Modal, Space, Tag } from 'antd';
import { CheckOutlined, PlusOutlined } from '@ant-design/icons';
import type { Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { useDateTimeFormat } from '../../components/format.ts';
import { SubmitToCouncil } from '../council/SubmitToCouncil.tsx';
import { useAddConcern, useUpdateConcern, type Concern, type HouseholdFile } from './households.api.ts';

const statusColors: Record<Concern['status'], string> = {
  open: 'warning',
  in_progress: 'processing',
  resolved: 'success',
};

export function ConcernStatusTag({ concern }: { concern: Concern }) {
  const { t } = useTranslation();
  return (
    <>
      <Tag color={statusColors[concern.status]}>{t(`households.concerns.status_${concern.status}`)}</Tag>
      {concern.overdue ? <Tag color="error">{t('households.overdue')}</Tag> : null}
    </>
  );
}

/** 诉求: each concern tracked to a resolution; open ones first. */
export function ConcernsCard({ file }: { file: HouseholdFile }) {
  const { t } = useTranslation();
  const formatDate = useDateTimeFormat();
  const [adding, setAdding] = useState(false);
  const [resolving, setResolving] = useState<Concern | null>(null);
  const update = useUpdateConcern();
  const { message } = App.useApp();
  const concerns = [...file.concerns].sort(
    (a, b) => Number(a.status === 'resolved') - Number(b.status === 'resolved') || b.id - a.id,
  );
  const open = concerns.filter((c) => c.status !== 'resolved').length;
  return (
    <Card
      title={<h2 className="gz-section-title">{t('households.concerns.title', { open })}</h2>}
      extra={
        file.actions.concern ? (
          <Button size="small" icon={<PlusOutlined aria-hidden />} onClick={() => setAdding(true)}>
            {t('households.concerns.add')}
          </Button>
        ) : null
      }
    >
      {concerns.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('households.concerns.empty')} />
      ) : (
        <ul className="gz-hh-items">
          {concerns.map((c) => (
            <li key={c.id} className="gz-hh-item">
              <Space wrap size={[4, 4]}>
                <ConcernStatusTag concern={c} />
                {c.category ? <Tag>{c.category}</Tag> : null}
              </Space>
              <p className="gz-hh-concern-text">{c.content}</p>
              <p className="gz-hh-meta">
                {[
                  c.ownerName ? t('households.concerns.owner', { name: c.ownerName }) : null,
                  c.dueDate ? t('households.concerns.due', { date: c.dueDate }) : null,
                  t('households.concerns.raised', { time: formatDate(c.createdAt) }),
                ]
                  .filter(Boolean)
                  .join(' · ')}
              </p>
              {c.resolution ? (
                <p className="gz-hh-resolution">
                  {t('households.concerns.resolution')}：{c.resolution}
                </p>
              ) : null}
              <SubmitToCouncil source="concern" id={c.id} what={c.content.slice(0, 20)} />
              {file.actions.concern && c.status !== 'resolved' ? (
                <Space wrap className="gz-hh-item-actions">
                  {c.status === 'open' ? (
                    <Button
                      size="small"
                      loading={update.isPending && update.variables?.id === c.id}
                      onClick={() =>
                        update.mutate(
                          { id: c.id, body: { status: 'in_progress' } },
                          { onError: () => void message.error(t('households.concerns.updateFailed')) },
                        )
                      }
                    >
                      {t('households.concerns.startHandling')}
                    </Button>
                  ) : null}
                  <Button
                    size="small"
                    type="primary"
                    ghost
                    icon={<CheckOutlined aria-hidden />}
                    onClick={() => setResolving(c)}
                  >
                    {t('households.concerns.resolve')}
                  </Button>
                </Space>
              ) : null}
            </li>
          ))}
        </ul>
      )}
      {adding ? <AddConcernModal householdId={file.id} onClose={() => setAdding(false)} /> : null}
      {resolving ? <ResolveModal concern={resolving} onClose={() => setResolving(null)} /> : null}
    </Card>
  );
}

function AddConcernModal({ householdId, onClose }: { householdId: number; onClose: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ content: string; category?: string; dueDate?: Dayjs }>();
  const add = useAddConcern(householdId);
  return (
    <Modal
      open
      title={t('households.concerns.add')}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={add.isPending}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      <Form
        form={form}
        layout="vertical"
        name="add-concern"
        onFinish={(v) =>
          add.mutate(
            {
              content: v.content,
              ...(v.category?.trim() ? { category: v.category.trim() } : {}),
              ...(v.dueDate ? { dueDate: v.dueDate.format('YYYY-MM-DD') } : {}),
            },
            { onSuccess: onClose },
          )
        }
      >
        <Form.Item
          name="content"
          label={t('households.concerns.content')}
          rules={[{ required: true, whitespace: true, message: t('households.concerns.contentRequired') }]}
        >
          <Input.TextArea rows={3} maxLength={2000} />
        </Form.Item>
        <Form.Item name="category" label={t('households.concerns.category')}>
          <Input maxLength={50} placeholder={t('households.concerns.categoryPlaceholder')} />
        </Form.Item>
        <Form.Item name="dueDate" label={t('households.concerns.dueDate')}>
          <DatePicker className="gz-hh-date" />
        </Form.Item>
      </Form>
      <ErrorAlert error={add.error} />
    </Modal>
  );
}

function ResolveModal({ concern, onClose }: { concern: Concern; onClose: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ resolution: string }>();
  const update = useUpdateConcern();
  return (
    <Modal
      open
      title={t('households.concerns.resolveTitle')}
      okText={t('households.concerns.resolve')}
      cancelText={t('common.cancel')}
      confirmLoading={update.isPending}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      <p className="gz-hh-concern-text">{concern.content}</p>
      <Form
        form={form}
        layout="vertical"
        name="resolve-concern"
        onFinish={(v) =>
          update.mutate(
            { id: concern.id, body: { status: 'resolved', resolution: v.resolution.trim() } },
            { onSuccess: onClose },
          )
        }
      >
        <Form.Item
          name="resolution"
          label={t('households.concerns.resolution')}
          rules={[{ required: true, whitespace: true, message: t('households.concerns.resolutionRequired') }]}
        >
          <Input.TextArea
            rows={3}
            maxLength={2000}
            placeholder={t('households.concerns.resolutionPlaceholder')}
          />
        </Form.Item>
      </Form>
      <ErrorAlert error={update.error} />
    </Modal>
  );
}
