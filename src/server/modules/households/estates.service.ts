import { sql } from 'kysely';
import type { z } from 'zod';
import {
  Stages,
  type CreateBuildingBody,
  type CreateEstateBody,
  type SitePlanBody,
  type Stage,
} from '../../../contract/households.ts';
import { requirePermission, requireTenant } from '../../access/access.ts';
import { householdVisibility } from '../../access/policies.ts';
import { writeAudit } from '../../platform/audit.ts';
import type { RequestContext } from '../../platform/context.ts';
import type { Deps } from '../../platform/deps.ts';
import { conflict, invalidField, notFound } from '../../platform/errors.ts';
import { canonicalBuilding } from './households.rules.ts';
import { stageRank } from './households.timeline.ts';

type Point = [number, number];

export async function listEstates(deps: Deps, ctx: RequestContext) {
  const tenantId = requireTenant(ctx.actor);
  requirePermission(ctx.actor, 'estate.read');
  const rows = await deps.db
    .selectFrom('estates')
    .select((eb) => [
      'id',
      'name',
      'address',
      'site_width',
      'site_height',
      'created_at',
      eb
        .selectFrom('households')
        .select(sql<number>`count(*)`.as('n'))
        .whereRef('households.tenant_id', '=', 'estates.tenant_id')
        .whereRef('households.estate_id', '=', 'estates.id')
        .as('households'),
      eb
        .selectFrom('buildings')
        .select(sql<number>`count(*)`.as('n'))
        .whereRef('buildings.tenant_id', '=', 'estates.tenant_id')
        .whereRef('buildings.estate_id', '=', 'estates.id')
        .as('buildings'),
    ])
    .where('tenant_id', '=', tenantId)
    .orderBy('id')
    .execute();
  const items = rows.map((r) => ({
    id: r.id,
    name: r.name,
    address: r.address,
    households: Number(r.households ?? 0),
    buildings: Number(r.buildings ?? 0),
    sitePlan: { width: r.site_width, height: r.site_height },
    createdAt: r.created_at,
  }));
  return { items, total: items.length };
}

export async function getEstate(deps: Deps, ctx: RequestContext, id: number) {
  const estate = (await listEstates(deps, ctx)).items.find((e) => e.id === id);
  if (!estate) throw notFound();
  return estate;
}

export async function createEstate(deps: Deps, ctx: RequestContext, body: z.infer<typeof CreateEstateBody>) {
  const tenantId = requireTenant(ctx.actor);
  requirePermission(ctx.actor, 'estate.manage');
  return deps.db.transaction().execute(async (trx) => {
    const exists = await trx
      .selectFrom('estates')
      .select('id')
      .where('tenant_id', '=', tenantId)
      .where('name', '=', body.name)
      .executeTakeFirst();
    if (exists) throw conflict('同名小区已存在', 'An estate with this name exists', { id: exists.id });
    const row = await trx
      .insertInto('estates')
      .values({ tenant_id: tenantId, name: body.name, address: body.address ?? null })
      .returning('id')
      .executeTakeFirstOrThrow();
    await writeAudit(trx, deps.clock, ctx, {
      tenantId,
      action: 'estate.create',
      entityType: 'estate',
      entityId: row.id,
      payload: body,
    });
    return { id: row.id };
  });
}

async function requireEstate(deps: Deps, tenantId: number, estateId: number) {
  const estate = await deps.db
    .selectFrom('estates')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('id', '=', estateId)
    .executeTakeFirst();
  if (!estate) throw notFound();
  return estate;
}

export async function listBuildings(deps: Deps, ctx: RequestContext, estateId: number) {
  const tenantId = requireTenant(ctx.actor);
  requirePermission(ctx.actor, 'estate.read');
  await requireEstate(deps, tenantId, estateId);
  const rows = await deps.db
    .selectFrom('buildings')
    .select(['id', 'estate_id', 'number', 'floors', 'year_built', 'heritage_note', 'outline'])
    .where('tenant_id', '=', tenantId)
    .where('estate_id', '=', estateId)
    .orderBy('sort_key')
    .orderBy('id')
    .execute();
  // the buildings' households in one grouped count (its unique (tenant, building, room) index),
  // not a count per building: one pass over the index whatever the number of buildings
  const counts = rows.length
    ? await deps.db
        .selectFrom('households')
        .select(['building_id', sql<number>`count(*)`.as('n')])
        .where('tenant_id', '=', tenantId)
        .where(
          'building_id',
          'in',
          rows.map((r) => r.id),
        )
        .groupBy('building_id')
        .execute()
    : [];
  const households = new Map(counts.map((c) => [c.building_id, Number(c.n)]));
  const items = rows.map((r) => ({
    id: r.id,
    estateId: r.estate_id,
    number: r.number,
    floors: r.floors,
    yearBuilt: r.year_built,
    heritageNote: r.heritage_note,
    outline: (r.outline as Point[] | null) ?? null,
    households: households.get(r.id) ?? 0,
  }));
  return { items, total: items.length };
}

