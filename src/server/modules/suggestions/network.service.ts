/** The collection network (一心、三片、廿点): collection points, mailboxes and their collections, leaders' visits. */
import { sql } from 'kysely';
import type { z } from 'zod';
import type {
  CollectMailboxBody,
  CreateMailboxBody,
  CreatePointBody,
  CreateVisitBody,
  UpdatePointBody,
} from '../../../contract/suggestions.ts';
import { requireAccess, requirePermission, requireTenant } from '../../access/access.ts';
import { writeAudit } from '../../platform/audit.ts';
import type { RequestContext } from '../../platform/context.ts';
import type { Deps } from '../../platform/deps.ts';
import { invalidField, notFound } from '../../platform/errors.ts';
import { manageTenant } from './suggestions.common.ts';

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
  const tenantId = manageTenant(ctx);
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
  const tenantId = manageTenant(ctx);
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
  const tenantId = manageTenant(ctx);
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
