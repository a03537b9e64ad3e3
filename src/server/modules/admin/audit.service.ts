import { sql } from 'kysely';
import type { z } from 'zod';
import type { AuditQuery } from '../../../contract/admin.ts';
import { requireTenant } from '../../access/access.ts';
import { verifyAudit } from '../../platform/audit.ts';
import type { RequestContext } from '../../platform/context.ts';
import type { Deps } from '../../platform/deps.ts';

/** The street's audit trail, newest first. */
export async function listAudit(deps: Deps, ctx: RequestContext, query: z.infer<typeof AuditQuery>) {
  const tenantId = requireTenant(ctx.actor);
  let q = deps.db
    .selectFrom('audit_log')
    .leftJoin('users', 'users.id', 'audit_log.actor_user_id')
    .where('audit_log.tenant_id', '=', tenantId);
  if (query.entityType) q = q.where('entity_type', '=', query.entityType);
  if (query.action) q = q.where('action', 'like', `${query.action.replace(/[%_\\]/g, '\\$&')}%`);
  const [rows, count] = await Promise.all([
    q
      .select([
        'audit_log.id',
        'seq',
        'actor_user_id',
        'users.display_name',
        'action',
        'entity_type',
        'entity_id',
        'payload',
        'ip',
        'user_agent',
        'audit_log.created_at',
      ])
      .orderBy('seq', 'desc')
      .limit(query.limit)
      .offset(query.offset)
      .execute(),
    q.select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow(),
  ]);
  return {
    total: count.n,
    items: rows.map((r) => ({
      id: r.id,
      seq: r.seq,
      actorUserId: r.actor_user_id,
      actorName: r.display_name,
      action: r.action,
      entityType: r.entity_type,
      entityId: r.entity_id,
      payload: r.payload,
      ip: r.ip,
      userAgent: r.user_agent,
      createdAt: r.created_at,
    })),
  };
}

/** Verifies the street's chain (a system admin's check from the web covers the current street too). */
export function verifyStreetAudit(deps: Deps, ctx: RequestContext) {
  return verifyAudit(deps.db, requireTenant(ctx.actor));
}
