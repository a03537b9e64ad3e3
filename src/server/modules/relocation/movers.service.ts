import type { z } from 'zod';
import type {
  ConfirmBody,
  MoveRequestBody,
  ScheduleBody,
  VolunteerBody,
  VolunteerUpdateBody,
} from '../../../contract/relocation.ts';
import { hasPermission, requirePermission, requireTenant } from '../../access/access.ts';
import type { Executor } from '../../db/database.ts';
import type { Actor, RequestContext } from '../../platform/context.ts';
import type { FieldCipher } from '../../platform/crypto.ts';
import { maskPhone } from '../../platform/mask.ts';
import type { Deps } from '../../platform/deps.ts';
import { conflict, invalidField, notFound } from '../../platform/errors.ts';
import {
  householdLabels,
  isStaff,
  oneOr404,
  requireHouseholdAct,
  writeAndReload,
} from './relocation.common.ts';

/**
 * 红色搬家先锋队: volunteers, households' moving requests (out and back), teams scheduled onto them
 * without double-booking anyone, completion confirmed by the household.
 */

const slotLabel = { am: '上午', pm: '下午' } as const;

// ---- volunteers ----------------------------------------------------------------------------------

/** The loader of volunteers as `ctx`'s actor may see them (their jobs; phones full or masked). */
function volunteersFor(deps: Deps, ctx: RequestContext) {
  return async (db: Executor, tenantId: number, filter: { ids?: number[] }) => {
    let q = db
      .selectFrom('relocation_volunteers as v')
      .selectAll('v')
      .select((eb) =>
        eb
          .selectFrom('relocation_move_assignments as a')
          .select(eb.fn.countAll<number>().as('n'))
          .whereRef('a.tenant_id', '=', 'v.tenant_id')
          .whereRef('a.volunteer_id', '=', 'v.id')
          .as('jobs'),
      )
      .where('v.tenant_id', '=', tenantId);
    if (filter.ids) q = q.where('v.id', 'in', filter.ids.length ? filter.ids : [-1]);
    const rows = await q.orderBy('v.id').execute();
    return rows.map((r) => ({
      id: r.id,
      name: r.name,
      unit: r.unit,
      skills: r.skills,
      availability: r.availability,
      phone: volunteerPhone(deps, ctx.actor, r),
      active: r.active,
      jobs: Number(r.jobs ?? 0),
    }));
  };
}

export async function listVolunteers(deps: Deps, ctx: RequestContext) {
  const tenantId = requireTenant(ctx.actor);
  requirePermission(ctx.actor, 'relocation.read');
  const items = await volunteersFor(deps, ctx)(deps.db, tenantId, {});
  return { items, total: items.length };
}

const encryptOptional = (deps: Deps, phone: string | null | undefined) =>
  phone ? deps.cipher.encrypt(phone) : null;

/**
 * A volunteer's phone in full for the coordinators who schedule and call them (`relocation.manage`)
 * and for the volunteer themself; masked for everyone else, as household phones are.
 */
function volunteerPhone(
  deps: Deps,
  actor: Actor,
  row: { phone_enc: string | null; user_id: number | null },
): string | null {
  if (!row.phone_enc) return null;
  const phone = deps.cipher.decrypt(row.phone_enc);
  const full = hasPermission(actor, 'relocation.manage') || row.user_id === actor.userId;
  return full ? phone : maskPhone(phone);
}

/**
 * Moves phones stored in clear (before 0111) into phone_enc. Idempotent: only rows still holding a
 * clear phone are touched, each in its own short statement, so a start after a crash resumes.
 */
export async function encryptVolunteerPhones(db: Executor, cipher: FieldCipher): Promise<number> {
  const rows = await db
    .selectFrom('relocation_volunteers')
    .select(['tenant_id', 'id', 'phone'])
    .where('phone', 'is not', null)
    .execute();
  for (const r of rows) {
    await db
      .updateTable('relocation_volunteers')
      .set({ phone_enc: cipher.encrypt(r.phone!), phone: null })
      .where('tenant_id', '=', r.tenant_id)
      .where('id', '=', r.id)
      .where('phone', '=', r.phone)
      .execute();
  }
  return rows.length;
}

