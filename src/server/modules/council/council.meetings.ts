/** Meetings (议事会): the list, one meeting as read (agenda, participants, resolutions) and calling one. */
import type { z } from 'zod';
import type { MeetingBody, ParticipantBody, RsvpAnswers } from '../../../contract/council.ts';
import { requirePermission, requireTenant } from '../../access/access.ts';
import type { Executor } from '../../db/database.ts';
import type { RequestContext } from '../../platform/context.ts';
import { randomToken } from '../../platform/crypto.ts';
import type { Deps } from '../../platform/deps.ts';
import { notFound } from '../../platform/errors.ts';
import { checkIds, councilChanged, type Kind, type TopicStatus } from './council.common.ts';
import { householdLabels } from '../households/index.ts';

export async function listMeetings(deps: Deps, ctx: RequestContext) {
  const tenantId = requireTenant(ctx.actor);
  requirePermission(ctx.actor, 'council.read');
  const rows = await deps.db
    .selectFrom('council_meetings as m')
    .select([
      'm.id',
      'm.title',
      'm.held_at',
      'm.place',
      'm.host',
      'm.status',
      (eb) =>
        eb
          .selectFrom('council_participants as p')
          .select((e) => e.fn.countAll<number>().as('n'))
          .whereRef('p.tenant_id', '=', 'm.tenant_id')
          .whereRef('p.meeting_id', '=', 'm.id')
          .where('p.invited', '=', true)
          .as('invited'),
      (eb) =>
        eb
          .selectFrom('council_participants as p')
          .select((e) => e.fn.countAll<number>().as('n'))
          .whereRef('p.tenant_id', '=', 'm.tenant_id')
          .whereRef('p.meeting_id', '=', 'm.id')
          .where('p.signed_in_at', 'is not', null)
          .as('present'),
    ])
    .where('m.tenant_id', '=', tenantId)
    .orderBy('m.held_at', 'desc')
    .execute();
  const items = rows.map((r) => ({
    id: r.id,
    title: r.title,
    heldAt: r.held_at,
    place: r.place,
    host: r.host,
    status: r.status as 'planned' | 'held',
    invitedCount: Number(r.invited ?? 0),
    presentCount: Number(r.present ?? 0),
  }));
  return { items, total: items.length };
}

export async function meetingRow(db: Executor, tenantId: number, id: number) {
  const m = await db
    .selectFrom('council_meetings')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .executeTakeFirst();
  if (!m) throw notFound();
  return m;
}

async function userNames(db: Executor, ids: readonly number[]): Promise<Map<number, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .selectFrom('users')
    .select(['id', 'display_name'])
    .where('id', 'in', [...new Set(ids)])
    .execute();
  return new Map(rows.map((r) => [r.id, r.display_name]));
}

export async function getMeeting(deps: Deps, ctx: RequestContext, id: number) {
  const tenantId = requireTenant(ctx.actor);
  requirePermission(ctx.actor, 'council.read');
  return loadMeeting(deps, tenantId, id);
}

