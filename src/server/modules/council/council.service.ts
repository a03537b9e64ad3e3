import type { Transaction } from 'kysely';
import type { z } from 'zod';
import type {
  MeetingBody,
  MinutesBody,
  ParticipantBody,
  ParticipantKinds,
  ProgressBody,
  ProjectBody,
  ProjectMember,
  ProjectUpdateBody,
  PublishBody,
  ResolutionBody,
  RsvpAnswers,
  TopicBody,
  TopicSources,
  TopicStatuses,
} from '../../../contract/council.ts';
import { requirePermission, requireTenant } from '../../access/access.ts';
import type { DB } from '../../db/schema.ts';
import { writeAudit, type Executor } from '../../platform/audit.ts';
import type { RequestContext } from '../../platform/context.ts';
import { randomToken } from '../../platform/crypto.ts';
import type { Deps } from '../../platform/deps.ts';
import { conflict, invalidField, notFound } from '../../platform/errors.ts';
import { publish } from '../../platform/events.ts';
import { addTimelineEvent } from '../households/households.timeline.ts';
import { householdLabels, householdOptions } from './council.households.ts';
import { checkSourceRef, sourceRecords } from './council.sources.ts';

type TopicStatus = (typeof TopicStatuses)[number];
export type Kind = (typeof ParticipantKinds)[number];
type Member = z.infer<typeof ProjectMember>;

export const STAFF_ROLES = new Set(['street_leader', 'cadre', 'committee', 'volunteer', 'mediator']);

export async function checkIds(
  db: Executor,
  tenantId: number,
  table: 'households' | 'buildings' | 'council_topics',
  ids: readonly number[],
  path: string,
): Promise<void> {
  if (ids.length === 0) return;
  const found = await db
    .selectFrom(table)
    .select('id')
    .where('tenant_id', '=', tenantId)
    .where('id', 'in', [...ids])
    .execute();
  if (found.length !== new Set(ids).size)
    throw invalidField(path, '所选记录不存在或不属于本街道', 'A chosen record does not exist in this street');
}

type SourceRecordMap = Awaited<ReturnType<typeof sourceRecords>>;

function toTopic(
  r: {
    id: number;
    title: string;
    description: string | null;
    source: string;
    source_ref: number | null;
    raised_by_name: string;
    household_ids: number[];
    building_ids: number[];
    status: string;
    created_at: string;
  },
  records: SourceRecordMap,
) {
  return {
    id: r.id,
    title: r.title,
    description: r.description,
    source: r.source as (typeof TopicSources)[number],
    sourceRef: r.source_ref,
    sourceRecord: r.source_ref === null ? null : (records.get(`${r.source}:${r.source_ref}`) ?? null),
    raisedByName: r.raised_by_name,
    householdIds: r.household_ids.map(Number),
    buildingIds: r.building_ids.map(Number),
    status: r.status as TopicStatus,
    createdAt: r.created_at,
  };
}

// ---- topics ----

/**
 * A change to a topic, meeting or project, in its transaction: the audit row, then the live event
 * (`council.topic` / `council.meeting` / `council.project`) that refreshes open pages.
 */
export async function councilChanged(
  trx: Transaction<DB>,
  deps: Deps,
  ctx: RequestContext,
  change: {
    tenantId: number;
    entity: 'topic' | 'meeting' | 'project';
    id: number;
    action: string;
    payload: unknown;
  },
): Promise<void> {
  await writeAudit(trx, deps.clock, ctx, {
    tenantId: change.tenantId,
    action: change.action,
    entityType: `council_${change.entity}`,
    entityId: change.id,
    payload: change.payload,
  });
  await publish(trx, {
    tenantId: change.tenantId,
    topic: `council.${change.entity}`,
    data: { [`${change.entity}Id`]: change.id },
  });
}

