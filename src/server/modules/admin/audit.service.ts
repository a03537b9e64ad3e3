import { sql } from 'kysely';
import type { z } from 'zod';
import type { AuditQuery } from '../../../contract/admin.ts';
import { requireTenant } from '../../access/access.ts';
import { verifyAudit } from '../../platform/audit.ts';
import { readCheckpoints } from '../../platform/audit-seal.ts';
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

/**
 * Verifies the chains against the signed checkpoints: a system admin's check covers every street,
 * anyone else's the current street.
 */
export async function verifyStreetAudit(deps: Deps, ctx: RequestContext) {
  const tenantId = ctx.actor.permissions.has('system.manage') ? undefined : requireTenant(ctx.actor);
  const dir = deps.config.auditCheckpointDir;
  const { checkpoints } = dir ? readCheckpoints(dir, deps.auditSeal) : { checkpoints: [] };
  const result = await verifyAudit(deps.db, tenantId, { checkpoints, limit: 1000 });
  const counted = checkpoints.filter((c) => tenantId === undefined || c.tenantId === tenantId).length;
  return { ...result, checkpoints: counted };
}
