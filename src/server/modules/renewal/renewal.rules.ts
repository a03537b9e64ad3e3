import { sql } from 'kysely';
import type { z } from 'zod';
import { Prerequisites, type Prerequisite, type RenewalSettingsBody } from '../../../contract/renewal.ts';
import { requirePermission, requireTenant } from '../../access/access.ts';
import { writeAudit } from '../../platform/audit.ts';
import type { Executor } from '../../db/database.ts';
import type { RequestContext } from '../../platform/context.ts';
import type { Deps } from '../../platform/deps.ts';
import { conflict } from '../../platform/errors.ts';

/**
 * The order of the renewal's steps, checked from each household's own records: a step is refused
 * while the household's record of the step before it is missing, unless the street relaxed that
 * prerequisite in its settings.
 */

/** What each prerequisite asks of the household's records, and the refusal when they lack it. */
const checks: Record<
  Prerequisite,
  { holds: (db: Executor, tenantId: number, householdId: number) => Promise<boolean>; zh: string; en: string }
> = {
  visit_before_willingness: {
    holds: (db, t, h) => exists(sql`select 1 from visits where tenant_id = ${t} and household_id = ${h}`, db),
    zh: '该户还没有走访记录：请先走访，再登记意愿征询',
    en: 'This household has no visit recorded: visit it before recording its willingness',
  },
  willingness_before_plan: {
    holds: (db, t, h) =>
      exists(
        sql`select 1 from round_households rh join rounds r on r.tenant_id = rh.tenant_id and r.id = rh.round_id
             where rh.tenant_id = ${t} and rh.household_id = ${h} and r.kind = 'willingness' and rh.decision = 'agree'`,
        db,
      ),
    zh: '该户尚未在意愿征询中表示同意：不能确认方案',
    en: 'This household has not agreed in a willingness round: its plan cannot be confirmed yet',
  },
  plan_before_drawing: {
    holds: (db, t, h) => confirmed(db, 'plans', t, h),
    zh: '该户方案尚未确认：请先确认方案，再确认图纸',
    en: 'This household’s plan is not confirmed: confirm the plan before the drawing',
  },
  plan_before_signing: {
    holds: (db, t, h) => confirmed(db, 'plans', t, h),
    zh: '该户方案尚未确认：不能签约',
    en: 'This household’s plan is not confirmed: it cannot sign yet',
  },
  drawing_before_signing: {
    holds: (db, t, h) => confirmed(db, 'drawings', t, h),
    zh: '该户图纸尚未确认：不能签约',
    en: 'This household’s drawing is not confirmed: it cannot sign yet',
  },
  construction_before_acceptance: {
    holds: (db, t, h) =>
      exists(
        sql`select 1 from households hh join building_phases p on p.tenant_id = hh.tenant_id and p.building_id = hh.building_id
             where hh.tenant_id = ${t} and hh.id = ${h} and p.phase = 'completed'`,
        db,
      ),
    zh: '该户所在楼栋尚未竣工：不能验收',
    en: 'This household’s building is not completed: it cannot be inspected yet',
  },
};

async function exists(query: ReturnType<typeof sql>, db: Executor): Promise<boolean> {
  const r = await sql<{ ok: boolean }>`select exists (${query}) as ok`.execute(db);
  return Boolean(r.rows[0]?.ok);
}

function confirmed(db: Executor, table: 'plans' | 'drawings', tenantId: number, householdId: number) {
  return exists(
    sql`select 1 from ${sql.table(table)} where tenant_id = ${tenantId} and household_id = ${householdId} and confirmed_at is not null`,
    db,
  );
}

/** The prerequisites the street has relaxed (none unless it said so). */
export async function relaxedOf(db: Executor, tenantId: number): Promise<Set<Prerequisite>> {
  const row = await db
    .selectFrom('renewal_settings')
    .select('relaxed')
    .where('tenant_id', '=', tenantId)
    .executeTakeFirst();
  return new Set(
    (row?.relaxed ?? []).filter((p): p is Prerequisite => Prerequisites.includes(p as Prerequisite)),
  );
}

/** Throws a conflict naming the missing step unless the household's records show it (or it is relaxed). */
export async function requireStep(
  db: Executor,
  tenantId: number,
  householdId: number,
  prerequisite: Prerequisite,
): Promise<void> {
  if ((await relaxedOf(db, tenantId)).has(prerequisite)) return;
  const check = checks[prerequisite];
  if (!(await check.holds(db, tenantId, householdId)))
    throw conflict(
      `${check.zh}（街道可在「改造规则」中放宽此项）`,
      `${check.en} (the street may relax this in its renewal rules)`,
      { prerequisite },
    );
}

export async function getSettings(deps: Deps, ctx: RequestContext) {
  const tenantId = requireTenant(ctx.actor);
  requirePermission(ctx.actor, 'round.read');
  const row = await deps.db
    .selectFrom('renewal_settings')
    .leftJoin('users', 'users.id', 'renewal_settings.updated_by')
    .select(['relaxed', 'renewal_settings.updated_at', 'users.display_name'])
    .where('renewal_settings.tenant_id', '=', tenantId)
    .executeTakeFirst();
  const relaxed = await relaxedOf(deps.db, tenantId);
  return {
    relaxed: Prerequisites.filter((p) => relaxed.has(p)),
    updatedAt: row ? new Date(row.updated_at).toISOString() : null,
    updatedBy: row?.display_name ?? null,
  };
}

/** Sets which prerequisites the street relaxes; the change and its reason are audited. */
export async function updateSettings(
  deps: Deps,
  ctx: RequestContext,
  body: z.infer<typeof RenewalSettingsBody>,
) {
  const tenantId = requireTenant(ctx.actor);
  requirePermission(ctx.actor, 'round.manage');
  const relaxed = Prerequisites.filter((p) => body.relaxed.includes(p));
  await deps.db.transaction().execute(async (trx) => {
    const before = [...(await relaxedOf(trx, tenantId))];
    const now = deps.clock.now();
    await trx
      .insertInto('renewal_settings')
      .values({ tenant_id: tenantId, relaxed, updated_by: ctx.actor.userId, updated_at: now })
      .onConflict((oc) =>
        oc.column('tenant_id').doUpdateSet({ relaxed, updated_by: ctx.actor.userId, updated_at: now }),
      )
      .execute();
    await writeAudit(trx, deps.clock, ctx, {
      tenantId,
      action: 'renewal.settings',
      entityType: 'tenant',
      entityId: tenantId,
      payload: { before, after: relaxed, reason: body.reason },
    });
  });
  return getSettings(deps, ctx);
}
