/** The dashboard's cards: one per part of the process, each counted by one grouped query or taken from the owning module's figures. */
import { sql } from 'kysely';
import { type Card, type Figure, type FigureLink } from '../../../contract/dashboard.ts';
import { Stages } from '../../../contract/households.ts';
import { BuildingPhases } from '../../../contract/renewal.ts';
import type { Permission } from '../../../contract/permissions.ts';
import type { RequestContext } from '../../platform/context.ts';
import type { Deps } from '../../platform/deps.ts';
import { figures as legislationFigures } from '../legislation/index.ts';
import { figures as mediationFigures } from '../mediation/index.ts';
import { type OutcomeCounts, listRounds } from '../renewal/index.ts';
import { figures as suggestionFigures } from '../suggestions/index.ts';

// ---- figure helpers ----------------------------------------------------------------------------

function link(href: string, ...permission: Permission[]): FigureLink {
  return { href, permission };
}

function count(key: string, value: number, l: FigureLink | null = null, label: string | null = null): Figure {
  return { key, label, value: Number(value), kind: 'count', count: null, of: null, link: l };
}

function rate(
  key: string,
  n: number,
  of: number,
  l: FigureLink | null = null,
  label: string | null = null,
): Figure {
  return {
    key,
    label,
    value: of ? Number(n) / Number(of) : null,
    kind: 'rate',
    count: Number(n),
    of: Number(of),
    link: l,
  };
}

function withQuery(path: string, params: Record<string, string | number | undefined>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined) q.set(k, String(v));
  const s = q.toString();
  return s ? `${path}?${s}` : path;
}

const HOUSEHOLD_PAGE: Permission[] = ['household.read', 'household.read_all'];

/** The households whose records hold what a figure counted (signed, confirmed plan…). */
function hasLink(estateId: number | undefined, has: string): FigureLink {
  return link(withQuery('/households', { estateId, has }), ...HOUSEHOLD_PAGE);
}

// ---- cards -------------------------------------------------------------------------------------

export interface Scope {
  tenantId: number;
  estateId: number | null;
  today: string;
}

/**
 * Records of households (alias `alias`, with tenant_id and household_id) in scope: the street's by
 * their own tenant_id, an estate's through their household. The street dashboard never joins the
 * households (every record's household is of its street: foreign key), so each figure reads its
 * record table only.
 */
function recordsInScope(s: Scope, alias: string) {
  const tenant = sql`${sql.ref(`${alias}.tenant_id`)} = ${s.tenantId}`;
  if (s.estateId === null) return tenant;
  return sql`${tenant} and exists (select 1 from households h where h.tenant_id = ${sql.ref(`${alias}.tenant_id`)}
    and h.id = ${sql.ref(`${alias}.household_id`)} and h.estate_id = ${s.estateId})`;
}

/** The street's households counted once: by estate and stage, with their overdue follow-ups. */
interface HouseholdTally {
  estateId: number;
  stage: string;
  n: number;
  follow: number;
}

export async function householdTally(deps: Deps, tenantId: number, today: string): Promise<HouseholdTally[]> {
  const r = await sql<{ estate_id: number; stage: string; n: number; follow: number }>`
    select estate_id, stage, count(*)::int as n,
           count(*) filter (where next_follow_up < ${today}::date)::int as follow
      from households where tenant_id = ${tenantId} group by estate_id, stage`.execute(deps.db);
  return r.rows.map((x) => ({
    estateId: Number(x.estate_id),
    stage: x.stage,
    n: Number(x.n),
    follow: Number(x.follow),
  }));
}

