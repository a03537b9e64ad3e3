import { createHmac, timingSafeEqual } from 'node:crypto';
import { sql } from 'kysely';
import type { z } from 'zod';
import {
  DeviceKinds,
  DeviceProfiles,
  Severities,
  type AlarmListQuery,
  type ClearAlarmBody,
  type ConsentBody,
  type ConsentListQuery,
  type CreateDeviceBody,
  type DeviceKind,
  type DeviceListQuery,
  type IotPlan,
  type RuleParams,
  type Severity,
  type UpdateDeviceBody,
  type UpdateRuleBody,
} from '../../../contract/iot.ts';
import type { Permission } from '../../../contract/permissions.ts';
import { requireAny, requirePermission, requireTenant } from '../../access/access.ts';
import { writeAudit, type Executor } from '../../platform/audit.ts';
import type { RequestContext } from '../../platform/context.ts';
import { randomToken } from '../../platform/crypto.ts';
import type { Deps } from '../../platform/deps.ts';
import { AppError, conflict, invalidField, notFound } from '../../platform/errors.ts';
import { publish } from '../../platform/events.ts';
import { maskName, maskPhone } from '../../platform/mask.ts';
import { IOT_TOPIC } from './iot.alarms.ts';
import { ingestFor, type IngestOutcome } from './iot.ingest.ts';
import { effectiveRules, ruleParamsProblem } from './iot.rules.ts';
import { streetDate } from '../../platform/streetTime.ts';

type Ctx = RequestContext;

/** '7' or '7号' → '7号 201室' */
function householdLabel(building: string | null | undefined, room: string | null | undefined): string {
  const b = building ?? '';
  return `${b}${b.endsWith('号') ? '' : '号'} ${room ?? ''}室`;
}

/** The street of an actor holding any one of `permissions`. */
function tenantWithAny(ctx: Ctx, permissions: readonly Permission[]): number {
  const tenantId = requireTenant(ctx.actor);
  requireAny(ctx.actor, permissions);
  return tenantId;
}

function readTenant(ctx: Ctx): number {
  const tenantId = requireTenant(ctx.actor);
  requirePermission(ctx.actor, 'safety.read');
  return tenantId;
}

function manageTenant(ctx: Ctx): number {
  const tenantId = requireTenant(ctx.actor);
  requirePermission(ctx.actor, 'safety.manage');
  return tenantId;
}

const webhookPath = (code: string) => `/api/iot/webhook/${encodeURIComponent(code)}`;

// ---- devices -----------------------------------------------------------------------------------

