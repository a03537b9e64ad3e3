import { useId, useMemo, useState } from 'react';
import {
  Alert,
  App as AntApp,
  Button,
  Card,
  Checkbox,
  Col,
  DatePicker,
  Form,
  Input,
  Modal,
  Row,
  Select,
  Space,
  Statistic,
  Switch,
  Table,
  Tabs,
  Tag,
} from 'antd';
import type * as echarts from 'echarts';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { DeviceKinds, InHomeKinds } from '../../../contract/iot.ts';
import { api, type Page as ApiPage } from '../../api/client.ts';
import { hasPermission, useMe } from '../../app/session.ts';
import { CopyButton } from '../../components/CopyButton.tsx';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { useDateTimeFormat } from '../../components/format.ts';
import { Page } from '../../components/Page.tsx';
import { Chart } from '../../components/Chart.tsx';
import { SeverityTag, useKindLabel } from './common.tsx';
import { DeviceDrawer } from './DeviceDrawer.tsx';
import {
  useConsents,
  useCreateDevice,
  useDevices,
  useFigures,
  useIngestStats,
  useRecordConsent,
  useRotateSecret,
  useRules,
  useUpdateDevice,
  useUpdateRule,
  useWithdrawConsent,
  type Consent,
  type Device,
  type DeviceKind,
  type Rule,
  type WebhookSecret,
} from './iot.api.ts';
import './iot.css';
import { useTabParam } from '../../components/useTabParam.ts';
import { NumberInput } from '../../components/NumberInput.tsx';

interface HouseholdOption {
  id: number;
  estateId: number;
  buildingNumber: string;
  room: string;
  headName: string;
}

function useHouseholdSearch(q: string) {
  return useQuery({
    queryKey: ['iot', 'household-search', q],
    queryFn: ({ signal }) => api.get<ApiPage<HouseholdOption>>('/households', { q, limit: 20 }, { signal }),
    enabled: q.trim().length > 0,
  });
}

function useEstates() {
  return useQuery({
    queryKey: ['iot', 'estates'],
    queryFn: ({ signal }) =>
      api.get<ApiPage<{ id: number; name: string }>>('/estates', undefined, { signal }),
  });
}

function useBuildings(estateId: number | undefined) {
  return useQuery({
    queryKey: ['iot', 'buildings', estateId],
    queryFn: ({ signal }) =>
      api.get<ApiPage<{ id: number; number: string }>>(`/estates/${estateId}/buildings`, undefined, {
        signal,
      }),
    enabled: estateId !== undefined,
  });
}

function HouseholdSelect({
  id,
  value,
  onChange,
}: {
  id?: string;
  value?: number;
  onChange?: (v: number | undefined) => void;
}) {
  const { t } = useTranslation();
  const [q, setQ] = useState('');
  const search = useHouseholdSearch(q);
  return (
    <Select
      id={id}
      showSearch={{ filterOption: false, onSearch: setQ }}
      allowClear
      value={value}
      onChange={onChange}
      placeholder={t('iot.devices.householdPlaceholder')}
      loading={search.isFetching}
      options={(search.data?.items ?? []).map((h) => ({
        value: h.id,
        label: `${h.buildingNumber} ${h.room}室 ${h.headName}`,
      }))}
    />
  );
}

function SecretModal({ secret, onClose }: { secret: WebhookSecret | null; onClose: () => void }) {
  const { t } = useTranslation();
  const url = secret ? `${window.location.origin}${secret.webhookUrl}` : '';
  return (
    <Modal
      open={secret !== null}
      title={t('iot.devices.secretTitle')}
      onOk={onClose}
      onCancel={onClose}
      cancelButtonProps={{ hidden: true }}
    >
      <p>{t('iot.devices.secretHelp')}</p>
      <p className="gz-iot-secret">{url}</p>
      <p className="gz-iot-secret">{secret?.webhookSecret}</p>
      {secret ? <CopyButton text={secret.webhookSecret} label={t('iot.devices.secretTitle')} /> : null}
    </Modal>
  );
}