export async function householdsCard(deps: Deps, s: Scope, tally: HouseholdTally[]): Promise<Card> {
  const v = recordsInScope(s, 'v');
  const cs = recordsInScope(s, 'c');
  const r = await sql<{ visited: number; visits: number; open: number; overdue: number }>`
      select
        (select count(distinct v.household_id)::int from visits v where ${v}) as visited,
        (select count(*)::int from visits v where ${v}) as visits,
        (select count(*)::int from concerns c where ${cs} and c.status <> 'resolved') as open,
        (select count(*)::int from concerns c
          where ${cs} and c.status <> 'resolved' and c.due_date < ${s.today}::date) as overdue
    `.execute(deps.db);
  const byStage = new Map<string, number>();
  let households = 0;
  let follow = 0;
  for (const x of tally) {
    households += x.n;
    follow += x.follow;
    byStage.set(x.stage, (byStage.get(x.stage) ?? 0) + x.n);
  }
  const c = { ...r.rows[0]!, households, follow };
  const estateId = s.estateId ?? undefined;
  const list = (params: Record<string, string | number | undefined> = {}) =>
    link(withQuery('/households', { estateId, ...params }), ...HOUSEHOLD_PAGE);
  return {
    key: 'households',
    scope: 'estate',
    link: list(),
    figures: [
      count('households', c.households, list()),
      rate('visitRate', c.visited, c.households, list({ has: 'visit' })),
      // visit and concern records are listed by the households that hold them
      count('visits', c.visits, list({ has: 'visit' })),
      count('openConcerns', c.open, list({ has: 'open_concern' })),
      count('overdueConcerns', c.overdue, list({ has: 'overdue_concern' })),
      count('overdueFollowUps', c.follow, list({ overdue: 1 })),
    ],
    // the stage funnel: households now at each stage, in process order
    series: Stages.map((stage) => count(`stage_${stage}`, byStage.get(stage) ?? 0, list({ stage }))),
  };
}

type Outcome = OutcomeCounts;

function renewalLink(s: Scope): FigureLink {
  return s.estateId === null
    ? link('/rounds', 'board.read')
    : link(`/estates/${s.estateId}/renewal`, 'round.read');
}

export async function roundsCard(deps: Deps, fctx: RequestContext, s: Scope, o: Outcome): Promise<Card> {
  const rounds = await listRounds(deps, fctx, s.estateId ?? undefined);
  const estateId = s.estateId ?? undefined;
  return {
    key: 'rounds',
    scope: 'estate',
    link: link('/rounds', 'board.read'),
    figures: [
      rate('signingRate', o.signed, o.households, hasLink(estateId, 'signed')),
      count('signed', o.signed, hasLink(estateId, 'signed')),
      count('rounds', rounds.total, link('/rounds', 'board.read')),
    ],
    series: [...rounds.items]
      .reverse()
      .map((r) =>
        rate(
          'round',
          r.agreed,
          r.eligible,
          link(`/rounds/${r.id}`, 'round.read'),
          s.estateId === null ? `${r.estateName} · ${r.title}` : r.title,
        ),
      ),
  };
}

export async function plansCard(deps: Deps, s: Scope, o: Outcome): Promise<Card> {
  const r = await sql<{ open: number }>`
    select count(*)::int as open from drawing_change_requests d
     where ${recordsInScope(s, 'd')} and d.status = 'open'`.execute(deps.db);
  const estateId = s.estateId ?? undefined;
  return {
    key: 'plans',
    scope: 'estate',
    link: renewalLink(s),
    figures: [
      count('plansConfirmed', o.planned, hasLink(estateId, 'plan')),
      rate('planRate', o.planned, o.households, hasLink(estateId, 'plan')),
      count('drawingsConfirmed', o.drawings, hasLink(estateId, 'drawing')),
      rate('drawingRate', o.drawings, o.households, hasLink(estateId, 'drawing')),
      count('openChangeRequests', r.rows[0]!.open, renewalLink(s)),
    ],
    series: [
      count('stage_plan_confirmed', o.planned, hasLink(estateId, 'plan')),
      count('stage_drawing_confirmed', o.drawings, hasLink(estateId, 'drawing')),
    ],
  };
}

