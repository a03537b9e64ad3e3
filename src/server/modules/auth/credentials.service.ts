/** A signed-in user's own credentials: API tokens (created, listed, revoked) and the password change. */
import { writeAudit } from '../../platform/audit.ts';
import type { RequestContext } from '../../platform/context.ts';
import { hashPassword, randomToken, sha256, verifyPassword } from '../../platform/crypto.ts';
import type { Deps } from '../../platform/deps.ts';
import { invalidField } from '../../platform/errors.ts';
import { requireAccess } from '../../access/access.ts';
import { assertPasswordPolicy } from '../../platform/password-policy.ts';

export async function createApiToken(deps: Deps, ctx: RequestContext, name: string) {
  const token = `gz_${randomToken()}`;
  const row = await deps.db.transaction().execute(async (trx) => {
    const created = await trx
      .insertInto('api_tokens')
      .values({ user_id: ctx.actor.userId, name, token_hash: sha256(token), created_at: deps.clock.now() })
      .returning(['id', 'name'])
      .executeTakeFirstOrThrow();
    await writeAudit(trx, deps.clock, ctx, {
      tenantId: ctx.actor.tenantId ?? 0,
      action: 'token.create',
      entityType: 'api_token',
      entityId: created.id,
      payload: { name },
    });
    return created;
  });
  return { id: row.id, name: row.name, token };
}

export async function listApiTokens(deps: Deps, ctx: RequestContext) {
  const rows = await deps.db
    .selectFrom('api_tokens')
    .select(['id', 'name', 'created_at', 'last_used_at', 'revoked_at'])
    .where('user_id', '=', ctx.actor.userId)
    .orderBy('id', 'desc')
    .execute();
  const items = rows.map((r) => ({
    id: r.id,
    name: r.name,
    createdAt: r.created_at,
    lastUsedAt: r.last_used_at,
    revokedAt: r.revoked_at,
  }));
  return { items, total: items.length };
}

export async function revokeApiToken(deps: Deps, ctx: RequestContext, id: number): Promise<void> {
  await requireAccess(deps.db, ctx.actor, 'api_token', 'token.manage', id);
  await deps.db.transaction().execute(async (trx) => {
    await trx
      .updateTable('api_tokens')
      .set({ revoked_at: deps.clock.now() })
      .where('id', '=', id)
      .where('revoked_at', 'is', null)
      .execute();
    await writeAudit(trx, deps.clock, ctx, {
      tenantId: ctx.actor.tenantId ?? 0,
      action: 'token.revoke',
      entityType: 'api_token',
      entityId: id,
    });
  });
}

/**
 * A user changes their own password: the current one is checked first, the new one against the
 * policy; every other session of the user ends (the one making the change stays signed in).
 */
export async function changePassword(
  deps: Deps,
  ctx: RequestContext,
  sessionToken: string | null,
  input: { currentPassword: string; newPassword: string },
): Promise<void> {
  const user = await deps.db
    .selectFrom('users')
    .select(['username', 'password_hash', 'tenant_id'])
    .where('id', '=', ctx.actor.userId)
    .executeTakeFirstOrThrow();
  if (!(await verifyPassword(input.currentPassword, user.password_hash))) {
    throw invalidField('body.currentPassword', '当前密码不正确', 'The current password is wrong');
  }
  assertPasswordPolicy(input.newPassword, user.username, 'body.newPassword');
  const hash = await hashPassword(input.newPassword);
  await deps.db.transaction().execute(async (trx) => {
    await trx
      .updateTable('users')
      .set({ password_hash: hash, updated_at: deps.clock.now() })
      .where('id', '=', ctx.actor.userId)
      .execute();
    let others = trx.deleteFrom('sessions').where('user_id', '=', ctx.actor.userId);
    if (sessionToken) others = others.where('id_hash', '!=', sha256(sessionToken));
    await others.execute();
    await writeAudit(trx, deps.clock, ctx, {
      tenantId: user.tenant_id ?? 0,
      action: 'auth.password_change',
      entityType: 'user',
      entityId: ctx.actor.userId,
    });
  });
}
