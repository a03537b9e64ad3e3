import { requirePermission, requireTenant } from '../../access/access.ts';
import type { RequestContext } from '../../platform/context.ts';
import type { Deps } from '../../platform/deps.ts';
import {
  isOverdue,
  OPEN_STATUSES,
  patrolCoverage,
  percentile,
  type Frequency,
  type OrderStatus,
} from './safety.rules.ts';

const DAY = 86_400_000;

function countBy<T>(rows: readonly T[], key: (r: T) => string | null): Array<{ key: string; count: number }> {
  const m = new Map<string, number>();
  for (const r of rows) {
    const k = key(r);
    if (k !== null) m.set(k, (m.get(k) ?? 0) + 1);
  }
  return [...m.entries()].map(([k, count]) => ({ key: k, count })).sort((a, b) => b.count - a.count);
}

const minutesBetween = (a: string, b: string) => (new Date(b).getTime() - new Date(a).getTime()) / 60_000;
const round1 = (n: number | null) => (n === null ? null : Math.round(n * 10) / 10);

/**
 * The safety figures of the last `days` days: work orders by source/status/priority/closure,
 * response times (p50/p90 to accept and to close), overdue orders, the false-alarm rate of
 * alarm orders, patrol coverage, and register risk counts. Everything is computed from records.
 */
export async function safetyFigures(deps: Deps, ctx: RequestContext, days: number) {
  const tenantId = requireTenant(ctx.actor);
  requirePermission(ctx.actor, 'safety.read');
  const now = deps.clock.now();
  const from = new Date(now.getTime() - days * DAY);
  const orders = await deps.db
    .selectFrom('safety_work_orders')
    .select([
      'source',
      'status',
      'priority',
      'closure_code',
      'created_at',
      'accepted_at',
      'closed_at',
      'accept_due_at',
      'resolve_due_at',
    ])
    .where('tenant_id', '=', tenantId)
    .where('created_at', '>=', from.toISOString())
    .execute();
  const openRows = await deps.db
    .selectFrom('safety_work_orders')
    .select(['status', 'accept_due_at', 'resolve_due_at', 'accepted_at'])
    .where('tenant_id', '=', tenantId)
    .where('status', 'in', [...OPEN_STATUSES])
    .execute();
  const overdue = openRows.filter((o) =>
    isOverdue(
      {
        status: o.status as OrderStatus,
        acceptDueAt: new Date(o.accept_due_at),
        resolveDueAt: new Date(o.resolve_due_at),
        acceptedAt: o.accepted_at ? new Date(o.accepted_at) : null,
      },
      now,
    ),
  ).length;
  const acceptTimes = orders.flatMap((o) =>
    o.accepted_at ? [minutesBetween(o.created_at, o.accepted_at)] : [],
  );
  const closeTimes = orders.flatMap((o) => (o.closed_at ? [minutesBetween(o.created_at, o.closed_at)] : []));
  const closedAlarms = orders.filter((o) => o.source === 'alarm' && o.status === 'closed');
  const falseAlarms = closedAlarms.filter((o) => o.closure_code === 'false_alarm').length;

  const plans = await deps.db
    .selectFrom('safety_patrol_plans')
    .select(['id', 'frequency', 'times_per_period', 'created_at'])
    .where('tenant_id', '=', tenantId)
    .where('active', '=', true)
    .execute();
  const records = await deps.db
    .selectFrom('safety_patrol_records')
    .select(['plan_id', 'patrolled_at'])
    .where('tenant_id', '=', tenantId)
    .where('patrolled_at', '>=', new Date(Math.min(from.getTime(), now.getTime() - 56 * DAY)).toISOString())
    .execute();
  const coverage = (start: Date, end: Date) =>
    patrolCoverage(
      plans.map((p) => ({
        frequency: p.frequency as Frequency,
        timesPerPeriod: p.times_per_period,
        // a plan plans nothing for the part of the window before it was made
        days: Math.ceil((end.getTime() - Math.max(start.getTime(), new Date(p.created_at).getTime())) / DAY),
        done: records.filter((r) => {
          const t = new Date(r.patrolled_at);
          return r.plan_id === p.id && t >= start && t < end;
        }).length,
      })),
      Math.round((end.getTime() - start.getTime()) / DAY),
    );
  const patrol = coverage(from, new Date(now.getTime() + 1));
  const patrolWeeks = [];
  for (let w = 7; w >= 0; w--) {
    const end = new Date(now.getTime() - w * 7 * DAY + 1);
    const start = new Date(end.getTime() - 7 * DAY);
    const c = coverage(start, end);
    patrolWeeks.push({ weekStart: start.toISOString(), planned: c.planned, done: c.done });
  }

  const count = async (
    table: 'safety_building_risks' | 'safety_prepaid_merchants' | 'safety_charging_sites',
  ): Promise<number> =>
    Number(
      (
        await deps.db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where('tenant_id', '=', tenantId)
          .where('risk_level', '=', 'high')
          .executeTakeFirstOrThrow()
      ).n,
    );
  const rentalFlagged = Number(
    (
      await deps.db
        .selectFrom('safety_rental_flats')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('tenant_id', '=', tenantId)
        .where('status', 'in', ['flagged', 'notice'])
        .executeTakeFirstOrThrow()
    ).n,
  );

  return {
    from: from.toISOString(),
    to: now.toISOString(),
    total: orders.length,
    bySource: countBy(orders, (o) => o.source),
    byStatus: countBy(orders, (o) => o.status),
    byPriority: countBy(orders, (o) => o.priority),
    byClosure: countBy(orders, (o) => (o.status === 'closed' ? o.closure_code : null)),
    open: openRows.length,
    overdue,
    acceptP50: round1(percentile(acceptTimes, 50)),
    acceptP90: round1(percentile(acceptTimes, 90)),
    closeP50: round1(percentile(closeTimes, 50)),
    closeP90: round1(percentile(closeTimes, 90)),
    falseAlarmRate: closedAlarms.length === 0 ? null : falseAlarms / closedAlarms.length,
    patrol,
    patrolWeeks,
    registers: {
      buildingsHigh: await count('safety_building_risks'),
      rentalFlagged,
      merchantsHigh: await count('safety_prepaid_merchants'),
      chargingHigh: await count('safety_charging_sites'),
    },
  };
}