export async function relocationCard(deps: Deps, s: Scope): Promise<Card> {
  const j = (table: string, alias: string) =>
    sql`${sql.table(table)} ${sql.raw(alias)} where ${recordsInScope(s, alias)}`;
  const r = await sql<{
    stored: number;
    booked: number;
    returned: number;
    done: number;
    open: number;
    rentals: number;
    market: number;
  }>`
    select
      (select count(*)::int from ${j('relocation_storage', 's')} and s.status = 'stored') as stored,
      (select count(*)::int from ${j('relocation_storage', 's')} and s.status = 'booked') as booked,
      (select count(*)::int from ${j('relocation_storage', 's')} and s.status = 'returned') as returned,
      (select count(*)::int from ${j('relocation_move_requests', 'm')} and m.status = 'done') as done,
      (select count(*)::int from ${j('relocation_move_requests', 'm')} and m.status in ('requested', 'scheduled')) as open,
      (select count(*)::int from ${j('relocation_rental_bookings', 'b')} and b.status in ('contracted', 'moved_in')) as rentals,
      (select count(*)::int from ${j('relocation_consultations', 'c')} and c.status = 'contracted') as market
  `.execute(deps.db);
  const c = r.rows[0]!;
  const page = link('/relocation', 'relocation.read', 'relocation.manage');
  return {
    key: 'relocation',
    scope: 'estate',
    link: page,
    figures: [
      count('storageInUse', c.stored, page),
      count('storageBooked', c.booked, page),
      count('storageReturned', c.returned, page),
      count('movesDone', c.done, page),
      count('movesOpen', c.open, page),
      count('rentalsArranged', c.rentals, page),
      count('marketContracts', c.market, page),
    ],
    series: [],
  };
}

export async function constructionCard(
  deps: Deps,
  s: Scope,
  o: Outcome,
  tally: HouseholdTally[],
): Promise<Card> {
  const buildingScope =
    s.estateId === null
      ? sql`b.tenant_id = ${s.tenantId}`
      : sql`b.tenant_id = ${s.tenantId} and b.estate_id = ${s.estateId}`;
  const order = sql.raw(`array[${BuildingPhases.map((p) => `'${p}'`).join(',')}]`);
  const [phases, r] = await Promise.all([
    sql<{ phase: string | null; n: number }>`
      select latest.phase, count(*)::int as n from buildings b
      left join lateral (
        select p.phase from building_phases p
         where p.tenant_id = b.tenant_id and p.building_id = b.id
         order by array_position(${order}, p.phase) desc limit 1
      ) latest on true
      where ${buildingScope}
      group by latest.phase`.execute(deps.db),
    sql<{ defects: number }>`
      select count(*)::int as defects from defects d
        join acceptances a on a.tenant_id = d.tenant_id and a.id = d.acceptance_id
       where ${recordsInScope(s, 'a')} and d.status = 'open'`.execute(deps.db),
  ]);
  const building = tally.filter((x) => x.stage === 'under_construction').reduce((n, x) => n + x.n, 0);
  const c = { ...r.rows[0]!, building };
  const byPhase = new Map(phases.rows.map((x) => [x.phase ?? 'none', Number(x.n)]));
  const estateId = s.estateId ?? undefined;
  return {
    key: 'construction',
    scope: 'estate',
    link: renewalLink(s),
    figures: [
      count(
        'underConstruction',
        c.building,
        link(withQuery('/households', { estateId, stage: 'under_construction' }), ...HOUSEHOLD_PAGE),
      ),
      count('accepted', o.accepted, renewalLink(s)),
      rate('successRate', o.accepted, o.planned, renewalLink(s)),
      count('openDefects', c.defects, renewalLink(s)),
    ],
    series: ['none', ...BuildingPhases].map((p) => count(`phase_${p}`, byPhase.get(p) ?? 0, renewalLink(s))),
  };
}

export function outcomeCard(s: Scope, o: Outcome): Card {
  return {
    key: 'outcome',
    scope: 'estate',
    link: renewalLink(s),
    figures: [
      rate('signingRate', o.signed, o.households, renewalLink(s)),
      rate('successRate', o.accepted, o.planned, renewalLink(s)),
      rate('beautificationRate', o.beautified, o.accepted, renewalLink(s)),
    ],
    series: [],
  };
}

