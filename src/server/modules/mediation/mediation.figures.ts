import { requirePermission, requireTenant } from '../../access/access.ts';
import { DAY } from '../../platform/clock.ts';
import type { RequestContext } from '../../platform/context.ts';
import type { Deps } from '../../platform/deps.ts';

/** Figures for the committee head: by type, level and outcome; success, time to close, confirmation. */
export async function figures(deps: Deps, ctx: RequestContext) {
  const tenantId = requireTenant(ctx.actor);
  requirePermission(ctx.actor, 'mediation.oversee');
  const rows = await deps.db
    .selectFrom('mediation_cases')
    .select([
      'type',
      'level',
      'status',
      'at_risk',
      'created_at',
      'closed_at',
      'agreement_effective_at',
      'confirmation_applied_at',
    ])
    .where('tenant_id', '=', tenantId)
    .execute();
  const count = (key: (r: (typeof rows)[number]) => string) => {
    const m = new Map<string, number>();
    for (const r of rows) m.set(key(r), (m.get(key(r)) ?? 0) + 1);
    return [...m].map(([k, n]) => ({ key: k, count: n })).sort((a, b) => b.count - a.count);
  };
  const mediated = rows.filter((r) => ['agreed', 'oral_agreed', 'failed'].includes(r.status) && r.closed_at);
  const success = mediated.filter((r) => r.status !== 'failed');
  const closed = rows.filter((r) => r.closed_at);
  const effective = rows.filter((r) => r.agreement_effective_at);
  const round = (n: number) => Math.round(n * 10) / 10;
  return {
    total: rows.length,
    byType: count((r) => r.type),
    byLevel: count((r) => r.level),
    byOutcome: count((r) => r.status),
    successRate: mediated.length ? round((success.length / mediated.length) * 100) : null,
    averageDaysToClose: closed.length
      ? round(
          closed.reduce((n, r) => n + (Date.parse(r.closed_at!) - Date.parse(r.created_at)) / DAY, 0) /
            closed.length,
        )
      : null,
    confirmationRate: effective.length
      ? round((effective.filter((r) => r.confirmation_applied_at).length / effective.length) * 100)
      : null,
    atRisk: rows.filter((r) => r.at_risk).length,
  };
}
