import type { z } from 'zod';
import type { PatrolPlanBody, PatrolRecordBody, SafetyCategories } from '../../../contract/safety.ts';
import { requireAny, requirePermission, requireTenant } from '../../access/access.ts';
import type { Executor } from '../../db/database.ts';
import { writeAudit } from '../../platform/audit.ts';
import type { RequestContext } from '../../platform/context.ts';
import type { Deps } from '../../platform/deps.ts';
import { conflict, invalidField, notFound } from '../../platform/errors.ts';
import { publish } from '../../platform/events.ts';
import { usersWith } from './safety.access.ts';
import { insertOrder } from './safety.order-intake.ts';
import { checkOwnPhotos } from './safety.photos.ts';
import { periodStart, plannedPatrols, type Frequency, type Priority } from './safety.rules.ts';

type Category = (typeof SafetyCategories)[number];
type Item = { key: string; text: string };

export const CATEGORY_ZH: Record<Category, string> = {
  fire: '防火',
  theft: '防盗',
  fraud: '防电诈',
  prepaid: '防预付卡陷阱',
  extremism: '防个人极端',
  residence: '防违法居住',
};

/** Staff with safety.read see every plan; a handler only the plans they are assigned to. */
function seesAllPlans(ctx: RequestContext): boolean {
  return ctx.actor.permissions.has('safety.read') || ctx.actor.permissions.has('safety.manage');
}

async function toPlans(
  db: Executor,
  tenantId: number,
  rows: Array<{
    id: number;
    name: string;
    category: string;
    estate_id: number | null;
    estate_name: string | null;
    places: string[];
    checklist: unknown;
    frequency: string;
    times_per_period: number;
    assignee_ids: number[];
    active: boolean;
  }>,
  now: Date,
) {
  if (rows.length === 0) return [];
  const userIds = [...new Set(rows.flatMap((r) => r.assignee_ids.map(Number)))];
  const names = new Map(
    userIds.length
      ? (
          await db.selectFrom('users').select(['id', 'display_name']).where('id', 'in', userIds).execute()
        ).map((u) => [u.id, u.display_name])
      : [],
  );
  const records = await db
    .selectFrom('safety_patrol_records')
    .select(['plan_id', 'patrolled_at'])
    .where('tenant_id', '=', tenantId)
    .where(
      'plan_id',
      'in',
      rows.map((r) => r.id),
    )
    .where('patrolled_at', '>=', new Date(now.getTime() - 32 * 86_400_000).toISOString())
    .execute();
  const last = await db
    .selectFrom('safety_patrol_records')
    .select(['plan_id', (eb) => eb.fn.max('patrolled_at').as('last')])
    .where('tenant_id', '=', tenantId)
    .where(
      'plan_id',
      'in',
      rows.map((r) => r.id),
    )
    .groupBy('plan_id')
    .execute();
  return rows.map((r) => {
    const frequency = r.frequency as Frequency;
    const start = periodStart(frequency, now);
    const done = records.filter((x) => x.plan_id === r.id && new Date(x.patrolled_at) >= start).length;
    const lastAt = last.find((l) => l.plan_id === r.id)?.last;
    return {
      id: r.id,
      name: r.name,
      category: r.category as Category,
      estateId: r.estate_id,
      estateName: r.estate_name,
      places: r.places,
      checklist: r.checklist as Item[],
      frequency,
      timesPerPeriod: r.times_per_period,
      assigneeIds: r.assignee_ids.map(Number),
      assigneeNames: r.assignee_ids.map((id) => names.get(Number(id)) ?? `#${id}`),
      active: r.active,
      periodPlanned: plannedPatrols(
        frequency,
        r.times_per_period,
        frequency === 'daily' ? 1 : frequency === 'weekly' ? 7 : 30,
      ),
      periodDone: done,
      lastPatrolledAt: lastAt ? new Date(lastAt).toISOString() : null,
    };
  });
}

function planQuery(db: Executor, tenantId: number) {
  return db
    .selectFrom('safety_patrol_plans as p')
    .leftJoin('estates as e', (j) =>
      j.onRef('e.tenant_id', '=', 'p.tenant_id').onRef('e.id', '=', 'p.estate_id'),
    )
    .selectAll('p')
    .select('e.name as estate_name')
    .where('p.tenant_id', '=', tenantId);
}

export async function listPlans(deps: Deps, ctx: RequestContext) {
  const tenantId = requireTenant(ctx.actor);
  requireAny(ctx.actor, ['safety.read', 'safety.handle', 'safety.manage']);
  let q = planQuery(deps.db, tenantId).orderBy('p.active', 'desc').orderBy('p.id');
  if (!seesAllPlans(ctx))
    q = q
      .where('p.active', '=', true)
      .where((eb) => eb(eb.val(ctx.actor.userId), '=', eb.fn.any('p.assignee_ids')));
  const items = await toPlans(deps.db, tenantId, await q.execute(), deps.clock.now());
  return { items, total: items.length };
}