interface DeviceForm {
  code: string;
  kind: DeviceKind;
  name: string;
  estateId: number;
  buildingId?: number;
  householdId?: number;
  placeName?: string;
  x?: number;
  y?: number;
  ports?: number;
  webhook?: boolean;
}

function CreateDeviceModal({
  open,
  onClose,
  onSecret,
}: {
  open: boolean;
  onClose: () => void;
  onSecret: (s: WebhookSecret) => void;
}) {
  const { t } = useTranslation();
  const kindLabel = useKindLabel();
  const { message } = AntApp.useApp();
  const [form] = Form.useForm<DeviceForm>();
  const kind = Form.useWatch('kind', form);
  const estateId = Form.useWatch('estateId', form);
  const estates = useEstates();
  const buildings = useBuildings(estateId);
  const create = useCreateDevice();
  const inHome = kind !== undefined && InHomeKinds.includes(kind);
  return (
    <Modal
      open={open}
      title={t('iot.devices.add')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('iot.devices.create')}
      confirmLoading={create.isPending}
      destroyOnHidden
      width={640}
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={{ webhook: false }}
        onFinish={(v) =>
          create.mutate(v, {
            onSuccess: (res) => {
              void message.success(t('iot.devices.created'));
              form.resetFields();
              onClose();
              if (res.webhookSecret && res.webhookUrl)
                onSecret({ webhookSecret: res.webhookSecret, webhookUrl: res.webhookUrl });
            },
          })
        }
      >
        <ErrorAlert error={create.error} title={t('errors.title')} />
        <Row gutter={12}>
          <Col span={12}>
            <Form.Item name="kind" label={t('iot.device.kind')} rules={[{ required: true }]}>
              <Select options={DeviceKinds.map((k) => ({ value: k, label: kindLabel(k) }))} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item
              name="code"
              label={t('iot.device.code')}
              rules={[{ required: true, pattern: /^[A-Za-z0-9][A-Za-z0-9_-]{1,63}$/ }]}
            >
              <Input placeholder="CY1-SMK-17" />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="name" label={t('iot.device.name')} rules={[{ required: true }]}>
          <Input maxLength={100} />
        </Form.Item>
        <Row gutter={12}>
          <Col span={12}>
            <Form.Item name="estateId" label={t('iot.devices.estate')} rules={[{ required: true }]}>
              <Select options={(estates.data?.items ?? []).map((e) => ({ value: e.id, label: e.name }))} />
            </Form.Item>
          </Col>
          <Col span={12}>
            {inHome ? (
              <Form.Item
                name="householdId"
                label={t('iot.devices.household')}
                rules={[{ required: true }]}
                extra={t('iot.devices.inHomeNeedsConsent')}
              >
                <HouseholdSelect />
              </Form.Item>
            ) : (
              <Form.Item name="buildingId" label={t('iot.devices.building')}>
                <Select
                  allowClear
                  showSearch={{ optionFilterProp: 'label' }}
                  options={(buildings.data?.items ?? []).map((b) => ({ value: b.id, label: b.number }))}
                />
              </Form.Item>
            )}
          </Col>
        </Row>
        {!inHome ? (
          <Row gutter={12}>
            <Col span={12}>
              <Form.Item name="placeName" label={t('iot.devices.placeName')}>
                <Input maxLength={100} />
              </Form.Item>
            </Col>
            <Col span={6}>
              <Form.Item name="x" label={t('iot.devices.x')}>
                <NumberInput min={0} max={10000} className="gz-iot-select-narrow" />
              </Form.Item>
            </Col>
            <Col span={6}>
              <Form.Item name="y" label={t('iot.devices.y')}>
                <NumberInput min={0} max={10000} className="gz-iot-select-narrow" />
              </Form.Item>
            </Col>
          </Row>
        ) : null}
        {kind === 'ebike_station' ? (
          <Form.Item name="ports" label={t('iot.devices.ports')} rules={[{ required: true }]}>
            <NumberInput min={1} max={32} />
          </Form.Item>
        ) : null}
        <Form.Item name="webhook" valuePropName="checked">
          <Checkbox>{t('iot.devices.webhook')}</Checkbox>
        </Form.Item>
      </Form>
    </Modal>
  );
}

