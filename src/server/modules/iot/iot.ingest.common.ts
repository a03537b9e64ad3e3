/** What the ingest pipeline's files share: its metrics, the device as cached and the message as buffered. */
import client from 'prom-client';
import type { MessageType } from '../../../contract/iot.kinds.ts';
import type { AlarmDevice } from './iot.alarms.ts';

export const iotRegistry = new client.Registry();
export const messagesTotal = new client.Counter({
  name: 'gongzhi_iot_messages_total',
  help: 'IoT messages received, by device kind and result (stored, malformed, rejected)',
  labelNames: ['kind', 'result'] as const,
  registers: [iotRegistry],
});
export const flushRows = new client.Histogram({
  name: 'gongzhi_iot_flush_rows',
  help: 'Telemetry rows written per batch insert',
  buckets: [1, 10, 50, 100, 250, 500, 1000, 2000],
  registers: [iotRegistry],
});

export interface DeviceInfo extends AlarmDevice {
  tenantCode: string;
  enabled: boolean;
  online: boolean;
  ports: number | null;
  loadedAt: number;
}

export interface Buffered {
  device: DeviceInfo;
  type: MessageType;
  payload: Record<string, unknown>;
  at: Date;
}
