/**
 * The collection network (一心、三片、廿点, mailboxes, leaders' visits), topic calls (专项征集) and the
 * street's handling deadlines.
 */
import { sql } from 'kysely';
import type { z } from 'zod';
import type {
  CollectMailboxBody,
  CreateMailboxBody,
  CreatePointBody,
  CreateTopicBody,
  CreateVisitBody,
  SuggestionChannel,
  SuggestionSettings,
  UpdatePointBody,
  UpdateTopicBody,
} from '../../../contract/suggestions.ts';
import { requireAccess, requirePermission, requireTenant } from '../../access/access.ts';
import { writeAudit } from '../../platform/audit.ts';
import type { RequestContext } from '../../platform/context.ts';
import type { Deps } from '../../platform/deps.ts';
import { conflict, invalidField, notFound } from '../../platform/errors.ts';
import { publish } from '../../platform/events.ts';
import { settingsOf } from './suggestions.common.ts';
import { sweepTopics } from './suggestions.topics.ts';

const manage = (ctx: RequestContext) => {
  requirePermission(ctx.actor, 'suggestion.manage');
  return requireTenant(ctx.actor);
};

// --- Collection points -----------------------------------------------------------------------

export async function listPoints(deps: Deps, ctx: RequestContext) {
  const tenantId = requireTenant(ctx.actor);
  const rows = await deps.db
    .selectFrom('suggestion_points as p')
    .select([
      'p.id',
      'p.kind',
      'p.parent_id',
      'p.name',
      'p.address',
      'p.staff',
      'p.opening_hours',
      'p.active',
      (eb) =>
        eb
          .selectFrom('suggestions as s')
          .select(sql<number>`count(*)`.as('n'))
          .whereRef('s.tenant_id', '=', 'p.tenant_id')
          .whereRef('s.point_id', '=', 'p.id')
          .as('suggestion_count'),
    ])
    .where('p.tenant_id', '=', tenantId)
    .orderBy(sql`case p.kind when 'centre' then 0 when 'zone' then 1 else 2 end`)
    .orderBy('p.id')
    .execute();
  const items = rows.map((r) => ({
    id: r.id,
    kind: r.kind as 'centre' | 'zone' | 'point',
    parentId: r.parent_id,
    name: r.name,
    address: r.address,
    staff: r.staff,
    openingHours: r.opening_hours,
    active: r.active,
    suggestionCount: Number(r.suggestion_count ?? 0),
  }));
  return { items, total: items.length };
}

/** A centre has no parent; a zone hangs under a centre; a point under a zone. */
export async function createPoint(deps: Deps, ctx: RequestContext, body: z.output<typeof CreatePointBody>) {
  const tenantId = manage(ctx);
  const parentKind = { centre: null, zone: 'centre', point: 'zone' }[body.kind];
  if (parentKind === null && body.parentId !== undefined)
    throw invalidField('body.parentId', '征集中心没有上级', 'A centre has no parent');
  if (parentKind !== null) {
    if (body.parentId === undefined)
      throw invalidField(
        'body.parentId',
        '请选择上级（片区或中心）',
        'Choose the zone or centre it belongs to',
      );
    const parent = await deps.db
      .selectFrom('suggestion_points')
      .select('kind')
      .where('tenant_id', '=', tenantId)
      .where('id', '=', body.parentId)
      .executeTakeFirst();
    if (parent?.kind !== parentKind)
      throw invalidField('body.parentId', '上级类型不对', `The parent must be a ${parentKind}`);
  }
  const id = await deps.db.transaction().execute(async (trx) => {
    const row = await trx
      .insertInto('suggestion_points')
      .values({
        tenant_id: tenantId,
        kind: body.kind,
        parent_id: body.parentId ?? null,
        name: body.name,
        address: body.address,
        staff: body.staff,
        opening_hours: body.openingHours,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await writeAudit(trx, deps.clock, ctx, {
      tenantId,
      action: 'suggestion_point.create',
      entityType: 'suggestion_point',
      entityId: row.id,
      payload: body,
    });
    return row.id;
  });
  return (await listPoints(deps, ctx)).items.find((p) => p.id === id)!;
}

export async function updatePoint(
  deps: Deps,
  ctx: RequestContext,
  id: number,
  body: z.output<typeof UpdatePointBody>,
) {
  const tenantId = manage(ctx);
  await deps.db.transaction().execute(async (trx) => {
    const result = await trx
      .updateTable('suggestion_points')
      .set({
        ...(body.name !== undefined ? { name: body.name } : {}),
        ...(body.address !== undefined ? { address: body.address } : {}),
        ...(body.staff !== undefined ? { staff: body.staff } : {}),
        ...(body.openingHours !== undefined ? { opening_hours: body.openingHours } : {}),
        ...(body.active !== undefined ? { active: body.active } : {}),
      })
      .where('tenant_id', '=', tenantId)
      .where('id', '=', id)
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) === 0) throw notFound();
    await writeAudit(trx, deps.clock, ctx, {
      tenantId,
      action: 'suggestion_point.update',
      entityType: 'suggestion_point',
      entityId: id,
      payload: body,
    });
  });
  return (await listPoints(deps, ctx)).items.find((p) => p.id === id)!;
}