export async function getPlan(deps: Deps, ctx: RequestContext, id: number) {
  const tenantId = requireTenant(ctx.actor);
  requireAny(ctx.actor, ['safety.read', 'safety.handle', 'safety.manage']);
  const row = await planQuery(deps.db, tenantId).where('p.id', '=', id).executeTakeFirst();
  if (!row) throw notFound();
  if (!seesAllPlans(ctx) && !row.assignee_ids.map(Number).includes(ctx.actor.userId)) throw notFound();
  return (await toPlans(deps.db, tenantId, [row], deps.clock.now()))[0]!;
}

async function checkPlanBody(db: Executor, tenantId: number, body: z.infer<typeof PatrolPlanBody>) {
  const keys = body.checklist.map((c) => c.key);
  if (new Set(keys).size !== keys.length)
    throw invalidField('body.checklist', '检查项编号不能重复', 'Checklist item keys must be unique');
  if (body.estateId) {
    const e = await db
      .selectFrom('estates')
      .select('id')
      .where('tenant_id', '=', tenantId)
      .where('id', '=', body.estateId)
      .executeTakeFirst();
    if (!e) throw invalidField('body.estateId', '小区不存在', 'No such estate in this street');
  }
  if (body.assigneeIds.length) {
    const handlers = new Set((await usersWith(db, tenantId, 'safety.handle')).map((u) => u.id));
    if (body.assigneeIds.some((id) => !handlers.has(id)))
      throw invalidField(
        'body.assigneeIds',
        '巡查人员须为本街道有处置权限的人员',
        'Patrollers must be handlers of this street',
      );
  }
}

export async function savePlan(
  deps: Deps,
  ctx: RequestContext,
  id: number | null,
  body: z.infer<typeof PatrolPlanBody>,
) {
  const tenantId = requireTenant(ctx.actor);
  requirePermission(ctx.actor, 'safety.manage');
  await checkPlanBody(deps.db, tenantId, body);
  const values = {
    name: body.name,
    category: body.category,
    estate_id: body.estateId ?? null,
    places: body.places,
    checklist: JSON.stringify(body.checklist),
    frequency: body.frequency,
    times_per_period: body.timesPerPeriod,
    assignee_ids: [...new Set(body.assigneeIds)],
    active: body.active,
  };
  const planId = await deps.db.transaction().execute(async (trx) => {
    let pid: number;
    if (id === null) {
      pid = (
        await trx
          .insertInto('safety_patrol_plans')
          .values({
            tenant_id: tenantId,
            ...values,
            created_by: ctx.actor.userId,
            created_at: deps.clock.now(),
          })
          .returning('id')
          .executeTakeFirstOrThrow()
      ).id;
    } else {
      const res = await trx
        .updateTable('safety_patrol_plans')
        .set(values)
        .where('tenant_id', '=', tenantId)
        .where('id', '=', id)
        .executeTakeFirst();
      if (Number(res.numUpdatedRows) === 0) throw notFound();
      pid = id;
    }
    await writeAudit(trx, deps.clock, ctx, {
      tenantId,
      action: id === null ? 'safety.patrol_plan.create' : 'safety.patrol_plan.update',
      entityType: 'safety_patrol_plan',
      entityId: pid,
      payload: body,
    });
    return pid;
  });
  return getPlan(deps, ctx, planId);
}

/**
 * A patrol as walked: every checklist item passed or failed, with a note or photo. Each failed
 * item opens a work order (source 'patrol') waiting for dispatch.
 */
