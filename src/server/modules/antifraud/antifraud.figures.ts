/** The lead's figures over the watch list, its visits, rounds and lessons. */
import { sql } from 'kysely';
import { EntrySources, ReasonCodes, Tiers, VisitChannels } from '../../../contract/antifraud.ts';
import type { RequestContext } from '../../platform/context.ts';
import type { Deps } from '../../platform/deps.ts';
import { streetDate } from '../../platform/streetTime.ts';
import { requireManage } from './antifraud.common.ts';
import { roundRows } from './antifraud.rounds.ts';

/** Counts for the lead: entries per tier/source/reason, visits per channel, rounds, overdue reviews. */
export async function figures(deps: Deps, ctx: RequestContext) {
  const tenantId = requireManage(ctx);
  const today = streetDate(deps.clock.now());
  const count = sql<number>`count(*)`;
  const [tiers, sources, reasons, channels, overdue, unassigned, rounds, plays] = await Promise.all([
    deps.db
      .selectFrom('antifraud_entries')
      .select(['tier', count.as('n')])
      .where('tenant_id', '=', tenantId)
      .groupBy('tier')
      .execute(),
    deps.db
      .selectFrom('antifraud_entries')
      .select(['source', count.as('n')])
      .where('tenant_id', '=', tenantId)
      .groupBy('source')
      .execute(),
    deps.db
      .selectFrom('antifraud_entries')
      .select(['reason_code', count.as('n')])
      .where('tenant_id', '=', tenantId)
      .groupBy('reason_code')
      .execute(),
    deps.db
      .selectFrom('antifraud_visits')
      .select(['channel', count.as('n')])
      .where('tenant_id', '=', tenantId)
      .groupBy('channel')
      .execute(),
    deps.db
      .selectFrom('antifraud_entries')
      .select(count.as('n'))
      .where('tenant_id', '=', tenantId)
      .where('review_on', '<', today)
      .executeTakeFirstOrThrow(),
    deps.db
      .selectFrom('antifraud_entries')
      .select(count.as('n'))
      .where('tenant_id', '=', tenantId)
      .where('worker_id', 'is', null)
      .executeTakeFirstOrThrow(),
    roundRows(deps.db, tenantId),
    deps.db
      .selectFrom('antifraud_lessons')
      .select(sql<number>`coalesce(sum(plays), 0)`.as('n'))
      .where('tenant_id', '=', tenantId)
      .executeTakeFirstOrThrow(),
  ]);
  const of = <K extends string>(rows: Array<Record<string, unknown>>, col: string, key: K) =>
    Number(rows.find((r) => r[col] === key)?.n ?? 0);
  return {
    entries: tiers.reduce((s, r) => s + Number(r.n), 0),
    byTier: Tiers.map((tier) => ({ tier, count: of(tiers, 'tier', tier) })),
    bySource: EntrySources.map((source) => ({ source, count: of(sources, 'source', source) })),
    byReason: ReasonCodes.map((reasonCode) => ({
      reasonCode,
      count: of(reasons, 'reason_code', reasonCode),
    })),
    visitsByChannel: VisitChannels.map((channel) => ({ channel, count: of(channels, 'channel', channel) })),
    overdueReviews: Number(overdue.n),
    unassigned: Number(unassigned.n),
    rounds,
    lessonPlays: Number(plays.n),
  };
}
