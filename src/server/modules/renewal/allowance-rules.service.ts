/**
 * An estate's allowance rules (managed by staff who write plans) and their computation for one
 * household: on demand ("按规则计算") and when a plan version is created.
 */
import type { z } from 'zod';
import type {
  AllowanceKind,
  AllowanceOverride,
  AllowanceRuleBody,
  AreaBasis,
  PersonBasis,
} from '../../../contract/allowances.ts';
import { requireAccess, requirePermission, requireTenant } from '../../access/access.ts';
import { writeAudit } from '../../platform/audit.ts';
import type { Executor } from '../../db/database.ts';
import type { RequestContext } from '../../platform/context.ts';
import type { Deps } from '../../platform/deps.ts';
import { conflict, invalidField, notFound } from '../../platform/errors.ts';
import {
  computeAllowance,
  fenToYuan,
  normaliseParams,
  ruleParamProblem,
  toFen,
  type AllowanceRuleLike,
  type HouseholdFacts,
  type RuleInput,
} from './allowances.ts';

type RuleBody = z.infer<typeof AllowanceRuleBody>;
type Override = z.infer<typeof AllowanceOverride>;

async function estateRules(db: Executor, tenantId: number, estateId: number) {
  const rows = await db
    .selectFrom('allowance_rules')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('estate_id', '=', estateId)
    .orderBy('id')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    estateId: r.estate_id,
    name: r.name,
    kind: r.kind as AllowanceKind,
    rate: fenToYuan(r.rate_fen),
    rateFen: r.rate_fen,
    areaBasis: r.area_basis as AreaBasis | null,
    personBasis: r.person_basis as PersonBasis | null,
    months: r.months,
    note: r.note,
    updatedAt: r.updated_at,
  }));
}

export async function listAllowanceRules(deps: Deps, ctx: RequestContext, estateId: number) {
  const tenantId = requireTenant(ctx.actor);
  await requireAccess(deps.db, ctx.actor, 'estate', 'board.read', estateId);
  const items = await estateRules(deps.db, tenantId, estateId);
  return { items, total: items.length };
}

/** The row values of a valid rule body; a clear refusal for a missing parameter or a sub-fen amount. */
function ruleValues(body: RuleBody) {
  const problem = ruleParamProblem(body);
  if (problem) throw invalidField(problem.path, problem.zh, problem.en);
  const rateFen = toFen(body.rate);
  if (rateFen === null)
    throw invalidField(
      'body.rate',
      '金额最多保留两位小数（精确到分）',
      'Amounts go to the fen (two decimals)',
    );
  const p = normaliseParams(body);
  return {
    name: body.name,
    kind: body.kind,
    rate_fen: rateFen,
    area_basis: p.areaBasis,
    person_basis: p.personBasis,
    months: p.months,
    note: body.note ?? null,
  };
}

async function requireNameFree(trx: Executor, tenantId: number, estateId: number, name: string, id = 0) {
  const same = await trx
    .selectFrom('allowance_rules')
    .select('id')
    .where('tenant_id', '=', tenantId)
    .where('estate_id', '=', estateId)
    .where('name', '=', name)
    .where('id', '<>', id)
    .executeTakeFirst();
  if (same) throw conflict(`本小区已有名为“${name}”的补贴规则`, `This estate already has a rule “${name}”`);
}

