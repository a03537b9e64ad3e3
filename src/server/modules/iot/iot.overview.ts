/** Overviews: ingest statistics, the figures for the dashboard and the device plan on the map. */
import { sql } from 'kysely';
import type { z } from 'zod';
import { DeviceKinds, Severities, type DeviceKind } from '../../../contract/iot.kinds.ts';
import { type IotPlan } from '../../../contract/iot.ts';
import type { Deps } from '../../platform/deps.ts';
import { streetDate } from '../../platform/streetTime.ts';
import { readTenant, type Ctx } from './iot.common.ts';
import { devicesQuery } from './iot.devices.ts';

export async function ingestStats(deps: Deps, ctx: Ctx) {
  const tenantId = readTenant(ctx);
  const now = deps.clock.now();
  const since = streetDate(new Date(now.getTime() - 6 * 86400_000));
  const rows = await deps.db
    .selectFrom('iot_ingest_stats')
    .select(['kind'])
    .select((eb) => [
      eb.fn.sum<number>('messages').as('messages'),
      eb.fn.sum<number>('malformed').as('malformed'),
      eb.fn.sum<number>('rejected').as('rejected'),
    ])
    .where('tenant_id', '=', tenantId)
    .where('day', '>=', since)
    .groupBy('kind')
    .execute();
  const devices = await deps.db
    .selectFrom('iot_devices')
    .select((eb) => [
      eb.fn.countAll<number>().as('total'),
      eb.fn
        .count<number>('id')
        .filterWhere('online', '=', true)
        .filterWhere('enabled', '=', true)
        .as('online'),
      eb.fn.count<number>('id').filterWhere('enabled', '=', false).as('disabled'),
    ])
    .where('tenant_id', '=', tenantId)
    .executeTakeFirstOrThrow();
  const byKind = DeviceKinds.map((kind) => {
    const r = rows.find((x) => x.kind === kind);
    return {
      kind,
      messages: Number(r?.messages ?? 0),
      malformed: Number(r?.malformed ?? 0),
      rejected: Number(r?.rejected ?? 0),
    };
  });
  return {
    since,
    messages: byKind.reduce((s, k) => s + k.messages, 0),
    malformed: byKind.reduce((s, k) => s + k.malformed, 0),
    rejected: byKind.reduce((s, k) => s + k.rejected, 0),
    byKind,
    devices: {
      total: Number(devices.total),
      online: Number(devices.online),
      disabled: Number(devices.disabled),
    },
  };
}

export async function figures(deps: Deps, ctx: Ctx) {
  const tenantId = readTenant(ctx);
  const since = new Date(deps.clock.now().getTime() - 30 * 86400_000);
  const byKindRows = await deps.db
    .selectFrom('iot_alarms')
    .select(['kind'])
    .select((eb) => [
      eb.fn.count<number>('id').filterWhere('opened_at', '>=', since.toISOString()).as('total'),
      eb.fn.count<number>('id').filterWhere('status', '=', 'active').as('open'),
    ])
    .where('tenant_id', '=', tenantId)
    .groupBy('kind')
    .execute();
  const sevRows = await deps.db
    .selectFrom('iot_alarms')
    .select(['severity'])
    .select((eb) => eb.fn.countAll<number>().as('total'))
    .where('tenant_id', '=', tenantId)
    .where('opened_at', '>=', since.toISOString())
    .groupBy('severity')
    .execute();
  const head = await deps.db
    .selectFrom('iot_alarms')
    .select((eb) => [
      eb.fn.count<number>('id').filterWhere('status', '=', 'active').as('open'),
      eb.fn
        .count<number>('id')
        .filterWhere('status', '=', 'active')
        .filterWhere('acknowledged_at', 'is', null)
        .as('unack'),
      eb.fn.count<number>('id').filterWhere('opened_at', '>=', since.toISOString()).as('recent'),
      sql<
        number | null
      >`avg(extract(epoch from (acknowledged_at - opened_at)) / 60) filter (where opened_at >= ${since.toISOString()}::timestamptz and acknowledged_at is not null)`.as(
        'mtta',
      ),
    ])
    .where('tenant_id', '=', tenantId)
    .executeTakeFirstOrThrow();
  const perDay = await sql<{ day: string; total: number }>`
    select to_char(opened_at at time zone 'Asia/Shanghai', 'YYYY-MM-DD') as day, count(*)::int as total
    from iot_alarms where tenant_id = ${tenantId} and opened_at >= ${since.toISOString()}::timestamptz
    group by 1 order by 1`.execute(deps.db);
  return {
    openAlarms: Number(head.open),
    unacknowledged: Number(head.unack),
    alarmsLast30Days: Number(head.recent),
    byKind: DeviceKinds.map((kind) => {
      const r = byKindRows.find((x) => x.kind === kind);
      return { kind, total: Number(r?.total ?? 0), open: Number(r?.open ?? 0) };
    }),
    bySeverity: Severities.map((severity) => ({
      severity,
      total: Number(sevRows.find((r) => r.severity === severity)?.total ?? 0),
    })),
    meanMinutesToAcknowledge: head.mtta === null ? null : Math.round(Number(head.mtta) * 10) / 10,
    perDay: perDay.rows.map((r) => ({ day: r.day, total: Number(r.total) })),
  };
}

