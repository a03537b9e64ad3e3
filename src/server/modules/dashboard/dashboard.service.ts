import {
  CompareKeys,
  type Card,
  type CardKey,
  type Comparison,
  type Dashboard,
  type DashboardQuery,
  type Figure,
  type Phase,
} from '../../../contract/dashboard.ts';
import type { Permission } from '../../../contract/permissions.ts';
import { requirePermission, requireTenant } from '../../access/access.ts';
import type { RequestContext } from '../../platform/context.ts';
import type { Deps } from '../../platform/deps.ts';
import { notFound } from '../../platform/errors.ts';
import { tenantsFor } from '../auth/index.ts';
import { streetDate } from '../../platform/streetTime.ts';
import { outcomeCounts } from '../renewal/index.ts';
import { extraCards } from './dashboard.extra.ts';
import {
  type Scope,
  householdTally,
  householdsCard,
  roundsCard,
  plansCard,
  relocationCard,
  constructionCard,
  outcomeCard,
  councilCard,
  mediationCard,
  legislationCard,
  suggestionsCard,
} from './dashboard.cards.ts';

/**
 * Whole-process dashboards. Figures that a module already computes come from the module's own
 * figure function (legislation, suggestions, mediation, renewal outcome and rounds); the rest are
 * one grouped query each over the module's tables. Nothing is stored: every call counts afresh.
 */

/** The aggregate figure functions the dashboard calls, and the permissions they check. */
const FIGURE_PERMISSIONS: readonly Permission[] = [
  'legislation.read',
  'suggestion.read',
  'mediation.oversee',
  'round.read',
  'board.read',
  'estate.read',
  'safety.read',
  'antifraud.manage',
];

/**
 * A context for calling the modules' figure functions on behalf of a leader or district user whose
 * access to the street's figures was checked (stats.read / stats.cross_tenant). Only used for
 * functions that return counts, never records.
 */
export function figureContext(ctx: RequestContext, tenantId: number): RequestContext {
  return { ...ctx, actor: { ...ctx.actor, tenantId, permissions: new Set(FIGURE_PERMISSIONS) } };
}

/** The streets this actor may see figures of: its own, and with stats.cross_tenant the granted ones. */
export async function visibleStreets(
  deps: Deps,
  ctx: RequestContext,
): Promise<Array<{ id: number; name: string }>> {
  requirePermission(ctx.actor, 'stats.read');
  const user = await deps.db
    .selectFrom('users')
    .select('tenant_id')
    .where('id', '=', ctx.actor.userId)
    .executeTakeFirstOrThrow();
  const all = await tenantsFor(deps, ctx.actor.userId, ctx.actor.role, user.tenant_id);
  if (ctx.actor.permissions.has('stats.cross_tenant')) return all;
  return all.filter((t) => t.id === ctx.actor.tenantId);
}

/** Which street's figures the request is about; another street needs cross-tenant rights and a grant. */
export async function targetStreet(deps: Deps, ctx: RequestContext, tenantId: number | undefined) {
  requirePermission(ctx.actor, 'stats.read');
  const wanted = tenantId ?? requireTenant(ctx.actor);
  const streets = await visibleStreets(deps, ctx);
  const street = streets.find((s) => s.id === wanted);
  if (!street) throw notFound();
  return street;
}

// ---- the dashboard -----------------------------------------------------------------------------

/** Counts one street's (or one estate's) dashboard; access must have been checked by the caller. */
export async function computeDashboard(
  deps: Deps,
  ctx: RequestContext,
  street: { id: number; name: string },
  estateId: number | null,
): Promise<Dashboard> {
  const tenantId = street.id;
  const fctx = figureContext(ctx, tenantId);
  const today = streetDate(deps.clock.now());
  const [estates, streetTally] = await Promise.all([
    deps.db
      .selectFrom('estates')
      .select(['id', 'name'])
      .where('tenant_id', '=', tenantId)
      .orderBy('id')
      .execute(),
    householdTally(deps, tenantId, today),
  ]);
  const estate = estateId === null ? null : estates.find((e) => e.id === estateId);
  if (estate === undefined) throw notFound();
  const s: Scope = { tenantId, estateId, today };
  const tally = estateId === null ? streetTally : streetTally.filter((x) => x.estateId === estateId);
  const householdsOf = (id: number) =>
    streetTally.filter((x) => x.estateId === id).reduce((n, x) => n + x.n, 0);
  // the renewal module's outcome, summed over the estates in scope (the street's own: checked above)
  const o = await outcomeCounts(
    deps.db,
    tenantId,
    estateId === null ? estates.map((e) => e.id) : [estateId],
    tally.reduce((n, x) => n + x.n, 0),
  );
  const [
    households,
    rounds,
    plans,
    relocation,
    construction,
    council,
    mediation,
    legislation,
    suggestions,
    extra,
  ] = await Promise.all([
    householdsCard(deps, s, tally),
    roundsCard(deps, fctx, s, o),
    plansCard(deps, s, o),
    relocationCard(deps, s),
    constructionCard(deps, s, o, tally),
    councilCard(deps, s),
    mediationCard(deps, fctx),
    legislationCard(deps, fctx),
    suggestionsCard(deps, fctx),
    extraCards(deps, fctx),
  ]);
  const phases: Array<{ key: Phase; cards: Card[] }> = [
    { key: 'before', cards: [households, rounds, plans] },
    { key: 'during', cards: [relocation, construction, council, mediation] },
    { key: 'after', cards: [outcomeCard(s, o), legislation, suggestions, ...extra.cards] },
  ];
  return {
    tenant: street,
    estate: estate ? { id: estate.id, name: estate.name } : null,
    estates: estates.map((e) => ({ id: e.id, name: e.name, households: householdsOf(e.id) })),
    generatedAt: deps.clock.now().toISOString(),
    phases,
    unavailable: extra.unavailable,
  };
}

export async function getDashboard(
  deps: Deps,
  ctx: RequestContext,
  query: DashboardQuery,
): Promise<Dashboard> {
  const street = await targetStreet(deps, ctx, query.tenantId);
  return computeDashboard(deps, ctx, street, query.estateId ?? null);
}

/** Every figure of a dashboard by key (the first one wins: the headline cards come first). */
export function figuresByKey(d: Dashboard): Map<string, Figure> {
  const m = new Map<string, Figure>();
  for (const phase of d.phases)
    for (const card of phase.cards) for (const f of card.figures) if (!m.has(f.key)) m.set(f.key, f);
  return m;
}

/** The granted streets side by side (district/city users), each with its headline figures. */
export async function compareStreets(deps: Deps, ctx: RequestContext): Promise<Comparison> {
  requirePermission(ctx.actor, 'stats.cross_tenant');
  const streets = await visibleStreets(deps, ctx);
  const rows: Comparison['streets'] = [];
  for (const street of streets) {
    const d = await computeDashboard(deps, ctx, street, null);
    const byKey = figuresByKey(d);
    rows.push({
      tenantId: street.id,
      name: street.name,
      link: `/dashboard?tenantId=${street.id}`,
      figures: CompareKeys.flatMap((k) => {
        const f = byKey.get(k);
        return f ? [{ ...f, link: null }] : [];
      }),
    });
  }
  const keys = CompareKeys.filter((k) => rows.some((r) => r.figures.some((f) => f.key === k)));
  return { generatedAt: deps.clock.now().toISOString(), keys, streets: rows };
}

export type { CardKey };
