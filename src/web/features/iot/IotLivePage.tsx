import { useId, useMemo, useRef, useState } from 'react';
import {
  App as AntApp,
  Button,
  Card,
  Col,
  Empty,
  Form,
  Input,
  List,
  Modal,
  Row,
  Select,
  Space,
  Spin,
  Statistic,
  Tag,
} from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { DeviceKinds, Severities } from '../../../contract/iot.kinds.ts';
import { useLiveEvent } from '../../api/live.ts';
import { hasPermission, useMe } from '../../app/session.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { useDateTimeFormat } from '../../components/format.ts';
import { Page } from '../../components/Page.tsx';
import { SeverityTag, STATE_COLOUR, useKindLabel } from './common.tsx';
import { DeviceDrawer } from './DeviceDrawer.tsx';
import {
  iotKey,
  useAcknowledge,
  useAlarms,
  useClearAlarm,
  usePlan,
  type Alarm,
  type DeviceKind,
  type IotPlan,
} from './iot.api.ts';
import './iot.css';

type Severity = (typeof Severities)[number];
type PlanDevice = IotPlan['devices'][number];

/** Marker shapes by state, so colour is never the only cue: ● online, ○ offline, ▲ alarm, × disabled. */
function Marker({ d, onOpen, label }: { d: PlanDevice; onOpen: (id: number) => void; label: string }) {
  const colour = STATE_COLOUR[d.state];
  const open = () => onOpen(d.id);
  const common = {
    role: 'button',
    tabIndex: 0,
    'aria-label': label,
    onClick: open,
    onKeyDown: (e: React.KeyboardEvent) => {
      if (e.key === 'Enter' || e.key === ' ') {
        e.preventDefault();
        open();
      }
    },
    className: `gz-iot-marker gz-iot-marker-${d.state}`,
  };
  if (d.state === 'alarm')
    return (
      <g {...common}>
        <circle cx={d.x} cy={d.y} r={16} fill={colour} opacity={0.25} className="gz-iot-pulse" />
        <polygon
          points={`${d.x},${d.y - 10} ${d.x + 9},${d.y + 7} ${d.x - 9},${d.y + 7}`}
          fill={colour}
          stroke="#fff"
          strokeWidth={1.5}
        />
        <title>{label}</title>
      </g>
    );
  if (d.state === 'disabled')
    return (
      <g {...common}>
        <path
          d={`M${d.x - 5},${d.y - 5} L${d.x + 5},${d.y + 5} M${d.x + 5},${d.y - 5} L${d.x - 5},${d.y + 5}`}
          stroke="#8c8c8c"
          strokeWidth={2}
        />
        <title>{label}</title>
      </g>
    );
  return (
    <g {...common}>
      <circle
        cx={d.x}
        cy={d.y}
        r={6}
        fill={d.state === 'online' ? colour : '#fff'}
        stroke={colour}
        strokeWidth={2}
      />
      <title>{label}</title>
    </g>
  );
}

function SitePlan({ plan, onOpen }: { plan: IotPlan; onOpen: (id: number) => void }) {
  const { t } = useTranslation();
  const kindLabel = useKindLabel();
  const name = plan.estates.find((e) => e.id === plan.estateId)?.name ?? '';
  const online = plan.devices.filter((d) => d.state === 'online').length;
  const alarm = plan.devices.filter((d) => d.state === 'alarm').length;
  // alarms drawn last so they are on top
  const ordered = [...plan.devices].sort(
    (a, b) => (a.state === 'alarm' ? 1 : 0) - (b.state === 'alarm' ? 1 : 0),
  );
  return (
    <figure className="gz-iot-plan">
      <svg
        viewBox={`0 0 ${plan.sitePlan.width} ${plan.sitePlan.height}`}
        role="group"
        aria-label={t('iot.live.planLabel', { name, online, alarm })}
      >
        <rect x={0} y={0} width={plan.sitePlan.width} height={plan.sitePlan.height} fill="#f6f8f4" />
        {plan.buildings.map((b) =>
          b.outline && b.outline.length >= 3 ? (
            <g key={b.id} aria-hidden>
              <polygon points={b.outline.map((p) => p.join(',')).join(' ')} fill="#e6e9ef" stroke="#b8bfcc" />
              <text
                x={b.outline.reduce((s, p) => s + p[0], 0) / b.outline.length}
                y={b.outline.reduce((s, p) => s + p[1], 0) / b.outline.length + 4}
                textAnchor="middle"
                fontSize={11}
                fill="#5b6270"
              >
                {b.number}
              </text>
            </g>
          ) : null,
        )}
        {ordered.map((d) => (
          <Marker
            key={d.id}
            d={d}
            onOpen={onOpen}
            label={`${kindLabel(d.kind)} ${d.name}（${d.code}）：${t(`iot.state.${d.state}`)}`}
          />
        ))}
      </svg>
      <figcaption className="gz-iot-legend">
        <span>{t('iot.live.legend')}：</span>
        <span>
          <svg width={14} height={14} aria-hidden>
            <circle cx={7} cy={7} r={5} fill={STATE_COLOUR.online} />
          </svg>{' '}
          {t('iot.state.online')}
        </span>
        <span>
          <svg width={14} height={14} aria-hidden>
            <circle cx={7} cy={7} r={5} fill="#fff" stroke={STATE_COLOUR.offline} strokeWidth={2} />
          </svg>{' '}
          {t('iot.state.offline')}
        </span>
        <span>
          <svg width={14} height={14} aria-hidden>
            <polygon points="7,1 13,12 1,12" fill={STATE_COLOUR.alarm} />
          </svg>{' '}
          {t('iot.state.alarm')}
        </span>
        <span>
          <svg width={14} height={14} aria-hidden>
            <path d="M2,2 L12,12 M12,2 L2,12" stroke="#8c8c8c" strokeWidth={2} />
          </svg>{' '}
          {t('iot.state.disabled')}
        </span>
      </figcaption>
    </figure>
  );
}

