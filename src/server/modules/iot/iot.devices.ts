/** Devices: the register, one device with its consent and alarms, adding, changing and its webhook secret. */
import type { z } from 'zod';
import { type DeviceKind } from '../../../contract/iot.kinds.ts';
import { DeviceProfiles } from '../../../contract/iot.profiles.ts';
import { type CreateDeviceBody, type DeviceListQuery, type UpdateDeviceBody } from '../../../contract/iot.ts';
import { writeAudit } from '../../platform/audit.ts';
import { randomToken } from '../../platform/crypto.ts';
import type { Deps } from '../../platform/deps.ts';
import { conflict, invalidField, notFound } from '../../platform/errors.ts';
import { publish } from '../../platform/events.ts';
import { IOT_TOPIC } from './iot.alarms.ts';
import { ingestFor } from './iot.ingest.ts';
import { householdLabel, manageTenant, readTenant, type Ctx } from './iot.common.ts';
import { consentsOf } from './iot.consents.ts';
import { alarmRows } from './iot.alarm-desk.ts';

const webhookPath = (code: string) => `/api/iot/webhook/${encodeURIComponent(code)}`;

export function devicesQuery(deps: Deps, tenantId: number) {
  return deps.db
    .selectFrom('iot_devices as d')
    .leftJoin('buildings as b', (j) =>
      j.onRef('b.tenant_id', '=', 'd.tenant_id').onRef('b.id', '=', 'd.building_id'),
    )
    .leftJoin('households as h', (j) =>
      j.onRef('h.tenant_id', '=', 'd.tenant_id').onRef('h.id', '=', 'd.household_id'),
    )
    .leftJoin('buildings as hb', (j) =>
      j.onRef('hb.tenant_id', '=', 'h.tenant_id').onRef('hb.id', '=', 'h.building_id'),
    )
    .select([
      'd.id',
      'd.code',
      'd.kind',
      'd.name',
      'd.estate_id',
      'd.building_id',
      'b.number as building_number',
      'd.household_id',
      'h.room',
      'hb.number as household_building',
      'd.place_name',
      'd.x',
      'd.y',
      'd.ports',
      'd.enabled',
      'd.online',
      'd.last_seen_at',
      'd.messages',
      'd.malformed',
      'd.webhook_secret_enc',
      'd.created_at',
      'd.consent_id',
    ])
    .select((eb) =>
      eb
        .selectFrom('iot_alarms as a')
        .select(eb.fn.countAll<number>().as('n'))
        .whereRef('a.tenant_id', '=', 'd.tenant_id')
        .whereRef('a.device_id', '=', 'd.id')
        .where('a.status', '=', 'active')
        .as('open_alarms'),
    )
    .where('d.tenant_id', '=', tenantId);
}

type DeviceRow = Awaited<ReturnType<ReturnType<typeof devicesQuery>['executeTakeFirstOrThrow']>>;

function toDevice(r: DeviceRow) {
  return {
    id: r.id,
    code: r.code,
    kind: r.kind as DeviceKind,
    name: r.name,
    estateId: r.estate_id,
    buildingId: r.building_id,
    buildingNumber: r.building_number ?? r.household_building ?? null,
    householdId: r.household_id,
    householdLabel: r.household_id ? householdLabel(r.household_building, r.room) : null,
    placeName: r.place_name,
    x: r.x,
    y: r.y,
    ports: r.ports,
    enabled: r.enabled,
    online: r.online,
    lastSeenAt: r.last_seen_at,
    openAlarms: Number(r.open_alarms ?? 0),
    messages: Number(r.messages),
    malformed: Number(r.malformed),
    hasWebhook: r.webhook_secret_enc !== null,
    createdAt: r.created_at,
  };
}