// --- Mailboxes -------------------------------------------------------------------------------

export async function listMailboxes(deps: Deps, ctx: RequestContext) {
  requirePermission(ctx.actor, 'suggestion.read');
  const tenantId = requireTenant(ctx.actor);
  const rows = await deps.db
    .selectFrom('suggestion_mailboxes as m')
    .leftJoin('suggestion_points as p', (j) =>
      j.onRef('p.tenant_id', '=', 'm.tenant_id').onRef('p.id', '=', 'm.point_id'),
    )
    .leftJoin(
      (eb) =>
        eb
          .selectFrom('suggestion_mailbox_collections')
          .select([
            'tenant_id',
            'mailbox_id',
            sql<string>`max(collected_at)`.as('last_at'),
            sql<number>`sum(letters)`.as('letters'),
          ])
          .where('tenant_id', '=', tenantId)
          .groupBy(['tenant_id', 'mailbox_id'])
          .as('c'),
      (j) => j.onRef('c.tenant_id', '=', 'm.tenant_id').onRef('c.mailbox_id', '=', 'm.id'),
    )
    .select(['m.id', 'm.point_id', 'p.name as point_name', 'm.name', 'm.location', 'c.last_at', 'c.letters'])
    .where('m.tenant_id', '=', tenantId)
    .orderBy('m.id')
    .execute();
  const items = rows.map((r) => ({
    id: r.id,
    pointId: r.point_id,
    pointName: r.point_name,
    name: r.name,
    location: r.location,
    lastCollectedAt: r.last_at ? new Date(r.last_at).toISOString() : null,
    lettersTotal: Number(r.letters ?? 0),
  }));
  return { items, total: items.length };
}