function centroid(outline: Array<[number, number]>): [number, number] {
  return [
    outline.reduce((s, p) => s + p[0], 0) / outline.length,
    outline.reduce((s, p) => s + p[1], 0) / outline.length,
  ];
}

export async function plan(
  deps: Deps,
  ctx: Ctx,
  estateId: number | undefined,
): Promise<z.infer<typeof IotPlan>> {
  const tenantId = readTenant(ctx);
  const estates = await deps.db
    .selectFrom('estates')
    .select(['id', 'name', 'site_width', 'site_height'])
    .where('tenant_id', '=', tenantId)
    .orderBy('id')
    .execute();
  let chosen = estates.find((e) => e.id === estateId);
  if (!chosen) {
    const withDevices = await deps.db
      .selectFrom('iot_devices')
      .select('estate_id')
      .where('tenant_id', '=', tenantId)
      .orderBy('estate_id')
      .limit(1)
      .executeTakeFirst();
    chosen = estates.find((e) => e.id === withDevices?.estate_id) ?? estates[0];
  }
  if (!chosen)
    return {
      estates: [],
      estateId: null,
      sitePlan: { width: 1000, height: 1000 },
      buildings: [],
      devices: [],
    };
  const buildings = await deps.db
    .selectFrom('buildings')
    .select(['id', 'number', 'outline'])
    .where('tenant_id', '=', tenantId)
    .where('estate_id', '=', chosen.id)
    .orderBy('sort_key')
    .execute();
  const outlines = new Map(buildings.map((b) => [b.id, b.outline as Array<[number, number]> | null]));
  const devices = (await devicesQuery(deps, tenantId).where('d.estate_id', '=', chosen.id).execute()).flatMap(
    (d) => {
      let x = d.x;
      let y = d.y;
      if (x === null || y === null) {
        const outline = d.building_id ? outlines.get(d.building_id) : null;
        if (!outline || outline.length < 3) return [];
        const [cx, cy] = centroid(outline);
        // in-building devices sit around the building's centre, a little apart from each other
        const angle = (d.id * 2.399963) % (2 * Math.PI);
        x = Math.round(cx + Math.cos(angle) * 12);
        y = Math.round(cy + Math.sin(angle) * 6);
      }
      const state: 'disabled' | 'alarm' | 'online' | 'offline' = !d.enabled
        ? 'disabled'
        : Number(d.open_alarms ?? 0) > 0
          ? 'alarm'
          : d.online
            ? 'online'
            : 'offline';
      return [
        {
          id: d.id,
          code: d.code,
          name: d.name,
          kind: d.kind as DeviceKind,
          x,
          y,
          state: state,
        },
      ];
    },
  );
  return {
    estates: estates.map((e) => ({ id: e.id, name: e.name })),
    estateId: chosen.id,
    sitePlan: { width: chosen.site_width, height: chosen.site_height },
    buildings: buildings.map((b) => ({
      id: b.id,
      number: b.number,
      outline: b.outline as Array<[number, number]> | null,
    })),
    devices,
  };
}