export async function councilCard(deps: Deps, s: Scope): Promise<Card> {
  const t = s.tenantId;
  const [topics, r] = await Promise.all([
    sql<{ status: string; n: number }>`
      select status, count(*)::int as n from council_topics where tenant_id = ${t} group by status`.execute(
      deps.db,
    ),
    sql<{ held: number; projects: number; completed: number }>`
      select
        (select count(*)::int from council_meetings where tenant_id = ${t} and status = 'held') as held,
        (select count(*)::int from council_projects where tenant_id = ${t}) as projects,
        (select count(*)::int from council_projects where tenant_id = ${t} and status = 'completed') as completed
    `.execute(deps.db),
  ]);
  const c = r.rows[0]!;
  const byStatus = new Map(topics.rows.map((x) => [x.status, Number(x.n)]));
  const total = topics.rows.reduce((n, x) => n + Number(x.n), 0);
  const page = link('/council', 'council.read');
  return {
    key: 'council',
    scope: 'street',
    link: page,
    figures: [
      count('topics', total, page),
      count('topicsOpen', (byStatus.get('open') ?? 0) + (byStatus.get('discussing') ?? 0), page),
      count('meetingsHeld', c.held, page),
      count('councilProjects', c.projects, page),
      count('councilProjectsCompleted', c.completed, page),
    ],
    series: ['open', 'discussing', 'resolved', 'project', 'closed'].map((k) =>
      count(`topic_${k}`, byStatus.get(k) ?? 0, page),
    ),
  };
}

export async function mediationCard(deps: Deps, fctx: RequestContext): Promise<Card> {
  const f = await mediationFigures(deps, fctx);
  const page = link('/mediation', 'mediation.oversee', 'mediation.handle');
  const outcome = new Map(f.byOutcome.map((x) => [x.key, x.count]));
  const success = (outcome.get('agreed') ?? 0) + (outcome.get('oral_agreed') ?? 0);
  const mediated = success + (outcome.get('failed') ?? 0);
  return {
    key: 'mediation',
    scope: 'street',
    link: page,
    figures: [
      count('cases', f.total, page),
      // the module's own success rate (closed cases only), with the counts behind it
      {
        ...rate('mediationSuccessRate', success, mediated, page),
        value: f.successRate === null ? null : f.successRate / 100,
      },
      count('atRisk', f.atRisk, page),
    ],
    series: ['applied', 'mediating', 'agreed', 'oral_agreed', 'failed', 'refused', 'withdrawn'].map((k) =>
      count(`case_${k}`, outcome.get(k) ?? 0, page),
    ),
  };
}

export async function legislationCard(deps: Deps, fctx: RequestContext): Promise<Card> {
  const f = await legislationFigures(deps, fctx);
  const page = link('/legislation', 'legislation.read');
  const events = link('/legislation/events', 'legislation.read');
  return {
    key: 'legislation',
    scope: 'street',
    link: page,
    figures: [
      count('legislationEvents', f.events, events),
      count('drafts', f.drafts, page),
      count('participants', f.participants, events),
      count('opinions', f.opinions, page),
      count('adopted', f.adopted, page),
    ],
    series: [],
  };
}

export async function suggestionsCard(deps: Deps, fctx: RequestContext): Promise<Card> {
  const f = await suggestionFigures(deps, fctx);
  const page = link('/suggestions', 'suggestion.read');
  return {
    key: 'suggestions',
    scope: 'street',
    link: page,
    figures: [
      count('suggestions', f.total, page),
      count('suggestionsAdopted', f.adopted, page),
      count('inProjects', f.inProjects, link('/suggestions/projects', 'suggestion.read')),
      count('suggestionProjects', f.projects, link('/suggestions/projects', 'suggestion.read')),
      count('overdueOpen', f.overdueOpen, link('/suggestions?overdue=true', 'suggestion.read')),
      rate('onTimeRate', f.onTime.onTime, f.onTime.steps, page),
    ],
    series: f.byStatus.map((x) =>
      count(`suggestion_${x.key}`, x.count, link(`/suggestions?status=${x.key}`, 'suggestion.read')),
    ),
  };
}
