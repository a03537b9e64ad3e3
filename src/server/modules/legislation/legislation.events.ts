/** Consultation events (征询活动): recording one with its drafts and participants, and the list. */
import { sql } from 'kysely';
import type { z } from 'zod';
import type { CreateEventBody, EventQuery } from '../../../contract/legislation.ts';
import { requirePermission, requireTenant } from '../../access/access.ts';
import { writeAudit } from '../../platform/audit.ts';
import type { Executor } from '../../db/database.ts';
import type { RequestContext } from '../../platform/context.ts';
import type { Deps } from '../../platform/deps.ts';
import { invalidField } from '../../platform/errors.ts';
import { publish } from '../../platform/events.ts';
import { TOPIC } from './legislation.common.ts';

async function requireDrafts(db: Executor, tenantId: number, ids: readonly number[], path: string) {
  const unique = [...new Set(ids)];
  const found = await db
    .selectFrom('legislation_drafts')
    .select('id')
    .where('tenant_id', '=', tenantId)
    .where('id', 'in', unique)
    .execute();
  if (found.length !== unique.length) throw invalidField(path, '草案不存在', 'No such draft');
  return unique;
}

/** Records a consultation event (征询活动) with its drafts and registered participants. */
export async function createEvent(deps: Deps, ctx: RequestContext, body: z.infer<typeof CreateEventBody>) {
  requirePermission(ctx.actor, 'legislation.manage');
  const tenantId = requireTenant(ctx.actor);
  const draftIds = await requireDrafts(deps.db, tenantId, body.draftIds, 'body.draftIds');
  if (body.mode === 'offline' && !body.place) {
    throw invalidField('body.place', '线下活动请填写地点', 'An offline event needs a place');
  }
  const id = await deps.db.transaction().execute(async (trx) => {
    const row = await trx
      .insertInto('legislation_events')
      .values({
        tenant_id: tenantId,
        title: body.title,
        held_on: body.heldOn,
        mode: body.mode,
        place: body.place ?? null,
        organiser: body.organiser,
        attendance: body.attendance,
        materials: body.materials ?? null,
        created_by: ctx.actor.userId,
        created_at: deps.clock.now(),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await trx
      .insertInto('legislation_event_drafts')
      .values(draftIds.map((draftId) => ({ tenant_id: tenantId, event_id: row.id, draft_id: draftId })))
      .execute();
    if (body.registered.length) {
      await trx
        .insertInto('legislation_event_participants')
        .values(
          body.registered.map((name) => ({ tenant_id: tenantId, event_id: row.id, name, user_id: null })),
        )
        .execute();
    }
    await writeAudit(trx, deps.clock, ctx, {
      tenantId,
      action: 'legislation.event.create',
      entityType: 'legislation_event',
      entityId: row.id,
      payload: { ...body, registered: body.registered.length },
    });
    await publish(trx, { tenantId, topic: TOPIC, data: { eventId: row.id } });
    return row.id;
  });
  const page = await listEvents(deps, ctx, { limit: 1, offset: 0 }, id);
  return page.items[0]!;
}

/** Events, newest first, with their drafts, participants and opinion counts. */
export async function listEvents(
  deps: Deps,
  ctx: RequestContext,
  query: z.infer<typeof EventQuery>,
  onlyId?: number,
) {
  requirePermission(ctx.actor, 'legislation.read');
  const tenantId = requireTenant(ctx.actor);
  let q = deps.db.selectFrom('legislation_events as e').where('e.tenant_id', '=', tenantId);
  if (onlyId) q = q.where('e.id', '=', onlyId);
  if (query.draftId) {
    const draftId = query.draftId;
    q = q.where((eb) =>
      eb.exists(
        eb
          .selectFrom('legislation_event_drafts as ed')
          .select('ed.event_id')
          .whereRef('ed.tenant_id', '=', 'e.tenant_id')
          .whereRef('ed.event_id', '=', 'e.id')
          .where('ed.draft_id', '=', draftId),
      ),
    );
  }
  const [rows, count] = await Promise.all([
    q
      .selectAll('e')
      .select((eb) => [
        eb
          .selectFrom('legislation_event_participants as p')
          .select(sql<number>`count(*)`.as('n'))
          .whereRef('p.tenant_id', '=', 'e.tenant_id')
          .whereRef('p.event_id', '=', 'e.id')
          .as('registered'),
        eb
          .selectFrom('legislation_opinions as o')
          .select(sql<number>`count(*)`.as('n'))
          .whereRef('o.tenant_id', '=', 'e.tenant_id')
          .whereRef('o.event_id', '=', 'e.id')
          .where('o.moderation', '=', 'accepted')
          .as('opinions'),
      ])
      .orderBy('e.held_on', 'desc')
      .orderBy('e.id', 'desc')
      .limit(query.limit)
      .offset(query.offset)
      .execute(),
    q.select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow(),
  ]);
  const eventIds = rows.map((r) => r.id);
  const drafts = eventIds.length
    ? await deps.db
        .selectFrom('legislation_event_drafts as ed')
        .innerJoin('legislation_drafts as d', (j) =>
          j.onRef('d.tenant_id', '=', 'ed.tenant_id').onRef('d.id', '=', 'ed.draft_id'),
        )
        .select(['ed.event_id', 'd.id', 'd.title'])
        .where('ed.tenant_id', '=', tenantId)
        .where('ed.event_id', 'in', eventIds)
        .orderBy('d.id')
        .execute()
    : [];
  return {
    total: count.n,
    items: rows.map((r) => ({
      id: r.id,
      title: r.title,
      heldOn: r.held_on,
      mode: r.mode,
      place: r.place,
      organiser: r.organiser,
      drafts: drafts.filter((d) => d.event_id === r.id).map((d) => ({ id: d.id, title: d.title })),
      attendance: r.attendance,
      registered: Number(r.registered ?? 0),
      materials: r.materials,
      opinionCount: Number(r.opinions ?? 0),
    })),
  };
}