function DevicesTab() {
  const { t } = useTranslation();
  const fmt = useDateTimeFormat();
  const kindLabel = useKindLabel();
  const me = useMe();
  const { modal } = AntApp.useApp();
  const canManage = hasPermission(me, 'safety.manage');
  const [kind, setKind] = useState<DeviceKind | undefined>();
  const [q, setQ] = useState('');
  const devices = useDevices({ ...(kind ? { kind } : {}), ...(q ? { q } : {}) });
  const [creating, setCreating] = useState(false);
  const [secret, setSecret] = useState<WebhookSecret | null>(null);
  const [open, setOpen] = useState<number | null>(null);
  const rotate = useRotateSecret();
  const update = useUpdateDevice();
  const searchId = useId();
  return (
    <>
      <div className="gz-toolbar">
        <label htmlFor={searchId} className="gz-toolbar-label">
          {t('iot.devices.search')}
        </label>
        <Input.Search id={searchId} allowClear className="gz-iot-select" onSearch={setQ} />
        <Select
          allowClear
          aria-label={t('iot.live.filterKind')}
          placeholder={t('iot.live.filterKind')}
          className="gz-iot-select"
          value={kind}
          onChange={(v?: DeviceKind) => setKind(v)}
          options={DeviceKinds.map((k) => ({ value: k, label: kindLabel(k) }))}
        />
        {canManage ? (
          <Button type="primary" onClick={() => setCreating(true)}>
            {t('iot.devices.add')}
          </Button>
        ) : null}
      </div>
      <ErrorAlert error={devices.error ?? rotate.error ?? update.error} title={t('errors.loadFailed')} />
      <Table<Device>
        rowKey="id"
        size="small"
        loading={devices.isPending}
        dataSource={devices.data?.items ?? []}
        pagination={{ pageSize: 20 }}
        columns={[
          {
            title: t('iot.device.code'),
            dataIndex: 'code',
            render: (code: string, d) => (
              <button type="button" className="gz-iot-link" onClick={() => setOpen(d.id)}>
                {code}
              </button>
            ),
          },
          { title: t('iot.device.name'), dataIndex: 'name' },
          { title: t('iot.device.kind'), dataIndex: 'kind', render: (k: DeviceKind) => kindLabel(k) },
          {
            title: t('iot.device.place'),
            render: (_: unknown, d) =>
              [d.buildingNumber, d.householdLabel, d.placeName].filter(Boolean).join(' · ') || '—',
          },
          {
            title: t('iot.device.status'),
            render: (_: unknown, d) =>
              !d.enabled ? (
                <Tag>{t('iot.state.disabled')}</Tag>
              ) : d.openAlarms > 0 ? (
                <Tag color="red">{t('iot.state.alarm')}</Tag>
              ) : d.online ? (
                <Tag color="blue">{t('iot.state.online')}</Tag>
              ) : (
                <Tag>{t('iot.state.offline')}</Tag>
              ),
          },
          { title: t('iot.device.lastSeen'), dataIndex: 'lastSeenAt', render: (v: string | null) => fmt(v) },
          { title: t('iot.device.messages'), dataIndex: 'messages', align: 'right' },
          { title: t('iot.device.malformed'), dataIndex: 'malformed', align: 'right' },
          ...(canManage
            ? [
                {
                  title: '',
                  key: 'actions',
                  render: (_: unknown, d: Device) => (
                    <Space>
                      {d.hasWebhook ? (
                        <Button
                          size="small"
                          onClick={() =>
                            void modal.confirm({
                              title: t('iot.devices.rotate'),
                              content: t('iot.devices.rotateConfirm'),
                              onOk: () => rotate.mutateAsync(d.id).then(setSecret),
                            })
                          }
                        >
                          {t('iot.devices.rotate')}
                        </Button>
                      ) : null}
                      <Button size="small" onClick={() => update.mutate({ id: d.id, enabled: !d.enabled })}>
                        {d.enabled ? t('iot.device.disable') : t('iot.device.enable')}
                      </Button>
                    </Space>
                  ),
                },
              ]
            : []),
        ]}
      />
      <CreateDeviceModal open={creating} onClose={() => setCreating(false)} onSecret={setSecret} />
      <SecretModal secret={secret} onClose={() => setSecret(null)} />
      <DeviceDrawer id={open} onClose={() => setOpen(null)} />
    </>
  );
}

