import { sql, type Transaction } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { z } from 'zod';
import type { AcceptanceBody, PhaseBody } from '../../../contract/renewal.ts';
import {
  requireAccess,
  requirePermission,
  requireTenant,
  requireHouseholdRead,
} from '../../access/access.ts';
import { writeAudit } from '../../platform/audit.ts';
import type { Executor } from '../../db/database.ts';
import type { RequestContext } from '../../platform/context.ts';
import type { Deps } from '../../platform/deps.ts';
import { conflict, notFound } from '../../platform/errors.ts';
import type { TimelineParams } from '../../../contract/timeline.ts';
import { addTimelineEvent, recordMilestone, publishHouseholdChange } from '../households/index.ts';
import type { Stage } from '../../../contract/households.ts';
import { requireStep } from './renewal.rules.ts';

type Phase = 'moved_out' | 'started' | 'structure_done' | 'completed' | 'accepted' | 'moved_back';
const PHASE_ORDER: Phase[] = [
  'moved_out',
  'started',
  'structure_done',
  'completed',
  'accepted',
  'moved_back',
];
const phaseLabel: Record<Phase, string> = {
  moved_out: '搬离完成',
  started: '开工',
  structure_done: '主体完成',
  completed: '竣工',
  accepted: '验收',
  moved_back: '回搬',
};
/** Building phases that move every household of the building to a stage. */
const phaseStage: Partial<Record<Phase, Exclude<Stage, 'not_visited'>>> = {
  moved_out: 'moved_out',
  started: 'under_construction',
  moved_back: 'moved_back',
};

/** The standard acceptance checklist: kitchen and bathroom as drawn, and the beautification items. */
export const STANDARD_CHECKLIST = [
  '独立厨房按确认图纸到位',
  '独立卫生间按确认图纸到位',
  '给排水与燃气通畅、无渗漏',
  '电路与照明正常',
  '门窗开关灵活',
  '公共部位与外立面美化完成',
];

export async function buildingSchedule(deps: Deps, ctx: RequestContext, estateId: number) {
  const tenantId = requireTenant(ctx.actor);
  await requireAccess(deps.db, ctx.actor, 'estate', 'round.read', estateId);
  const [buildings, phases] = await Promise.all([
    deps.db
      .selectFrom('buildings')
      .select(['id', 'number'])
      .where('tenant_id', '=', tenantId)
      .where('estate_id', '=', estateId)
      .orderBy('sort_key')
      .execute(),
    deps.db
      .selectFrom('building_phases')
      .innerJoin('buildings', (j) =>
        j
          .onRef('buildings.tenant_id', '=', 'building_phases.tenant_id')
          .onRef('buildings.id', '=', 'building_phases.building_id'),
      )
      .select(['building_id', 'phase', 'on_date'])
      .where('building_phases.tenant_id', '=', tenantId)
      .where('buildings.estate_id', '=', estateId)
      .execute(),
  ]);
  const items = buildings.map((b) => ({
    buildingId: b.id,
    name: b.number,
    phases: phases
      .filter((p) => p.building_id === b.id)
      .sort((a, c) => PHASE_ORDER.indexOf(a.phase as Phase) - PHASE_ORDER.indexOf(c.phase as Phase))
      .map((p) => ({ phase: p.phase as Phase, on: p.on_date })),
  }));
  return { items, total: items.length };
}

/**
 * What a phase needs of every household of the building, from each one's own records: moving out
 * needs every household signed, the building's acceptance needs every flat's acceptance passed.
 */
const phaseNeeds: Partial<
  Record<Phase, { missing: ReturnType<typeof sql<boolean>>; zh: string; en: string }>
> = {
  moved_out: {
    missing: sql<boolean>`not exists (
        select 1 from round_households rh
          join rounds r on r.tenant_id = rh.tenant_id and r.id = rh.round_id and r.kind = 'signing'
         where rh.tenant_id = h.tenant_id and rh.household_id = h.id and rh.decision = 'agree')`,
    zh: '尚未签约',
    en: 'not signed yet',
  },
  accepted: {
    missing: sql<boolean>`not exists (
        select 1 from acceptances a
         where a.tenant_id = h.tenant_id and a.household_id = h.id and a.status = 'passed')`,
    zh: '尚未通过分户验收',
    en: 'flat not accepted yet',
  },
};

