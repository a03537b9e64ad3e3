import type { z } from 'zod';
import type { ResidentMeeting, RsvpAnswers, TopicStatuses } from '../../../contract/council.ts';
import { requirePermission, requireTenant } from '../../access/access.ts';
import type { Executor } from '../../db/database.ts';
import type { RequestContext } from '../../platform/context.ts';
import type { Deps } from '../../platform/deps.ts';
import { conflict, invalidField, notFound } from '../../platform/errors.ts';
import { notify } from '../../platform/notifications.ts';
import { nameInHousehold } from './council.checkin.ts';
import { councilChanged } from './council.common.ts';
import { loadMeeting, meetingRow } from './council.meetings.ts';

/**
 * The invited resident's side of a meeting: the agenda, 参加 / 不参加 / 待定 until the meeting starts,
 * and the minutes with the resolutions once staff publish them. A resident sees a meeting only when
 * they or their household are on its list; any other meeting answers 404 like one that does not exist.
 */
type Answer = (typeof RsvpAnswers)[number];

/** How recently published minutes stay on the resident's home page. */
const MINUTES_SHOWN_DAYS = 30;

/**
 * The invitation a resident answers for: their own (by account, or made out to them by name in their
 * household); else their household's (a family member answering for the invitee). Null if none.
 */
async function invitationOf(db: Executor, ctx: RequestContext, tenantId: number, meetingId: number) {
  const householdId = ctx.actor.householdId;
  const rows = await db
    .selectFrom('council_participants')
    .select(['id', 'name', 'user_id', 'invited', 'rsvp', 'rsvp_at', 'signed_in_at'])
    .where('tenant_id', '=', tenantId)
    .where('meeting_id', '=', meetingId)
    .where((eb) =>
      eb.or([
        eb('user_id', '=', ctx.actor.userId),
        ...(householdId === null ? [] : [eb('household_id', '=', householdId)]),
      ]),
    )
    .orderBy('id')
    .execute();
  if (rows.length === 0) return null;
  const own = rows.find((r) => r.user_id === ctx.actor.userId);
  if (own) return own;
  const name = await nameInHousehold(db, tenantId, householdId, ctx.actor.displayName);
  const unclaimed = rows.filter((r) => r.user_id === null && r.invited);
  return unclaimed.find((r) => r.name === name) ?? unclaimed[0] ?? rows.find((r) => r.invited) ?? rows[0]!;
}

const rsvpOpen = (m: { status: string; held_at: string }, now: Date) =>
  m.status === 'planned' && now.getTime() < new Date(m.held_at).getTime();

/** The meeting as the invited resident sees it (GET /api/council/meetings/:id/invitation). */
export async function residentMeeting(
  deps: Deps,
  ctx: RequestContext,
  meetingId: number,
): Promise<z.infer<typeof ResidentMeeting>> {
  const tenantId = requireTenant(ctx.actor);
  requirePermission(ctx.actor, 'council.participate');
  const m = await meetingRow(deps.db, tenantId, meetingId);
  const invitation = await invitationOf(deps.db, ctx, tenantId, meetingId);
  if (!invitation) throw notFound();
  const published = m.minutes_published_at !== null;
  const [topics, resolutions] = await Promise.all([
    deps.db
      .selectFrom('council_meeting_topics as mt')
      .innerJoin('council_topics as t', (j) =>
        j.onRef('t.tenant_id', '=', 'mt.tenant_id').onRef('t.id', '=', 'mt.topic_id'),
      )
      .select(['t.id', 't.title', 't.description', 't.status'])
      .where('mt.tenant_id', '=', tenantId)
      .where('mt.meeting_id', '=', meetingId)
      .orderBy('mt.position')
      .execute(),
    published
      ? deps.db
          .selectFrom('council_resolutions as r')
          .leftJoin('council_topics as t', (j) =>
            j.onRef('t.tenant_id', '=', 'r.tenant_id').onRef('t.id', '=', 'r.topic_id'),
          )
          .selectAll('r')
          .select('t.title as topic_title')
          .where('r.tenant_id', '=', tenantId)
          .where('r.meeting_id', '=', meetingId)
          .orderBy('r.id')
          .execute()
      : [],
  ]);
  return {
    id: m.id,
    title: m.title,
    heldAt: m.held_at,
    place: m.place,
    host: m.host,
    status: m.status as 'planned' | 'held',
    topics: topics.map((t) => ({ ...t, status: t.status as (typeof TopicStatuses)[number] })),
    invitation: {
      participantId: invitation.id,
      name: invitation.name,
      rsvp: invitation.rsvp as Answer | null,
      rsvpAt: invitation.rsvp_at,
      signedInAt: invitation.signed_in_at,
    },
    rsvpOpen: rsvpOpen(m, deps.clock.now()),
    minutesPublishedAt: m.minutes_published_at,
    minutes: published ? m.minutes : null,
    resolutions: resolutions.map((r) => ({
      id: r.id,
      topicId: r.topic_id,
      topicTitle: r.topic_title,
      text: r.text,
      votesFor: r.votes_for,
      votesAgainst: r.votes_against,
      votesAbstain: r.votes_abstain,
      individual: r.individual,
      passed: r.passed,
      createdAt: r.created_at,
    })),
  };
}

