/** The household lists: the filtered, searched list of files and a cadre's own work list. */
import { sql, type Expression, type ExpressionBuilder, type SqlBool } from 'kysely';
import type { z } from 'zod';
import type { HouseholdQuery, Stage } from '../../../contract/households.ts';
import { TOTAL_CAP } from '../../../contract/common.ts';
import type { DB } from '../../db/schema.ts';
import { requireTenant } from '../../access/access.ts';
import { householdVisibility } from '../../access/policies.ts';
import type { Actor, RequestContext } from '../../platform/context.ts';
import type { Deps } from '../../platform/deps.ts';
import { streetDate } from '../../platform/streetTime.ts';
import { permissionShape, StatementCache } from '../../db/statements.ts';
import { queryTokens } from './households.rules.ts';
import { assignedTo, listConcerns, summaryQuery, toSummary } from './households.common.ts';

/** A household's own records, as list filters (the same conditions the dashboard counts with). */
const hasRecord = (
  today: string,
): Record<NonNullable<z.infer<typeof HouseholdQuery>['has']>, Expression<SqlBool>> => ({
  visit: sql<SqlBool>`exists (select 1 from visits v where v.tenant_id = households.tenant_id and v.household_id = households.id)`,
  signed: sql<SqlBool>`exists (select 1 from round_households rh join rounds r on r.tenant_id = rh.tenant_id and r.id = rh.round_id and r.kind = 'signing'
    where rh.tenant_id = households.tenant_id and rh.household_id = households.id and rh.decision = 'agree')`,
  plan: sql<SqlBool>`exists (select 1 from plans p where p.tenant_id = households.tenant_id and p.household_id = households.id and p.confirmed_at is not null)`,
  drawing: sql<SqlBool>`exists (select 1 from drawings d where d.tenant_id = households.tenant_id and d.household_id = households.id and d.confirmed_at is not null)`,
  accepted: sql<SqlBool>`exists (select 1 from acceptances a where a.tenant_id = households.tenant_id and a.household_id = households.id and a.status = 'passed')`,
  open_concern: sql<SqlBool>`exists (select 1 from concerns c where c.tenant_id = households.tenant_id and c.household_id = households.id and c.status <> 'resolved')`,
  overdue_concern: sql<SqlBool>`exists (select 1 from concerns c where c.tenant_id = households.tenant_id and c.household_id = households.id and c.status <> 'resolved' and c.due_date < ${today}::date)`,
});

/** A list's filters as statement values: absent ones are null (which is part of the statement's shape). */
interface ListValues {
  tenantId: number;
  userId: number;
  householdId: number | null;
  today: string;
  estateId: number | null;
  buildingId: number | null;
  stage: string | null;
  tokens: string[] | null;
  limit: number;
  offset: number;
}

/** The list's conditions on `households` alone: who may see what, then the page's filters. */
function householdFilter(actor: Actor, query: z.infer<typeof HouseholdQuery>, v: ListValues) {
  return (eb: ExpressionBuilder<DB, 'households'>): Expression<SqlBool> => {
    const parts: Array<Expression<SqlBool>> = [householdVisibility(actor)(eb)];
    if (v.estateId !== null) parts.push(eb('households.estate_id', '=', v.estateId));
    if (v.buildingId !== null) parts.push(eb('households.building_id', '=', v.buildingId));
    if (v.stage !== null) parts.push(eb('households.stage', '=', v.stage));
    if (query.overdue) parts.push(eb('households.next_follow_up', '<', v.today));
    if (query.has) parts.push(hasRecord(v.today)[query.has]);
    if (query.mine) parts.push(assignedTo(v.userId)(eb));
    if (v.tokens !== null) parts.push(sql<SqlBool>`households.search_tokens @> ${sql.val(v.tokens)}::text[]`);
    return eb.and(parts);
  };
}

const statements = new StatementCache();

/**
 * Households the actor may see, filtered and searched; `q` matches names, 21号101, phone and ID tails.
 * The total is counted up to TOTAL_CAP (one more row tells whether there are more), so a whole
 * street's first page does not count every household of the street. Both statements are built once
 * per shape (permissions and which filters are given) and then reused.
 */
