import { useState } from 'react';
import {
  Button,
  Card,
  Descriptions,
  Form,
  Image,
  Input,
  Modal,
  Radio,
  Select,
  Space,
  Tag,
  Timeline,
  Typography,
} from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { ClosureCodes, OrderPriorities } from '../../../contract/safety.ts';
import { useLiveEvent } from '../../api/live.ts';
import { ButtonLink } from '../../components/ButtonLink.tsx';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { useDateTimeFormat } from '../../components/format.ts';
import { Page } from '../../components/Page.tsx';
import { DeadlineBadge, PhotoPicker, PriorityTag, SafetyTabs } from './common.tsx';
import {
  orderAction,
  photoUrl,
  safetyKey,
  useAssignees,
  useSafetyMutation,
  useWorkOrder,
  type OrderAction,
  type WorkOrderDetail,
} from './safety.api.ts';

type Dialog = Exclude<OrderAction, 'accept' | 'reject'> | 'reject' | null;

/** One work order: facts, history, photos, and exactly the steps the viewer may take now. */
export function OrderPage() {
  const { t } = useTranslation();
  const id = Number(useParams().id);
  const qc = useQueryClient();
  const fmt = useDateTimeFormat();
  const query = useWorkOrder(id);
  useLiveEvent('safety.work_orders', (data) => {
    if ((data as { id?: number } | undefined)?.id === id) void qc.invalidateQueries({ queryKey: safetyKey });
  });
  const [dialog, setDialog] = useState<Dialog>(null);
  const [photos, setPhotos] = useState<number[]>([]);
  const [form] = Form.useForm();
  const act = useSafetyMutation((v: { action: string; body: unknown }) => orderAction(id, v.action, v.body));
  const o = query.data;
  const assignees = useAssignees(Boolean(o?.actions.includes('dispatch')));

  const run = async (action: string, body: unknown) => {
    await act.mutateAsync({ action, body });
    setDialog(null);
    setPhotos([]);
    form.resetFields();
  };
  const submit = async () => {
    const v = (await form.validateFields()) as Record<string, unknown>;
    if (dialog === 'dispatch')
      await run('dispatch', { assigneeId: v.assigneeId, priority: v.priority, note: v.note || undefined });
    else if (dialog === 'feedback')
      await run('feedback', { feedback: v.feedback, closureCode: v.closureCode, photoFileIds: photos });
    else if (dialog === 'close')
      await run('verify', { approve: true, closureCode: v.closureCode, note: v.note || undefined });
    else if (dialog === 'reject') await run('verify', { approve: false, note: v.note });
    else if (dialog === 'cancel') await run('cancel', { reason: v.reason });
  };

  if (!o)
    return (
      <Page title={t('safety.order.title', { id })}>
        <ErrorAlert error={query.error} onRetry={() => void query.refetch()} />
      </Page>
    );

  const buttons: Array<{ action: OrderAction; primary?: boolean; danger?: boolean }> = [
    { action: 'dispatch', primary: true },
    { action: 'accept', primary: true },
    { action: 'feedback', primary: true },
    { action: 'close', primary: true },
    { action: 'reject' },
    { action: 'cancel', danger: true },
  ];
  return (
    <Page
      title={`${t('safety.order.title', { id: o.id })} ${o.title}`}
      actions={<ButtonLink to="/safety">{t('safety.order.back')}</ButtonLink>}
    >
      <SafetyTabs />
      <Card style={{ marginBottom: 16 }}>
        <Space wrap style={{ marginBottom: 12 }}>
          <Tag color="geekblue" data-testid="safety-order-status">
            {t(`safety.status.${o.status}`)}
          </Tag>
          <PriorityTag priority={o.priority} />
          <DeadlineBadge order={o} />
        </Space>
        <div>
          {o.actions.length === 0 ? (
            <Typography.Text type="secondary">{t('safety.order.noActions')}</Typography.Text>
          ) : (
            <Space wrap>
              {buttons
                .filter((b) => o.actions.includes(b.action))
                .map((b) => (
                  <Button
                    key={b.action}
                    type={b.primary ? 'primary' : 'default'}
                    danger={b.danger}
                    size="large"
                    data-testid={`safety-action-${b.action}`}
                    loading={act.isPending && b.action === 'accept'}
                    onClick={() => {
                      if (b.action === 'accept') void run('accept', {});
                      else {
                        form.resetFields();
                        if (b.action === 'close')
                          form.setFieldsValue({ closureCode: o.closureCode ?? undefined });
                        if (b.action === 'dispatch')
                          form.setFieldsValue({
                            priority: o.priority,
                            assigneeId: o.assigneeId ?? undefined,
                          });
                        setDialog(b.action);
                      }
                    }}
                  >
                    {t(`safety.action.${b.action}`)}
                  </Button>
                ))}
            </Space>
          )}
        </div>
        {!dialog ? <ErrorAlert error={act.error} /> : null}
      </Card>
      <Card style={{ marginBottom: 16 }}>
        <Descriptions column={{ xs: 1, md: 2 }} size="small">
          <Descriptions.Item label={t('safety.order.source')}>
            {t(`safety.source.${o.source}`)}
            {o.alarmId ? ` · ${t('safety.order.alarm')} #${o.alarmId}` : ''}
            {o.hotlineTicket ? ` · ${t('safety.order.hotline')} ${o.hotlineTicket}` : ''}
          </Descriptions.Item>
          <Descriptions.Item label={t('safety.order.category')}>
            {o.category ? t(`safety.category.${o.category}`) : '—'}
          </Descriptions.Item>
          <Descriptions.Item label={t('safety.order.place')}>{o.place ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={t('safety.order.household')}>{o.householdLabel ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={t('safety.order.reporter')}>{o.reporterName ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={t('safety.order.assignee')}>
            <span data-testid="safety-order-assignee">{o.assigneeName ?? t('safety.board.unassigned')}</span>
          </Descriptions.Item>
          <Descriptions.Item label={t('safety.order.createdAt')}>{fmt(o.createdAt)}</Descriptions.Item>
          <Descriptions.Item label={t('safety.order.acceptDue')}>{fmt(o.acceptDueAt)}</Descriptions.Item>
          <Descriptions.Item label={t('safety.order.resolveDue')}>{fmt(o.resolveDueAt)}</Descriptions.Item>
          {o.description ? (
            <Descriptions.Item label={t('safety.order.description')} span={2}>
              <span style={{ whiteSpace: 'pre-wrap' }}>{o.description}</span>
            </Descriptions.Item>
          ) : null}
          {o.feedback ? (
            <Descriptions.Item label={t('safety.order.feedback')} span={2}>
              {o.feedback}
            </Descriptions.Item>
          ) : null}
          {o.closureCode ? (
            <Descriptions.Item label={t('safety.order.closureCode')}>
              {t(`safety.closure.${o.closureCode}`)}
            </Descriptions.Item>
          ) : null}
          {o.verifyNote ? (
            <Descriptions.Item label={t('safety.order.verifyNote')}>{o.verifyNote}</Descriptions.Item>
          ) : null}
          {o.cancelReason ? (
            <Descriptions.Item label={t('safety.order.cancelReason')}>{o.cancelReason}</Descriptions.Item>
          ) : null}
        </Descriptions>
      </Card>
      {o.photos.length > 0 ? (
        <Card title={t('safety.order.photos')} style={{ marginBottom: 16 }}>
          <Image.PreviewGroup>
            <Space wrap>
              {o.photos.map((p) => (
                <Image
                  key={p.fileId}
                  src={photoUrl(p.fileId)}
                  width={120}
                  height={120}
                  style={{ objectFit: 'cover' }}
                  alt=""
                />
              ))}
            </Space>
          </Image.PreviewGroup>
        </Card>
      ) : null}
      <Card title={t('safety.order.timeline')}>
        <Timeline
          items={o.events.map((e) => ({
            color:
              e.action === 'escalate' || e.action === 'remind'
                ? 'red'
                : e.action === 'close'
                  ? 'green'
                  : 'blue',
            children: (
              <div>
                <strong>{t(`safety.action.${e.action as 'create'}`, { defaultValue: e.action })}</strong>
                {e.toStatus && e.toStatus !== e.fromStatus
                  ? ` → ${t(`safety.status.${e.toStatus as 'pending'}`)}`
                  : ''}
                <div style={{ color: '#595959', fontSize: 13 }}>
                  {fmt(e.at)}
                  {e.actorName ? ` · ${e.actorName}` : ''}
                  {e.note ? ` · ${e.note}` : ''}
                </div>
              </div>
            ),
          }))}
        />
      </Card>
      <Modal
        open={dialog !== null}
        title={dialog ? t(`safety.action.${dialog}`) : ''}
        okText={t('safety.order.submit')}
        onOk={() => void submit().catch(() => undefined)}
        confirmLoading={act.isPending}
        onCancel={() => setDialog(null)}
        okButtonProps={{ 'data-testid': 'safety-dialog-ok' }}
        destroyOnHidden
      >
        <ErrorAlert error={act.error} />
        <Form form={form} layout="vertical" preserve={false}>
          {dialog === 'dispatch' ? (
            <DispatchFields order={o} assignees={assignees.data?.items ?? []} />
          ) : null}
          {dialog === 'feedback' ? (
            <>
              <Form.Item name="feedback" label={t('safety.order.feedbackText')} rules={[{ required: true }]}>
                <Input.TextArea rows={4} data-testid="safety-feedback-text" />
              </Form.Item>
              <Form.Item
                name="closureCode"
                label={t('safety.order.closureCode')}
                rules={[{ required: true }]}
              >
                <Radio.Group>
                  <Space direction="vertical">
                    {ClosureCodes.map((c) => (
                      <Radio key={c} value={c}>
                        {t(`safety.closure.${c}`)}
                      </Radio>
                    ))}
                  </Space>
                </Radio.Group>
              </Form.Item>
              <Form.Item label={t('safety.order.photos')}>
                <PhotoPicker value={photos} onChange={setPhotos} label={t('safety.order.photo')} />
              </Form.Item>
            </>
          ) : null}
          {dialog === 'close' ? (
            <>
              {/* initialValue: the field mounts with the dialog, after the click handler ran */}
              <Form.Item
                name="closureCode"
                label={t('safety.order.closureCode')}
                rules={[{ required: true }]}
                initialValue={o.closureCode ?? undefined}
              >
                <Select options={ClosureCodes.map((c) => ({ value: c, label: t(`safety.closure.${c}`) }))} />
              </Form.Item>
              <Form.Item name="note" label={t('safety.order.verifyNote')}>
                <Input.TextArea rows={2} />
              </Form.Item>
            </>
          ) : null}
          {dialog === 'reject' ? (
            <Form.Item name="note" label={t('safety.order.rejectNote')} rules={[{ required: true }]}>
              <Input.TextArea rows={3} />
            </Form.Item>
          ) : null}
          {dialog === 'cancel' ? (
            <Form.Item name="reason" label={t('safety.order.reason')} rules={[{ required: true }]}>
              <Input.TextArea rows={3} />
            </Form.Item>
          ) : null}
        </Form>
      </Modal>
    </Page>
  );
}

function DispatchFields({
  order,
  assignees,
}: {
  order: WorkOrderDetail;
  assignees: Array<{ id: number; name: string; openOrders: number }>;
}) {
  const { t } = useTranslation();
  return (
    <>
      <Form.Item name="assigneeId" label={t('safety.order.assigneePicker')} rules={[{ required: true }]}>
        <Select
          showSearch
          optionFilterProp="label"
          data-testid="safety-assignee-select"
          options={assignees.map((a) => ({
            value: a.id,
            label: `${a.name}（${t('safety.order.openOrders', { n: a.openOrders })}）`,
          }))}
        />
      </Form.Item>
      <Form.Item name="priority" label={t('safety.order.priority')} initialValue={order.priority}>
        <Radio.Group>
          {OrderPriorities.map((p) => (
            <Radio.Button key={p} value={p}>
              {t(`safety.priority.${p}`)}
            </Radio.Button>
          ))}
        </Radio.Group>
      </Form.Item>
      <Form.Item name="note" label={t('safety.order.note')}>
        <Input />
      </Form.Item>
    </>
  );
}