/** Refuses the phase while any household of the building lacks what it needs, naming them. */
async function requireEveryHousehold(
  trx: Transaction<DB>,
  tenantId: number,
  building: { id: number; number: string },
  phase: Phase,
) {
  const need = phaseNeeds[phase];
  if (!need) return;
  const missing = await sql<{ room: string; head_name: string }>`
    select h.room, h.head_name from households h
     where h.tenant_id = ${tenantId} and h.building_id = ${building.id} and ${need.missing}
     order by h.room`.execute(trx);
  if (missing.rows.length === 0) return;
  const shown = missing.rows.slice(0, 20);
  const more = missing.rows.length - shown.length;
  const names = shown.map((h) => `${building.number}${h.room} ${h.head_name}`);
  throw conflict(
    `「${phaseLabel[phase]}」需要本楼每一户都已具备，以下 ${missing.rows.length} 户${need.zh}：${names.join('、')}${more > 0 ? ` 等（另有 ${more} 户）` : ''}`,
    `"${phase}" needs every household of the building; ${missing.rows.length} ${need.en}: ${names.join(', ')}${more > 0 ? ` and ${more} more` : ''}`,
    { missing: missing.rows.map((h) => ({ room: h.room, headName: h.head_name })) },
  );
}

/** Records a building phase in order (each needs the one before); households follow the building. */
export async function recordPhase(
  deps: Deps,
  ctx: RequestContext,
  buildingId: number,
  body: z.infer<typeof PhaseBody>,
) {
  const tenantId = requireTenant(ctx.actor);
  requirePermission(ctx.actor, 'construction.manage');
  const building = await deps.db
    .selectFrom('buildings')
    .select(['id', 'estate_id', 'number'])
    .where('tenant_id', '=', tenantId)
    .where('id', '=', buildingId)
    .executeTakeFirst();
  if (!building) throw notFound();
  const index = PHASE_ORDER.indexOf(body.phase);
  await deps.db.transaction().execute(async (trx) => {
    const done = await trx
      .selectFrom('building_phases')
      .select(['phase', 'on_date'])
      .where('tenant_id', '=', tenantId)
      .where('building_id', '=', buildingId)
      .execute();
    const previous = index > 0 ? done.find((p) => p.phase === PHASE_ORDER[index - 1]) : undefined;
    if (index > 0 && !previous) {
      throw conflict(
        `请先登记上一节点「${phaseLabel[PHASE_ORDER[index - 1]!]}」`,
        `Record "${PHASE_ORDER[index - 1]}" first`,
      );
    }
    if (previous && body.on < previous.on_date)
      throw conflict('日期早于上一节点', 'Earlier than the previous phase');
    await requireEveryHousehold(trx, tenantId, building, body.phase);
    await trx
      .insertInto('building_phases')
      .values({
        tenant_id: tenantId,
        building_id: buildingId,
        phase: body.phase,
        on_date: body.on,
        recorded_by: ctx.actor.userId,
      })
      .onConflict((oc) =>
        oc
          .columns(['tenant_id', 'building_id', 'phase'])
          .doUpdateSet({ on_date: body.on, recorded_by: ctx.actor.userId }),
      )
      .execute();
    const stage = phaseStage[body.phase];
    if (stage) {
      const households = await trx
        .selectFrom('households')
        .select('id')
        .where('tenant_id', '=', tenantId)
        .where('building_id', '=', buildingId)
        .execute();
      const ids = households.map((h) => h.id);
      const at = new Date(`${body.on}T12:00:00+08:00`);
      await recordMilestone(trx, tenantId, ids, stage, `building_phase:${buildingId}:${body.phase}`, at);
      for (const id of ids)
        await addTimelineEvent(trx, {
          tenantId,
          householdId: id,
          occurredAt: at,
          module: 'renewal',
          kind: `phase_${body.phase}`,
          params: { building: building.number },
          actorId: ctx.actor.userId,
        });
    }
    await writeAudit(trx, deps.clock, ctx, {
      tenantId,
      action: 'building.phase',
      entityType: 'building',
      entityId: buildingId,
      payload: body,
    });
  });
  return (await buildingSchedule(deps, ctx, building.estate_id)).items.find(
    (b) => b.buildingId === buildingId,
  )!;
}