interface ConsentForm {
  householdId: number;
  consentedBy: string;
  relation?: string;
  consentedAt: { toISOString(): string };
  scope: DeviceKind[];
  contactName: string;
  contactPhone: string;
}

function ConsentsTab() {
  const { t } = useTranslation();
  const fmt = useDateTimeFormat();
  const kindLabel = useKindLabel();
  const me = useMe();
  const { message } = AntApp.useApp();
  const canManage = hasPermission(me, 'safety.manage');
  const consents = useConsents();
  const record = useRecordConsent();
  const withdraw = useWithdrawConsent();
  const [adding, setAdding] = useState(false);
  const [withdrawing, setWithdrawing] = useState<Consent | null>(null);
  const [form] = Form.useForm<ConsentForm>();
  const [wForm] = Form.useForm<{ reason: string }>();
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
      <Modal
        open={adding}
        title={t('iot.consent.add')}
        onCancel={() => setAdding(false)}
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
                  setAdding(false);
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
      <Modal
        open={withdrawing !== null}
        title={t('iot.consent.withdraw')}
        onCancel={() => setWithdrawing(null)}
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
            withdrawing &&
            withdraw.mutate(
              { id: withdrawing.id, reason: v.reason },
              { onSuccess: () => setWithdrawing(null) },
            )
          }
        >
          <ErrorAlert error={withdraw.error} title={t('errors.title')} />
          <Form.Item name="reason" label={t('iot.consent.withdrawReason')} rules={[{ required: true }]}>
            <Input.TextArea rows={2} maxLength={500} />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}

const PARAM_KEYS = ['value', 'readings', 'seconds', 'count', 'windowSeconds'] as const;
type RuleForm = Partial<Record<(typeof PARAM_KEYS)[number], number>> & {
  severity: Rule['severity'];
  enabled: boolean;
};