export async function listTopics(deps: Deps, ctx: RequestContext, status?: TopicStatus) {
  const tenantId = requireTenant(ctx.actor);
  requirePermission(ctx.actor, 'council.read');
  let q = deps.db
    .selectFrom('council_topics')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .orderBy('id', 'desc');
  if (status) q = q.where('status', '=', status);
  const rows = await q.execute();
  const records = await sourceRecords(deps.db, tenantId, rows);
  const items = rows.map((r) => toTopic(r, records));
  return { items, total: items.length };
}

async function getTopic(deps: Deps, tenantId: number, id: number) {
  const row = await deps.db
    .selectFrom('council_topics')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .executeTakeFirst();
  if (!row) throw notFound();
  return toTopic(row, await sourceRecords(deps.db, tenantId, [row]));
}

export async function createTopic(deps: Deps, ctx: RequestContext, body: z.infer<typeof TopicBody>) {
  const tenantId = requireTenant(ctx.actor);
  requirePermission(ctx.actor, 'council.manage');
  await checkIds(deps.db, tenantId, 'households', body.householdIds, 'body.householdIds');
  await checkIds(deps.db, tenantId, 'buildings', body.buildingIds, 'body.buildingIds');
  await checkSourceRef(deps.db, tenantId, body.source, body.sourceRef);
  const now = deps.clock.now();
  const id = await deps.db.transaction().execute(async (trx) => {
    const row = await trx
      .insertInto('council_topics')
      .values({
        tenant_id: tenantId,
        title: body.title,
        description: body.description ?? null,
        source: body.source,
        source_ref: body.sourceRef ?? null,
        raised_by_name: body.raisedByName,
        raised_by: ctx.actor.userId,
        household_ids: body.householdIds,
        building_ids: body.buildingIds,
        created_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    for (const householdId of new Set(body.householdIds))
      await addTimelineEvent(trx, {
        tenantId,
        householdId,
        occurredAt: now,
        module: 'council',
        kind: 'council_topic',
        params: { title: body.title },
        detail: { topicId: row.id },
        actorId: ctx.actor.userId,
      });
    await councilChanged(trx, deps, ctx, {
      tenantId,
      entity: 'topic',
      id: row.id,
      action: 'council.topic.create',
      payload: body,
    });
    return row.id;
  });
  return getTopic(deps, tenantId, id);
}

export async function setTopicStatus(deps: Deps, ctx: RequestContext, id: number, status: TopicStatus) {
  const tenantId = requireTenant(ctx.actor);
  requirePermission(ctx.actor, 'council.manage');
  await deps.db.transaction().execute(async (trx) => {
    const res = await trx
      .updateTable('council_topics')
      .set({ status })
      .where('tenant_id', '=', tenantId)
      .where('id', '=', id)
      .executeTakeFirst();
    if (Number(res.numUpdatedRows) === 0) throw notFound();
    await councilChanged(trx, deps, ctx, {
      tenantId,
      entity: 'topic',
      id: id,
      action: 'council.topic.status',
      payload: { status },
    });
  });
  return getTopic(deps, tenantId, id);
}

// ---- meetings ----

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

function participantRows(tenantId: number, meetingId: number, list: Array<z.infer<typeof ParticipantBody>>) {
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

/**
 * Invites one participant: a resident of a household (a member by name), a party member, a cadre
 * (a staff account) or an expert. The same account, or the same name of the same household, is
 * invited once.
 */
export async function addParticipant(
  deps: Deps,
  ctx: RequestContext,
  meetingId: number,
  body: z.infer<typeof ParticipantBody>,
) {
  const tenantId = requireTenant(ctx.actor);
  requirePermission(ctx.actor, 'council.manage');
  if (body.householdId)
    await checkIds(deps.db, tenantId, 'households', [body.householdId], 'body.householdId');
  if (body.userId) {
    const user = await deps.db
      .selectFrom('users')
      .select('id')
      .where('id', '=', body.userId)
      .where('tenant_id', '=', tenantId)
      .executeTakeFirst();
    if (!user) throw invalidField('body.userId', '用户不存在', 'No such user');
  }
  await deps.db.transaction().execute(async (trx) => {
    const m = await trx
      .selectFrom('council_meetings')
      .select('id')
      .where('tenant_id', '=', tenantId)
      .where('id', '=', meetingId)
      .forUpdate()
      .executeTakeFirst();
    if (!m) throw notFound();
    const twice = await trx
      .selectFrom('council_participants')
      .select('id')
      .where('tenant_id', '=', tenantId)
      .where('meeting_id', '=', meetingId)
      .where((eb) =>
        eb.or([
          ...(body.userId ? [eb('user_id', '=', body.userId)] : []),
          ...(body.householdId
            ? [eb.and([eb('household_id', '=', body.householdId), eb('name', '=', body.name)])]
            : []),
          ...(!body.userId && !body.householdId
            ? [eb.and([eb('name', '=', body.name), eb('kind', '=', body.kind)])]
            : []),
        ]),
      )
      .executeTakeFirst();
    if (twice) throw conflict('此人已在参会名单中', 'This person is already on the list');
    await trx
      .insertInto('council_participants')
      .values(participantRows(tenantId, meetingId, [body]))
      .execute();
    await councilChanged(trx, deps, ctx, {
      tenantId,
      entity: 'meeting',
      id: meetingId,
      action: 'council.participant.add',
      payload: body,
    });
  });
  return loadMeeting(deps, tenantId, meetingId);
}

/** Takes back an invitation; someone already signed in stays on the record. */
export async function removeParticipant(
  deps: Deps,
  ctx: RequestContext,
  meetingId: number,
  participantId: number,
) {
  const tenantId = requireTenant(ctx.actor);
  requirePermission(ctx.actor, 'council.manage');
  await deps.db.transaction().execute(async (trx) => {
    const p = await trx
      .selectFrom('council_participants')
      .select(['id', 'name', 'signed_in_at'])
      .where('tenant_id', '=', tenantId)
      .where('meeting_id', '=', meetingId)
      .where('id', '=', participantId)
      .forUpdate()
      .executeTakeFirst();
    if (!p) throw notFound();
    if (p.signed_in_at)
      throw conflict('已签到的参会人不能移出名单', 'A participant who has signed in stays on the list');
    await trx
      .deleteFrom('council_participants')
      .where('tenant_id', '=', tenantId)
      .where('id', '=', participantId)
      .execute();
    await councilChanged(trx, deps, ctx, {
      tenantId,
      entity: 'meeting',
      id: meetingId,
      action: 'council.participant.remove',
      payload: { participantId, name: p.name },
    });
  });
  return loadMeeting(deps, tenantId, meetingId);
}

/** Households to invite or link (address search). */
export async function findHouseholds(
  deps: Deps,
  ctx: RequestContext,
  query: { q?: string | undefined; ids?: string | undefined },
) {
  const tenantId = requireTenant(ctx.actor);
  requirePermission(ctx.actor, 'council.manage');
  return householdOptions(deps.db, tenantId, {
    q: query.q,
    ids: query.ids === undefined ? undefined : query.ids.split(',').map(Number).slice(0, 200),
  });
}

/** Street staff one may invite as cadres. */
export async function staffOptions(deps: Deps, ctx: RequestContext) {
  const tenantId = requireTenant(ctx.actor);
  requirePermission(ctx.actor, 'council.manage');
  const rows = await deps.db
    .selectFrom('users')
    .select(['id', 'display_name', 'role'])
    .where('tenant_id', '=', tenantId)
    .where('disabled', '=', false)
    .where('role', 'in', [...STAFF_ROLES])
    .orderBy('display_name')
    .limit(500)
    .execute();
  return rows.map((r) => ({ id: r.id, name: r.display_name, role: r.role }));
}

export async function saveMinutes(
  deps: Deps,
  ctx: RequestContext,
  meetingId: number,
  body: z.infer<typeof MinutesBody>,
) {
  const tenantId = requireTenant(ctx.actor);
  requirePermission(ctx.actor, 'council.manage');
  await deps.db.transaction().execute(async (trx) => {
    await meetingRow(trx, tenantId, meetingId);
    await trx
      .updateTable('council_meetings')
      .set({ minutes: body.minutes, ...(body.held ? { status: 'held' } : {}) })
      .where('tenant_id', '=', tenantId)
      .where('id', '=', meetingId)
      .execute();
    await councilChanged(trx, deps, ctx, {
      tenantId,
      entity: 'meeting',
      id: meetingId,
      action: 'council.minutes',
      payload: { held: body.held, length: body.minutes.length },
    });
  });
  return loadMeeting(deps, tenantId, meetingId);
}

/**
 * A resolution with vote counts, or with individual votes of participants present (the counts then
 * come from them). Passes with more than half of those voting in favour.
 */
export async function addResolution(
  deps: Deps,
  ctx: RequestContext,
  meetingId: number,
  body: z.infer<typeof ResolutionBody>,
) {
  const tenantId = requireTenant(ctx.actor);
  requirePermission(ctx.actor, 'council.manage');
  const now = deps.clock.now();
  await deps.db.transaction().execute(async (trx) => {
    await meetingRow(trx, tenantId, meetingId);
    if (body.topicId !== undefined) {
      const onAgenda = await trx
        .selectFrom('council_meeting_topics')
        .select('topic_id')
        .where('tenant_id', '=', tenantId)
        .where('meeting_id', '=', meetingId)
        .where('topic_id', '=', body.topicId)
        .executeTakeFirst();
      if (!onAgenda)
        throw invalidField('body.topicId', '该议题不在本次议程中', 'The topic is not on this agenda');
    }
    let counts = {
      for: body.votesFor ?? 0,
      against: body.votesAgainst ?? 0,
      abstain: body.votesAbstain ?? 0,
    };
    const individual = body.votes !== undefined;
    if (body.votes) {
      const ids = [...new Set(body.votes.map((v) => v.participantId))];
      if (ids.length !== body.votes.length)
        throw invalidField('body.votes', '每位参会人只能投一票', 'One vote per participant');
      const present = await trx
        .selectFrom('council_participants')
        .select('id')
        .where('tenant_id', '=', tenantId)
        .where('meeting_id', '=', meetingId)
        .where('id', 'in', ids.length ? ids : [-1])
        .where('signed_in_at', 'is not', null)
        .execute();
      if (present.length !== ids.length)
        throw invalidField(
          'body.votes',
          '只有已签到的参会人可以表决',
          'Only participants signed in may vote',
        );
      counts = { for: 0, against: 0, abstain: 0 };
      for (const v of body.votes) counts[v.choice] += 1;
    }
    const voting = counts.for + counts.against + counts.abstain;
    if (voting === 0) throw invalidField('body.votes', '没有表决票', 'No votes');
    const passed = counts.for * 2 > voting;
    const row = await trx
      .insertInto('council_resolutions')
      .values({
        tenant_id: tenantId,
        meeting_id: meetingId,
        topic_id: body.topicId ?? null,
        text: body.text,
        votes_for: counts.for,
        votes_against: counts.against,
        votes_abstain: counts.abstain,
        individual,
        passed,
        created_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    if (body.votes?.length)
      await trx
        .insertInto('council_votes')
        .values(
          body.votes.map((v) => ({
            tenant_id: tenantId,
            resolution_id: row.id,
            participant_id: v.participantId,
            choice: v.choice,
          })),
        )
        .execute();
    if (body.topicId !== undefined && passed)
      await trx
        .updateTable('council_topics')
        .set({ status: 'resolved' })
        .where('tenant_id', '=', tenantId)
        .where('id', '=', body.topicId)
        .where('status', 'in', ['open', 'discussing'])
        .execute();
    await councilChanged(trx, deps, ctx, {
      tenantId,
      entity: 'meeting',
      id: meetingId,
      action: 'council.resolution',
      payload: { ...body, counts, passed },
    });
  });
  return loadMeeting(deps, tenantId, meetingId);
}

// ---- self-governance projects (自治项目) ----

async function loadProjects(deps: Deps, tenantId: number, where: { id?: number; published?: boolean }) {
  let q = deps.db
    .selectFrom('council_projects')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .orderBy('id', 'desc');
  if (where.id !== undefined) q = q.where('id', '=', where.id);
  if (where.published !== undefined) q = q.where('published', '=', where.published);
  const rows = await q.execute();
  const milestones = rows.length
    ? await deps.db
        .selectFrom('council_project_milestones')
        .selectAll()
        .where('tenant_id', '=', tenantId)
        .where(
          'project_id',
          'in',
          rows.map((r) => r.id),
        )
        .orderBy('id')
        .execute()
    : [];
  const topicIds = [...new Set(rows.flatMap((r) => r.topic_ids.map(Number)))];
  const topics = topicIds.length
    ? await deps.db
        .selectFrom('council_topics')
        .select(['id', 'title'])
        .where('tenant_id', '=', tenantId)
        .where('id', 'in', topicIds)
        .execute()
    : [];
  const topicTitle = new Map(topics.map((t) => [t.id, t.title]));
  const labels = await householdLabels(
    deps.db,
    tenantId,
    rows.flatMap((r) => r.household_ids.map(Number)),
  );
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    kind: r.kind,
    description: r.description,
    owners: r.owners as Member[],
    members: r.members as Member[],
    topicIds: r.topic_ids.map(Number),
    topics: r.topic_ids.map(Number).flatMap((id) => {
      const title = topicTitle.get(id);
      return title === undefined ? [] : [{ id, title }];
    }),
    householdIds: r.household_ids.map(Number),
    households: r.household_ids.map(Number).flatMap((id) => {
      const label = labels.get(id);
      return label === undefined ? [] : [{ id, label }];
    }),
    status: r.status as 'active' | 'completed',
    progress: r.progress,
    published: r.published,
    resultSummary: r.result_summary,
    publishedAt: r.published_at,
    createdAt: r.created_at,
    milestones: milestones
      .filter((m) => m.project_id === r.id)
      .map((m) => ({
        id: m.id,
        title: m.title,
        dueOn: m.due_on ? String(m.due_on).slice(0, 10) : null,
        doneAt: m.done_at,
      })),
  }));
}

export async function listProjects(deps: Deps, ctx: RequestContext) {
  const tenantId = requireTenant(ctx.actor);
  requirePermission(ctx.actor, 'council.read');
  const items = await loadProjects(deps, tenantId, {});
  return { items, total: items.length };
}

async function oneProject(deps: Deps, tenantId: number, id: number) {
  const [p] = await loadProjects(deps, tenantId, { id });
  if (!p) throw notFound();
  return p;
}

/** Published results residents can read. */
export async function publishedProjects(deps: Deps, ctx: RequestContext) {
  const tenantId = requireTenant(ctx.actor);
  requirePermission(ctx.actor, 'council.participate');
  const items = (await loadProjects(deps, tenantId, { published: true })).map((p) => ({
    id: p.id,
    name: p.name,
    kind: p.kind,
    description: p.description,
    owners: p.owners,
    members: p.members,
    topics: p.topics,
    status: p.status,
    progress: p.progress,
    resultSummary: p.resultSummary,
    publishedAt: p.publishedAt,
    milestones: p.milestones,
  }));
  return { items, total: items.length };
}

/** A topic (or several) becomes a self-governance project. */
export async function createProject(deps: Deps, ctx: RequestContext, body: z.infer<typeof ProjectBody>) {
  const tenantId = requireTenant(ctx.actor);
  requirePermission(ctx.actor, 'council.manage');
  await checkIds(deps.db, tenantId, 'council_topics', body.topicIds, 'body.topicIds');
  await checkIds(deps.db, tenantId, 'households', body.householdIds, 'body.householdIds');
  const now = deps.clock.now();
  const id = await deps.db.transaction().execute(async (trx) => {
    const row = await trx
      .insertInto('council_projects')
      .values({
        tenant_id: tenantId,
        name: body.name,
        kind: body.kind,
        description: body.description ?? null,
        owners: JSON.stringify(body.owners),
        members: JSON.stringify(body.members),
        topic_ids: [...new Set(body.topicIds)],
        household_ids: [...new Set(body.householdIds)],
        created_by: ctx.actor.userId,
        created_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    if (body.milestones.length)
      await trx
        .insertInto('council_project_milestones')
        .values(
          body.milestones.map((m) => ({
            tenant_id: tenantId,
            project_id: row.id,
            title: m.title,
            due_on: m.dueOn ?? null,
          })),
        )
        .execute();
    if (body.topicIds.length)
      await trx
        .updateTable('council_topics')
        .set({ status: 'project' })
        .where('tenant_id', '=', tenantId)
        .where('id', 'in', body.topicIds)
        .execute();
    for (const householdId of new Set(body.householdIds))
      await addTimelineEvent(trx, {
        tenantId,
        householdId,
        occurredAt: now,
        module: 'council',
        kind: 'council_project',
        params: { name: body.name },
        detail: { projectId: row.id },
        actorId: ctx.actor.userId,
      });
    await councilChanged(trx, deps, ctx, {
      tenantId,
      entity: 'project',
      id: row.id,
      action: 'council.project.create',
      payload: body,
    });
    return row.id;
  });
  return oneProject(deps, tenantId, id);
}

export async function updateProgress(
  deps: Deps,
  ctx: RequestContext,
  id: number,
  body: z.infer<typeof ProgressBody>,
) {
  const tenantId = requireTenant(ctx.actor);
  requirePermission(ctx.actor, 'council.manage');
  await deps.db.transaction().execute(async (trx) => {
    const res = await trx
      .updateTable('council_projects')
      .set({ progress: body.progress })
      .where('tenant_id', '=', tenantId)
      .where('id', '=', id)
      .executeTakeFirst();
    if (Number(res.numUpdatedRows) === 0) throw notFound();
    if (body.milestoneIdsDone.length)
      await trx
        .updateTable('council_project_milestones')
        .set({ done_at: deps.clock.now() })
        .where('tenant_id', '=', tenantId)
        .where('project_id', '=', id)
        .where('id', 'in', body.milestoneIdsDone)
        .where('done_at', 'is', null)
        .execute();
    await councilChanged(trx, deps, ctx, {
      tenantId,
      entity: 'project',
      id: id,
      action: 'council.project.progress',
      payload: body,
    });
  });
  return oneProject(deps, tenantId, id);
}

export async function publishProject(
  deps: Deps,
  ctx: RequestContext,
  id: number,
  body: z.infer<typeof PublishBody>,
) {
  const tenantId = requireTenant(ctx.actor);
  requirePermission(ctx.actor, 'council.manage');
  await deps.db.transaction().execute(async (trx) => {
    const p = await trx
      .selectFrom('council_projects')
      .select('published')
      .where('tenant_id', '=', tenantId)
      .where('id', '=', id)
      .forUpdate()
      .executeTakeFirst();
    if (!p) throw notFound();
    if (p.published && !body.resultSummary) throw conflict('已公布', 'Already published');
    await trx
      .updateTable('council_projects')
      .set({
        published: true,
        result_summary: body.resultSummary,
        published_at: deps.clock.now(),
        ...(body.completed ? { status: 'completed', progress: 100 } : {}),
      })
      .where('tenant_id', '=', tenantId)
      .where('id', '=', id)
      .execute();
    await councilChanged(trx, deps, ctx, {
      tenantId,
      entity: 'project',
      id: id,
      action: 'council.project.publish',
      payload: body,
    });
  });
  return oneProject(deps, tenantId, id);
}

/**
 * Edits a project: name, kind, description, owners and members, linked topics and households,
 * milestones (renamed, added, removed, done or not) and progress. Newly linked topics become
 * 'project'; newly linked households get a timeline entry.
 */
export async function updateProject(
  deps: Deps,
  ctx: RequestContext,
  id: number,
  body: z.infer<typeof ProjectUpdateBody>,
) {
  const tenantId = requireTenant(ctx.actor);
  requirePermission(ctx.actor, 'council.manage');
  await checkIds(deps.db, tenantId, 'council_topics', body.topicIds, 'body.topicIds');
  await checkIds(deps.db, tenantId, 'households', body.householdIds, 'body.householdIds');
  const now = deps.clock.now();
  await deps.db.transaction().execute(async (trx) => {
    const before = await trx
      .selectFrom('council_projects')
      .select(['topic_ids', 'household_ids'])
      .where('tenant_id', '=', tenantId)
      .where('id', '=', id)
      .forUpdate()
      .executeTakeFirst();
    if (!before) throw notFound();
    const existing = await trx
      .selectFrom('council_project_milestones')
      .select(['id', 'done_at'])
      .where('tenant_id', '=', tenantId)
      .where('project_id', '=', id)
      .execute();
    const known = new Map(existing.map((m) => [m.id, m]));
    for (const m of body.milestones)
      if (m.id !== undefined && !known.has(m.id))
        throw invalidField('body.milestones', '里程碑不属于本项目', 'A milestone is not of this project');
    const topicIds = [...new Set(body.topicIds)];
    const householdIds = [...new Set(body.householdIds)];
    await trx
      .updateTable('council_projects')
      .set({
        name: body.name,
        kind: body.kind,
        description: body.description ?? null,
        owners: JSON.stringify(body.owners),
        members: JSON.stringify(body.members),
        topic_ids: topicIds,
        household_ids: householdIds,
        progress: body.progress,
      })
      .where('tenant_id', '=', tenantId)
      .where('id', '=', id)
      .execute();
    const kept = new Set(body.milestones.flatMap((m) => (m.id === undefined ? [] : [m.id])));
    const removed = existing.filter((m) => !kept.has(m.id)).map((m) => m.id);
    if (removed.length)
      await trx
        .deleteFrom('council_project_milestones')
        .where('tenant_id', '=', tenantId)
        .where('id', 'in', removed)
        .execute();
    for (const m of body.milestones) {
      const doneAt = m.done ? (m.id !== undefined ? (known.get(m.id)!.done_at ?? now) : now) : null;
      if (m.id === undefined)
        await trx
          .insertInto('council_project_milestones')
          .values({
            tenant_id: tenantId,
            project_id: id,
            title: m.title,
            due_on: m.dueOn ?? null,
            done_at: doneAt,
          })
          .execute();
      else
        await trx
          .updateTable('council_project_milestones')
          .set({ title: m.title, due_on: m.dueOn ?? null, done_at: doneAt })
          .where('tenant_id', '=', tenantId)
          .where('id', '=', m.id)
          .execute();
    }
    const oldTopics = new Set(before.topic_ids.map(Number));
    const newTopics = topicIds.filter((t) => !oldTopics.has(t));
    if (newTopics.length)
      await trx
        .updateTable('council_topics')
        .set({ status: 'project' })
        .where('tenant_id', '=', tenantId)
        .where('id', 'in', newTopics)
        .execute();
    const oldHouseholds = new Set(before.household_ids.map(Number));
    for (const householdId of householdIds.filter((h) => !oldHouseholds.has(h)))
      await addTimelineEvent(trx, {
        tenantId,
        householdId,
        occurredAt: now,
        module: 'council',
        kind: 'council_project',
        params: { name: body.name },
        detail: { projectId: id },
        actorId: ctx.actor.userId,
      });
    await councilChanged(trx, deps, ctx, {
      tenantId,
      entity: 'project',
      id: id,
      action: 'council.project.update',
      payload: body,
    });
  });
  return oneProject(deps, tenantId, id);
}
