import type { Permission } from '../../contract/permissions.ts';
import type { Db } from '../db/database.ts';
import type { Actor } from '../platform/context.ts';
import { AppError, notFound } from '../platform/errors.ts';
import { entityPolicies, type EntityKind } from './policies.ts';

/**
 * The one place that decides who may touch which rows.
 * Permissions answer "may this actor do P at all"; entity policies answer "on which of these rows",
 * as one set-based query each. Deny by default; an id the actor may not see is reported as not found.
 */

export function hasPermission(actor: Actor, permission: Permission): boolean {
  return actor.permissions.has(permission);
}

export function requirePermission(actor: Actor, permission: Permission): void {
  if (!actor.permissions.has(permission)) throw new AppError('forbidden');
}

/** Any one of `permissions` will do (a page several roles open, each for its own part). */
export function requireAny(actor: Actor, permissions: readonly Permission[]): void {
  if (!permissions.some((p) => actor.permissions.has(p))) throw new AppError('forbidden');
}

/** The street the actor is acting in; district users must pick one before street-level work. */
export function requireTenant(actor: Actor): number {
  if (actor.tenantId === null) throw new AppError('forbidden');
  return actor.tenantId;
}

/** Which of `ids` may the actor do `permission` on? */
export async function allowedIds(
  db: Db,
  actor: Actor,
  kind: EntityKind,
  permission: Permission,
  ids: readonly number[],
): Promise<Set<number>> {
  if (ids.length === 0 || !actor.permissions.has(permission)) return new Set();
  const unique = [...new Set(ids)];
  return new Set(await entityPolicies[kind](db, actor, permission, unique));
}

/** Throws not_found unless the actor may do `permission` on every id. */
export async function requireAccess(
  db: Db,
  actor: Actor,
  kind: EntityKind,
  permission: Permission,
  ids: number | readonly number[],
): Promise<void> {
  const wanted = typeof ids === 'number' ? [ids] : ids;
  const allowed = await allowedIds(db, actor, kind, permission, wanted);
  if (wanted.some((id) => !allowed.has(id))) throw notFound();
}

/** Throws not_found unless the actor may read the household (own, assigned, or the whole street). */
export async function requireHouseholdRead(db: Db, actor: Actor, householdId: number): Promise<void> {
  const permission = (['household.read_all', 'household.read', 'self.read'] as const).find((p) =>
    actor.permissions.has(p),
  );
  if (!permission) throw notFound();
  await requireAccess(db, actor, 'household', permission, householdId);
}