export async function createMailbox(
  deps: Deps,
  ctx: RequestContext,
  body: z.output<typeof CreateMailboxBody>,
) {
  const tenantId = manage(ctx);
  const id = await deps.db.transaction().execute(async (trx) => {
    if (body.pointId !== undefined) {
      const point = await trx
        .selectFrom('suggestion_points')
        .select('id')
        .where('tenant_id', '=', tenantId)
        .where('id', '=', body.pointId)
        .executeTakeFirst();
      if (!point) throw invalidField('body.pointId', '没有这个征集点', 'No such collection point');
    }
    const row = await trx
      .insertInto('suggestion_mailboxes')
      .values({
        tenant_id: tenantId,
        point_id: body.pointId ?? null,
        name: body.name,
        location: body.location,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await writeAudit(trx, deps.clock, ctx, {
      tenantId,
      action: 'suggestion_mailbox.create',
      entityType: 'suggestion_mailbox',
      entityId: row.id,
      payload: body,
    });
    return row.id;
  });
  return (await listMailboxes(deps, ctx)).items.find((m) => m.id === id)!;
}

/** Logs one emptying of a mailbox (the letters are then registered as suggestions one by one). */
export async function collectMailbox(
  deps: Deps,
  ctx: RequestContext,
  mailboxId: number,
  body: z.output<typeof CollectMailboxBody>,
) {
  requirePermission(ctx.actor, 'suggestion.handle');
  const tenantId = requireTenant(ctx.actor);
  const now = deps.clock.now();
  return deps.db.transaction().execute(async (trx) => {
    const box = await trx
      .selectFrom('suggestion_mailboxes')
      .select('id')
      .where('tenant_id', '=', tenantId)
      .where('id', '=', mailboxId)
      .executeTakeFirst();
    if (!box) throw notFound();
    const row = await trx
      .insertInto('suggestion_mailbox_collections')
      .values({
        tenant_id: tenantId,
        mailbox_id: mailboxId,
        collected_at: now,
        collected_by: ctx.actor.userId,
        letters: body.letters,
        note: body.note,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await writeAudit(trx, deps.clock, ctx, {
      tenantId,
      action: 'suggestion_mailbox.collect',
      entityType: 'suggestion_mailbox',
      entityId: mailboxId,
      payload: body,
    });
    return {
      id: row.id,
      mailboxId,
      collectedAt: now.toISOString(),
      collectedBy: ctx.actor.displayName,
      letters: body.letters,
      note: body.note,
    };
  });
}

export async function listCollections(deps: Deps, ctx: RequestContext, mailboxId: number) {
  const tenantId = requireTenant(ctx.actor);
  await requireAccess(deps.db, ctx.actor, 'suggestion_mailbox', 'suggestion.read', mailboxId);
  const rows = await deps.db
    .selectFrom('suggestion_mailbox_collections as c')
    .leftJoin('users as u', 'u.id', 'c.collected_by')
    .select(['c.id', 'c.mailbox_id', 'c.collected_at', 'u.display_name', 'c.letters', 'c.note'])
    .where('c.tenant_id', '=', tenantId)
    .where('c.mailbox_id', '=', mailboxId)
    .orderBy('c.collected_at', 'desc')
    .limit(200)
    .execute();
  const items = rows.map((r) => ({
    id: r.id,
    mailboxId: r.mailbox_id,
    collectedAt: r.collected_at,
    collectedBy: r.display_name,
    letters: r.letters,
    note: r.note,
  }));
  return { items, total: items.length };
}

// --- Leaders' visits -------------------------------------------------------------------------

export async function listVisits(deps: Deps, ctx: RequestContext) {
  requirePermission(ctx.actor, 'suggestion.read');
  const tenantId = requireTenant(ctx.actor);
  const rows = await deps.db
    .selectFrom('suggestion_visits as v')
    .select([
      'v.id',
      'v.leader_name',
      'v.visited_on',
      'v.place',
      'v.notes',
      (eb) =>
        eb
          .selectFrom('suggestions as s')
          .select(sql<number>`count(*)`.as('n'))
          .whereRef('s.tenant_id', '=', 'v.tenant_id')
          .whereRef('s.visit_id', '=', 'v.id')
          .as('suggestion_count'),
    ])
    .where('v.tenant_id', '=', tenantId)
    .orderBy('v.visited_on', 'desc')
    .orderBy('v.id', 'desc')
    .execute();
  const items = rows.map((r) => ({
    id: r.id,
    leaderName: r.leader_name,
    visitedOn: r.visited_on,
    place: r.place,
    notes: r.notes,
    suggestionCount: Number(r.suggestion_count ?? 0),
  }));
  return { items, total: items.length };
}

export async function createVisit(deps: Deps, ctx: RequestContext, body: z.output<typeof CreateVisitBody>) {
  requirePermission(ctx.actor, 'suggestion.handle');
  const tenantId = requireTenant(ctx.actor);
  const id = await deps.db.transaction().execute(async (trx) => {
    const row = await trx
      .insertInto('suggestion_visits')
      .values({
        tenant_id: tenantId,
        leader_name: body.leaderName,
        visited_on: body.visitedOn,
        place: body.place,
        notes: body.notes,
        created_by: ctx.actor.userId,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await writeAudit(trx, deps.clock, ctx, {
      tenantId,
      action: 'suggestion_visit.create',
      entityType: 'suggestion_visit',
      entityId: row.id,
      payload: body,
    });
    return row.id;
  });
  return (await listVisits(deps, ctx)).items.find((v) => v.id === id)!;
}

// --- Topic calls -----------------------------------------------------------------------------

/**
 * Topic calls, after closing those past their deadline. Residents see published ones (open first);
 * managers also see drafts.
 */
export async function listTopics(deps: Deps, ctx: RequestContext, status?: 'draft' | 'open' | 'closed') {
  const tenantId = requireTenant(ctx.actor);
  await sweepTopics(deps, tenantId);
  let q = deps.db
    .selectFrom('suggestion_topics as t')
    .select([
      't.id',
      't.subject',
      't.background',
      't.channels',
      't.deadline',
      't.status',
      't.published_at',
      't.closed_at',
      (eb) =>
        eb
          .selectFrom('suggestions as s')
          .select(sql<number>`count(*)`.as('n'))
          .whereRef('s.tenant_id', '=', 't.tenant_id')
          .whereRef('s.topic_id', '=', 't.id')
          .as('suggestion_count'),
    ])
    .where('t.tenant_id', '=', tenantId);
  if (!ctx.actor.permissions.has('suggestion.manage')) q = q.where('t.status', '<>', 'draft');
  if (status) q = q.where('t.status', '=', status);
  const rows = await q
    .orderBy(sql`case t.status when 'open' then 0 when 'draft' then 1 else 2 end`)
    .orderBy('t.deadline', 'desc')
    .execute();
  const items = rows.map((r) => ({
    id: r.id,
    subject: r.subject,
    background: r.background,
    channels: r.channels as SuggestionChannel[],
    deadline: r.deadline,
    status: r.status as 'draft' | 'open' | 'closed',
    publishedAt: r.published_at,
    closedAt: r.closed_at,
    suggestionCount: Number(r.suggestion_count ?? 0),
  }));
  return { items, total: items.length };
}

async function topicById(deps: Deps, ctx: RequestContext, id: number) {
  const topic = (await listTopics(deps, ctx)).items.find((t) => t.id === id);
  if (!topic) throw notFound();
  return topic;
}

/** 第八条: subject and background, channels and deadline, published to residents. */
export async function createTopic(deps: Deps, ctx: RequestContext, body: z.output<typeof CreateTopicBody>) {
  const tenantId = manage(ctx);
  const now = deps.clock.now();
  if (new Date(body.deadline).getTime() <= now.getTime())
    throw invalidField('body.deadline', '截止时间应晚于现在', 'The deadline must be in the future');
  const id = await deps.db.transaction().execute(async (trx) => {
    const row = await trx
      .insertInto('suggestion_topics')
      .values({
        tenant_id: tenantId,
        subject: body.subject,
        background: body.background,
        channels: JSON.stringify(body.channels),
        deadline: body.deadline,
        status: body.publish ? 'open' : 'draft',
        published_at: body.publish ? now : null,
        created_by: ctx.actor.userId,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await writeAudit(trx, deps.clock, ctx, {
      tenantId,
      action: 'suggestion_topic.create',
      entityType: 'suggestion_topic',
      entityId: row.id,
      payload: body,
    });
    await publish(trx, { tenantId, topic: 'suggestion_topics' });
    return row.id;
  });
  return topicById(deps, ctx, id);
}

/** Publish a draft, close early, or extend the deadline (which reopens a topic closed by the sweep). */
export async function updateTopic(
  deps: Deps,
  ctx: RequestContext,
  id: number,
  body: z.output<typeof UpdateTopicBody>,
) {
  const tenantId = manage(ctx);
  const now = deps.clock.now();
  await deps.db.transaction().execute(async (trx) => {
    const topic = await trx
      .selectFrom('suggestion_topics')
      .select(['status', 'deadline'])
      .where('tenant_id', '=', tenantId)
      .where('id', '=', id)
      .forUpdate()
      .executeTakeFirst();
    if (!topic) throw notFound();
    const base = trx.updateTable('suggestion_topics').where('tenant_id', '=', tenantId).where('id', '=', id);
    switch (body.action) {
      case 'publish':
        if (topic.status !== 'draft') throw conflict('议题已发布', 'Already published');
        if (new Date(topic.deadline).getTime() <= now.getTime())
          throw conflict('截止时间已过，请先延长', 'The deadline has passed; extend it first');
        await base.set({ status: 'open', published_at: now }).execute();
        break;
      case 'close':
        if (topic.status !== 'open') throw conflict('议题未在征集中', 'The topic is not open');
        await base.set({ status: 'closed', closed_at: now }).execute();
        break;
      case 'extend': {
        if (!body.deadline || new Date(body.deadline).getTime() <= now.getTime())
          throw invalidField(
            'body.deadline',
            '新的截止时间应晚于现在',
            'The new deadline must be in the future',
          );
        await base
          .set({
            deadline: body.deadline,
            ...(topic.status === 'closed' ? { status: 'open', closed_at: null } : {}),
          })
          .execute();
        break;
      }
    }
    await writeAudit(trx, deps.clock, ctx, {
      tenantId,
      action: `suggestion_topic.${body.action}`,
      entityType: 'suggestion_topic',
      entityId: id,
      payload: body,
    });
    await publish(trx, { tenantId, topic: 'suggestion_topics' });
  });
  return topicById(deps, ctx, id);
}

// --- Settings --------------------------------------------------------------------------------

export async function getSettings(deps: Deps, ctx: RequestContext): Promise<SuggestionSettings> {
  requirePermission(ctx.actor, 'suggestion.read');
  return settingsOf(deps.db, requireTenant(ctx.actor));
}

/** New deadlines apply to steps that start from now on; running steps keep the deadline they got. */
export async function putSettings(
  deps: Deps,
  ctx: RequestContext,
  body: SuggestionSettings,
): Promise<SuggestionSettings> {
  const tenantId = manage(ctx);
  await deps.db.transaction().execute(async (trx) => {
    const before = await settingsOf(trx, tenantId);
    const values = {
      accept_days: body.acceptDays,
      assign_days: body.assignDays,
      handle_days: body.handleDays,
      answer_days: body.answerDays,
      updated_at: deps.clock.now(),
    };
    await trx
      .insertInto('suggestion_settings')
      .values({ tenant_id: tenantId, ...values })
      .onConflict((oc) => oc.column('tenant_id').doUpdateSet(values))
      .execute();
    await writeAudit(trx, deps.clock, ctx, {
      tenantId,
      action: 'suggestion_settings.update',
      entityType: 'suggestion_settings',
      entityId: tenantId,
      payload: { before, after: body },
    });
  });
  return settingsOf(deps.db, tenantId);
}
