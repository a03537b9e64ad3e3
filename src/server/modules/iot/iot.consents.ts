/** Consent (知情同意) for in-home devices: the list, recording it and its withdrawal. */
import type { z } from 'zod';
import { DeviceKinds, type DeviceKind } from '../../../contract/iot.kinds.ts';
import { type ConsentBody, type ConsentListQuery } from '../../../contract/iot.ts';
import { writeAudit } from '../../platform/audit.ts';
import type { Deps } from '../../platform/deps.ts';
import { conflict, invalidField, notFound } from '../../platform/errors.ts';
import { publish } from '../../platform/events.ts';
import { maskName, maskPhone } from '../../platform/mask.ts';
import { IOT_TOPIC } from './iot.alarms.ts';
import { ingestFor } from './iot.ingest.ts';
import { householdLabel, manageTenant, readTenant, type Ctx } from './iot.common.ts';

export async function consentsOf(
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
