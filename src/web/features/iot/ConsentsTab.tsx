import { useState } from 'react';
import {
  Alert,
  App as AntApp,
  Button,
  Checkbox,
  Col,
  DatePicker,
  Form,
  Input,
  Modal,
  Row,
  Table,
  Tag,
} from 'antd';
import { useTranslation } from 'react-i18next';
import { InHomeKinds } from '../../../contract/iot.kinds.ts';
import { hasPermission, useMe } from '../../app/session.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { useDateTimeFormat } from '../../components/format.ts';
import { useKindLabel } from './common.tsx';
import {
  useConsents,
  useRecordConsent,
  useWithdrawConsent,
  type Consent,
  type DeviceKind,
} from './iot.api.ts';
import './iot.css';
import { HouseholdSelect } from './HouseholdSelect.tsx';

interface ConsentForm {
  householdId: number;
  consentedBy: string;
  relation?: string;
  consentedAt: { toISOString(): string };
  scope: DeviceKind[];
  contactName: string;
  contactPhone: string;
}

export function ConsentsTab() {
  const { t } = useTranslation();
  const fmt = useDateTimeFormat();
  const kindLabel = useKindLabel();
  const me = useMe();
  const canManage = hasPermission(me, 'safety.manage');
  const consents = useConsents();
  const [adding, setAdding] = useState(false);
  const [withdrawing, setWithdrawing] = useState<Consent | null>(null);
  return (
    <>
      {canManage ? (
        <div className="gz-toolbar">
          <Button type="primary" onClick={() => setAdding(true)}>
            {t('iot.consent.add')}
          </Button>
        </div>
      ) : null}
      <ErrorAlert error={consents.error} title={t('errors.loadFailed')} />
      <Table<Consent>
        rowKey="id"
        size="small"
        loading={consents.isPending}
        dataSource={consents.data?.items ?? []}
        columns={[
          { title: t('iot.consent.household'), dataIndex: 'householdLabel' },
          {
            title: t('iot.consent.consentedBy'),
            render: (_: unknown, c) => `${c.consentedBy}${c.relation ? `（${c.relation}）` : ''}`,
          },
          { title: t('iot.consent.consentedAt'), dataIndex: 'consentedAt', render: (v: string) => fmt(v) },
          {
            title: t('iot.consent.scope'),
            dataIndex: 'scope',
            render: (s: DeviceKind[]) => s.map(kindLabel).join('、'),
          },
          {
            title: t('iot.consent.contactName'),
            render: (_: unknown, c) => `${c.contactName} ${c.contactPhone}`,
          },
          { title: t('iot.consent.recordedBy'), dataIndex: 'recordedBy' },
          { title: t('iot.consent.devices'), dataIndex: 'devices', align: 'right' },
          {
            title: t('iot.consent.status'),
            render: (_: unknown, c) =>
              c.withdrawnAt ? (
                <Tag>{t('iot.consent.withdrawn', { at: fmt(c.withdrawnAt) })}</Tag>
              ) : (
                <Tag color="green">{t('iot.consent.active')}</Tag>
              ),
          },
          ...(canManage
            ? [
                {
                  title: '',
                  key: 'a',
                  render: (_: unknown, c: Consent) =>
                    c.withdrawnAt ? null : (
                      <Button size="small" danger onClick={() => setWithdrawing(c)}>
                        {t('iot.consent.withdraw')}
                      </Button>
                    ),
                },
              ]
            : []),
        ]}
      />
      <RecordConsentModal open={adding} onClose={() => setAdding(false)} />
      <WithdrawConsentModal consent={withdrawing} onClose={() => setWithdrawing(null)} />
    </>
  );
}

/** Records a household's written consent to in-home sensors. */
function RecordConsentModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const kindLabel = useKindLabel();
  const { message } = AntApp.useApp();
  const record = useRecordConsent();
  const [form] = Form.useForm<ConsentForm>();
  return (
    <Modal
      open={open}
      title={t('iot.consent.add')}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={record.isPending}
      destroyOnHidden
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={{ scope: ['water_meter', 'door_contact'], relation: '本人' }}
        onFinish={(v) =>
          record.mutate(
            { ...v, consentedAt: v.consentedAt.toISOString() },
            {
              onSuccess: () => {
                void message.success(t('iot.consent.saved'));
                form.resetFields();
                onClose();
              },
            },
          )
        }
      >
        <ErrorAlert error={record.error} title={t('errors.title')} />
        <Form.Item name="householdId" label={t('iot.consent.household')} rules={[{ required: true }]}>
          <HouseholdSelect />
        </Form.Item>
        <Row gutter={12}>
          <Col span={12}>
            <Form.Item name="consentedBy" label={t('iot.consent.consentedBy')} rules={[{ required: true }]}>
              <Input maxLength={50} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="relation" label={t('iot.consent.relation')}>
              <Input maxLength={20} />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="consentedAt" label={t('iot.consent.consentedAt')} rules={[{ required: true }]}>
          <DatePicker showTime />
        </Form.Item>
        <Form.Item name="scope" label={t('iot.consent.scope')} rules={[{ required: true }]}>
          <Checkbox.Group options={InHomeKinds.map((k) => ({ value: k, label: kindLabel(k) }))} />
        </Form.Item>
        <Row gutter={12}>
          <Col span={12}>
            <Form.Item name="contactName" label={t('iot.consent.contactName')} rules={[{ required: true }]}>
              <Input maxLength={50} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item
              name="contactPhone"
              label={t('iot.consent.contactPhone')}
              rules={[{ required: true, pattern: /^[0-9+\- ]{7,20}$/ }]}
            >
              <Input maxLength={20} inputMode="tel" />
            </Form.Item>
          </Col>
        </Row>
      </Form>
    </Modal>
  );
}

/** Withdraws a consent, with the reason. */
function WithdrawConsentModal({ consent, onClose }: { consent: Consent | null; onClose: () => void }) {
  const { t } = useTranslation();
  const withdraw = useWithdrawConsent();
  const [wForm] = Form.useForm<{ reason: string }>();
  return (
    <Modal
      open={consent !== null}
      title={t('iot.consent.withdraw')}
      onCancel={onClose}
      onOk={() => wForm.submit()}
      okButtonProps={{ danger: true }}
      confirmLoading={withdraw.isPending}
      destroyOnHidden
    >
      <Alert type="warning" showIcon message={t('iot.consent.withdrawHelp')} />
      <Form
        form={wForm}
        layout="vertical"
        onFinish={(v) =>
          consent && withdraw.mutate({ id: consent.id, reason: v.reason }, { onSuccess: onClose })
        }
      >
        <ErrorAlert error={withdraw.error} title={t('errors.title')} />
        <Form.Item name="reason" label={t('iot.consent.withdrawReason')} rules={[{ required: true }]}>
          <Input.TextArea rows={2} maxLength={500} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