function RulesTab() {
  const { t } = useTranslation();
  const kindLabel = useKindLabel();
  const me = useMe();
  const canManage = hasPermission(me, 'safety.manage');
  const rules = useRules();
  const update = useUpdateRule();
  const [editing, setEditing] = useState<Rule | null>(null);
  const [form] = Form.useForm<RuleForm>();
  const params = (r: Rule) =>
    PARAM_KEYS.filter((k) => r.params[k] !== undefined)
      .map((k) => `${t(`iot.rules.${k}`)} ${r.params[k]}`)
      .join('，') || (r.params.events ?? []).join('/');
  return (
    <>
      <ErrorAlert error={rules.error} title={t('errors.loadFailed')} />
      <Table<Rule>
        rowKey={(r) => `${r.kind}.${r.key}`}
        size="small"
        loading={rules.isPending}
        dataSource={rules.data?.items ?? []}
        pagination={false}
        columns={[
          { title: t('iot.rules.kind'), dataIndex: 'kind', render: (k: DeviceKind) => kindLabel(k) },
          { title: t('iot.rules.rule'), dataIndex: 'title' },
          {
            title: t('iot.rules.type'),
            dataIndex: 'type',
            render: (v: Rule['type']) => t(`iot.rules.types.${v}`),
          },
          {
            title: t('iot.rules.severity'),
            dataIndex: 'severity',
            render: (s: Rule['severity']) => <SeverityTag severity={s} />,
          },
          { title: t('iot.rules.params'), render: (_: unknown, r) => params(r) },
          {
            title: t('iot.rules.enabled'),
            render: (_: unknown, r) => (
              <Space>
                {r.enabled ? '✓' : '—'}
                {r.customised ? <Tag color="purple">{t('iot.rules.customised')}</Tag> : null}
              </Space>
            ),
          },
          ...(canManage
            ? [
                {
                  title: '',
                  key: 'e',
                  render: (_: unknown, r: Rule) => (
                    <Button
                      size="small"
                      onClick={() => {
                        setEditing(r);
                        form.setFieldsValue({
                          ...Object.fromEntries(PARAM_KEYS.map((k) => [k, r.params[k]])),
                          severity: r.severity,
                          enabled: r.enabled,
                        });
                      }}
                    >
                      {t('iot.rules.edit')}
                    </Button>
                  ),
                },
              ]
            : []),
        ]}
      />
      <Modal
        open={editing !== null}
        title={editing?.title}
        onCancel={() => setEditing(null)}
        onOk={() => form.submit()}
        confirmLoading={update.isPending}
        destroyOnHidden
      >
        <Form
          form={form}
          layout="vertical"
          onFinish={(v) => {
            if (!editing) return;
            const changed = Object.fromEntries(
              PARAM_KEYS.filter((k) => editing.params[k] !== undefined).map((k) => [k, v[k]]),
            );
            update.mutate(
              {
                kind: editing.kind,
                key: editing.key,
                severity: v.severity,
                enabled: v.enabled,
                params: changed,
              },
              { onSuccess: () => setEditing(null) },
            );
          }}
        >
          <ErrorAlert error={update.error} title={t('errors.title')} />
          <Form.Item name="severity" label={t('iot.rules.severity')}>
            <Select
              options={(['info', 'warning', 'critical'] as const).map((s) => ({
                value: s,
                label: t(`iot.severity.${s}`),
              }))}
            />
          </Form.Item>
          <Form.Item name="enabled" label={t('iot.rules.enabled')} valuePropName="checked">
            <Switch />
          </Form.Item>
          {editing
            ? PARAM_KEYS.filter((k) => editing.params[k] !== undefined).map((k) => (
                <Form.Item key={k} name={k} label={t(`iot.rules.${k}`)} rules={[{ required: true }]}>
                  <NumberInput min={k === 'value' ? undefined : 1} step={k === 'value' ? 0.01 : 1} />
                </Form.Item>
              ))
            : null}
        </Form>
      </Modal>
    </>
  );
}