export async function createAllowanceRule(deps: Deps, ctx: RequestContext, estateId: number, body: RuleBody) {
  const tenantId = requireTenant(ctx.actor);
  requirePermission(ctx.actor, 'plan.write');
  await requireAccess(deps.db, ctx.actor, 'estate', 'board.read', estateId);
  const values = ruleValues(body);
  const now = deps.clock.now();
  const id = await deps.db.transaction().execute(async (trx) => {
    await requireNameFree(trx, tenantId, estateId, values.name);
    const row = await trx
      .insertInto('allowance_rules')
      .values({
        tenant_id: tenantId,
        estate_id: estateId,
        ...values,
        created_by: ctx.actor.userId,
        created_at: now,
        updated_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await writeAudit(trx, deps.clock, ctx, {
      tenantId,
      action: 'allowance_rule.create',
      entityType: 'estate',
      entityId: estateId,
      payload: { ruleId: row.id, ...values },
    });
    return row.id;
  });
  return (await estateRules(deps.db, tenantId, estateId)).find((r) => r.id === id)!;
}

async function ruleEstate(db: Executor, tenantId: number, ruleId: number) {
  const rule = await db
    .selectFrom('allowance_rules')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('id', '=', ruleId)
    .executeTakeFirst();
  if (!rule) throw notFound();
  return rule;
}

export async function updateAllowanceRule(deps: Deps, ctx: RequestContext, ruleId: number, body: RuleBody) {
  const tenantId = requireTenant(ctx.actor);
  requirePermission(ctx.actor, 'plan.write');
  const before = await ruleEstate(deps.db, tenantId, ruleId);
  await requireAccess(deps.db, ctx.actor, 'estate', 'board.read', before.estate_id);
  const values = ruleValues(body);
  await deps.db.transaction().execute(async (trx) => {
    await requireNameFree(trx, tenantId, before.estate_id, values.name, ruleId);
    await trx
      .updateTable('allowance_rules')
      .set({ ...values, updated_at: deps.clock.now() })
      .where('tenant_id', '=', tenantId)
      .where('id', '=', ruleId)
      .execute();
    await writeAudit(trx, deps.clock, ctx, {
      tenantId,
      action: 'allowance_rule.update',
      entityType: 'estate',
      entityId: before.estate_id,
      payload: { ruleId, before: { ...before, tenant_id: undefined }, after: values },
    });
  });
  return (await estateRules(deps.db, tenantId, before.estate_id)).find((r) => r.id === ruleId)!;
}

/** Removes a rule; plan versions already made keep what was computed by it. */
export async function deleteAllowanceRule(deps: Deps, ctx: RequestContext, ruleId: number) {
  const tenantId = requireTenant(ctx.actor);
  requirePermission(ctx.actor, 'plan.write');
  const before = await ruleEstate(deps.db, tenantId, ruleId);
  await requireAccess(deps.db, ctx.actor, 'estate', 'board.read', before.estate_id);
  await deps.db.transaction().execute(async (trx) => {
    await trx
      .deleteFrom('allowance_rules')
      .where('tenant_id', '=', tenantId)
      .where('id', '=', ruleId)
      .execute();
    await writeAudit(trx, deps.clock, ctx, {
      tenantId,
      action: 'allowance_rule.delete',
      entityType: 'estate',
      entityId: before.estate_id,
      payload: { ruleId, name: before.name },
    });
  });
  return { ok: true as const };
}

async function householdFacts(db: Executor, tenantId: number, householdId: number) {
  const h = await db
    .selectFrom('households')
    .select(['estate_id', 'area_building', 'area_usable', 'registered_count', 'resident_count'])
    .where('tenant_id', '=', tenantId)
    .where('id', '=', householdId)
    .executeTakeFirst();
  if (!h) throw notFound();
  const facts: HouseholdFacts = {
    areaBuilding: h.area_building,
    areaUsable: h.area_usable,
    registeredCount: h.registered_count,
    residentCount: h.resident_count,
  };
  return { estateId: h.estate_id, facts };
}

/** What each rule of the household's estate comes to from its file ("按规则计算"); nothing is stored. */
export async function computeForHousehold(deps: Deps, ctx: RequestContext, householdId: number) {
  const tenantId = requireTenant(ctx.actor);
  requirePermission(ctx.actor, 'plan.write');
  await requireAccess(deps.db, ctx.actor, 'household', 'plan.write', householdId);
  const { estateId, facts } = await householdFacts(deps.db, tenantId, householdId);
  const rules: AllowanceRuleLike[] = await estateRules(deps.db, tenantId, estateId);
  let totalFen = 0;
  const items = rules.map((rule) => {
    const c = computeAllowance(rule, facts);
    if (c.ok) totalFen += c.amountFen;
    return {
      ruleId: rule.id,
      item: rule.name,
      formula: c.ok ? c.formula : null,
      inputs: c.inputs,
      amount: c.ok ? fenToYuan(c.amountFen) : null,
      missing: c.ok ? null : c.missing[ctx.lang],
      remark: rule.note,
    };
  });
  return { items, total: fenToYuan(totalFen) };
}

/** One allowance item of a plan as stored (amounts in 元, exact to the fen). */
export interface StoredAllowance {
  item: string;
  formula: string;
  amount: number;
  remark?: string;
  ruleId?: number;
  inputs?: RuleInput[];
  /** the amount computed by the rule; null when the file lacked an input */
  computed?: number | null;
  overrideReason?: string;
}

/**
 * The rule items of a new plan version, computed in the plan's transaction. An override replaces the
 * computed amount (both are kept) and is audited with its reason; a rule the file lacks an input for
 * must be overridden, never counted as 0.
 */
export async function ruleItemsForPlan(
  trx: Executor,
  tenantId: number,
  householdId: number,
  overrides: readonly Override[],
): Promise<StoredAllowance[]> {
  const { estateId, facts } = await householdFacts(trx, tenantId, householdId);
  const rules = await estateRules(trx, tenantId, estateId);
  const byRule = new Map(overrides.map((o) => [o.ruleId, o]));
  for (const o of overrides)
    if (!rules.some((r) => r.id === o.ruleId))
      throw invalidField(
        'body.overrides',
        '调整的补贴规则不属于该小区',
        'The rule adjusted is not of this estate',
      );
  return rules.map((rule) => {
    const c = computeAllowance(rule, facts);
    const override = byRule.get(rule.id);
    if (!c.ok && !override) throw invalidField('body.overrides', c.missing.zh, c.missing.en);
    const computed = c.ok ? fenToYuan(c.amountFen) : null;
    let amount = computed ?? 0;
    if (override) {
      const fen = toFen(override.amount);
      if (fen === null)
        throw invalidField(
          'body.overrides',
          '金额最多保留两位小数（精确到分）',
          'Amounts go to the fen (two decimals)',
        );
      amount = fenToYuan(fen);
    }
    return {
      item: rule.name,
      formula: c.ok ? c.formula : `档案缺少数据，未按规则计算`,
      amount,
      ...(rule.note ? { remark: rule.note } : {}),
      ruleId: rule.id,
      inputs: c.inputs,
      computed,
      ...(override ? { overrideReason: override.reason } : {}),
    };
  });
}

/** The rule items of many households of one estate at once (the demo seed's bulk plans); no override. */
export async function ruleItemsForHouseholds(
  db: Executor,
  tenantId: number,
  estateId: number,
  householdIds: readonly number[],
): Promise<Map<number, StoredAllowance[]>> {
  const rules = await estateRules(db, tenantId, estateId);
  const rows = householdIds.length
    ? await db
        .selectFrom('households')
        .select(['id', 'area_building', 'area_usable', 'registered_count', 'resident_count'])
        .where('tenant_id', '=', tenantId)
        .where('id', 'in', householdIds)
        .execute()
    : [];
  const out = new Map<number, StoredAllowance[]>();
  for (const h of rows) {
    const facts: HouseholdFacts = {
      areaBuilding: h.area_building,
      areaUsable: h.area_usable,
      registeredCount: h.registered_count,
      residentCount: h.resident_count,
    };
    const items: StoredAllowance[] = [];
    for (const rule of rules) {
      const c = computeAllowance(rule, facts);
      if (!c.ok) continue; // a file without the input gets no computed item (staff decide, with a reason)
      const amount = fenToYuan(c.amountFen);
      items.push({
        item: rule.name,
        formula: c.formula,
        amount,
        ...(rule.note ? { remark: rule.note } : {}),
        ruleId: rule.id,
        inputs: c.inputs,
        computed: amount,
      });
    }
    out.set(h.id, items);
  }
  return out;
}
