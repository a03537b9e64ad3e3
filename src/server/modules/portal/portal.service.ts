/**
 * The residents' portal: what concerns the signed-in resident's household, gathered from every
 * module through the module's own service functions (so each module's access rules apply as they
 * are). The portal adds no rules of its own beyond "a resident's portal" (`self.read`).
 */
import { Stages, type Stage } from '../../../contract/households.ts';
import type { PortalHome, PortalItem } from '../../../contract/portal.ts';
import { hasPermission, requirePermission, requireTenant } from '../../access/access.ts';
import type { RequestContext } from '../../platform/context.ts';
import type { Deps } from '../../platform/deps.ts';
import { getHouseholdFile } from '../households/index.ts';
import { listPlans, listDrawings, roundsOfHousehold } from '../renewal/index.ts';
import { householdRelocation } from '../relocation/index.ts';
import { listDrafts, myOpinions } from '../legislation/index.ts';
import { listTopics, listSuggestions } from '../suggestions/index.ts';
import { listCases } from '../mediation/index.ts';
import { listNotifications } from '../inbox/index.ts';
import { listLessons } from '../antifraud/index.ts';
import { myMeetings } from '../council/index.ts';

type Item = PortalItem;

const newestFirst = (a: Item, b: Item) => (b.at ?? '').localeCompare(a.at ?? '');
const soonestFirst = (a: Item, b: Item) => (a.at ?? '9999').localeCompare(b.at ?? '9999');

/** Renewal: the plan, the drawing and the rounds that wait for the household. */
async function awaiting(deps: Deps, ctx: RequestContext, householdId: number): Promise<Item[]> {
  const [plans, drawings, rounds] = await Promise.all([
    listPlans(deps, ctx, householdId),
    listDrawings(deps, ctx, householdId),
    roundsOfHousehold(deps, ctx, householdId),
  ]);
  const items: Item[] = [];
  const plan = [...plans.items].sort((a, b) => b.version - a.version)[0];
  if (plan && !plan.confirmedAt && hasPermission(ctx.actor, 'plan.confirm'))
    items.push({
      kind: 'plan',
      id: plan.id,
      title: `${plan.layoutOption.code} ${plan.layoutOption.name}`,
      status: 'to_confirm',
      tone: 'action',
      detail: String(plan.version),
      at: plan.createdAt,
      link: '/my-home#home-plan',
    });
  const drawing = [...drawings.drawings].sort((a, b) => b.version - a.version)[0];
  // While a change request waits for the designer's next version there is nothing to confirm.
  const changing = drawings.changeRequests.some((c) => c.status === 'open');
  if (drawing && !drawing.confirmedAt && hasPermission(ctx.actor, 'drawing.confirm'))
    items.push({
      kind: 'drawing',
      id: drawing.id,
      title: drawing.fileName,
      status: changing ? 'change_requested' : 'to_confirm',
      tone: changing ? 'progress' : 'action',
      detail: String(drawing.version),
      at: drawing.createdAt,
      link: '/my-home#home-drawing',
    });
  for (const r of rounds) {
    if (r.status !== 'open' || r.decision === 'agree') continue;
    items.push({
      kind: 'round',
      id: r.roundId,
      title: r.title,
      // A signing round asks for a signature; other rounds for an answer (recorded by the cadre).
      status: r.kind === 'signing' ? 'to_sign' : r.decision ? `answered_${r.decision}` : 'to_answer',
      tone: 'action',
      detail: r.kind,
      at: r.respondedAt,
      link: '/my-home#home-rounds',
    });
  }
  return items;
}