export async function listHouseholds(deps: Deps, ctx: RequestContext, query: z.infer<typeof HouseholdQuery>) {
  const tenantId = requireTenant(ctx.actor);
  const { actor } = ctx;
  const tokens = query.q ? queryTokens(query.q) : [];
  const values: ListValues = {
    tenantId,
    userId: actor.userId,
    householdId: actor.householdId,
    today: streetDate(deps.clock.now()),
    estateId: query.estateId ?? null,
    buildingId: query.buildingId ?? null,
    stage: query.stage ?? null,
    tokens: tokens.length ? tokens : null,
    limit: query.limit,
    offset: query.offset,
  };
  // The statements' text depends on the permissions (visibility) and on which filters are given.
  const shape = `${permissionShape(actor.permissions)}|${query.overdue ? 1 : 0}|${query.has ?? ''}|${query.mine ? 1 : 0}`;
  const filterOf = (v: ListValues) =>
    householdFilter(
      { ...actor, tenantId: v.tenantId, userId: v.userId, householdId: v.householdId },
      query,
      v,
    );
  const [rows, [count]] = await Promise.all([
    statements.execute(deps.db, `rows:${shape}`, values, (v) =>
      summaryQuery(deps.db, v.tenantId, v.today)
        .where(filterOf(v))
        .orderBy('households.estate_id')
        .orderBy('households.building_id')
        .orderBy('households.room')
        .orderBy('households.id')
        .limit(v.limit)
        .offset(v.offset),
    ),
    // counted on households alone: every household has its building, so the join changes no total
    statements.execute(deps.db, `count:${shape}`, values, (v) =>
      deps.db
        .selectFrom(
          deps.db
            .selectFrom('households')
            .select(sql`1`.as('one'))
            .where('households.tenant_id', '=', v.tenantId)
            .where(filterOf(v))
            .limit(TOTAL_CAP + 1)
            .as('capped'),
        )
        .select(sql<number>`count(*)`.as('n')),
    ),
  ]);
  const n = count!.n;
  const totalCapped = n > TOTAL_CAP;
  return {
    items: rows.map((r) => toSummary(deps, ctx.actor, r)),
    total: totalCapped ? TOTAL_CAP : n,
    totalCapped,
  };
}

/** A cadre's home: my households, overdue follow-ups, this week's, my open concerns, stage counts. */
export async function myWork(deps: Deps, ctx: RequestContext) {
  const tenantId = requireTenant(ctx.actor);
  const now = deps.clock.now();
  const today = streetDate(now);
  const weekEnd = streetDate(new Date(now.getTime() + 7 * 86_400_000));
  const base = () => summaryQuery(deps.db, tenantId, today).where(assignedTo(ctx.actor.userId));
  const [total, overdue, dueSoon, concerns, stages] = await Promise.all([
    base()
      .clearSelect()
      .select(sql<number>`count(*)`.as('n'))
      .executeTakeFirstOrThrow(),
    base()
      .where('households.next_follow_up', '<', today)
      .orderBy('households.next_follow_up')
      .limit(100)
      .execute(),
    base()
      .where('households.next_follow_up', '>=', today)
      .where('households.next_follow_up', '<=', weekEnd)
      .orderBy('households.next_follow_up')
      .limit(100)
      .execute(),
    listConcerns(deps.db, tenantId, { ownerId: ctx.actor.userId, open: true }, today),
    base()
      .clearSelect()
      .select(['households.stage', sql<number>`count(*)`.as('n')])
      .groupBy('households.stage')
      .execute(),
  ]);
  return {
    households: total.n,
    overdueFollowUps: overdue.map((r) => toSummary(deps, ctx.actor, r)),
    dueThisWeek: dueSoon.map((r) => toSummary(deps, ctx.actor, r)),
    openConcerns: concerns,
    stageCounts: stages.map((s) => ({ stage: s.stage as Stage, count: s.n })),
  };
}