export async function recordPatrol(
  deps: Deps,
  ctx: RequestContext,
  planId: number,
  body: z.infer<typeof PatrolRecordBody>,
) {
  const tenantId = requireTenant(ctx.actor);
  requirePermission(ctx.actor, 'safety.handle');
  const plan = await getPlan(deps, ctx, planId);
  if (!plan.active) throw conflict('该巡查计划已停用', 'This patrol plan is no longer active');
  const byKey = new Map(plan.checklist.map((c) => [c.key, c]));
  const seen = new Set<string>();
  for (const [i, item] of body.items.entries()) {
    if (!byKey.has(item.key) || seen.has(item.key))
      throw invalidField(
        `body.items.${i}.key`,
        '检查项不属于该计划或重复',
        'Unknown or repeated checklist item',
      );
    seen.add(item.key);
    if (!item.passed && !item.note && !item.photoFileId)
      throw invalidField(
        `body.items.${i}.note`,
        '不合格项请说明情况或拍照',
        'Describe or photograph a failed item',
      );
  }
  if (seen.size !== byKey.size)
    throw invalidField('body.items', '请逐项填写检查结果', 'Give a result for every checklist item');
  const now = deps.clock.now();
  const patrolledAt = body.patrolledAt ? new Date(body.patrolledAt) : now;
  if (patrolledAt.getTime() > now.getTime() + 5 * 60_000)
    throw invalidField('body.patrolledAt', '巡查时间不能晚于现在', 'The patrol cannot be in the future');
  const failed = body.items.filter((i) => !i.passed);
  const recordId = await deps.db.transaction().execute(async (trx) => {
    const photos = body.items.flatMap((i) => (i.photoFileId ? [i.photoFileId] : []));
    await checkOwnPhotos(trx, tenantId, ctx.actor.userId, photos, 'body.items');
    const rec = await trx
      .insertInto('safety_patrol_records')
      .values({
        tenant_id: tenantId,
        plan_id: planId,
        patrolled_by: ctx.actor.userId,
        patrolled_at: patrolledAt,
        place: body.place ?? null,
        note: body.note ?? null,
        failed_count: failed.length,
        created_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    for (const [position, item] of body.items.entries()) {
      const def = byKey.get(item.key)!;
      let workOrderId: number | null = null;
      if (!item.passed) {
        const priority: Priority = plan.category === 'fire' ? 'high' : 'normal';
        workOrderId = await insertOrder(trx, deps, ctx, tenantId, {
          source: 'patrol',
          patrolRecordId: rec.id,
          category: plan.category,
          title: `巡查发现问题：${def.text}`,
          description: [`${CATEGORY_ZH[plan.category]} · ${plan.name}`, item.note].filter(Boolean).join('\n'),
          place: body.place ?? plan.places[0] ?? plan.estateName ?? null,
          priority,
          reporterName: ctx.actor.displayName,
          photoFileIds: item.photoFileId ? [item.photoFileId] : [],
        });
      }
      await trx
        .insertInto('safety_patrol_items')
        .values({
          tenant_id: tenantId,
          record_id: rec.id,
          position,
          item_key: item.key,
          item_text: def.text,
          passed: item.passed,
          note: item.note ?? null,
          photo_file_id: item.photoFileId ?? null,
          work_order_id: workOrderId,
        })
        .execute();
    }
    await writeAudit(trx, deps.clock, ctx, {
      tenantId,
      action: 'safety.patrol.record',
      entityType: 'safety_patrol_record',
      entityId: rec.id,
      payload: { planId, ...body },
    });
    await publish(trx, { tenantId, topic: 'safety.patrols', data: { planId } });
    return rec.id;
  });
  return getRecord(deps, ctx, recordId);
}

function recordQuery(db: Executor, tenantId: number) {
  return db
    .selectFrom('safety_patrol_records as r')
    .innerJoin('safety_patrol_plans as p', (j) =>
      j.onRef('p.tenant_id', '=', 'r.tenant_id').onRef('p.id', '=', 'r.plan_id'),
    )
    .innerJoin('users as u', 'u.id', 'r.patrolled_by')
    .select([
      'r.id',
      'r.plan_id',
      'p.name as plan_name',
      'p.category',
      'r.patrolled_by',
      'u.display_name',
      'r.patrolled_at',
      'r.place',
      'r.note',
      'r.failed_count',
    ])
    .where('r.tenant_id', '=', tenantId);
}

async function withItems(
  db: Executor,
  tenantId: number,
  rows: Awaited<ReturnType<ReturnType<typeof recordQuery>['execute']>>,
) {
  if (rows.length === 0) return [];
  const items = await db
    .selectFrom('safety_patrol_items')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where(
      'record_id',
      'in',
      rows.map((r) => r.id),
    )
    .orderBy('record_id')
    .orderBy('position')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    planId: r.plan_id,
    planName: r.plan_name,
    category: r.category as Category,
    patrolledBy: r.patrolled_by,
    patrolledByName: r.display_name,
    patrolledAt: r.patrolled_at,
    place: r.place,
    note: r.note,
    failedCount: r.failed_count,
    items: items
      .filter((i) => i.record_id === r.id)
      .map((i) => ({
        key: i.item_key,
        text: i.item_text,
        passed: i.passed,
        note: i.note,
        photoFileId: i.photo_file_id,
        workOrderId: i.work_order_id,
      })),
  }));
}

export async function listRecords(deps: Deps, ctx: RequestContext, planId?: number) {
  const tenantId = requireTenant(ctx.actor);
  requireAny(ctx.actor, ['safety.read', 'safety.handle']);
  let q = recordQuery(deps.db, tenantId).orderBy('r.patrolled_at', 'desc').limit(200);
  if (planId) q = q.where('r.plan_id', '=', planId);
  if (!ctx.actor.permissions.has('safety.read')) q = q.where('r.patrolled_by', '=', ctx.actor.userId);
  const items = await withItems(deps.db, tenantId, await q.execute());
  return { items, total: items.length };
}

export async function getRecord(deps: Deps, ctx: RequestContext, id: number) {
  const tenantId = requireTenant(ctx.actor);
  requireAny(ctx.actor, ['safety.read', 'safety.handle']);
  let q = recordQuery(deps.db, tenantId).where('r.id', '=', id);
  if (!ctx.actor.permissions.has('safety.read')) q = q.where('r.patrolled_by', '=', ctx.actor.userId);
  const rows = await q.execute();
  if (rows.length === 0) throw notFound();
  return (await withItems(deps.db, tenantId, rows))[0]!;
}
