import { sql } from 'kysely';
import { permissionsOf, Roles } from '../../../contract/permissions.ts';
import { type DeviceKind } from '../../../contract/iot.kinds.ts';
import { DeviceProfiles } from '../../../contract/iot.profiles.ts';
import type { Executor } from '../../db/database.ts';
import type { Deps } from '../../platform/deps.ts';
import { publish } from '../../platform/events.ts';
import { notify, type Recipient } from '../../platform/notifications.ts';
import type { EffectiveRule } from './iot.rules.ts';

/** Live-event topic of the module: alarms opened/repeated/cleared/acknowledged, devices on/offline. */
export const IOT_TOPIC = 'iot';

export interface AlarmDevice {
  tenantId: number;
  id: number;
  code: string;
  name: string;
  kind: DeviceKind;
  householdId: number | null;
  consentId: number | null;
}

const DISPATCH_ROLES = Roles.filter((r) => permissionsOf(r).includes('safety.dispatch'));

/** Who hears of a new alarm: the street's duty staff, and for in-home devices the emergency contact. */
async function recipients(trx: Executor, device: AlarmDevice): Promise<Recipient[]> {
  const staff = await trx
    .selectFrom('users')
    .select('id')
    .where('tenant_id', '=', device.tenantId)
    .where('role', 'in', DISPATCH_ROLES)
    .where('disabled', '=', false)
    .execute();
  const out: Recipient[] = staff.map((u) => ({ userId: u.id }));
  if (device.consentId !== null) {
    const consent = await trx
      .selectFrom('iot_consents')
      .select(['contact_name_enc', 'contact_phone_enc'])
      .where('tenant_id', '=', device.tenantId)
      .where('id', '=', device.consentId)
      .where('withdrawn_at', 'is', null)
      .executeTakeFirst();
    if (consent) out.push({ phoneCipher: consent.contact_phone_enc, name: consent.contact_name_enc });
  }
  return out;
}

/**
 * Opens the device's alarm of this type, or — when one is already open — counts the repeat
 * (`repeat: false` leaves an open one as it is: the sweep finds the same silence every minute).
 * Returns the alarm id and whether it was opened now.
 */
/**
 * The predicate of the partial unique index `iot_alarms_open_idx`, written as a literal: as a bound
 * parameter, PostgreSQL cannot match the index once a named statement runs on its generic plan
 * (from its sixth execution on a connection), and the insert fails with "no unique or exclusion
 * constraint matching the ON CONFLICT specification".
 */
const OPEN_ALARM = sql<boolean>`status = 'active'`;

export async function raiseAlarm(
  deps: Deps,
  device: AlarmDevice,
  rule: EffectiveRule,
  value: unknown,
  opts: { repeat: boolean },
): Promise<{ id: number; opened: boolean } | null> {
  const now = deps.clock.now();
  return deps.db.transaction().execute(async (trx) => {
    const insert = trx.insertInto('iot_alarms').values({
      tenant_id: device.tenantId,
      device_id: device.id,
      kind: device.kind,
      type: rule.key,
      severity: rule.severity,
      opened_at: now,
      last_at: now,
      last_value: JSON.stringify(value ?? null),
    });
    const row = await (
      opts.repeat
        ? insert.onConflict((oc) =>
            oc
              .columns(['tenant_id', 'device_id', 'type'])
              .where(OPEN_ALARM)
              .doUpdateSet({
                count: sql`iot_alarms.count + 1`,
                last_at: now,
                last_value: JSON.stringify(value ?? null),
              }),
          )
        : insert.onConflict((oc) =>
            oc.columns(['tenant_id', 'device_id', 'type']).where(OPEN_ALARM).doNothing(),
          )
    )
      .returning(['id', sql<boolean>`(xmax = 0)`.as('inserted')])
      .executeTakeFirst();
    if (!row) return null;
    const opened = Boolean(row.inserted);
    await publish(trx, {
      tenantId: device.tenantId,
      topic: IOT_TOPIC,
      data: {
        alarmId: row.id,
        deviceId: device.id,
        change: opened ? 'opened' : 'repeat',
        severity: rule.severity,
      },
    });
    if (opened) {
      const place = await placeLabel(trx, device);
      const consent = device.consentId !== null;
      await notify(trx, deps, {
        tenantId: device.tenantId,
        recipients: (await recipients(trx, device)).map((r) =>
          'phoneCipher' in r ? { phoneCipher: r.phoneCipher, name: deps.cipher.decrypt(r.name) } : r,
        ),
        topic: 'iot.alarm',
        title: `【${severityZh[rule.severity]}】${rule.zh}`,
        body: `${DeviceProfiles[device.kind] ? kindZh[device.kind] : device.kind} ${device.name}（${device.code}）${place ? `，${place}` : ''}${consent ? '，居家设备，请尽快联系住户' : ''}`,
        link: `/iot?alarm=${row.id}`,
      });
    }
    return { id: row.id, opened };
  });
}

/** Clears the open alarm of this device and type (auto-clear on a normal reading, or the sweep). */
export async function autoClear(
  deps: Deps,
  device: { tenantId: number; id: number },
  type: string,
  note: string,
): Promise<number | null> {
  const now = deps.clock.now();
  return deps.db.transaction().execute(async (trx) => {
    const row = await trx
      .updateTable('iot_alarms')
      .set({ status: 'cleared', cleared_at: now, clear_note: note })
      .where('tenant_id', '=', device.tenantId)
      .where('device_id', '=', device.id)
      .where('type', '=', type)
      .where('status', '=', 'active')
      .returning('id')
      .executeTakeFirst();
    if (!row) return null;
    await publish(trx, {
      tenantId: device.tenantId,
      topic: IOT_TOPIC,
      data: { alarmId: row.id, deviceId: device.id, change: 'cleared' },
    });
    return row.id;
  });
}

async function placeLabel(trx: Executor, device: AlarmDevice): Promise<string> {
  const row = await trx
    .selectFrom('iot_devices as d')
    .leftJoin('buildings as b', (j) =>
      j.onRef('b.tenant_id', '=', 'd.tenant_id').onRef('b.id', '=', 'd.building_id'),
    )
    .leftJoin('households as h', (j) =>
      j.onRef('h.tenant_id', '=', 'd.tenant_id').onRef('h.id', '=', 'd.household_id'),
    )
    .select(['d.place_name', 'b.number as building', 'h.room'])
    .where('d.tenant_id', '=', device.tenantId)
    .where('d.id', '=', device.id)
    .executeTakeFirst();
  if (!row) return '';
  return [
    row.building ? `${row.building}${row.building.endsWith('号') ? '' : '号'}` : null,
    row.room ? `${row.room}室` : null,
    row.place_name,
  ]
    .filter(Boolean)
    .join(' ');
}

export const severityZh = { info: '提示', warning: '警告', critical: '紧急' } as const;

export const kindZh: Record<DeviceKind, string> = {
  smoke_alarm: '烟感',
  ebike_station: '电动自行车充电桩',
  access_gate: '门禁',
  water_meter: '智能水表',
  smart_breaker: '智能断路器',
  door_contact: '门磁',
  motion_sensor: '人体感应',
  indoor_charging_detector: '室内充电探测器',
};
