/** The watch list's entries: the list, one entry, putting people on and taking them off, and the workers. */
import { sql } from 'kysely';
import type { z } from 'zod';
import type { EntryBody, EntryPatch, EntryQuery } from '../../../contract/antifraud.ts';
import { hasPermission, requireAccess } from '../../access/access.ts';
import { writeAudit } from '../../platform/audit.ts';
import type { Executor } from '../../db/database.ts';
import type { RequestContext } from '../../platform/context.ts';
import type { Deps } from '../../platform/deps.ts';
import { conflict, invalidField, notFound } from '../../platform/errors.ts';
import { streetDate } from '../../platform/streetTime.ts';
import {
  entryQuery,
  loadEntry,
  requireManage,
  requireWatchList,
  toEntry,
  WORKER_ROLES,
} from './antifraud.common.ts';

const TIER_ORDER = sql<number>`case e.tier when 'high' then 0 when 'medium' then 1 else 2 end`;

/**
 * The watch list as the actor may see it: the lead sees the street's entries, a worker only their
 * own. Reading the list is itself audited (who looked, with which filter, how many rows).
 */
export async function listEntries(deps: Deps, ctx: RequestContext, query: z.infer<typeof EntryQuery>) {
  const tenantId = requireWatchList(ctx);
  const today = streetDate(deps.clock.now());
  let q = entryQuery(deps.db, tenantId, today);
  if (!hasPermission(ctx.actor, 'antifraud.manage') || query.mine === 'true')
    q = q.where('e.worker_id', '=', ctx.actor.userId);
  if (query.due === 'true') q = q.where('e.review_on', '<', today);
  if (query.tier) q = q.where('e.tier', '=', query.tier);
  if (query.source) q = q.where('e.source', '=', query.source);
  if (query.workerId) q = q.where('e.worker_id', '=', query.workerId);
  const rows = await q.orderBy(TIER_ORDER).orderBy('e.review_on').orderBy('e.id').execute();
  const items = rows.map((r) => toEntry(r, today));
  await deps.db.transaction().execute((trx) =>
    writeAudit(trx, deps.clock, ctx, {
      tenantId,
      action: 'antifraud.entry.list',
      entityType: 'antifraud_entry',
      payload: { filter: query, count: items.length },
    }),
  );
  return { items, total: items.length };
}

/** One entry with its visits; audited as a view. A worker reaches only their own entries (404). */
export async function getEntry(deps: Deps, ctx: RequestContext, id: number) {
  const tenantId = requireWatchList(ctx);
  await requireAccess(deps.db, ctx.actor, 'antifraud_entry', 'antifraud.visit', id);
  const entry = await loadEntry(deps.db, tenantId, id, streetDate(deps.clock.now()));
  await deps.db.transaction().execute((trx) =>
    writeAudit(trx, deps.clock, ctx, {
      tenantId,
      action: 'antifraud.entry.view',
      entityType: 'antifraud_entry',
      entityId: id,
    }),
  );
  return entry;
}

/** The assigned worker must be a user of this street who may do anti-fraud visits. */
async function checkWorker(db: Executor, tenantId: number, workerId: number | null | undefined) {
  if (workerId === null || workerId === undefined) return;
  const user = await db
    .selectFrom('users')
    .select('id')
    .where('id', '=', workerId)
    .where('tenant_id', '=', tenantId)
    .where('disabled', '=', false)
    .where('role', 'in', WORKER_ROLES)
    .executeTakeFirst();
  if (!user)
    throw invalidField(
      'body.workerId',
      '所选人员不是本街道的反诈工作人员',
      'The chosen person is not an anti-fraud worker of this street',
    );
}

function checkDates(today: string, reviewOn: string, retainUntil: string) {
  if (retainUntil <= today)
    throw invalidField('body.retainUntil', '保存期限必须晚于今天', 'The retention date must be after today');
  if (reviewOn > retainUntil)
    throw invalidField(
      'body.reviewOn',
      '复核日期不能晚于保存期限',
      'The review date cannot be after the retention date',
    );
}