/** Relocation: movers, storage, rentals and market consultations that are not cancelled. */
async function bookings(deps: Deps, ctx: RequestContext, householdId: number): Promise<Item[]> {
  const r = await householdRelocation(deps, ctx, householdId);
  const link = '/my-move';
  const items: Item[] = [
    ...r.moves
      .filter((m) => m.status !== 'cancelled')
      .map((m): Item => ({
        kind: 'move',
        id: m.id,
        title: m.direction,
        status: m.status,
        tone: m.status === 'done' ? 'done' : m.status === 'scheduled' ? 'action' : 'progress',
        detail: m.slot,
        at: m.moveOn,
        link,
      })),
    ...r.storage
      .filter((s) => s.status !== 'cancelled')
      .map((s): Item => ({
        kind: 'storage',
        id: s.id,
        title: s.warehouseName,
        status: s.status,
        tone: s.status === 'returned' ? 'done' : 'progress',
        detail: String(s.slots),
        at: s.checkedInAt ?? s.bookedAt,
        link,
      })),
    ...r.bookings
      .filter((b) => b.status !== 'cancelled')
      .map((b): Item => ({
        kind: 'rental',
        id: b.id,
        title: b.rentalTitle,
        status: b.status,
        tone: b.status === 'moved_in' ? 'done' : 'progress',
        detail: b.contractNo,
        at: b.movedInAt ?? b.contractedAt ?? b.reservedAt,
        link,
      })),
    ...r.consultations
      .filter((c) => c.status !== 'cancelled')
      .map((c): Item => ({
        kind: 'consultation',
        id: c.id,
        title: c.packageName ? `${c.vendorName} · ${c.packageName}` : c.vendorName,
        status: c.status,
        tone: c.status === 'contracted' ? 'done' : c.status === 'quoted' ? 'action' : 'progress',
        detail: c.quoteAmount === null ? null : c.quoteAmount.toLocaleString('zh-CN'),
        at: c.createdAt,
        link,
      })),
  ];
  return items.sort(soonestFirst);
}

async function drafts(deps: Deps, ctx: RequestContext): Promise<Item[]> {
  if (!hasPermission(ctx.actor, 'legislation.read')) return [];
  const list = await listDrafts(deps, ctx, { limit: 50, offset: 0 });
  // A draft stays open for comment until the consolidated report has gone to the legislature.
  return list.items
    .filter((d) => d.submittedAt === null)
    .map((d) => ({
      kind: 'draft' as const,
      id: d.id,
      title: d.title,
      status: 'open',
      tone: 'info' as const,
      detail: String(d.counts.articles),
      at: d.createdAt,
      link: `/legislation/drafts/${d.id}`,
    }));
}

/**
 * Council-hall meetings the resident is invited to (answer 参加 / 不参加 / 待定 on the meeting's page;
 * signing in is its QR code), and those whose minutes were just published.
 */
async function invitations(deps: Deps, ctx: RequestContext): Promise<Item[]> {
  if (!hasPermission(ctx.actor, 'council.participate')) return [];
  const invited = await myMeetings(deps, ctx);
  return invited.map((m) => ({
    kind: 'meeting' as const,
    id: m.id,
    title: m.title,
    status: m.minutesPublishedAt ? 'minutes_published' : m.rsvp ? `rsvp_${m.rsvp}` : 'to_rsvp',
    tone: m.minutesPublishedAt ? ('done' as const) : m.rsvp ? ('info' as const) : ('action' as const),
    detail: `${m.place} · ${m.host}`,
    at: m.heldAt,
    link: `/council/meetings/${m.id}`,
  }));
}

async function topics(deps: Deps, ctx: RequestContext): Promise<Item[]> {
  if (!hasPermission(ctx.actor, 'suggestion.submit')) return [];
  const list = await listTopics(deps, ctx, 'open');
  return list.items.map((tp) => ({
    kind: 'topic' as const,
    id: tp.id,
    title: tp.subject,
    status: tp.status,
    tone: 'info' as const,
    detail: tp.background,
    at: tp.deadline,
    link: `/suggest/new?topic=${tp.id}`,
  }));
}