function devicesQuery(deps: Deps, tenantId: number) {
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

// ---- consent -----------------------------------------------------------------------------------

async function consentsOf(
  deps: Deps,
  ctx: Ctx,
  tenantId: number,
  filter: { id?: number; householdId?: number; active?: boolean },
) {
  let q = deps.db
    .selectFrom('iot_consents as c')
    .innerJoin('households as h', (j) =>
      j.onRef('h.tenant_id', '=', 'c.tenant_id').onRef('h.id', '=', 'c.household_id'),
    )
    .innerJoin('buildings as b', (j) =>
      j.onRef('b.tenant_id', '=', 'h.tenant_id').onRef('b.id', '=', 'h.building_id'),
    )
    .innerJoin('users as r', 'r.id', 'c.recorded_by')
    .leftJoin('users as w', 'w.id', 'c.withdrawn_by')
    .selectAll('c')
    .select(['h.room', 'b.number as building', 'r.display_name as recorder', 'w.display_name as withdrawer'])
    .select((eb) =>
      eb
        .selectFrom('iot_devices as d')
        .select(eb.fn.countAll<number>().as('n'))
        .whereRef('d.tenant_id', '=', 'c.tenant_id')
        .whereRef('d.consent_id', '=', 'c.id')
        .as('devices'),
    )
    .where('c.tenant_id', '=', tenantId)
    .orderBy('c.id', 'desc');
  if (filter.id) q = q.where('c.id', '=', filter.id);
  if (filter.householdId) q = q.where('c.household_id', '=', filter.householdId);
  if (filter.active === true) q = q.where('c.withdrawn_at', 'is', null);
  if (filter.active === false) q = q.where('c.withdrawn_at', 'is not', null);
  const rows = await q.execute();
  return rows.map((c) => ({
    id: c.id,
    householdId: c.household_id,
    householdLabel: householdLabel(c.building, c.room),
    consentedBy: maskName(c.consented_by),
    relation: c.relation,
    consentedAt: c.consented_at,
    scope: c.scope.filter((k): k is DeviceKind => (DeviceKinds as readonly string[]).includes(k)),
    recordedBy: c.recorder,
    contactName: maskName(deps.cipher.decrypt(c.contact_name_enc)),
    contactPhone: maskPhone(deps.cipher.decrypt(c.contact_phone_enc)),
    withdrawnAt: c.withdrawn_at,
    withdrawnBy: c.withdrawer ?? null,
    withdrawReason: c.withdraw_reason,
    devices: Number(c.devices ?? 0),
  }));
}

export async function listConsents(deps: Deps, ctx: Ctx, query: z.infer<typeof ConsentListQuery>) {
  const tenantId = readTenant(ctx);
  const items = await consentsOf(deps, ctx, tenantId, {
    ...(query.householdId ? { householdId: query.householdId } : {}),
    ...(query.active ? { active: query.active === 'true' } : {}),
  });
  return { items, total: items.length };
}

export async function recordConsent(deps: Deps, ctx: Ctx, body: z.infer<typeof ConsentBody>) {
  const tenantId = manageTenant(ctx);
  const household = await deps.db
    .selectFrom('households')
    .select('id')
    .where('tenant_id', '=', tenantId)
    .where('id', '=', body.householdId)
    .executeTakeFirst();
  if (!household) throw invalidField('body.householdId', '住户不存在', 'No such household');
  const consentedAt = new Date(body.consentedAt);
  if (consentedAt.getTime() > deps.clock.now().getTime() + 60_000)
    throw invalidField(
      'body.consentedAt',
      '同意时间不能晚于现在',
      'The consent cannot be dated in the future',
    );
  const existing = await deps.db
    .selectFrom('iot_consents')
    .select('id')
    .where('tenant_id', '=', tenantId)
    .where('household_id', '=', body.householdId)
    .where('withdrawn_at', 'is', null)
    .executeTakeFirst();
  if (existing)
    throw conflict(
      '该住户已有有效的同意记录；如需变更范围，请先撤回后重新登记',
      'This household already has a consent in force; withdraw it before recording a new one',
    );
  const id = await deps.db.transaction().execute(async (trx) => {
    const row = await trx
      .insertInto('iot_consents')
      .values({
        tenant_id: tenantId,
        household_id: body.householdId,
        consented_by: body.consentedBy,
        relation: body.relation ?? null,
        consented_at: consentedAt,
        scope: [...new Set(body.scope)],
        contact_name_enc: deps.cipher.encrypt(body.contactName),
        contact_phone_enc: deps.cipher.encrypt(body.contactPhone),
        recorded_by: ctx.actor.userId,
        recorded_at: deps.clock.now(),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await writeAudit(trx, deps.clock, ctx, {
      tenantId,
      action: 'iot.consent.record',
      entityType: 'iot_consent',
      entityId: row.id,
      payload: {
        householdId: body.householdId,
        consentedBy: maskName(body.consentedBy),
        scope: body.scope,
        contactName: maskName(body.contactName),
        contactPhone: maskPhone(body.contactPhone),
      },
    });
    return row.id;
  });
  return (await consentsOf(deps, ctx, tenantId, { id }))[0]!;
}

/** Withdrawal stops the in-home devices at once: they are disabled and their open alarms cleared. */
export async function withdrawConsent(deps: Deps, ctx: Ctx, id: number, reason: string) {
  const tenantId = manageTenant(ctx);
  const now = deps.clock.now();
  const codes = await deps.db.transaction().execute(async (trx) => {
    const row = await trx
      .updateTable('iot_consents')
      .set({ withdrawn_at: now, withdrawn_by: ctx.actor.userId, withdraw_reason: reason })
      .where('tenant_id', '=', tenantId)
      .where('id', '=', id)
      .where('withdrawn_at', 'is', null)
      .returning('id')
      .executeTakeFirst();
    if (!row) {
      const exists = await trx
        .selectFrom('iot_consents')
        .select('id')
        .where('tenant_id', '=', tenantId)
        .where('id', '=', id)
        .executeTakeFirst();
      if (!exists) throw notFound();
      throw conflict('该同意已撤回', 'This consent was already withdrawn');
    }
    const devices = await trx
      .updateTable('iot_devices')
      .set({ enabled: false, online: false })
      .where('tenant_id', '=', tenantId)
      .where('consent_id', '=', id)
      .returning(['id', 'code'])
      .execute();
    if (devices.length)
      await trx
        .updateTable('iot_alarms')
        .set({
          status: 'cleared',
          cleared_at: now,
          cleared_by: ctx.actor.userId,
          clear_note: '住户撤回同意，设备停用',
        })
        .where('tenant_id', '=', tenantId)
        .where('status', '=', 'active')
        .where(
          'device_id',
          'in',
          devices.map((d) => d.id),
        )
        .execute();
    await writeAudit(trx, deps.clock, ctx, {
      tenantId,
      action: 'iot.consent.withdraw',
      entityType: 'iot_consent',
      entityId: id,
      payload: { reason, disabledDevices: devices.map((d) => d.id) },
    });
    await publish(trx, {
      tenantId,
      topic: IOT_TOPIC,
      data: { change: 'devices', deviceIds: devices.map((d) => d.id) },
    });
    return devices.map((d) => d.code);
  });
  for (const code of codes) ingestFor(deps).invalidateDevice(code);
  return (await consentsOf(deps, ctx, tenantId, { id }))[0]!;
}

// ---- alarms ------------------------------------------------------------------------------------

function ruleTitle(kind: DeviceKind, type: string, lang: 'zh' | 'en'): string {
  const rule = DeviceProfiles[kind]?.rules.find((r) => r.key === type);
  return rule ? rule[lang] : type;
}

async function alarmRows(deps: Deps, ctx: Ctx, tenantId: number, query: z.infer<typeof AlarmListQuery>) {
  let q = deps.db
    .selectFrom('iot_alarms as a')
    .innerJoin('iot_devices as d', (j) =>
      j.onRef('d.tenant_id', '=', 'a.tenant_id').onRef('d.id', '=', 'a.device_id'),
    )
    .leftJoin('buildings as b', (j) =>
      j.onRef('b.tenant_id', '=', 'd.tenant_id').onRef('b.id', '=', 'd.building_id'),
    )
    .leftJoin('households as h', (j) =>
      j.onRef('h.tenant_id', '=', 'd.tenant_id').onRef('h.id', '=', 'd.household_id'),
    )
    .leftJoin('users as ack', 'ack.id', 'a.acknowledged_by')
    .leftJoin('users as clr', 'clr.id', 'a.cleared_by')
    .where('a.tenant_id', '=', tenantId);
  if (query.status === 'open') q = q.where('a.status', '=', 'active');
  if (query.status === 'cleared') q = q.where('a.status', '=', 'cleared');
  if (query.kind) q = q.where('a.kind', '=', query.kind);
  if (query.severity) q = q.where('a.severity', '=', query.severity);
  if (query.deviceId) q = q.where('a.device_id', '=', query.deviceId);
  const total = await q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const rows = await q
    .select([
      'a.id',
      'a.device_id',
      'd.code',
      'd.name',
      'a.kind',
      'a.type',
      'a.severity',
      'a.status',
      'a.acknowledged_at',
      'ack.display_name as ack_name',
      'a.opened_at',
      'a.last_at',
      'a.count',
      'a.last_value',
      'a.cleared_at',
      'clr.display_name as clr_name',
      'a.clear_note',
      'd.estate_id',
      'b.number as building',
      'd.place_name',
      'h.room',
      'd.household_id',
      'd.x',
      'd.y',
    ])
    .orderBy(sql`case a.severity when 'critical' then 0 when 'warning' then 1 else 2 end`)
    .orderBy('a.status')
    .orderBy('a.last_at', 'desc')
    .orderBy('a.id', 'desc')
    .limit(query.limit)
    .offset(query.offset)
    .execute();
  const items = rows.map((r) => ({
    id: r.id,
    deviceId: r.device_id,
    deviceCode: r.code,
    deviceName: r.name,
    kind: r.kind as DeviceKind,
    type: r.type,
    title: ruleTitle(r.kind as DeviceKind, r.type, ctx.lang),
    severity: r.severity as Severity,
    status: r.status as 'active' | 'cleared',
    acknowledged: r.acknowledged_at !== null,
    acknowledgedAt: r.acknowledged_at,
    acknowledgedBy: r.ack_name ?? null,
    openedAt: r.opened_at,
    lastAt: r.last_at,
    count: r.count,
    lastValue: r.last_value,
    clearedAt: r.cleared_at,
    clearedBy: r.clr_name ?? (r.cleared_at ? (ctx.lang === 'zh' ? '系统自动' : 'automatic') : null),
    clearNote: r.clear_note,
    estateId: r.estate_id,
    buildingNumber: r.building,
    placeName: r.place_name,
    householdLabel: r.household_id ? householdLabel(r.building, r.room) : null,
    x: r.x,
    y: r.y,
  }));
  return { items, total: Number(total.n) };
}

export async function listAlarms(deps: Deps, ctx: Ctx, query: z.infer<typeof AlarmListQuery>) {
  return alarmRows(deps, ctx, readTenant(ctx), query);
}

export async function getAlarm(deps: Deps, ctx: Ctx, id: number) {
  const tenantId = readTenant(ctx);
  const exists = await deps.db
    .selectFrom('iot_alarms')
    .select('device_id')
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .executeTakeFirst();
  if (!exists) throw notFound();
  const page = await alarmRows(deps, ctx, tenantId, {
    status: 'all',
    deviceId: exists.device_id,
    limit: 500,
    offset: 0,
  });
  const found = page.items.find((a) => a.id === id);
  if (!found) throw notFound();
  return found;
}

export async function acknowledgeAlarm(deps: Deps, ctx: Ctx, id: number) {
  const tenantId = tenantWithAny(ctx, ['safety.dispatch', 'safety.handle', 'safety.manage']);
  await deps.db.transaction().execute(async (trx) => {
    const row = await trx
      .updateTable('iot_alarms')
      .set({ acknowledged_at: deps.clock.now(), acknowledged_by: ctx.actor.userId })
      .where('tenant_id', '=', tenantId)
      .where('id', '=', id)
      .where('acknowledged_at', 'is', null)
      .returning('device_id')
      .executeTakeFirst();
    if (!row) {
      await existingAlarm(trx, tenantId, id);
      return; // acknowledged before: nothing changes
    }
    await writeAudit(trx, deps.clock, ctx, {
      tenantId,
      action: 'iot.alarm.acknowledge',
      entityType: 'iot_alarm',
      entityId: id,
    });
    await publish(trx, {
      tenantId,
      topic: IOT_TOPIC,
      data: { alarmId: id, deviceId: row.device_id, change: 'acknowledged' },
    });
  });
  return getAlarm(deps, ctx, id);
}

async function existingAlarm(trx: Executor, tenantId: number, id: number) {
  const row = await trx
    .selectFrom('iot_alarms')
    .select(['id', 'status'])
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .executeTakeFirst();
  if (!row) throw notFound();
  return row;
}

/** Clearing by hand (a false alarm, a device fault): the work order made from it stays open. */
export async function clearAlarm(deps: Deps, ctx: Ctx, id: number, body: z.infer<typeof ClearAlarmBody>) {
  const tenantId = tenantWithAny(ctx, ['safety.dispatch', 'safety.manage']);
  const now = deps.clock.now();
  await deps.db.transaction().execute(async (trx) => {
    const row = await trx
      .updateTable('iot_alarms')
      .set((eb) => ({
        status: 'cleared',
        cleared_at: now,
        cleared_by: ctx.actor.userId,
        clear_note: body.note,
        acknowledged_at: eb.fn.coalesce('acknowledged_at', sql<string>`${now.toISOString()}::timestamptz`),
        acknowledged_by: eb.fn.coalesce('acknowledged_by', sql<number>`${ctx.actor.userId}::bigint`),
      }))
      .where('tenant_id', '=', tenantId)
      .where('id', '=', id)
      .where('status', '=', 'active')
      .returning('device_id')
      .executeTakeFirst();
    if (!row) {
      await existingAlarm(trx, tenantId, id);
      throw conflict('该告警已消除', 'This alarm is already cleared');
    }
    await writeAudit(trx, deps.clock, ctx, {
      tenantId,
      action: 'iot.alarm.clear',
      entityType: 'iot_alarm',
      entityId: id,
      payload: body,
    });
    await publish(trx, {
      tenantId,
      topic: IOT_TOPIC,
      data: { alarmId: id, deviceId: row.device_id, change: 'cleared' },
    });
  });
  return getAlarm(deps, ctx, id);
}

// ---- rules -------------------------------------------------------------------------------------

async function ruleOverrides(deps: Deps, tenantId: number) {
  return deps.db
    .selectFrom('iot_rules')
    .select(['kind', 'key', 'severity', 'enabled', 'params'])
    .where('tenant_id', '=', tenantId)
    .execute();
}

export async function listRules(deps: Deps, ctx: Ctx) {
  const tenantId = readTenant(ctx);
  const overrides = await ruleOverrides(deps, tenantId);
  const items = DeviceKinds.flatMap((kind) =>
    effectiveRules(kind, overrides).map((r) => ({
      kind,
      key: r.key,
      type: r.type,
      title: r[ctx.lang],
      severity: r.severity,
      enabled: r.enabled,
      params: r.params,
      defaults: DeviceProfiles[kind].rules.find((d) => d.key === r.key)!.params,
      customised: r.customised,
    })),
  );
  return { items, total: items.length };
}

export async function updateRule(
  deps: Deps,
  ctx: Ctx,
  kind: DeviceKind,
  key: string,
  body: z.infer<typeof UpdateRuleBody>,
) {
  const tenantId = manageTenant(ctx);
  const base = DeviceProfiles[kind].rules.find((r) => r.key === key);
  if (!base) throw notFound();
  const current = effectiveRules(kind, await ruleOverrides(deps, tenantId)).find((r) => r.key === key)!;
  const params: RuleParams = { ...current.params, ...(body.params ?? {}) };
  const problem = ruleParamsProblem(base, params);
  if (problem)
    throw invalidField(
      `body.params.${problem}`,
      '此类规则缺少或不能更改该参数',
      'This rule type needs this parameter unchanged or present',
    );
  const severity = body.severity ?? current.severity;
  if (!(Severities as readonly string[]).includes(severity))
    throw invalidField('body.severity', '级别无效', 'Invalid severity');
  await deps.db.transaction().execute(async (trx) => {
    await trx
      .insertInto('iot_rules')
      .values({
        tenant_id: tenantId,
        kind,
        key,
        severity,
        enabled: body.enabled ?? current.enabled,
        params: JSON.stringify(params),
        updated_by: ctx.actor.userId,
        updated_at: deps.clock.now(),
      })
      .onConflict((oc) =>
        oc.columns(['tenant_id', 'kind', 'key']).doUpdateSet((eb) => ({
          severity: eb.ref('excluded.severity'),
          enabled: eb.ref('excluded.enabled'),
          params: eb.ref('excluded.params'),
          updated_by: eb.ref('excluded.updated_by'),
          updated_at: eb.ref('excluded.updated_at'),
        })),
      )
      .execute();
    await writeAudit(trx, deps.clock, ctx, {
      tenantId,
      action: 'iot.rule.update',
      entityType: 'iot_rule',
      entityId: `${kind}.${key}`,
      payload: {
        before: { severity: current.severity, enabled: current.enabled, params: current.params },
        after: body,
      },
    });
  });
  ingestFor(deps).invalidateRules(tenantId);
  return (await listRules(deps, ctx)).items.find((r) => r.kind === kind && r.key === key)!;
}

// ---- figures, stats, plan ----------------------------------------------------------------------

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

// ---- webhook -----------------------------------------------------------------------------------

export const SIGNATURE_HEADER = 'x-gongzhi-signature';

export function signBody(secret: string, body: Buffer | string): string {
  return `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
}

/**
 * A vendor's HTTP push: authenticated by the HMAC-SHA256 of the raw body with the device's secret,
 * then fed to the same pipeline as MQTT.
 */
export async function webhook(
  deps: Deps,
  code: string,
  raw: Buffer,
  signature: string | undefined,
): Promise<{ outcome: IngestOutcome }> {
  const device = await deps.db
    .selectFrom('iot_devices as d')
    .innerJoin('tenants as t', 't.id', 'd.tenant_id')
    .select(['d.kind', 'd.webhook_secret_enc', 't.code as tenant_code'])
    .where('d.code', '=', code)
    .executeTakeFirst();
  // unknown device, no webhook, or a bad signature: the same answer, so codes cannot be probed
  const secret = device?.webhook_secret_enc ? deps.cipher.decrypt(device.webhook_secret_enc) : null;
  const expected = Buffer.from(secret ? signBody(secret, raw) : 'sha256=none');
  const given = Buffer.from(signature ?? '');
  if (!device || !secret || given.length !== expected.length || !timingSafeEqual(given, expected))
    throw new AppError('unauthenticated', undefined, {
      zh: '签名无效：请用设备密钥对请求体计算 HMAC-SHA256，放在 x-gongzhi-signature 头中',
      en: 'Invalid signature: send the HMAC-SHA256 of the body with the device secret in x-gongzhi-signature',
    });
  let body: { type?: unknown; payload?: unknown };
  try {
    body = JSON.parse(raw.toString('utf8')) as typeof body;
  } catch {
    body = {};
  }
  const leaf = body?.type === 'telemetry' || body?.type === 'event' ? body.type : 'invalid';
  const payload =
    body && typeof body.payload === 'object' && body.payload !== null
      ? (body.payload as Record<string, unknown>)
      : Buffer.from('');
  const outcome = await ingestFor(deps).accept({
    tenantCode: device.tenant_code,
    kind: device.kind,
    deviceCode: code,
    leaf,
    body: payload,
    via: 'webhook',
  });
  return { outcome };
}
