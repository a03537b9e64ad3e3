import { sql, type Expression, type SqlBool } from 'kysely';
import { rolePermissions, Roles, type Permission } from '../../../contract/permissions.ts';
import type { Executor } from '../../db/database.ts';
import { requireAny, requirePermission, requireTenant } from '../../access/access.ts';
import type { Actor, RequestContext } from '../../platform/context.ts';

/**
 * Who sees which safety records. Staff with safety.read see the street's work orders; a handler
 * without it (a volunteer) only the orders assigned to them; a resident only the hazards they
 * reported. Anything else answers 404.
 */
export function orderVisibility(actor: Actor): () => Expression<SqlBool> {
  // raw SQL on the alias `o`, so any query joining safety_work_orders as o can use it
  return () => {
    if (actor.tenantId === null) return sql<SqlBool>`false`;
    const inTenant = sql<SqlBool>`o.tenant_id = ${actor.tenantId}`;
    if (actor.permissions.has('safety.read')) return inTenant;
    const ors: Array<Expression<SqlBool>> = [];
    if (actor.permissions.has('safety.handle')) ors.push(sql<SqlBool>`o.assignee_id = ${actor.userId}`);
    if (actor.permissions.has('safety.report')) ors.push(sql<SqlBool>`o.reporter_user_id = ${actor.userId}`);
    if (ors.length === 0) return sql<SqlBool>`false`;
    return sql<SqlBool>`(${inTenant} and (${sql.join(ors, sql` or `)}))`;
  };
}

/** Roles that carry a permission: the street's users in those roles are its holders. */
export function rolesWith(permission: Permission): string[] {
  return Roles.filter(
    (r) => r !== 'system_admin' && r !== 'district_official' && rolePermissions[r].includes(permission),
  );
}

/** Active users of the street holding a permission (duty dispatchers, leaders, handlers). */
export async function usersWith(
  db: Executor,
  tenantId: number,
  permission: Permission,
): Promise<Array<{ id: number; name: string; role: string }>> {
  const rows = await db
    .selectFrom('users')
    .select(['id', 'display_name', 'role'])
    .where('tenant_id', '=', tenantId)
    .where('disabled', '=', false)
    .where('role', 'in', rolesWith(permission))
    .orderBy('id')
    .execute();
  return rows.map((r) => ({ id: r.id, name: r.display_name, role: r.role }));
}

/** The street of a reader of the safety registers (safety.read or safety.manage). */
export function requireSafetyRead(ctx: RequestContext): number {
  const tenantId = requireTenant(ctx.actor);
  requireAny(ctx.actor, ['safety.read', 'safety.manage']);
  return tenantId;
}

/** The street of a manager of the safety registers (safety.manage). */
export function requireSafetyManage(ctx: RequestContext): number {
  const tenantId = requireTenant(ctx.actor);
  requirePermission(ctx.actor, 'safety.manage');
  return tenantId;
}