function FiguresTab() {
  const { t } = useTranslation();
  const kindLabel = useKindLabel();
  const figures = useFigures();
  const stats = useIngestStats();
  const f = figures.data;
  const byKind = useMemo<echarts.EChartsOption | null>(
    () =>
      f === undefined
        ? null
        : {
            aria: { enabled: true },
            tooltip: {},
            grid: { left: 150, right: 32, top: 16, bottom: 24 },
            xAxis: { type: 'value', minInterval: 1 },
            yAxis: { type: 'category', inverse: true, data: f.byKind.map((k) => kindLabel(k.kind)) },
            series: [
              { type: 'bar', data: f.byKind.map((k) => k.total), label: { show: true, position: 'right' } },
            ],
          },
    [f, kindLabel],
  );
  const perDay = useMemo<echarts.EChartsOption | null>(
    () =>
      f === undefined
        ? null
        : {
            aria: { enabled: true },
            tooltip: { trigger: 'axis' },
            grid: { left: 40, right: 16, top: 16, bottom: 32 },
            xAxis: { type: 'category', data: f.perDay.map((d) => d.day.slice(5)) },
            yAxis: { type: 'value', minInterval: 1 },
            series: [{ type: 'bar', data: f.perDay.map((d) => d.total) }],
          },
    [f],
  );
  return (
    <>
      <ErrorAlert error={figures.error ?? stats.error} title={t('errors.loadFailed')} />
      <Row gutter={[12, 12]}>
        <Col xs={12} md={6}>
          <Card size="small">
            <Statistic title={t('iot.figures.open')} value={f?.openAlarms ?? '—'} />
          </Card>
        </Col>
        <Col xs={12} md={6}>
          <Card size="small">
            <Statistic title={t('iot.figures.unack')} value={f?.unacknowledged ?? '—'} />
          </Card>
        </Col>
        <Col xs={12} md={6}>
          <Card size="small">
            <Statistic title={t('iot.figures.last30')} value={f?.alarmsLast30Days ?? '—'} />
          </Card>
        </Col>
        <Col xs={12} md={6}>
          <Card size="small">
            <Statistic
              title={t('iot.figures.mtta')}
              value={
                f?.meanMinutesToAcknowledge === null || f === undefined
                  ? '—'
                  : t('iot.figures.minutes', { n: f.meanMinutesToAcknowledge })
              }
            />
          </Card>
        </Col>
      </Row>
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={12}>
          <h3 className="gz-section-title">{t('iot.figures.byKind')}</h3>
          {byKind ? (
            <Chart
              height={260}
              option={byKind}
              label={`${t('iot.figures.byKind')}：${f!.byKind.map((k) => `${kindLabel(k.kind)} ${k.total}`).join('，')}`}
            />
          ) : null}
        </Col>
        <Col xs={24} lg={12}>
          <h3 className="gz-section-title">{t('iot.figures.perDay')}</h3>
          {perDay ? (
            <Chart
              height={260}
              option={perDay}
              label={`${t('iot.figures.perDay')}：${f!.perDay.map((d) => `${d.day} ${d.total}`).join('，')}`}
            />
          ) : null}
        </Col>
      </Row>
      <h3 className="gz-section-title">{t('iot.figures.ingest')}</h3>
      <Table
        rowKey="kind"
        size="small"
        pagination={false}
        loading={stats.isPending}
        dataSource={stats.data?.byKind ?? []}
        columns={[
          { title: t('iot.device.kind'), dataIndex: 'kind', render: (k: DeviceKind) => kindLabel(k) },
          { title: t('iot.figures.messages'), dataIndex: 'messages', align: 'right' },
          { title: t('iot.figures.malformed'), dataIndex: 'malformed', align: 'right' },
          { title: t('iot.figures.rejected'), dataIndex: 'rejected', align: 'right' },
        ]}
        summary={() =>
          stats.data ? (
            <Table.Summary.Row>
              <Table.Summary.Cell index={0}>Σ</Table.Summary.Cell>
              <Table.Summary.Cell index={1} align="right">
                {stats.data.messages}
              </Table.Summary.Cell>
              <Table.Summary.Cell index={2} align="right">
                {stats.data.malformed}
              </Table.Summary.Cell>
              <Table.Summary.Cell index={3} align="right">
                {stats.data.rejected}
              </Table.Summary.Cell>
            </Table.Summary.Row>
          ) : null
        }
      />
    </>
  );
}

/** 物联设备管理: devices, household consent, alarm thresholds and figures. */
export function IotDevicesPage() {
  const { t } = useTranslation();
  const [tab, setTab] = useTabParam(['devices', 'consents', 'rules', 'figures'] as const);
  return (
    <Page title={t('iot.devices.title')} intro={t('iot.devices.intro')}>
      <Tabs
        activeKey={tab}
        onChange={setTab}
        items={[
          { key: 'devices', label: t('iot.devices.tabDevices'), children: <DevicesTab /> },
          { key: 'consents', label: t('iot.devices.tabConsents'), children: <ConsentsTab /> },
          { key: 'rules', label: t('iot.devices.tabRules'), children: <RulesTab /> },
          { key: 'figures', label: t('iot.devices.tabFigures'), children: <FiguresTab /> },
        ]}
      />
    </Page>
  );
}
