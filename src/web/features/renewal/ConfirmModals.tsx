import { Form, Input, Modal, Select, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { useMe } from '../../app/session.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { useDateTimeFormat } from '../../components/format.ts';
import { useConfirmDrawing, useConfirmPlan, type DrawingSet, type Plan } from './renewal.api.ts';

/** Who confirmed a plan or drawing version, how and when, and the staff witness of a paper one. */
export function ConfirmationTag({ item }: { item: Plan | DrawingSet['drawings'][number] }) {
  const { t } = useTranslation();
  const formatDate = useDateTimeFormat();
  return item.confirmedAt ? (
    <Tag color="green">
      {t('renewal.plans.confirmed')} ·{' '}
      {t('renewal.plans.confirmedBy', {
        by: item.confirmedBy ?? '',
        at: formatDate(item.confirmedAt),
        method: item.confirmMethod ? t(`renewal.method.${item.confirmMethod}`) : '',
      })}
      {item.confirmWitness ? ` · ${t('renewal.plans.witness', { name: item.confirmWitness })}` : ''}
    </Tag>
  ) : (
    <Tag color="gold">{t('renewal.plans.waiting')}</Tag>
  );
}

type ConfirmValues = { method: 'online' | 'paper' | 'in_person'; by?: string };

/**
 * Confirming a plan or drawing version: a resident confirms online; staff record a paper or in-person
 * confirmation, naming who confirmed (they stand as witness).
 */
function ConfirmModal({
  householdId,
  title,
  okText,
  mutation,
  onClose,
}: {
  householdId: number;
  title: string;
  okText: string;
  mutation: {
    mutate: (body: { method: ConfirmValues['method']; by?: string }, opts: { onSuccess: () => void }) => void;
    isPending: boolean;
    error: unknown;
  };
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const me = useMe();
  const staff = me.householdId !== householdId;
  const [form] = Form.useForm<ConfirmValues>();
  return (
    <Modal
      open
      title={title}
      okText={okText}
      cancelText={t('common.cancel')}
      confirmLoading={mutation.isPending}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      <Form
        form={form}
        layout="vertical"
        name="confirm-version"
        initialValues={{ method: staff ? 'paper' : 'online' }}
        onFinish={(v) =>
          mutation.mutate(
            { method: v.method, ...(v.by?.trim() ? { by: v.by.trim() } : {}) },
            { onSuccess: onClose },
          )
        }
      >
        <Form.Item name="method" label={t('renewal.plans.confirmAs')}>
          <Select
            options={(staff ? (['paper', 'in_person'] as const) : (['online'] as const)).map((m) => ({
              value: m,
              label: t(`renewal.method.${m}`),
            }))}
          />
        </Form.Item>
        {staff ? (
          <Form.Item name="by" label={t('renewal.plans.confirmBy')} extra={t('renewal.plans.witnessHint')}>
            <Input maxLength={50} />
          </Form.Item>
        ) : null}
      </Form>
      <ErrorAlert error={mutation.error} />
    </Modal>
  );
}

export function ConfirmPlanModal(props: { householdId: number; version: number; onClose: () => void }) {
  const { t } = useTranslation();
  const confirm = useConfirmPlan(props.householdId);
  return (
    <ConfirmModal
      {...props}
      title={`${t('renewal.plans.confirm')} · ${t('renewal.plans.version', { v: props.version })}`}
      okText={t('renewal.plans.confirm')}
      mutation={{
        ...confirm,
        mutate: (body, opts) => confirm.mutate({ version: props.version, body }, opts),
      }}
    />
  );
}

export function ConfirmDrawingModal(props: { householdId: number; version: number; onClose: () => void }) {
  const { t } = useTranslation();
  const confirm = useConfirmDrawing(props.householdId);
  return (
    <ConfirmModal
      {...props}
      title={`${t('renewal.drawings.confirm')} · ${t('renewal.plans.version', { v: props.version })}`}
      okText={t('renewal.drawings.confirm')}
      mutation={{
        ...confirm,
        mutate: (body, opts) => confirm.mutate({ version: props.version, body }, opts),
      }}
    />
  );
}
