import { useMemo } from 'react';
import { Descriptions, Empty, List, Spin, Tag } from 'antd';
import { Drawer } from '../../components/Drawer.tsx';
import type * as echarts from 'echarts';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { useDateTimeFormat } from '../../components/format.ts';
import { Chart } from '../../components/Chart.tsx';
import { SeverityTag, useKindLabel } from './common.tsx';
import { useDevice, type DeviceDetail } from './iot.api.ts';

/** Which number of a kind's telemetry is worth a curve. */
function series(d: DeviceDetail): { name: string; points: Array<[string, number]> } | null {
  const pick: Record<string, (p: Record<string, unknown>) => number | null> = {
    smoke_alarm: (p) => (typeof p.smokeDb === 'number' ? p.smokeDb : null),
    ebike_station: (p) =>
      Array.isArray(p.ports)
        ? Math.max(...(p.ports as Array<{ temperature: number }>).map((x) => x.temperature))
        : null,
    water_meter: (p) => (typeof p.totalM3 === 'number' ? p.totalM3 : null),
    smart_breaker: (p) => (typeof p.currentA === 'number' ? p.currentA : null),
    indoor_charging_detector: (p) => (typeof p.currentA === 'number' ? p.currentA : null),
    door_contact: (p) => (typeof p.battery === 'number' ? p.battery : null),
    motion_sensor: (p) => (typeof p.lux === 'number' ? p.lux : null),
    access_gate: (p) => (typeof p.passes === 'number' ? p.passes : null),
  };
  const names: Record<string, string> = {
    smoke_alarm: 'dB/m',
    ebike_station: '°C',
    water_meter: 'm³',
    smart_breaker: 'A',
    indoor_charging_detector: 'A',
    door_contact: '%',
    motion_sensor: 'lux',
    access_gate: '#',
  };
  const f = pick[d.kind];
  if (!f) return null;
  const points = d.history
    .filter((h) => h.type === 'telemetry')
    .flatMap((h) => {
      const v = f(h.payload);
      return v === null ? [] : [[h.at, v] as [string, number]];
    });
  return points.length ? { name: names[d.kind] ?? '', points } : null;
}

export function DeviceDrawer({ id, onClose }: { id: number | null; onClose: () => void }) {
  const { t } = useTranslation();
  const fmt = useDateTimeFormat();
  const kindLabel = useKindLabel();
  const device = useDevice(id);
  const d = device.data;
  const curve = d ? series(d) : null;
  const option = useMemo<echarts.EChartsOption | null>(
    () =>
      curve && {
        aria: { enabled: true },
        tooltip: { trigger: 'axis' },
        grid: { left: 48, right: 16, top: 24, bottom: 32 },
        xAxis: { type: 'time' },
        yAxis: { type: 'value', name: curve.name, scale: true },
        series: [{ type: 'line', showSymbol: false, data: curve.points }],
      },
    [curve],
  );
  return (
    <Drawer
      open={id !== null}
      onClose={onClose}
      title={d ? `${d.name}（${d.code}）` : t('iot.device.title')}
      size="large"
    >
      {device.isPending && id !== null ? <Spin /> : null}
      <ErrorAlert error={device.error} title={t('errors.loadFailed')} />
      {d ? (
        <>
          <Descriptions size="small" column={1} bordered>
            <Descriptions.Item label={t('iot.device.kind')}>{kindLabel(d.kind)}</Descriptions.Item>
            <Descriptions.Item label={t('iot.device.place')}>
              {[d.buildingNumber, d.householdLabel, d.placeName].filter(Boolean).join(' · ') || '—'}
            </Descriptions.Item>
            <Descriptions.Item label={t('iot.device.status')}>
              {!d.enabled ? (
                <Tag>{t('iot.state.disabled')}</Tag>
              ) : d.openAlarms > 0 ? (
                <Tag color="red">{t('iot.state.alarm')}</Tag>
              ) : d.online ? (
                <Tag color="blue">{t('iot.state.online')}</Tag>
              ) : (
                <Tag>{t('iot.state.offline')}</Tag>
              )}
            </Descriptions.Item>
            <Descriptions.Item label={t('iot.device.lastSeen')}>{fmt(d.lastSeenAt)}</Descriptions.Item>
            <Descriptions.Item label={t('iot.device.messages')}>
              {d.messages}（{t('iot.device.malformed')} {d.malformed}）
            </Descriptions.Item>
            {d.ports ? <Descriptions.Item label={t('iot.device.ports')}>{d.ports}</Descriptions.Item> : null}
            <Descriptions.Item label={t('iot.device.latest')}>
              {d.latest ? (
                <code className="gz-iot-json">{JSON.stringify(d.latest.payload)}</code>
              ) : (
                t('iot.device.noData')
              )}
            </Descriptions.Item>
          </Descriptions>
          <h3 className="gz-section-title">{t('iot.device.history')}</h3>
          {option ? (
            <Chart height={260} option={option} label={t('iot.device.chartLabel', { name: d.name })} />
          ) : (
            <Empty description={t('iot.device.noData')} />
          )}
          {d.consent ? (
            <>
              <h3 className="gz-section-title">{t('iot.device.consent')}</h3>
              <Descriptions size="small" column={1} bordered>
                <Descriptions.Item label={t('iot.consent.household')}>
                  {d.consent.householdLabel}
                </Descriptions.Item>
                <Descriptions.Item label={t('iot.consent.consentedBy')}>
                  {d.consent.consentedBy}
                  {d.consent.relation ? `（${d.consent.relation}）` : ''} · {fmt(d.consent.consentedAt)}
                </Descriptions.Item>
                <Descriptions.Item label={t('iot.device.contact')}>
                  {d.consent.contactName} {d.consent.contactPhone}
                </Descriptions.Item>
                <Descriptions.Item label={t('iot.consent.recordedBy')}>
                  {d.consent.recordedBy}
                </Descriptions.Item>
                <Descriptions.Item label={t('iot.consent.status')}>
                  {d.consent.withdrawnAt
                    ? t('iot.consent.withdrawn', { at: fmt(d.consent.withdrawnAt) })
                    : t('iot.consent.active')}
                </Descriptions.Item>
              </Descriptions>
            </>
          ) : null}
          <h3 className="gz-section-title">{t('iot.device.alarms')}</h3>
          <List
            size="small"
            dataSource={d.alarms}
            locale={{ emptyText: t('iot.live.noAlarms') }}
            renderItem={(a) => (
              <List.Item>
                <SeverityTag severity={a.severity} /> {a.title} · {fmt(a.openedAt)}
                {a.status === 'cleared' ? ` → ${fmt(a.clearedAt)} ${a.clearNote ?? ''}` : ''}
              </List.Item>
            )}
          />
        </>
      ) : null}
    </Drawer>
  );
}
