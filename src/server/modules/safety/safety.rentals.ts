/** The rental-flat register (群租): flats, their checks, notices and rechecks. */
import type { z } from 'zod';
import type {
  RentalCheckFacts,
  RentalFlagCodes,
  RentalFlatBody,
  RentalNoticeBody,
} from '../../../contract/safety.ts';
import { requireAny } from '../../access/access.ts';
import { writeAudit } from '../../platform/audit.ts';
import type { Executor } from '../../db/database.ts';
import type { RequestContext } from '../../platform/context.ts';
import type { Deps } from '../../platform/deps.ts';
import { conflict, invalidField, notFound } from '../../platform/errors.ts';

import { groupRentalFlags, rentalStatusAfterCheck, type RentalStatus } from './safety.rules.ts';
import { streetDate } from '../../platform/streetTime.ts';

type Flag = (typeof RentalFlagCodes)[number];

import { requireSafetyManage, requireSafetyRead } from './safety.access.ts';

// ---- rental flats (群租) ----

async function rentalFlats(db: Executor, tenantId: number, now: Date, id?: number) {
  let q = db.selectFrom('safety_rental_flats').selectAll().where('tenant_id', '=', tenantId).orderBy('id');
  if (id !== undefined) q = q.where('id', '=', id);
  const flats = await q.execute();
  if (flats.length === 0) return [];
  const checks = await db
    .selectFrom('safety_rental_checks as c')
    .leftJoin('users as u', 'u.id', 'c.checked_by')
    .selectAll('c')
    .select('u.display_name')
    .where('c.tenant_id', '=', tenantId)
    .where(
      'c.flat_id',
      'in',
      flats.map((f) => f.id),
    )
    .orderBy('c.checked_at')
    .orderBy('c.id')
    .execute();
  const today = streetDate(now);
  return flats.map((f) => ({
    id: f.id,
    address: f.address,
    landlordName: f.landlord_name,
    householdId: f.household_id,
    buildingId: f.building_id,
    status: f.status as RentalStatus,
    occupants: f.occupants,
    rooms: f.rooms,
    areaM2: Number(f.area_m2),
    flags: f.flags as Flag[],
    groupRental: f.flags.length > 0,
    noticeNo: f.notice_no,
    noticeIssuedAt: f.notice_issued_at,
    noticeDeadline: f.notice_deadline,
    noticeOverdue: f.status === 'notice' && f.notice_deadline !== null && f.notice_deadline < today,
    lastCheckedAt: f.last_checked_at,
    checks: checks
      .filter((c) => c.flat_id === f.id)
      .map((c) => ({
        id: c.id,
        kind: c.kind as 'initial' | 'recheck',
        occupants: c.occupants,
        rooms: c.rooms,
        areaM2: Number(c.area_m2),
        partitions: c.partitions,
        bedsInKitchenOrBalcony: c.beds_in_kitchen_or_balcony,
        flags: c.flags as Flag[],
        note: c.note,
        checkedAt: c.checked_at,
        checkedByName: c.display_name,
      })),
  }));
}

export async function listRentalFlats(deps: Deps, ctx: RequestContext) {
  const tenantId = requireSafetyRead(ctx);
  const items = await rentalFlats(deps.db, tenantId, deps.clock.now());
  return { items, total: items.length };
}

export async function getRentalFlat(deps: Deps, ctx: RequestContext, id: number) {
  const tenantId = requireSafetyRead(ctx);
  const [flat] = await rentalFlats(deps.db, tenantId, deps.clock.now(), id);
  if (!flat) throw notFound();
  return flat;
}