export async function createVolunteer(deps: Deps, ctx: RequestContext, body: z.infer<typeof VolunteerBody>) {
  const tenantId = requireTenant(ctx.actor);
  requirePermission(ctx.actor, 'relocation.manage');
  return writeAndReload(deps, ctx, tenantId, volunteersFor(deps, ctx), async (trx) => {
    const row = await trx
      .insertInto('relocation_volunteers')
      .values({
        tenant_id: tenantId,
        name: body.name,
        unit: body.unit ?? null,
        skills: body.skills ?? null,
        availability: body.availability ?? null,
        phone_enc: encryptOptional(deps, body.phone),
        user_id: body.userId ?? null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return {
      id: row.id,
      record: {
        audit: {
          action: 'relocation.volunteer.create',
          entityType: 'relocation_volunteer',
          entityId: row.id,
          payload: { ...body, phone: body.phone ? '***' : undefined },
        },
      },
    };
  });
}

/**
 * Edits a volunteer; `active: false` takes them off future scheduling (their past and already
 * scheduled jobs stay as they are).
 */
export async function updateVolunteer(
  deps: Deps,
  ctx: RequestContext,
  volunteerId: number,
  body: z.infer<typeof VolunteerUpdateBody>,
) {
  const tenantId = requireTenant(ctx.actor);
  requirePermission(ctx.actor, 'relocation.manage');
  return writeAndReload(deps, ctx, tenantId, volunteersFor(deps, ctx), async (trx) => {
    const updated = await trx
      .updateTable('relocation_volunteers')
      .set({
        name: body.name,
        unit: body.unit ?? null,
        skills: body.skills ?? null,
        availability: body.availability ?? null,
        phone_enc: encryptOptional(deps, body.phone),
        ...(body.userId !== undefined ? { user_id: body.userId } : {}),
        active: body.active,
      })
      .where('tenant_id', '=', tenantId)
      .where('id', '=', volunteerId)
      .returning('id')
      .executeTakeFirst();
    if (!updated) throw notFound();
    return {
      id: volunteerId,
      record: {
        audit: {
          action: 'relocation.volunteer.update',
          entityType: 'relocation_volunteer',
          entityId: volunteerId,
          payload: { ...body, phone: body.phone ? '***' : undefined },
        },
      },
    };
  });
}

// ---- moving requests -----------------------------------------------------------------------------

async function loadRequests(
  db: Executor,
  tenantId: number,
  filter: { ids?: number[]; householdId?: number },
) {
  let q = db.selectFrom('relocation_move_requests').selectAll().where('tenant_id', '=', tenantId);
  if (filter.ids) q = q.where('id', 'in', filter.ids.length ? filter.ids : [-1]);
  if (filter.householdId !== undefined) q = q.where('household_id', '=', filter.householdId);
  const rows = await q.orderBy('move_on', 'desc').orderBy('id', 'desc').execute();
  const ids = rows.map((r) => r.id);
  const team = ids.length
    ? await db
        .selectFrom('relocation_move_assignments as a')
        .innerJoin('relocation_volunteers as v', (j) =>
          j.onRef('v.tenant_id', '=', 'a.tenant_id').onRef('v.id', '=', 'a.volunteer_id'),
        )
        .select(['a.request_id', 'v.id', 'v.name'])
        .where('a.tenant_id', '=', tenantId)
        .where('a.request_id', 'in', ids)
        .orderBy('v.id')
        .execute()
    : [];
  const labels = await householdLabels(
    db,
    tenantId,
    rows.map((r) => r.household_id),
  );
  return rows.map((r) => ({
    id: r.id,
    householdId: r.household_id,
    householdLabel: labels.get(r.household_id) ?? '',
    direction: r.direction as 'out' | 'back',
    moveOn: r.move_on,
    slot: r.slot as 'am' | 'pm',
    volumeM3: Number(r.volume_m3),
    stairsFloors: r.stairs_floors,
    fragile: r.fragile,
    needsStorage: r.needs_storage,
    note: r.note,
    status: r.status as 'requested' | 'scheduled' | 'done' | 'cancelled',
    team: team.filter((t) => t.request_id === r.id).map((t) => ({ id: t.id, name: t.name })),
    createdAt: r.created_at,
    confirmedAt: r.confirmed_at,
    confirmedBy: r.confirmed_by,
  }));
}

/** Staff see the street's requests (optionally one household's); a resident sees their own. */
export async function listMoveRequests(
  deps: Deps,
  ctx: RequestContext,
  query: { householdId?: number | undefined; status?: string | undefined },
) {
  const tenantId = requireTenant(ctx.actor);
  let householdId = query.householdId;
  if (!isStaff(ctx)) {
    requirePermission(ctx.actor, 'relocation.book');
    householdId = ctx.actor.householdId ?? -1;
  }
  let items = await loadRequests(deps.db, tenantId, householdId === undefined ? {} : { householdId });
  if (query.status) items = items.filter((r) => r.status === query.status);
  return { items, total: items.length };
}

export async function createMoveRequest(
  deps: Deps,
  ctx: RequestContext,
  body: z.infer<typeof MoveRequestBody>,
) {
  const tenantId = await requireHouseholdAct(deps, ctx, body.householdId);
  const now = deps.clock.now();
  return writeAndReload(deps, ctx, tenantId, loadRequests, async (trx) => {
    const open = await trx
      .selectFrom('relocation_move_requests')
      .select('id')
      .where('tenant_id', '=', tenantId)
      .where('household_id', '=', body.householdId)
      .where('direction', '=', body.direction)
      .where('status', 'in', ['requested', 'scheduled'])
      .executeTakeFirst();
    if (open)
      throw conflict(
        '该户已有尚未完成的同类搬家预约',
        'This household already has an open moving request of this kind',
      );
    const row = await trx
      .insertInto('relocation_move_requests')
      .values({
        tenant_id: tenantId,
        household_id: body.householdId,
        direction: body.direction,
        move_on: body.moveOn,
        slot: body.slot,
        volume_m3: body.volumeM3,
        stairs_floors: body.stairsFloors,
        fragile: body.fragile ?? null,
        needs_storage: body.needsStorage,
        note: body.note ?? null,
        requested_by: ctx.actor.userId,
        created_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return {
      id: row.id,
      record: {
        householdId: body.householdId,
        at: now,
        kind: 'move_requested',
        params: { direction: body.direction, moveOn: body.moveOn, slot: body.slot },
        detail: { requestId: row.id },
        audit: {
          action: 'relocation.move.request',
          entityType: 'relocation_move_request',
          entityId: row.id,
          payload: body,
        },
      },
    };
  });
}

/**
 * Puts a team on a request. The volunteers' rows are locked (in id order, so two schedulers cannot
 * deadlock) before their other jobs on the same date and slot are checked: a second scheduler waits
 * and then sees the first one's assignment, so nobody is ever on two moves at once.
 */
export async function scheduleTeam(
  deps: Deps,
  ctx: RequestContext,
  requestId: number,
  body: z.infer<typeof ScheduleBody>,
) {
  const tenantId = requireTenant(ctx.actor);
  requirePermission(ctx.actor, 'relocation.manage');
  const volunteerIds = [...new Set(body.volunteerIds)].sort((a, b) => a - b);
  const now = deps.clock.now();
  return writeAndReload(deps, ctx, tenantId, loadRequests, async (trx) => {
    const request = await trx
      .selectFrom('relocation_move_requests')
      .selectAll()
      .where('tenant_id', '=', tenantId)
      .where('id', '=', requestId)
      .forUpdate()
      .executeTakeFirst();
    if (!request) throw notFound();
    if (request.status === 'done' || request.status === 'cancelled')
      throw conflict('该搬家预约已结束，不能再排班', 'This moving request is closed and cannot be scheduled');
    const volunteers = await trx
      .selectFrom('relocation_volunteers')
      .select(['id', 'name', 'active'])
      .where('tenant_id', '=', tenantId)
      .where('id', 'in', volunteerIds)
      .orderBy('id')
      .forUpdate()
      .execute();
    if (volunteers.length !== volunteerIds.length || volunteers.some((v) => !v.active))
      throw invalidField('body.volunteerIds', '志愿者不存在或已停用', 'Unknown or inactive volunteer');
    const busy = await trx
      .selectFrom('relocation_move_assignments as a')
      .innerJoin('relocation_volunteers as v', (j) =>
        j.onRef('v.tenant_id', '=', 'a.tenant_id').onRef('v.id', '=', 'a.volunteer_id'),
      )
      .select(['v.id', 'v.name'])
      .where('a.tenant_id', '=', tenantId)
      .where('a.volunteer_id', 'in', volunteerIds)
      .where('a.move_on', '=', request.move_on)
      .where('a.slot', '=', request.slot)
      .where('a.request_id', '<>', requestId)
      .execute();
    if (busy.length > 0) {
      const names = [...new Set(busy.map((b) => b.name))].join('、');
      throw conflict(
        `${names} 在 ${request.move_on} ${slotLabel[request.slot as 'am' | 'pm']} 已有搬家任务，不能重复排班`,
        `${names} already on a move on ${request.move_on} (${request.slot}); a volunteer cannot be double-booked`,
        { volunteerIds: [...new Set(busy.map((b) => b.id))] },
      );
    }
    await trx
      .deleteFrom('relocation_move_assignments')
      .where('tenant_id', '=', tenantId)
      .where('request_id', '=', requestId)
      .execute();
    await trx
      .insertInto('relocation_move_assignments')
      .values(
        volunteerIds.map((volunteer_id) => ({
          tenant_id: tenantId,
          request_id: requestId,
          volunteer_id,
          move_on: request.move_on,
          slot: request.slot,
        })),
      )
      .execute();
    await trx
      .updateTable('relocation_move_requests')
      .set({ status: 'scheduled', scheduled_at: now })
      .where('tenant_id', '=', tenantId)
      .where('id', '=', requestId)
      .execute();
    return {
      id: requestId,
      record: {
        householdId: request.household_id,
        at: now,
        kind: 'move_scheduled',
        params: { volunteers: volunteers.map((v) => v.name), moveOn: request.move_on, slot: request.slot },
        detail: { requestId, volunteerIds },
        audit: {
          action: 'relocation.move.schedule',
          entityType: 'relocation_move_request',
          entityId: requestId,
          payload: { volunteerIds },
        },
      },
    };
  });
}

/**
 * The household confirms the move was done. A resident confirms online for their own household;
 * staff may record a paper confirmation, naming who in the household confirmed.
 */
export async function confirmMove(
  deps: Deps,
  ctx: RequestContext,
  requestId: number,
  body: z.infer<typeof ConfirmBody>,
) {
  const tenantId = requireTenant(ctx.actor);
  const current = await oneOr404(loadRequests(deps.db, tenantId, { ids: [requestId] }));
  await requireHouseholdAct(deps, ctx, current.householdId);
  const staff = hasPermission(ctx.actor, 'relocation.manage');
  if (staff && !body.confirmedBy)
    throw invalidField(
      'body.confirmedBy',
      '请填写确认的家庭成员姓名',
      'Name the household member who confirmed',
    );
  const by = staff ? `${body.confirmedBy}（工作人员代录）` : (body.confirmedBy ?? ctx.actor.displayName);
  const now = deps.clock.now();
  return writeAndReload(deps, ctx, tenantId, loadRequests, async (trx) => {
    const updated = await trx
      .updateTable('relocation_move_requests')
      .set({ status: 'done', confirmed_at: now, confirmed_by: by })
      .where('tenant_id', '=', tenantId)
      .where('id', '=', requestId)
      .where('status', '=', 'scheduled')
      .returning('household_id')
      .executeTakeFirst();
    if (!updated)
      throw conflict(
        current.status === 'done' ? '该搬家已确认完成' : '尚未排班的搬家不能确认完成',
        current.status === 'done'
          ? 'This move is already confirmed'
          : 'A move must be scheduled before it is confirmed',
      );
    return {
      id: requestId,
      record: {
        householdId: updated.household_id,
        at: now,
        kind: 'move_done',
        params: { direction: current.direction },
        detail: { requestId, confirmedBy: by },
        audit: {
          action: 'relocation.move.confirm',
          entityType: 'relocation_move_request',
          entityId: requestId,
          payload: { confirmedBy: by },
        },
      },
    };
  });
}

/** Cancels an open request and frees its team. */
export async function cancelMove(deps: Deps, ctx: RequestContext, requestId: number) {
  const tenantId = requireTenant(ctx.actor);
  const current = await oneOr404(loadRequests(deps.db, tenantId, { ids: [requestId] }));
  await requireHouseholdAct(deps, ctx, current.householdId);
  const now = deps.clock.now();
  return writeAndReload(deps, ctx, tenantId, loadRequests, async (trx) => {
    const updated = await trx
      .updateTable('relocation_move_requests')
      .set({ status: 'cancelled' })
      .where('tenant_id', '=', tenantId)
      .where('id', '=', requestId)
      .where('status', 'in', ['requested', 'scheduled'])
      .returning('id')
      .executeTakeFirst();
    if (!updated) throw conflict('该搬家预约已结束', 'This moving request is already closed');
    await trx
      .deleteFrom('relocation_move_assignments')
      .where('tenant_id', '=', tenantId)
      .where('request_id', '=', requestId)
      .execute();
    return {
      id: requestId,
      record: {
        householdId: current.householdId,
        at: now,
        kind: 'move_cancelled',
        params: { moveOn: current.moveOn },
        detail: { requestId },
        audit: {
          action: 'relocation.move.cancel',
          entityType: 'relocation_move_request',
          entityId: requestId,
        },
      },
    };
  });
}