/** 参加 / 不参加 / 待定, changeable until the meeting starts; staff see the answer and who gave it. */
export async function answerRsvp(deps: Deps, ctx: RequestContext, meetingId: number, answer: Answer) {
  const tenantId = requireTenant(ctx.actor);
  requirePermission(ctx.actor, 'council.participate');
  const now = deps.clock.now();
  await deps.db.transaction().execute(async (trx) => {
    const m = await trx
      .selectFrom('council_meetings')
      .select(['id', 'status', 'held_at'])
      .where('tenant_id', '=', tenantId)
      .where('id', '=', meetingId)
      .forUpdate()
      .executeTakeFirst();
    if (!m) throw notFound();
    const invitation = await invitationOf(trx, ctx, tenantId, meetingId);
    if (!invitation) throw notFound();
    if (!rsvpOpen(m, now))
      throw conflict(
        '议事会已开始，不能再更改是否参加的回复',
        'The meeting has started; the answer can no longer be changed',
      );
    await trx
      .updateTable('council_participants')
      .set({ rsvp: answer, rsvp_at: now, rsvp_by: ctx.actor.userId })
      .where('tenant_id', '=', tenantId)
      .where('id', '=', invitation.id)
      .execute();
    await councilChanged(trx, deps, ctx, {
      tenantId,
      entity: 'meeting',
      id: meetingId,
      action: 'council.rsvp',
      payload: { participantId: invitation.id, name: invitation.name, answer },
    });
  });
  return residentMeeting(deps, ctx, meetingId);
}

/**
 * Publishes the minutes and resolutions to those invited (the meeting counts as held); they are told
 * in the app. Publishing again after an edit updates the date.
 */
export async function publishMinutes(deps: Deps, ctx: RequestContext, meetingId: number) {
  const tenantId = requireTenant(ctx.actor);
  requirePermission(ctx.actor, 'council.manage');
  await deps.db.transaction().execute(async (trx) => {
    const m = await meetingRow(trx, tenantId, meetingId);
    if (!m.minutes?.trim())
      throw invalidField(
        'body.minutes',
        '请先填写并保存会议记录再公布',
        'Save the minutes before publishing them',
      );
    await trx
      .updateTable('council_meetings')
      .set({ minutes_published_at: deps.clock.now(), status: 'held' })
      .where('tenant_id', '=', tenantId)
      .where('id', '=', meetingId)
      .execute();
    const people = await trx
      .selectFrom('council_participants as p')
      .leftJoin('users as u', (j) =>
        j
          .onRef('u.tenant_id', '=', 'p.tenant_id')
          .onRef('u.household_id', '=', 'p.household_id')
          .on('u.role', '=', 'resident'),
      )
      .select(['p.user_id', 'u.id as household_user'])
      .where('p.tenant_id', '=', tenantId)
      .where('p.meeting_id', '=', meetingId)
      .execute();
    const userIds = [...new Set(people.flatMap((p) => [p.user_id, p.household_user]))].filter(
      (id): id is number => id !== null,
    );
    await notify(trx, deps, {
      tenantId,
      recipients: userIds.map((userId) => ({ userId })),
      topic: 'council.minutes',
      title: `议事会纪要已公布：${m.title}`,
      body: '会议记录和表决结果已公布，请查看。',
      link: `/council/meetings/${meetingId}`,
    });
    await councilChanged(trx, deps, ctx, {
      tenantId,
      entity: 'meeting',
      id: meetingId,
      action: 'council.minutes.publish',
      payload: { notified: userIds.length },
    });
  });
  return loadMeeting(deps, tenantId, meetingId);
}

/**
 * The resident's meetings for their home page: those not held yet that they or their household are
 * invited to, and those whose minutes were published in the last 30 days.
 */
export async function myMeetings(deps: Deps, ctx: RequestContext) {
  const tenantId = requireTenant(ctx.actor);
  requirePermission(ctx.actor, 'council.participate');
  const householdId = ctx.actor.householdId;
  const now = deps.clock.now();
  const since = new Date(now.getTime() - MINUTES_SHOWN_DAYS * 86_400_000).toISOString();
  return deps.db
    .selectFrom('council_meetings as m')
    .select([
      'm.id',
      'm.title',
      'm.held_at as heldAt',
      'm.place',
      'm.host',
      'm.status',
      'm.minutes_published_at as minutesPublishedAt',
      (eb) =>
        eb
          .selectFrom('council_participants as p')
          .select('p.rsvp')
          .whereRef('p.tenant_id', '=', 'm.tenant_id')
          .whereRef('p.meeting_id', '=', 'm.id')
          .where('p.rsvp', 'is not', null)
          .where((w) =>
            w.or([
              w('p.user_id', '=', ctx.actor.userId),
              ...(householdId === null ? [] : [w('p.household_id', '=', householdId)]),
            ]),
          )
          .orderBy('p.rsvp_at', 'desc')
          .limit(1)
          .as('rsvp'),
    ])
    .where('m.tenant_id', '=', tenantId)
    .where((eb) =>
      eb.or([
        eb.and([eb('m.status', '=', 'planned'), eb('m.held_at', '>=', now.toISOString())]),
        eb('m.minutes_published_at', '>=', since),
      ]),
    )
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom('council_participants as p')
          .select('p.id')
          .whereRef('p.tenant_id', '=', 'm.tenant_id')
          .whereRef('p.meeting_id', '=', 'm.id')
          .where((w) =>
            w.or([
              w('p.user_id', '=', ctx.actor.userId),
              ...(householdId === null ? [] : [w('p.household_id', '=', householdId)]),
            ]),
          ),
      ),
    )
    .orderBy('m.held_at')
    .limit(20)
    .execute();
}