function AlarmRow({
  alarm,
  onOpen,
  onClear,
}: {
  alarm: Alarm;
  onOpen: (deviceId: number) => void;
  onClear: (a: Alarm) => void;
}) {
  const { t } = useTranslation();
  const fmt = useDateTimeFormat();
  const me = useMe();
  const kindLabel = useKindLabel();
  const navigate = useNavigate();
  const { message } = AntApp.useApp();
  const ack = useAcknowledge();
  const canAck = hasPermission(me, ['safety.dispatch', 'safety.handle', 'safety.manage']);
  const canDispatch = hasPermission(me, 'safety.dispatch');
  const place = [alarm.buildingNumber, alarm.householdLabel, alarm.placeName].filter(Boolean).join(' · ');
  return (
    <List.Item
      className={`gz-iot-alarm gz-iot-alarm-${alarm.severity}`}
      data-alarm-id={alarm.id}
      actions={[
        canAck && !alarm.acknowledged ? (
          <Button
            key="ack"
            size="small"
            loading={ack.isPending}
            onClick={() => ack.mutate(alarm.id, { onError: (e) => void message.error(e.message) })}
          >
            {t('iot.live.acknowledge')}
          </Button>
        ) : null,
        canDispatch ? (
          <Button
            key="dispatch"
            size="small"
            type="primary"
            onClick={() => void navigate(`/safety/work-orders/new?alarmId=${alarm.id}`)}
          >
            {t('iot.live.dispatch')}
          </Button>
        ) : null,
        hasPermission(me, ['safety.dispatch', 'safety.manage']) ? (
          <Button key="clear" size="small" onClick={() => onClear(alarm)}>
            {t('iot.live.clear')}
          </Button>
        ) : null,
      ].filter(Boolean)}
    >
      <List.Item.Meta
        title={
          <Space wrap size={4}>
            <SeverityTag severity={alarm.severity} />
            <button type="button" className="gz-iot-link" onClick={() => onOpen(alarm.deviceId)}>
              {alarm.title}
            </button>
            {alarm.acknowledged ? <Tag color="green">{t('iot.live.acknowledged')}</Tag> : null}
          </Space>
        }
        description={
          <>
            <div>
              {kindLabel(alarm.kind)} {alarm.deviceName}（{alarm.deviceCode}）{place ? ` · ${place}` : ''}
            </div>
            <div>
              {t('iot.live.openedAt', { at: fmt(alarm.openedAt) })}
              {alarm.count > 1 ? ` · ${t('iot.live.repeats', { count: alarm.count })}` : ''}
              {alarm.acknowledgedBy
                ? ` · ${t('iot.live.acknowledgedBy', { name: alarm.acknowledgedBy, at: fmt(alarm.acknowledgedAt) })}`
                : ''}
            </div>
          </>
        }
      />
    </List.Item>
  );
}

