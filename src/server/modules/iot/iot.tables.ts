import type { ColumnType, Generated } from 'kysely';
import type { Json, Timestamp } from '../../db/columns.ts';

type TextArray = ColumnType<string[], string[], string[]>;

export interface IotConsentsTable {
  tenant_id: number;
  id: Generated<number>;
  household_id: number;
  consented_by: string;
  relation: string | null;
  consented_at: Timestamp;
  scope: TextArray;
  contact_name_enc: string;
  contact_phone_enc: string;
  recorded_by: number;
  recorded_at: Timestamp;
  withdrawn_at: Timestamp | null;
  withdrawn_by: number | null;
  withdraw_reason: string | null;
}

export interface IotDevicesTable {
  tenant_id: number;
  id: Generated<number>;
  code: string;
  kind: string;
  name: string;
  estate_id: number;
  building_id: number | null;
  household_id: number | null;
  consent_id: number | null;
  place_name: string | null;
  x: number | null;
  y: number | null;
  ports: number | null;
  enabled: Generated<boolean>;
  online: Generated<boolean>;
  last_seen_at: Timestamp | null;
  messages: Generated<number>;
  malformed: Generated<number>;
  webhook_secret_enc: string | null;
  created_by: number | null;
  created_at: Timestamp;
}

export interface IotTelemetryTable {
  tenant_id: number;
  device_id: number;
  at: Timestamp;
  type: string;
  payload: Json;
}

export interface IotRulesTable {
  tenant_id: number;
  kind: string;
  key: string;
  severity: string;
  enabled: Generated<boolean>;
  params: Json;
  updated_by: number | null;
  updated_at: Timestamp;
}

export interface IotAlarmsTable {
  tenant_id: number;
  id: Generated<number>;
  device_id: number;
  kind: string;
  type: string;
  severity: string;
  status: Generated<string>;
  opened_at: Timestamp;
  last_at: Timestamp;
  count: Generated<number>;
  last_value: Json | null;
  acknowledged_at: Timestamp | null;
  acknowledged_by: number | null;
  cleared_at: Timestamp | null;
  cleared_by: number | null;
  clear_note: string | null;
}

export interface IotIngestStatsTable {
  tenant_id: number;
  day: ColumnType<string, string, string>;
  kind: string;
  messages: Generated<number>;
  malformed: Generated<number>;
  rejected: Generated<number>;
}

export interface IotTables {
  iot_consents: IotConsentsTable;
  iot_devices: IotDevicesTable;
  iot_telemetry: IotTelemetryTable;
  iot_rules: IotRulesTable;
  iot_alarms: IotAlarmsTable;
  iot_ingest_stats: IotIngestStatsTable;
}
