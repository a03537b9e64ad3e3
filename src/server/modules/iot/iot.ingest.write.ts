/** One batch written: the readings in multi-row statements, device status and counters, ingest statistics. */
import { sql } from 'kysely';
import type { Deps } from '../../platform/deps.ts';
import { publish } from '../../platform/events.ts';
import { IOT_TOPIC } from './iot.alarms.ts';
import { flushRows, type Buffered, type DeviceInfo } from './iot.ingest.common.ts';

/** Writes one flushed batch in a single transaction: readings, device status and counters, statistics. */
export async function writeBatch(
  deps: Deps,
  batch: Buffered[],
  statuses: Array<{ device: DeviceInfo; online: boolean; at: Date }>,
  bad: Array<{ device: DeviceInfo; n: number }>,
  stats: Array<{
    tenantId: number;
    day: string;
    kind: string;
    messages: number;
    malformed: number;
    rejected: number;
  }>,
): Promise<void> {
  if (batch.length + statuses.length + bad.length + stats.length === 0) return;
  // per device: messages, malformed, latest time
  const perDevice = new Map<string, { device: DeviceInfo; n: number; bad: number; at: Date | null }>();
  for (const m of batch) {
    const p = perDevice.get(m.device.code) ?? { device: m.device, n: 0, bad: 0, at: null };
    p.n++;
    p.at = m.at;
    perDevice.set(m.device.code, p);
  }
  for (const b of bad) {
    const p = perDevice.get(b.device.code) ?? { device: b.device, n: 0, bad: 0, at: null };
    p.bad += b.n;
    perDevice.set(b.device.code, p);
  }
  const cameOnline = new Map<number, number[]>();
  await deps.db.transaction().execute(async (trx) => {
    for (let i = 0; i < batch.length; i += 1000) {
      const rows = batch.slice(i, i + 1000).map((m) => ({
        tenant_id: m.device.tenantId,
        device_id: m.device.id,
        at: m.at,
        type: m.type,
        payload: JSON.stringify(m.payload),
      }));
      await trx.insertInto('iot_telemetry').values(rows).execute();
    }
    if (batch.length) flushRows.observe(batch.length);
    const updates = [...perDevice.values()];
    if (updates.length) {
      const values = sql.join(
        updates.map(
          (u) =>
            sql`(${u.device.tenantId}::bigint, ${u.device.id}::bigint, ${u.n}::int, ${u.bad}::int, ${u.at ? u.at.toISOString() : null}::timestamptz)`,
        ),
      );
      await sql`update iot_devices d
        set messages = d.messages + v.n,
            malformed = d.malformed + v.bad,
            last_seen_at = greatest(d.last_seen_at, v.at),
            online = case when v.n > 0 then true else d.online end
        from (values ${values}) as v(tenant_id, id, n, bad, at)
        where d.tenant_id = v.tenant_id and d.id = v.id`.execute(trx);
      for (const u of updates)
        if (u.n > 0 && !u.device.online) {
          u.device.online = true;
          cameOnline.set(u.device.tenantId, [...(cameOnline.get(u.device.tenantId) ?? []), u.device.id]);
        }
    }
    for (const s of statuses) {
      await trx
        .updateTable('iot_devices')
        .set({ online: s.online, ...(s.online ? { last_seen_at: s.at } : {}) })
        .where('tenant_id', '=', s.device.tenantId)
        .where('id', '=', s.device.id)
        .execute();
      if (s.device.online !== s.online) {
        s.device.online = s.online;
        cameOnline.set(s.device.tenantId, [...(cameOnline.get(s.device.tenantId) ?? []), s.device.id]);
      }
    }
    if (stats.length) {
      await trx
        .insertInto('iot_ingest_stats')
        .values(
          stats.map((s) => ({
            tenant_id: s.tenantId,
            day: s.day,
            kind: s.kind,
            messages: s.messages,
            malformed: s.malformed,
            rejected: s.rejected,
          })),
        )
        .onConflict((oc) =>
          oc.columns(['tenant_id', 'day', 'kind']).doUpdateSet({
            messages: sql`iot_ingest_stats.messages + excluded.messages`,
            malformed: sql`iot_ingest_stats.malformed + excluded.malformed`,
            rejected: sql`iot_ingest_stats.rejected + excluded.rejected`,
          }),
        )
        .execute();
    }
    // one small live event per street whose devices changed state (not per message)
    for (const [tenantId, ids] of cameOnline)
      await publish(trx, {
        tenantId,
        topic: IOT_TOPIC,
        data: { change: 'devices', deviceIds: ids.slice(0, 50) },
      });
  });
}