/** 物联设施实时监测: the estate plan with device markers and the open alarms, both live. */
export function IotLivePage() {
  const { t } = useTranslation();
  const kindLabel = useKindLabel();
  const queryClient = useQueryClient();
  const [params, setParams] = useSearchParams();
  const estateId = Number(params.get('estate')) || undefined;
  const [kind, setKind] = useState<DeviceKind | undefined>();
  const [severity, setSeverity] = useState<Severity | undefined>();
  const [deviceId, setDeviceId] = useState<number | null>(null);
  const [clearing, setClearing] = useState<Alarm | null>(null);
  const plan = usePlan(estateId);
  const alarms = useAlarms({
    status: 'open',
    ...(kind ? { kind } : {}),
    ...(severity ? { severity } : {}),
    limit: 200,
  });
  const clear = useClearAlarm();
  const [form] = Form.useForm<{ note: string }>();
  const ids = { estate: useId(), kind: useId(), severity: useId() };
  const pending = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);

  // Alarms and device states change on other machines: refresh at most every half second.
  useLiveEvent('iot', () => {
    if (pending.current) return;
    pending.current = setTimeout(() => {
      pending.current = undefined;
      void queryClient.invalidateQueries({ queryKey: iotKey });
    }, 500);
  });

  const counts = useMemo(() => {
    const devices = plan.data?.devices ?? [];
    return {
      total: devices.length,
      online: devices.filter((d) => d.state !== 'offline' && d.state !== 'disabled').length,
    };
  }, [plan.data]);
  const unack = (alarms.data?.items ?? []).filter((a) => !a.acknowledged).length;

  return (
    <Page
      title={t('iot.live.title')}
      intro={t('iot.live.intro')}
      actions={<Link to="/iot/devices">{t('iot.live.manage')}</Link>}
    >
      <div className="gz-toolbar">
        <label htmlFor={ids.estate} className="gz-toolbar-label">
          {t('iot.live.estate')}
        </label>
        <Select
          id={ids.estate}
          className="gz-iot-select"
          value={plan.data?.estateId ?? undefined}
          options={(plan.data?.estates ?? []).map((e) => ({ value: e.id, label: e.name }))}
          onChange={(v: number) => setParams({ estate: String(v) })}
        />
        <label htmlFor={ids.kind} className="gz-toolbar-label">
          {t('iot.live.filterKind')}
        </label>
        <Select
          id={ids.kind}
          allowClear
          className="gz-iot-select"
          placeholder={t('iot.live.all')}
          value={kind}
          onChange={(v?: DeviceKind) => setKind(v)}
          options={DeviceKinds.map((k) => ({ value: k, label: kindLabel(k) }))}
        />
        <label htmlFor={ids.severity} className="gz-toolbar-label">
          {t('iot.live.filterSeverity')}
        </label>
        <Select
          id={ids.severity}
          allowClear
          className="gz-iot-select-narrow"
          placeholder={t('iot.live.all')}
          value={severity}
          onChange={(v?: Severity) => setSeverity(v)}
          options={Severities.map((s) => ({ value: s, label: t(`iot.severity.${s}`) }))}
        />
        {plan.isFetching || alarms.isFetching ? <Spin size="small" aria-label={t('app.loading')} /> : null}
      </div>
      <ErrorAlert error={plan.error ?? alarms.error} title={t('errors.loadFailed')} />
      <Row gutter={[12, 12]} className="gz-iot-stats">
        <Col xs={12} md={6}>
          <Card size="small">
            <Statistic title={t('iot.live.devicesTotal')} value={counts.total} />
          </Card>
        </Col>
        <Col xs={12} md={6}>
          <Card size="small">
            <Statistic title={t('iot.live.devicesOnline')} value={counts.online} />
          </Card>
        </Col>
        <Col xs={12} md={6}>
          <Card size="small">
            <Statistic title={t('iot.live.openCount')} value={alarms.data?.total ?? 0} aria-live="polite" />
          </Card>
        </Col>
        <Col xs={12} md={6}>
          <Card size="small">
            <Statistic title={t('iot.live.unacknowledged')} value={unack} />
          </Card>
        </Col>
      </Row>
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={14}>
          {plan.data ? <SitePlan plan={plan.data} onOpen={setDeviceId} /> : <Spin />}
        </Col>
        <Col xs={24} xl={10}>
          <section aria-labelledby="gz-iot-alarms-title">
            <h2 id="gz-iot-alarms-title" className="gz-section-title">
              {t('iot.live.openAlarms')}
            </h2>
            <List
              className="gz-iot-alarms"
              aria-live="polite"
              loading={alarms.isPending}
              dataSource={alarms.data?.items ?? []}
              locale={{ emptyText: <Empty description={t('iot.live.noAlarms')} /> }}
              renderItem={(a) => <AlarmRow alarm={a} onOpen={setDeviceId} onClear={setClearing} />}
            />
            <p className="gz-iot-hint">{t('iot.live.simulatorHint')}</p>
          </section>
        </Col>
      </Row>
      <DeviceDrawer id={deviceId} onClose={() => setDeviceId(null)} />
      <Modal
        open={clearing !== null}
        title={t('iot.live.clearTitle')}
        onCancel={() => setClearing(null)}
        confirmLoading={clear.isPending}
        onOk={() => form.submit()}
        destroyOnHidden
      >
        <Form
          form={form}
          layout="vertical"
          onFinish={(v) =>
            clearing &&
            clear.mutate(
              { id: clearing.id, note: v.note },
              {
                onSuccess: () => {
                  setClearing(null);
                  form.resetFields();
                },
              },
            )
          }
        >
          <ErrorAlert error={clear.error} title={t('errors.title')} />
          <Form.Item
            name="note"
            label={t('iot.live.clearNote')}
            rules={[{ required: true, message: t('iot.live.clearNoteRequired') }]}
          >
            <Input.TextArea rows={3} maxLength={500} />
          </Form.Item>
        </Form>
      </Modal>
    </Page>
  );
}