export async function listDevices(deps: Deps, ctx: Ctx, query: z.infer<typeof DeviceListQuery>) {
  const tenantId = readTenant(ctx);
  let q = devicesQuery(deps, tenantId).orderBy('d.kind').orderBy('d.code');
  if (query.kind) q = q.where('d.kind', '=', query.kind);
  if (query.estateId) q = q.where('d.estate_id', '=', query.estateId);
  if (query.buildingId) q = q.where('d.building_id', '=', query.buildingId);
  if (query.q) {
    const like = `%${query.q.replace(/[%_\\]/g, (c) => `\\${c}`)}%`;
    q = q.where((eb) =>
      eb.or([eb('d.code', 'ilike', like), eb('d.name', 'ilike', like), eb('d.place_name', 'ilike', like)]),
    );
  }
  if (query.status === 'disabled') q = q.where('d.enabled', '=', false);
  if (query.status === 'online') q = q.where('d.enabled', '=', true).where('d.online', '=', true);
  if (query.status === 'offline') q = q.where('d.enabled', '=', true).where('d.online', '=', false);
  if (query.status === 'alarm')
    q = q.where((eb) =>
      eb.exists(
        eb
          .selectFrom('iot_alarms as a')
          .select('a.id')
          .whereRef('a.tenant_id', '=', 'd.tenant_id')
          .whereRef('a.device_id', '=', 'd.id')
          .where('a.status', '=', 'active'),
      ),
    );
  const items = (await q.execute()).map(toDevice);
  return { items, total: items.length };
}

async function deviceById(deps: Deps, tenantId: number, id: number) {
  const row = await devicesQuery(deps, tenantId).where('d.id', '=', id).executeTakeFirst();
  if (!row) throw notFound();
  return row;
}

export async function getDevice(deps: Deps, ctx: Ctx, id: number) {
  const tenantId = readTenant(ctx);
  const row = await deviceById(deps, tenantId, id);
  const history = await deps.db
    .selectFrom('iot_telemetry')
    .select(['at', 'type', 'payload'])
    .where('tenant_id', '=', tenantId)
    .where('device_id', '=', id)
    .orderBy('at', 'desc')
    .limit(200)
    .execute();
  const points = history.reverse().map((h) => ({
    at: h.at,
    type: h.type as 'telemetry' | 'event',
    payload: h.payload as Record<string, unknown>,
  }));
  const consent = row.consent_id
    ? ((await consentsOf(deps, ctx, tenantId, { id: row.consent_id }))[0] ?? null)
    : null;
  const alarms = await alarmRows(deps, ctx, tenantId, { status: 'all', deviceId: id, limit: 20, offset: 0 });
  return {
    ...toDevice(row),
    latest: points.filter((p) => p.type === 'telemetry').at(-1) ?? null,
    history: points,
    consent,
    alarms: alarms.items,
  };
}

async function checkPlace(deps: Deps, tenantId: number, body: z.infer<typeof CreateDeviceBody>) {
  const estate = await deps.db
    .selectFrom('estates')
    .select('id')
    .where('tenant_id', '=', tenantId)
    .where('id', '=', body.estateId)
    .executeTakeFirst();
  if (!estate) throw invalidField('body.estateId', '小区不存在', 'No such estate');
  if (body.buildingId) {
    const b = await deps.db
      .selectFrom('buildings')
      .select('id')
      .where('tenant_id', '=', tenantId)
      .where('id', '=', body.buildingId)
      .where('estate_id', '=', body.estateId)
      .executeTakeFirst();
    if (!b) throw invalidField('body.buildingId', '该楼栋不在所选小区', 'The building is not in this estate');
  }
}