export async function loadMeeting(deps: Deps, tenantId: number, id: number) {
  const m = await meetingRow(deps.db, tenantId, id);
  const [topics, participants, resolutions] = await Promise.all([
    deps.db
      .selectFrom('council_meeting_topics as mt')
      .innerJoin('council_topics as t', (j) =>
        j.onRef('t.tenant_id', '=', 'mt.tenant_id').onRef('t.id', '=', 'mt.topic_id'),
      )
      .select(['t.id', 't.title', 't.status'])
      .where('mt.tenant_id', '=', tenantId)
      .where('mt.meeting_id', '=', id)
      .orderBy('mt.position')
      .execute(),
    deps.db
      .selectFrom('council_participants')
      .selectAll()
      .where('tenant_id', '=', tenantId)
      .where('meeting_id', '=', id)
      .orderBy('id')
      .execute(),
    deps.db
      .selectFrom('council_resolutions')
      .selectAll()
      .where('tenant_id', '=', tenantId)
      .where('meeting_id', '=', id)
      .orderBy('id')
      .execute(),
  ]);
  const labels = await householdLabels(
    deps.db,
    tenantId,
    participants.flatMap((p) => (p.household_id === null ? [] : [p.household_id])),
  );
  const answeredBy = await userNames(
    deps.db,
    participants.flatMap((p) => (p.rsvp_by !== null && p.rsvp_by !== p.user_id ? [p.rsvp_by] : [])),
  );
  const invitedRows = participants.filter((p) => p.invited);
  const count = (answer: string | null) => invitedRows.filter((p) => p.rsvp === answer).length;
  return {
    id: m.id,
    title: m.title,
    heldAt: m.held_at,
    place: m.place,
    host: m.host,
    status: m.status as 'planned' | 'held',
    invitedCount: participants.filter((p) => p.invited).length,
    presentCount: participants.filter((p) => p.signed_in_at).length,
    minutes: m.minutes,
    minutesPublishedAt: m.minutes_published_at,
    rsvpCounts: { yes: count('yes'), no: count('no'), maybe: count('maybe'), none: count(null) },
    topics: topics.map((t) => ({ id: t.id, title: t.title, status: t.status as TopicStatus })),
    participants: participants.map((p) => ({
      id: p.id,
      name: p.name,
      kind: p.kind as Kind,
      userId: p.user_id,
      householdId: p.household_id,
      householdLabel: p.household_id === null ? null : (labels.get(p.household_id) ?? null),
      organisation: p.organisation,
      invited: p.invited,
      signedInAt: p.signed_in_at,
      signInMethod: p.sign_in_method as 'qr' | 'staff' | null,
      rsvp: p.rsvp as (typeof RsvpAnswers)[number] | null,
      rsvpAt: p.rsvp_at,
      rsvpByName: p.rsvp_by !== null && p.rsvp_by !== p.user_id ? (answeredBy.get(p.rsvp_by) ?? null) : null,
    })),
    resolutions: resolutions.map((r) => ({
      id: r.id,
      topicId: r.topic_id,
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

export function participantRows(
  tenantId: number,
  meetingId: number,
  list: Array<z.infer<typeof ParticipantBody>>,
) {
  return list.map((p) => ({
    tenant_id: tenantId,
    meeting_id: meetingId,
    name: p.name,
    kind: p.kind,
    user_id: p.userId ?? null,
    household_id: p.householdId ?? null,
    organisation: p.organisation ?? null,
    invited: true,
  }));
}

export async function createMeeting(deps: Deps, ctx: RequestContext, body: z.infer<typeof MeetingBody>) {
  const tenantId = requireTenant(ctx.actor);
  requirePermission(ctx.actor, 'council.manage');
  await checkIds(deps.db, tenantId, 'council_topics', body.topicIds, 'body.topicIds');
  await checkIds(
    deps.db,
    tenantId,
    'households',
    body.invited.flatMap((p) => (p.householdId ? [p.householdId] : [])),
    'body.invited',
  );
  const now = deps.clock.now();
  const id = await deps.db.transaction().execute(async (trx) => {
    const row = await trx
      .insertInto('council_meetings')
      .values({
        tenant_id: tenantId,
        title: body.title,
        held_at: body.heldAt,
        place: body.place,
        host: body.host,
        sign_in_token: randomToken(24),
        created_by: ctx.actor.userId,
        created_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const topicIds = [...new Set(body.topicIds)];
    if (topicIds.length > 0) {
      await trx
        .insertInto('council_meeting_topics')
        .values(
          topicIds.map((topic_id, i) => ({
            tenant_id: tenantId,
            meeting_id: row.id,
            topic_id,
            position: i + 1,
          })),
        )
        .execute();
      await trx
        .updateTable('council_topics')
        .set({ status: 'discussing' })
        .where('tenant_id', '=', tenantId)
        .where('id', 'in', topicIds)
        .where('status', '=', 'open')
        .execute();
    }
    if (body.invited.length > 0)
      await trx
        .insertInto('council_participants')
        .values(participantRows(tenantId, row.id, body.invited))
        .execute();
    await councilChanged(trx, deps, ctx, {
      tenantId,
      entity: 'meeting',
      id: row.id,
      action: 'council.meeting.create',
      payload: { ...body, invited: body.invited.length },
    });
    return row.id;
  });
  return loadMeeting(deps, tenantId, id);
}
