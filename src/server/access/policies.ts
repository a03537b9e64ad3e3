import type { Permission } from '../../contract/permissions.ts';
import type { Db } from '../db/database.ts';
import type { Actor } from '../platform/context.ts';

/** A policy returns the subset of `ids` the actor may act on with `permission`, in one query. */
export type EntityPolicy = (db: Db, actor: Actor, permission: Permission, ids: number[]) => Promise<number[]>;

const ids = (rows: Array<{ id: number }>) => rows.map((r) => r.id);

/** Users: a system admin reaches everyone; a street's user managers reach their street's users. */
const userPolicy: EntityPolicy = async (db, actor, _permission, wanted) => {
  let q = db.selectFrom('users').select('id').where('id', 'in', wanted);
  if (!actor.permissions.has('system.manage')) {
    if (actor.tenantId === null) return [];
    q = q
      .where('tenant_id', '=', actor.tenantId)
      .where('role', 'not in', ['system_admin', 'district_official']);
  }
  return ids(await q.execute());
};

/** API tokens belong to the user who made them, and to nobody else. */
const apiTokenPolicy: EntityPolicy = async (db, actor, _permission, wanted) =>
  ids(
    await db
      .selectFrom('api_tokens')
      .select('id')
      .where('id', 'in', wanted)
      .where('user_id', '=', actor.userId)
      .execute(),
  );

export const entityPolicies = {
  user: userPolicy,
  api_token: apiTokenPolicy,
} satisfies Record<string, EntityPolicy>;

export type EntityKind = keyof typeof entityPolicies;