export async function createDevice(deps: Deps, ctx: Ctx, body: z.infer<typeof CreateDeviceBody>) {
  const tenantId = manageTenant(ctx);
  await checkPlace(deps, tenantId, body);
  const profile = DeviceProfiles[body.kind];
  let consentId: number | null = null;
  let buildingId = body.buildingId ?? null;
  if (profile.inHome && !body.householdId)
    throw invalidField('body.householdId', '居家设备须指定住户', 'An in-home device needs a household');
  if (body.householdId) {
    const household = await deps.db
      .selectFrom('households')
      .select(['id', 'building_id', 'estate_id'])
      .where('tenant_id', '=', tenantId)
      .where('id', '=', body.householdId)
      .executeTakeFirst();
    if (!household || household.estate_id !== body.estateId)
      throw invalidField('body.householdId', '该住户不在所选小区', 'The household is not in this estate');
    buildingId = household.building_id;
    const consent = await deps.db
      .selectFrom('iot_consents')
      .select(['id', 'scope'])
      .where('tenant_id', '=', tenantId)
      .where('household_id', '=', body.householdId)
      .where('withdrawn_at', 'is', null)
      .executeTakeFirst();
    if (!consent || !consent.scope.includes(body.kind))
      throw conflict(
        '该住户没有登记在案、仍然有效且包含此类设备的知情同意，不能安装居家设备。请先登记住户同意。',
        'This household has no recorded consent in force that covers this kind of device, so no in-home device can be installed. Record the household’s consent first.',
      );
    consentId = consent.id;
  }
  if (body.kind === 'ebike_station' && !body.ports)
    throw invalidField(
      'body.ports',
      '充电桩须填写充电口数量',
      'A charging station needs its number of ports',
    );
  const taken = await deps.db
    .selectFrom('iot_devices')
    .select('id')
    .where('code', '=', body.code)
    .executeTakeFirst();
  if (taken) throw invalidField('body.code', '设备编号已被使用', 'This device code is already in use');
  const secret = body.webhook ? randomToken(24) : null;
  const now = deps.clock.now();
  const id = await deps.db.transaction().execute(async (trx) => {
    const row = await trx
      .insertInto('iot_devices')
      .values({
        tenant_id: tenantId,
        code: body.code,
        kind: body.kind,
        name: body.name,
        estate_id: body.estateId,
        building_id: buildingId,
        household_id: body.householdId ?? null,
        consent_id: consentId,
        place_name: body.placeName ?? null,
        x: body.x ?? null,
        y: body.y ?? null,
        ports: profile.hasPorts ? (body.ports ?? null) : null,
        webhook_secret_enc: secret ? deps.cipher.encrypt(secret) : null,
        created_by: ctx.actor.userId,
        created_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await writeAudit(trx, deps.clock, ctx, {
      tenantId,
      action: 'iot.device.create',
      entityType: 'iot_device',
      entityId: row.id,
      payload: { ...body, webhook: Boolean(secret) },
    });
    await publish(trx, { tenantId, topic: IOT_TOPIC, data: { change: 'devices', deviceIds: [row.id] } });
    return row.id;
  });
  return {
    device: toDevice(await deviceById(deps, tenantId, id)),
    webhookSecret: secret,
    webhookUrl: secret ? webhookPath(body.code) : null,
  };
}

export async function updateDevice(deps: Deps, ctx: Ctx, id: number, body: z.infer<typeof UpdateDeviceBody>) {
  const tenantId = manageTenant(ctx);
  const before = await deviceById(deps, tenantId, id);
  if (body.enabled === true && before.consent_id !== null) {
    const consent = await deps.db
      .selectFrom('iot_consents')
      .select('withdrawn_at')
      .where('tenant_id', '=', tenantId)
      .where('id', '=', before.consent_id)
      .executeTakeFirstOrThrow();
    if (consent.withdrawn_at)
      throw conflict(
        '住户已撤回同意，居家设备不能重新启用',
        'The household withdrew its consent; the in-home device cannot be re-enabled',
      );
  }
  await deps.db.transaction().execute(async (trx) => {
    await trx
      .updateTable('iot_devices')
      .set({
        ...(body.name !== undefined ? { name: body.name } : {}),
        ...(body.placeName !== undefined ? { place_name: body.placeName } : {}),
        ...(body.x !== undefined ? { x: body.x } : {}),
        ...(body.y !== undefined ? { y: body.y } : {}),
        ...(body.enabled !== undefined ? { enabled: body.enabled } : {}),
      })
      .where('tenant_id', '=', tenantId)
      .where('id', '=', id)
      .execute();
    await writeAudit(trx, deps.clock, ctx, {
      tenantId,
      action: 'iot.device.update',
      entityType: 'iot_device',
      entityId: id,
      payload: body,
    });
    await publish(trx, { tenantId, topic: IOT_TOPIC, data: { change: 'devices', deviceIds: [id] } });
  });
  ingestFor(deps).invalidateDevice(before.code);
  return toDevice(await deviceById(deps, tenantId, id));
}

export async function rotateWebhookSecret(deps: Deps, ctx: Ctx, id: number) {
  const tenantId = manageTenant(ctx);
  const device = await deviceById(deps, tenantId, id);
  const secret = randomToken(24);
  await deps.db.transaction().execute(async (trx) => {
    await trx
      .updateTable('iot_devices')
      .set({ webhook_secret_enc: deps.cipher.encrypt(secret) })
      .where('tenant_id', '=', tenantId)
      .where('id', '=', id)
      .execute();
    await writeAudit(trx, deps.clock, ctx, {
      tenantId,
      action: 'iot.device.rotate_secret',
      entityType: 'iot_device',
      entityId: id,
    });
  });
  ingestFor(deps).invalidateDevice(device.code);
  return { webhookSecret: secret, webhookUrl: webhookPath(device.code) };
}