/** The household's own suggestions, opinions, concerns and mediation cases, and what became of them. */
async function mine(
  deps: Deps,
  ctx: RequestContext,
  concerns: Awaited<ReturnType<typeof getHouseholdFile>>['concerns'],
): Promise<Item[]> {
  const [suggestions, opinions, cases] = await Promise.all([
    hasPermission(ctx.actor, 'suggestion.submit')
      ? listSuggestions(deps, ctx, { mine: true, limit: 20, offset: 0 })
      : null,
    hasPermission(ctx.actor, 'legislation.read') ? myOpinions(deps, ctx) : null,
    hasPermission(ctx.actor, 'mediation.self') ? listCases(deps, ctx, {}) : null,
  ]);
  const items: Item[] = [];
  for (const s of suggestions?.items ?? [])
    items.push({
      kind: 'suggestion',
      id: s.id,
      title: s.subject,
      // the suggestion's own status, worded as on /suggest (adoption is part of the answer there)
      status: s.status,
      tone:
        s.status === 'answered' || s.status === 'merged' || s.status === 'redirected' ? 'done' : 'progress',
      detail: s.assigneeDepartment,
      at: s.answeredAt ?? s.createdAt,
      link: `/suggest/${s.id}`,
    });
  for (const o of (opinions?.items ?? []).slice(0, 20))
    items.push({
      kind: 'opinion',
      id: o.id,
      title: o.articleLabel ? `${o.draftTitle} ${o.articleLabel}` : o.draftTitle,
      status: o.outcome ?? o.moderation,
      tone: o.outcome || o.moderation === 'rejected' ? 'done' : 'progress',
      detail: o.outcomeNote ?? o.moderationNote,
      at: o.outcomeAt ?? o.createdAt,
      link: `/legislation/drafts/${o.draftId}`,
    });
  for (const c of concerns.slice(0, 20))
    items.push({
      kind: 'concern',
      id: c.id,
      title: c.content,
      status: c.status,
      tone: c.status === 'resolved' ? 'done' : 'progress',
      detail: c.resolution ?? c.ownerName,
      at: c.resolvedAt ?? c.createdAt,
      link: '/my-home',
    });
  for (const c of cases?.items ?? [])
    items.push({
      kind: 'case',
      id: c.id,
      title: c.title,
      status: c.status,
      tone: ['agreed', 'oral_agreed', 'failed', 'withdrawn', 'refused'].includes(c.status)
        ? 'done'
        : 'progress',
      detail: c.caseNo,
      at: c.closedAt ?? c.createdAt,
      link: `/mediation/cases/${c.id}`,
    });
  return items.sort(newestFirst);
}

async function notices(deps: Deps, ctx: RequestContext): Promise<{ items: Item[]; unread: number }> {
  const inApp = await listNotifications(deps, ctx, { limit: 20, offset: 0, unreadOnly: false });
  const items = inApp.items.map((n): Item => ({
    kind: 'notice',
    id: n.id,
    title: n.title,
    status: n.readAt ? 'read' : 'unread',
    tone: n.readAt ? 'done' : 'action',
    detail: n.body,
    at: n.createdAt,
    link: n.link,
  }));
  return { items, unread: inApp.unread };
}

/** Published anti-fraud audio lessons (反诈语音课), played on the anti-fraud page. */
async function lessons(deps: Deps, ctx: RequestContext): Promise<Item[]> {
  const list = await listLessons(deps, ctx);
  return list.items
    .filter((l) => l.published)
    .map((l) => ({
      kind: 'lesson' as const,
      id: l.id,
      title: l.title,
      status: 'published',
      tone: 'info' as const,
      detail: String(l.durationSeconds),
      at: l.createdAt,
      link: '/my/anti-fraud',
    }));
}

function nextStageOf(stage: Stage): Stage | null {
  return Stages[Stages.indexOf(stage) + 1] ?? null;
}

export async function portalHome(deps: Deps, ctx: RequestContext): Promise<PortalHome> {
  requirePermission(ctx.actor, 'self.read');
  requireTenant(ctx.actor);
  const householdId = ctx.actor.householdId;
  const file = householdId === null ? null : await getHouseholdFile(deps, ctx, householdId);
  const [waiting, booked, meetings, open, calls, own, notes, lessonItems] = await Promise.all([
    householdId === null ? [] : awaiting(deps, ctx, householdId),
    householdId === null || !hasPermission(ctx.actor, 'relocation.book')
      ? []
      : bookings(deps, ctx, householdId),
    invitations(deps, ctx),
    drafts(deps, ctx),
    topics(deps, ctx),
    mine(deps, ctx, file?.concerns ?? []),
    notices(deps, ctx),
    lessons(deps, ctx),
  ]);
  return {
    displayName: ctx.actor.displayName,
    household: file && {
      id: file.id,
      estateName: file.estateName,
      buildingNumber: file.buildingNumber,
      room: file.room,
      headName: file.headName,
      stage: file.stage,
      nextStage: nextStageOf(file.stage),
      step: Stages.indexOf(file.stage) + 1,
      steps: Stages.length,
      assignees: file.assignees.map((a) => ({ name: a.name, orgUnit: a.orgUnit })),
    },
    awaiting: waiting,
    bookings: booked,
    meetings,
    drafts: open,
    topics: calls,
    mine: own,
    lessons: lessonItems,
    notices: notes.items,
    unreadNotices: notes.unread,
  };
}