/** Registers a rental flat with its first check; the 群租 rules decide whether it is flagged. */
export async function createRentalFlat(
  deps: Deps,
  ctx: RequestContext,
  body: z.infer<typeof RentalFlatBody>,
) {
  const tenantId = requireSafetyManage(ctx);
  if (body.householdId) {
    const h = await deps.db
      .selectFrom('households')
      .select(['id', 'building_id'])
      .where('tenant_id', '=', tenantId)
      .where('id', '=', body.householdId)
      .executeTakeFirst();
    if (!h) throw invalidField('body.householdId', '住户不存在', 'No such household in this street');
    body = { ...body, buildingId: body.buildingId ?? h.building_id };
  }
  if (body.buildingId) {
    const b = await deps.db
      .selectFrom('buildings')
      .select('id')
      .where('tenant_id', '=', tenantId)
      .where('id', '=', body.buildingId)
      .executeTakeFirst();
    if (!b) throw invalidField('body.buildingId', '楼栋不存在', 'No such building in this street');
  }
  const flags = groupRentalFlags(body);
  const status = rentalStatusAfterCheck(null, flags);
  const now = deps.clock.now();
  const id = await deps.db.transaction().execute(async (trx) => {
    const row = await trx
      .insertInto('safety_rental_flats')
      .values({
        tenant_id: tenantId,
        household_id: body.householdId ?? null,
        building_id: body.buildingId ?? null,
        address: body.address,
        landlord_name: body.landlordName ?? null,
        status,
        occupants: body.occupants,
        rooms: body.rooms,
        area_m2: body.areaM2,
        flags,
        last_checked_at: now,
        created_by: ctx.actor.userId,
        created_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await insertCheck(trx, tenantId, row.id, 'initial', body, flags, ctx.actor.userId, now);
    await writeAudit(trx, deps.clock, ctx, {
      tenantId,
      action: 'safety.rental.create',
      entityType: 'safety_rental_flat',
      entityId: row.id,
      payload: { ...body, flags, status },
    });
    return row.id;
  });
  return getRentalFlat(deps, ctx, id);
}

async function insertCheck(
  trx: Executor,
  tenantId: number,
  flatId: number,
  kind: 'initial' | 'recheck',
  f: z.infer<typeof RentalCheckFacts>,
  flags: string[],
  userId: number,
  at: Date,
) {
  await trx
    .insertInto('safety_rental_checks')
    .values({
      tenant_id: tenantId,
      flat_id: flatId,
      kind,
      occupants: f.occupants,
      rooms: f.rooms,
      area_m2: f.areaM2,
      partitions: f.partitions,
      beds_in_kitchen_or_balcony: f.bedsInKitchenOrBalcony,
      flags,
      note: f.note ?? null,
      checked_at: at,
      checked_by: userId,
    })
    .execute();
}

/** 整改通知: only for a flat the rules flagged; sets the deadline re-checks are measured against. */
export async function issueRentalNotice(
  deps: Deps,
  ctx: RequestContext,
  id: number,
  body: z.infer<typeof RentalNoticeBody>,
) {
  const tenantId = requireSafetyManage(ctx);
  const now = deps.clock.now();
  const today = streetDate(now);
  if (body.deadline <= today)
    throw invalidField('body.deadline', '整改期限须晚于今天', 'The deadline must be after today');
  await deps.db.transaction().execute(async (trx) => {
    const f = await trx
      .selectFrom('safety_rental_flats')
      .select(['status'])
      .where('tenant_id', '=', tenantId)
      .where('id', '=', id)
      .forUpdate()
      .executeTakeFirst();
    if (!f) throw notFound();
    if (f.status !== 'flagged' && f.status !== 'notice')
      throw conflict(
        '只有被认定为群租的房屋才能下发整改通知',
        'Only a flat flagged as overcrowded gets a notice',
      );
    await trx
      .updateTable('safety_rental_flats')
      .set({
        status: 'notice',
        notice_no: body.noticeNo,
        notice_issued_at: now,
        notice_deadline: body.deadline,
      })
      .where('tenant_id', '=', tenantId)
      .where('id', '=', id)
      .execute();
    await writeAudit(trx, deps.clock, ctx, {
      tenantId,
      action: 'safety.rental.notice',
      entityType: 'safety_rental_flat',
      entityId: id,
      payload: body,
    });
  });
  return getRentalFlat(deps, ctx, id);
}

/** A re-check: the rules run again; a clean result after a notice marks the flat rectified. */
export async function recheckRentalFlat(
  deps: Deps,
  ctx: RequestContext,
  id: number,
  body: z.infer<typeof RentalCheckFacts>,
) {
  // staff who read the register and either keep it or check on the ground
  const tenantId = requireSafetyRead(ctx);
  requireAny(ctx.actor, ['safety.manage', 'safety.handle']);
  const flags = groupRentalFlags(body);
  const now = deps.clock.now();
  await deps.db.transaction().execute(async (trx) => {
    const f = await trx
      .selectFrom('safety_rental_flats')
      .select(['status'])
      .where('tenant_id', '=', tenantId)
      .where('id', '=', id)
      .forUpdate()
      .executeTakeFirst();
    if (!f) throw notFound();
    const status = rentalStatusAfterCheck(f.status as RentalStatus, flags);
    await trx
      .updateTable('safety_rental_flats')
      .set({
        status,
        flags,
        occupants: body.occupants,
        rooms: body.rooms,
        area_m2: body.areaM2,
        last_checked_at: now,
      })
      .where('tenant_id', '=', tenantId)
      .where('id', '=', id)
      .execute();
    await insertCheck(trx, tenantId, id, 'recheck', body, flags, ctx.actor.userId, now);
    await writeAudit(trx, deps.clock, ctx, {
      tenantId,
      action: 'safety.rental.recheck',
      entityType: 'safety_rental_flat',
      entityId: id,
      payload: { ...body, flags, from: f.status, to: status },
    });
  });
  return getRentalFlat(deps, ctx, id);
}