/** Numeric sort of building numbers so 2号 comes before 10号. */
export function buildingSortKey(number: string): number {
  const m = /\d+/.exec(number);
  return m ? Number(m[0]) : 0;
}

export async function createBuilding(
  deps: Deps,
  ctx: RequestContext,
  estateId: number,
  body: z.infer<typeof CreateBuildingBody>,
) {
  const tenantId = requireTenant(ctx.actor);
  requirePermission(ctx.actor, 'estate.manage');
  await requireEstate(deps, tenantId, estateId);
  const number = canonicalBuilding(body.number);
  const id = await deps.db.transaction().execute(async (trx) => {
    const exists = await trx
      .selectFrom('buildings')
      .select('id')
      .where('tenant_id', '=', tenantId)
      .where('estate_id', '=', estateId)
      .where('number', '=', number)
      .executeTakeFirst();
    if (exists) throw conflict('该楼号已存在', 'This building number exists', { id: exists.id });
    const row = await trx
      .insertInto('buildings')
      .values({
        tenant_id: tenantId,
        estate_id: estateId,
        number,
        sort_key: buildingSortKey(number),
        floors: body.floors ?? null,
        year_built: body.yearBuilt ?? null,
        heritage_note: body.heritageNote ?? null,
        outline: body.outline ? JSON.stringify(body.outline) : null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await writeAudit(trx, deps.clock, ctx, {
      tenantId,
      action: 'building.create',
      entityType: 'building',
      entityId: row.id,
      payload: { estateId, ...body, number },
    });
    return row.id;
  });
  return (await listBuildings(deps, ctx, estateId)).items.find((b) => b.id === id)!;
}

/** Twice the signed area of a polygon (shoelace): zero when its corners lie on one line. */
function doubledArea(outline: Point[]): number {
  return outline.reduce((sum, [x, y], i) => {
    const [nx, ny] = outline[(i + 1) % outline.length]!;
    return sum + x * ny - nx * y;
  }, 0);
}

/** Checks the drawn outlines against the estate: its own buildings, once each, on the plan, with an area. */
function checkSitePlan(
  body: z.infer<typeof SitePlanBody>,
  estateBuildings: Set<number>,
  plan: { width: number; height: number },
): void {
  const seen = new Set<number>();
  body.buildings.forEach(({ id, outline }, i) => {
    if (!estateBuildings.has(id) || seen.has(id))
      throw invalidField(
        `buildings.${i}.id`,
        seen.has(id) ? '同一楼栋出现两次' : '该楼栋不属于本小区',
        seen.has(id) ? 'The same building appears twice' : 'This building is not in this estate',
      );
    seen.add(id);
    if (!outline) return;
    if (outline.some(([x, y]) => x < 0 || y < 0 || x > plan.width || y > plan.height))
      throw invalidField(
        `buildings.${i}.outline`,
        `轮廓超出总平面图范围（0–${plan.width} × 0–${plan.height}）`,
        `The outline lies outside the site plan (0–${plan.width} × 0–${plan.height})`,
      );
    if (Math.abs(doubledArea(outline)) < 2)
      throw invalidField(
        `buildings.${i}.outline`,
        '轮廓没有面积：各点不能在一条直线上',
        'The outline has no area: its corners cannot lie on one line',
      );
  });
}

/**
 * 总平面图: saves the outlines drawn on the site plan (in its coordinates) for buildings of the
 * estate, all or none. The battle map draws them from then on.
 */
export async function saveSitePlan(
  deps: Deps,
  ctx: RequestContext,
  estateId: number,
  body: z.infer<typeof SitePlanBody>,
) {
  const tenantId = requireTenant(ctx.actor);
  requirePermission(ctx.actor, 'estate.manage');
  const estate = await requireEstate(deps, tenantId, estateId);
  await deps.db.transaction().execute(async (trx) => {
    const rows = await trx
      .selectFrom('buildings')
      .select('id')
      .where('tenant_id', '=', tenantId)
      .where('estate_id', '=', estateId)
      .execute();
    checkSitePlan(body, new Set(rows.map((r) => r.id)), {
      width: estate.site_width,
      height: estate.site_height,
    });
    for (const { id, outline } of body.buildings) {
      await trx
        .updateTable('buildings')
        .set({ outline: outline ? JSON.stringify(outline) : null })
        .where('tenant_id', '=', tenantId)
        .where('id', '=', id)
        .execute();
    }
    await writeAudit(trx, deps.clock, ctx, {
      tenantId,
      action: 'estate.site_plan',
      entityType: 'estate',
      entityId: estateId,
      payload: {
        drawn: body.buildings.filter((b) => b.outline).map((b) => b.id),
        cleared: body.buildings.filter((b) => !b.outline).map((b) => b.id),
      },
    });
  });
  return listBuildings(deps, ctx, estateId);
}

/**
 * 作战图: every building of the estate with the share of its households (that the viewer may see)
 * at or past the chosen stage. One grouped query, so it stays cheap however often screens refresh.
 */
export async function estateMap(
  deps: Deps,
  ctx: RequestContext,
  estateId: number,
  chosen: Stage | undefined,
) {
  const tenantId = requireTenant(ctx.actor);
  requirePermission(ctx.actor, 'estate.read');
  const estate = await requireEstate(deps, tenantId, estateId);
  const stage = chosen ?? (await estateStage(deps, ctx, tenantId, estateId));
  const rank = stageRank(stage);
  const counts = await deps.db
    .selectFrom('households')
    .select([
      'building_id',
      sql<number>`count(*)`.as('total'),
      sql<number>`count(*) filter (where stage_rank >= ${rank})`.as('reached'),
    ])
    .where('tenant_id', '=', tenantId)
    .where('estate_id', '=', estateId)
    .where(householdVisibility(ctx.actor))
    .groupBy('building_id')
    .execute();
  const byBuilding = new Map(counts.map((c) => [c.building_id, c]));
  const buildings = (await listBuildings(deps, ctx, estateId)).items.map((b) => {
    const c = byBuilding.get(b.id);
    const households = c?.total ?? 0;
    const reached = c?.reached ?? 0;
    return {
      id: b.id,
      number: b.number,
      outline: b.outline,
      households,
      reached,
      share: households ? reached / households : null,
    };
  });
  const households = buildings.reduce((n, b) => n + b.households, 0);
  const reached = buildings.reduce((n, b) => n + b.reached, 0);
  return {
    estateId,
    name: estate.name,
    sitePlan: { width: estate.site_width, height: estate.site_height },
    stage,
    buildings,
    totals: { households, reached, share: households ? reached / households : null },
  };
}

/** The stage each kind of round brings a household to. */
const roundStage = { willingness: 'consulted', plan: 'plan_confirmed', signing: 'signed' } as const;

/**
 * The stage the estate is at, which the battle map shows unless another is chosen: the step of its
 * most advanced open round (a signing under way shows signing), else the furthest stage any household
 * (that the viewer may see) has reached; 已走访 when nothing has happened yet.
 */
async function estateStage(deps: Deps, ctx: RequestContext, tenantId: number, estateId: number) {
  const open = await deps.db
    .selectFrom('rounds')
    .select('kind')
    .distinct()
    .where('tenant_id', '=', tenantId)
    .where('estate_id', '=', estateId)
    .where('status', '=', 'open')
    .execute();
  const fromRounds = open
    .map((r) => roundStage[r.kind as keyof typeof roundStage])
    .filter((s): s is (typeof roundStage)[keyof typeof roundStage] => s !== undefined)
    .sort((a, b) => stageRank(b) - stageRank(a))[0];
  if (fromRounds) return fromRounds;
  const furthest = await deps.db
    .selectFrom('households')
    .select((eb) => eb.fn.max('stage_rank').as('rank'))
    .where('tenant_id', '=', tenantId)
    .where('estate_id', '=', estateId)
    .where(householdVisibility(ctx.actor))
    .executeTakeFirst();
  const rank = Math.max(stageRank('visited'), Number(furthest?.rank ?? 0));
  return Stages[rank] ?? 'visited';
}

/** A building's floor × room grid, coloured by stage on the page. */
export async function buildingGrid(deps: Deps, ctx: RequestContext, buildingId: number) {
  const tenantId = requireTenant(ctx.actor);
  requirePermission(ctx.actor, 'estate.read');
  const building = await deps.db
    .selectFrom('buildings')
    .select(['id', 'number'])
    .where('tenant_id', '=', tenantId)
    .where('id', '=', buildingId)
    .executeTakeFirst();
  if (!building) throw notFound();
  const rows = await deps.db
    .selectFrom('households')
    .select(['id', 'room', 'floor', 'head_name', 'stage'])
    .where('tenant_id', '=', tenantId)
    .where('building_id', '=', buildingId)
    .where(householdVisibility(ctx.actor))
    .orderBy('floor', 'desc')
    .orderBy('room')
    .execute();
  const floors = new Map<
    number,
    Array<{ householdId: number; room: string; headName: string; stage: Stage }>
  >();
  for (const r of rows) {
    const floor = r.floor ?? 0;
    if (!floors.has(floor)) floors.set(floor, []);
    floors
      .get(floor)!
      .push({ householdId: r.id, room: r.room, headName: r.head_name, stage: r.stage as Stage });
  }
  return {
    buildingId: building.id,
    number: building.number,
    floors: [...floors.entries()].sort((a, b) => b[0] - a[0]).map(([floor, flats]) => ({ floor, flats })),
  };
}

export { Stages };