/** Puts a resident on the watch list (the lead). No timeline event, no live event: it stays here. */
export async function createEntry(deps: Deps, ctx: RequestContext, body: z.infer<typeof EntryBody>) {
  const tenantId = requireManage(ctx);
  const today = streetDate(deps.clock.now());
  checkDates(today, body.reviewOn, body.retainUntil);
  await checkWorker(deps.db, tenantId, body.workerId);
  const household = await deps.db
    .selectFrom('households')
    .select(['id', 'head_name', 'members'])
    .where('tenant_id', '=', tenantId)
    .where('id', '=', body.householdId)
    .executeTakeFirst();
  if (!household)
    throw invalidField('body.householdId', '本街道没有这户住户', 'No such household in this street');
  let memberName: string | null = null;
  if (body.memberName && body.memberName !== household.head_name) {
    const names = ((household.members ?? []) as Array<{ name?: string }>).map((m) => m.name);
    if (!names.includes(body.memberName))
      throw invalidField(
        'body.memberName',
        '该户档案中没有这位家庭成员',
        'This person is not a member of the household on file',
      );
    memberName = body.memberName;
  }
  const now = deps.clock.now();
  const id = await deps.db.transaction().execute(async (trx) => {
    const existing = await trx
      .selectFrom('antifraud_entries')
      .select('id')
      .where('tenant_id', '=', tenantId)
      .where('household_id', '=', body.householdId)
      .where(sql<string>`coalesce(member_name, '')`, '=', memberName ?? '')
      .executeTakeFirst();
    if (existing) throw conflict('此人已在关注名单中', 'This person is already on the watch list');
    const row = await trx
      .insertInto('antifraud_entries')
      .values({
        tenant_id: tenantId,
        household_id: body.householdId,
        member_name: memberName,
        source: body.source,
        tier: body.tier,
        reason_code: body.reasonCode,
        worker_id: body.workerId ?? null,
        review_on: body.reviewOn,
        retain_until: body.retainUntil,
        created_by: ctx.actor.userId,
        created_at: now,
        updated_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await writeAudit(trx, deps.clock, ctx, {
      tenantId,
      action: 'antifraud.entry.create',
      entityType: 'antifraud_entry',
      entityId: row.id,
      // ids and codes only: the audit trail must not become a second copy of the list
      payload: {
        householdId: body.householdId,
        member: memberName === null ? 'head' : 'member',
        source: body.source,
        tier: body.tier,
        reasonCode: body.reasonCode,
        workerId: body.workerId ?? null,
        reviewOn: body.reviewOn,
        retainUntil: body.retainUntil,
      },
    });
    return row.id;
  });
  return loadEntry(deps.db, tenantId, id, today);
}

/** Re-tiers, reassigns or re-dates an entry (the lead), recording before and after. */
export async function updateEntry(
  deps: Deps,
  ctx: RequestContext,
  id: number,
  patch: z.infer<typeof EntryPatch>,
) {
  const tenantId = requireManage(ctx);
  const today = streetDate(deps.clock.now());
  const before = await deps.db
    .selectFrom('antifraud_entries')
    .select(['source', 'tier', 'reason_code', 'worker_id', 'review_on', 'retain_until'])
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .executeTakeFirst();
  if (!before) throw notFound();
  const reviewOn = patch.reviewOn ?? before.review_on;
  const retainUntil = patch.retainUntil ?? before.retain_until;
  if (patch.reviewOn !== undefined || patch.retainUntil !== undefined)
    checkDates(today, reviewOn, retainUntil);
  await checkWorker(deps.db, tenantId, patch.workerId);
  await deps.db.transaction().execute(async (trx) => {
    await trx
      .updateTable('antifraud_entries')
      .set({
        ...(patch.source ? { source: patch.source } : {}),
        ...(patch.tier ? { tier: patch.tier } : {}),
        ...(patch.reasonCode ? { reason_code: patch.reasonCode } : {}),
        ...(patch.workerId !== undefined ? { worker_id: patch.workerId } : {}),
        review_on: reviewOn,
        retain_until: retainUntil,
        updated_at: deps.clock.now(),
      })
      .where('tenant_id', '=', tenantId)
      .where('id', '=', id)
      .execute();
    await writeAudit(trx, deps.clock, ctx, {
      tenantId,
      action: 'antifraud.entry.update',
      entityType: 'antifraud_entry',
      entityId: id,
      payload: {
        before: {
          source: before.source,
          tier: before.tier,
          reasonCode: before.reason_code,
          workerId: before.worker_id,
          reviewOn: before.review_on,
          retainUntil: before.retain_until,
        },
        after: patch,
      },
    });
  });
  return loadEntry(deps.db, tenantId, id, today);
}

/** Takes someone off the list before the retention date (no longer at risk, or on their request). */
export async function deleteEntry(deps: Deps, ctx: RequestContext, id: number) {
  const tenantId = requireManage(ctx);
  await deps.db.transaction().execute(async (trx) => {
    const gone = await trx
      .deleteFrom('antifraud_entries')
      .where('tenant_id', '=', tenantId)
      .where('id', '=', id)
      .executeTakeFirst();
    if (Number(gone.numDeletedRows) === 0) throw notFound();
    await writeAudit(trx, deps.clock, ctx, {
      tenantId,
      action: 'antifraud.entry.delete',
      entityType: 'antifraud_entry',
      entityId: id,
    });
  });
  return { ok: true as const };
}

/** People who can be assigned entries, with how many each carries. */
export async function listWorkers(deps: Deps, ctx: RequestContext) {
  const tenantId = requireManage(ctx);
  const rows = await deps.db
    .selectFrom('users as u')
    .select([
      'u.id',
      'u.display_name',
      (eb) =>
        eb
          .selectFrom('antifraud_entries as e')
          .select(sql<number>`count(*)`.as('n'))
          .where('e.tenant_id', '=', tenantId)
          .whereRef('e.worker_id', '=', 'u.id')
          .as('entries'),
    ])
    .where('u.tenant_id', '=', tenantId)
    .where('u.disabled', '=', false)
    .where('u.role', 'in', WORKER_ROLES)
    .orderBy('u.display_name')
    .execute();
  const items = rows.map((r) => ({ id: r.id, name: r.display_name, entries: Number(r.entries ?? 0) }));
  return { items, total: items.length };
}
