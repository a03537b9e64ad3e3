/** Estate outcomes from the records: the per-household outcome counts (also the dashboard's) and the estate's rates. */
import { sql } from 'kysely';
import { requireAccess, requireTenant } from '../../access/access.ts';
import type { Executor } from '../../db/database.ts';
import type { RequestContext } from '../../platform/context.ts';
import type { Deps } from '../../platform/deps.ts';

/** Households and their outcome counts, over one or more estates of a street. */
export interface OutcomeCounts {
  households: number;
  signed: number;
  planned: number;
  accepted: number;
  beautified: number;
  drawings: number;
}

/**
 * Outcome counts of the given estates of a street (access checked by the caller). The per-household
 * outcome is kept by triggers on its records (`household_outcomes`, migration 0160), so this is one
 * grouped count of that narrow table and one of the estates' households, whatever the statistics:
 * asking five record tables per household took 250 ms for the demo's 1,499-household estate on the
 * embedded database (and 3–30 s with joins planned without statistics).
 */
export async function outcomeCounts(
  db: Executor,
  tenantId: number,
  estateIds: readonly number[],
  /** The estates' households when the caller counted them already (the dashboard). */
  households?: number,
): Promise<OutcomeCounts> {
  if (estateIds.length === 0)
    return { households: 0, signed: 0, planned: 0, accepted: 0, beautified: 0, drawings: 0 };
  const [h, o] = await Promise.all([
    households !== undefined
      ? { n: households }
      : db
          .selectFrom('households')
          .select(sql<number>`count(*)::int`.as('n'))
          .where('tenant_id', '=', tenantId)
          .where('estate_id', 'in', [...estateIds])
          .executeTakeFirstOrThrow(),
    db
      .selectFrom('household_outcomes')
      .select([
        sql<number>`count(*) filter (where signed)::int`.as('signed'),
        sql<number>`count(*) filter (where planned)::int`.as('planned'),
        sql<number>`count(*) filter (where accepted)::int`.as('accepted'),
        sql<number>`count(*) filter (where beautified)::int`.as('beautified'),
        sql<number>`count(*) filter (where drawings)::int`.as('drawings'),
      ])
      .where('tenant_id', '=', tenantId)
      .where('estate_id', 'in', [...estateIds])
      .executeTakeFirstOrThrow(),
  ]);
  return {
    households: Number(h.n),
    signed: Number(o.signed),
    planned: Number(o.planned),
    accepted: Number(o.accepted),
    beautified: Number(o.beautified),
    drawings: Number(o.drawings),
  };
}

/**
 * The estate's outcome, from records: signing rate (households with a signed agreement in a signing
 * round), success rate (accepted ÷ households with a confirmed plan), beautification rate
 * (passed acceptances with beautification done ÷ accepted).
 */
export async function estateOutcome(deps: Deps, ctx: RequestContext, estateId: number) {
  const tenantId = requireTenant(ctx.actor);
  await requireAccess(deps.db, ctx.actor, 'estate', 'round.read', estateId);
  const c = await outcomeCounts(deps.db, tenantId, [estateId]);
  const ratio = (a: number, b: number) => (b ? a / b : null); // nothing to count: no ratio
  return {
    households: c.households,
    signed: c.signed,
    signingRate: ratio(c.signed, c.households),
    planned: c.planned,
    accepted: c.accepted,
    successRate: ratio(c.accepted, c.planned),
    beautified: c.beautified,
    beautificationRate: ratio(c.beautified, c.accepted),
    plansConfirmed: c.planned,
    drawingsConfirmed: c.drawings,
  };
}