async function acceptanceOf(db: Executor, tenantId: number, householdId: number) {
  const a = await db
    .selectFrom('acceptances')
    .innerJoin('drawings', (j) =>
      j
        .onRef('drawings.tenant_id', '=', 'acceptances.tenant_id')
        .onRef('drawings.id', '=', 'acceptances.drawing_id'),
    )
    .leftJoin('users', 'users.id', 'acceptances.inspected_by')
    .select([
      'acceptances.id',
      'acceptances.household_id',
      'drawings.version',
      'checklist',
      'beautification_ok',
      'status',
      'users.display_name',
      'inspected_at',
      'passed_at',
    ])
    .where('acceptances.tenant_id', '=', tenantId)
    .where('acceptances.household_id', '=', householdId)
    .orderBy('acceptances.id', 'desc')
    .executeTakeFirst();
  if (!a) return null;
  const defects = await db
    .selectFrom('defects')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('acceptance_id', '=', a.id)
    .orderBy('id')
    .execute();
  return {
    id: a.id,
    householdId: a.household_id,
    drawingVersion: a.version,
    checklist: a.checklist as Array<{ item: string; ok: boolean; note?: string }>,
    beautificationOk: a.beautification_ok,
    status: a.status as 'open' | 'passed',
    inspectedBy: a.display_name,
    inspectedAt: a.inspected_at,
    passedAt: a.passed_at,
    defects: defects.map((d) => ({
      id: d.id,
      description: d.description,
      status: d.status as 'open' | 'closed',
      createdAt: d.created_at,
      closedAt: d.closed_at,
    })),
  };
}

export async function getAcceptance(deps: Deps, ctx: RequestContext, householdId: number) {
  const tenantId = requireTenant(ctx.actor);
  await requireHouseholdRead(deps.db, ctx.actor, householdId);
  return {
    acceptance: await acceptanceOf(deps.db, tenantId, householdId),
    standardChecklist: STANDARD_CHECKLIST,
  };
}

/** Passes when every checklist item is in order and no defect is open; the household is then accepted. */
async function settle(
  deps: Deps,
  trx: Transaction<DB>,
  tenantId: number,
  acceptanceId: number,
): Promise<Date | null> {
  const a = await trx
    .selectFrom('acceptances')
    .select(['checklist', 'status'])
    .where('tenant_id', '=', tenantId)
    .where('id', '=', acceptanceId)
    .executeTakeFirstOrThrow();
  const open = await trx
    .selectFrom('defects')
    .select(sql<number>`count(*)`.as('n'))
    .where('tenant_id', '=', tenantId)
    .where('acceptance_id', '=', acceptanceId)
    .where('status', '=', 'open')
    .executeTakeFirstOrThrow();
  const allOk = (a.checklist as Array<{ ok: boolean }>).every((i) => i.ok);
  if (a.status !== 'passed' && allOk && open.n === 0) {
    const now = deps.clock.now();
    await trx
      .updateTable('acceptances')
      .set({ status: 'passed', passed_at: now })
      .where('tenant_id', '=', tenantId)
      .where('id', '=', acceptanceId)
      .execute();
    return now;
  }
  return null;
}

/** An inspection against the confirmed drawing: checklist, beautification, and defects to fix. */
export async function inspect(
  deps: Deps,
  ctx: RequestContext,
  householdId: number,
  body: z.infer<typeof AcceptanceBody>,
) {
  const tenantId = requireTenant(ctx.actor);
  requirePermission(ctx.actor, 'construction.manage');
  await requireAccess(deps.db, ctx.actor, 'household', 'construction.manage', householdId);
  const now = deps.clock.now();
  await deps.db.transaction().execute(async (trx) => {
    await requireStep(trx, tenantId, householdId, 'construction_before_acceptance');
    const drawing = await trx
      .selectFrom('drawings')
      .select(['id', 'version'])
      .where('tenant_id', '=', tenantId)
      .where('household_id', '=', householdId)
      .where('confirmed_at', 'is not', null)
      .orderBy('version', 'desc')
      .executeTakeFirst();
    if (!drawing)
      throw conflict('该户还没有确认的图纸，无法对照验收', 'No confirmed drawing to inspect against');
    const acceptance = await trx
      .insertInto('acceptances')
      .values({
        tenant_id: tenantId,
        household_id: householdId,
        drawing_id: drawing.id,
        checklist: JSON.stringify(body.checklist),
        beautification_ok: body.beautificationOk,
        inspected_by: ctx.actor.userId,
        inspected_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    for (const description of body.defects ?? []) {
      await trx
        .insertInto('defects')
        .values({ tenant_id: tenantId, acceptance_id: acceptance.id, description, created_at: now })
        .execute();
    }
    const passedAt = await settle(deps, trx, tenantId, acceptance.id);
    await afterSettle(deps, trx, ctx, tenantId, householdId, passedAt, {
      version: drawing.version,
      defects: body.defects?.length ?? 0,
    });
    await writeAudit(trx, deps.clock, ctx, {
      tenantId,
      action: 'acceptance.inspect',
      entityType: 'household',
      entityId: householdId,
      payload: { drawingVersion: drawing.version, ...body },
    });
  });
  return (await getAcceptance(deps, ctx, householdId)).acceptance!;
}

async function afterSettle(
  deps: Deps,
  trx: Transaction<DB>,
  ctx: RequestContext,
  tenantId: number,
  householdId: number,
  passedAt: Date | null,
  params: TimelineParams,
) {
  await addTimelineEvent(trx, {
    tenantId,
    householdId,
    occurredAt: deps.clock.now(),
    module: 'renewal',
    kind: passedAt ? 'accepted' : 'inspection',
    params,
    actorId: ctx.actor.userId,
  });
  if (passedAt) {
    await recordMilestone(trx, tenantId, householdId, 'accepted', 'acceptance', passedAt);
    await publishHouseholdChange(trx, tenantId, householdId);
  }
}

/** Closes a defect of the punch list; the last one closed lets the acceptance pass. */
export async function closeDefect(deps: Deps, ctx: RequestContext, defectId: number) {
  const tenantId = requireTenant(ctx.actor);
  requirePermission(ctx.actor, 'construction.manage');
  const defect = await deps.db
    .selectFrom('defects')
    .innerJoin('acceptances', (j) =>
      j
        .onRef('acceptances.tenant_id', '=', 'defects.tenant_id')
        .onRef('acceptances.id', '=', 'defects.acceptance_id'),
    )
    .select(['defects.id', 'defects.status', 'acceptance_id', 'acceptances.household_id'])
    .where('defects.tenant_id', '=', tenantId)
    .where('defects.id', '=', defectId)
    .executeTakeFirst();
  if (!defect) throw notFound();
  await requireAccess(deps.db, ctx.actor, 'household', 'construction.manage', defect.household_id);
  await deps.db.transaction().execute(async (trx) => {
    if (defect.status === 'closed') return;
    await trx
      .updateTable('defects')
      .set({ status: 'closed', closed_at: deps.clock.now() })
      .where('tenant_id', '=', tenantId)
      .where('id', '=', defectId)
      .execute();
    const passedAt = await settle(deps, trx, tenantId, defect.acceptance_id);
    await afterSettle(deps, trx, ctx, tenantId, defect.household_id, passedAt, { defectClosed: 1 });
    await writeAudit(trx, deps.clock, ctx, {
      tenantId,
      action: 'defect.close',
      entityType: 'household',
      entityId: defect.household_id,
      payload: { defectId },
    });
  });
  return (await getAcceptance(deps, ctx, defect.household_id)).acceptance!;
}
