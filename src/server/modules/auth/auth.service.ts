import { sql, type Transaction } from 'kysely';
import type { Me } from '../../../contract/auth.ts';
import { permissionsOf, Roles, type Role } from '../../../contract/permissions.ts';
import { writeAudit } from '../../platform/audit.ts';
import { MINUTE, HOUR } from '../../platform/clock.ts';
import type { Actor, RequestContext } from '../../platform/context.ts';
import { hashPassword, randomToken, sha256, verifyPassword } from '../../platform/crypto.ts';
import type { Deps } from '../../platform/deps.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import type { DB } from '../../db/schema.ts';
import * as mfa from './mfa.service.ts';

/** Sign-in throttling: per account and per address, shared by all processes through the database. */
const THROTTLE_WINDOW_MS = 15 * MINUTE;
const LOCK_MS = 15 * MINUTE;
const MAX_FAILURES = { user: 5, ip: 50 } as const;

const TOUCH_INTERVAL_MS = MINUTE; // write last-seen at most once a minute, not on every request
// A real hash to compare against when the username does not exist, so timing tells nothing.
const DUMMY_HASH = await hashPassword(randomToken());

export interface LoginInput {
  username: string;
  password: string;
  ip: string | null;
  userAgent: string | null;
}

export interface LoginResult {
  sessionToken: string;
  csrfToken: string;
  actor: Actor;
}

interface UserRow {
  id: number;
  username: string;
  display_name: string;
  role: string;
  tenant_id: number | null;
  household_id: number | null;
  disabled: boolean;
}

function toRole(role: string): Role {
  if (!(Roles as readonly string[]).includes(role)) throw new Error(`Unknown role in database: ${role}`);
  return role as Role;
}

/**
 * `enrolmentPending`: a session of a user who must have a second factor and has none yet (API
 * tokens are never pending: they were made by a user already signed in).
 */
function actorOf(user: UserRow, tenantId: number | null, via: Actor['via'], enrolmentPending = false): Actor {
  const role = toRole(user.role);
  return {
    ...(enrolmentPending ? { mfaEnrolmentPending: true } : {}),
    userId: user.id,
    username: user.username,
    displayName: user.display_name,
    role,
    permissions: new Set(permissionsOf(role)),
    tenantId,
    householdId: user.household_id,
    via,
  };
}

/** Milliseconds until every key is unlocked (0: none is locked). Shared with resident activation. */
export async function throttleState(deps: Deps, keys: string[]): Promise<number> {
  const now = deps.clock.now().getTime();
  const rows = await deps.db.selectFrom('login_throttle').selectAll().where('key', 'in', keys).execute();
  let retryAfterMs = 0;
  for (const row of rows) {
    if (row.locked_until) retryAfterMs = Math.max(retryAfterMs, new Date(row.locked_until).getTime() - now);
  }
  return retryAfterMs;
}

/** Counts a failure against a key; `limit` failures within 15 minutes lock it for 15 minutes. */
export async function recordFailure(deps: Deps, key: string, limit: number): Promise<void> {
  const now = deps.clock.now();
  const windowStart = new Date(now.getTime() - THROTTLE_WINDOW_MS);
  const lockUntil = new Date(now.getTime() + LOCK_MS);
  // One statement, so concurrent failures on several processes all count.
  await sql`
    insert into login_throttle (key, failures, window_started_at, locked_until)
    values (${key}, 1, ${now}, null)
    on conflict (key) do update set
      failures = case when login_throttle.window_started_at < ${windowStart} then 1 else login_throttle.failures + 1 end,
      window_started_at = case when login_throttle.window_started_at < ${windowStart} then ${now} else login_throttle.window_started_at end,
      locked_until = case
        when (case when login_throttle.window_started_at < ${windowStart} then 1 else login_throttle.failures + 1 end) >= ${limit}
        then ${lockUntil}::timestamptz else login_throttle.locked_until end`.execute(deps.db);
}

/** Verifies a password and opens a session, or a challenge for the second factor when the user has one. */
export async function login(deps: Deps, input: LoginInput): Promise<LoginResult | { challenge: string }> {
  const userKey = `user:${input.username.toLowerCase()}`;
  const ipKey = `ip:${input.ip ?? 'unknown'}`;
  await assertNotLocked(deps, [userKey, ipKey]);

  const user = await deps.db
    .selectFrom('users')
    .select([...userRowColumns, 'password_hash'])
    .where(sql`lower(username)`, '=', input.username.toLowerCase())
    .executeTakeFirst();
  const passwordOk = await verifyPassword(input.password, user?.password_hash ?? DUMMY_HASH);
  if (!user || !passwordOk || user.disabled) {
    await recordFailure(deps, userKey, MAX_FAILURES.user);
    await recordFailure(deps, ipKey, MAX_FAILURES.ip);
    await auditSignInFailure(deps, input, user ?? null, 'auth.login_failed', { username: input.username });
    throw new AppError('invalid_credentials');
  }
  if (await mfa.isEnrolled(deps.db, user.id)) {
    await deps.db.deleteFrom('login_throttle').where('key', '=', userKey).execute();
    return { challenge: await mfa.openChallenge(deps, user.id) };
  }
  return openSession(deps, user, input, { mfa: null });
}

async function assertNotLocked(deps: Deps, keys: string[]): Promise<void> {
  const retryAfterMs = await throttleState(deps, keys);
  if (retryAfterMs > 0)
    throw new AppError('login_locked', { retryAfterSeconds: Math.ceil(retryAfterMs / 1000) });
}

async function auditSignInFailure(
  deps: Deps,
  input: { ip: string | null; userAgent: string | null },
  user: { id: number; tenant_id: number | null } | null,
  action: string,
  payload?: unknown,
): Promise<void> {
  await deps.db.transaction().execute((trx) =>
    writeAudit(
      trx,
      deps.clock,
      { actor: null, ip: input.ip, userAgent: input.userAgent },
      {
        tenantId: user?.tenant_id ?? 0,
        action,
        entityType: 'user',
        entityId: user?.id ?? null,
        ...(payload === undefined ? {} : { payload }),
      },
    ),
  );
}

const userRowColumns = [
  'id',
  'username',
  'display_name',
  'role',
  'tenant_id',
  'household_id',
  'disabled',
] as const;

/** The second step: the challenge from `login` and an authenticator or recovery code. */
export async function loginWithCode(
  deps: Deps,
  input: { challenge: string; code: string; ip: string | null; userAgent: string | null },
): Promise<LoginResult> {
  const userId = await mfa.challengeUser(deps, input.challenge);
  const ipKey = `ip:${input.ip ?? 'unknown'}`;
  await assertNotLocked(deps, [codeKey(userId), ipKey]);
  const user = await deps.db
    .selectFrom('users')
    .select(userRowColumns)
    .where('id', '=', userId)
    .executeTakeFirstOrThrow();
  if (user.disabled) throw new AppError('invalid_credentials');
  try {
    return await openSession(deps, user, input, {
      mfa: async (trx) => {
        const method = await mfa.consumeCode(deps, trx, userId, input.code);
        if (!method) throw new WrongCode();
        await mfa.closeChallenge(trx, input.challenge);
        return method;
      },
    });
  } catch (error) {
    if (!(error instanceof WrongCode)) throw error;
    await recordFailure(deps, ipKey, MAX_FAILURES.ip);
    await codeFailed(deps, user, input);
    throw new AppError('invalid_credentials', undefined, {
      zh: '验证码不正确、已过期或已使用',
      en: 'The code is wrong, expired or already used',
    });
  }
}

class WrongCode extends Error {}

const codeKey = (userId: number) => `mfa:${userId}`;

async function codeFailed(
  deps: Deps,
  user: { id: number; tenant_id: number | null },
  input: { ip: string | null; userAgent: string | null },
): Promise<void> {
  await recordFailure(deps, codeKey(user.id), mfa.MAX_CODE_FAILURES);
  await auditSignInFailure(deps, input, user, 'auth.mfa_failed');
}

/** Wrong codes while enrolling count against the same lock as wrong codes at sign-in. */
export function codeGuard(deps: Deps, ctx: RequestContext): mfa.CodeGuard {
  return {
    before: (userId) => assertNotLocked(deps, [codeKey(userId)]),
    failed: (userId, tenantId) =>
      codeFailed(deps, { id: userId, tenant_id: tenantId }, { ip: ctx.ip, userAgent: ctx.userAgent }),
  };
}

async function openSession(
  deps: Deps,
  user: UserRow,
  input: { ip: string | null; userAgent: string | null },
  step: { mfa: null | ((trx: Transaction<DB>) => Promise<'totp' | 'recovery'>) },
): Promise<LoginResult> {
  const sessionToken = randomToken();
  const csrfToken = randomToken(24);
  const now = deps.clock.now();
  const tenantId = user.tenant_id ?? (await firstTenantFor(deps, user));
  const enrolled = step.mfa !== null;
  await deps.db.transaction().execute(async (trx) => {
    const method = step.mfa ? await step.mfa(trx) : null;
    await trx
      .deleteFrom('login_throttle')
      .where('key', 'in', [`user:${user.username.toLowerCase()}`, codeKey(user.id)])
      .execute();
    await trx
      .insertInto('sessions')
      .values({
        id_hash: sha256(sessionToken),
        user_id: user.id,
        tenant_id: tenantId,
        csrf_token: csrfToken,
        ip: input.ip,
        user_agent: input.userAgent?.slice(0, 400) ?? null,
        created_at: now,
        last_seen_at: now,
        expires_at: new Date(now.getTime() + deps.config.sessionHours * HOUR),
      })
      .execute();
    await writeAudit(
      trx,
      deps.clock,
      { actor: { userId: user.id }, ip: input.ip, userAgent: input.userAgent },
      {
        tenantId: user.tenant_id ?? 0,
        action: 'auth.login',
        entityType: 'user',
        entityId: user.id,
        ...(method ? { payload: { secondFactor: method } } : {}),
      },
    );
  });
  const pending = !enrolled && enrolmentRequired(deps, user.role);
  return { sessionToken, csrfToken, actor: actorOf(user, tenantId, 'session', pending) };
}

const enrolmentRequired = (deps: Deps, role: string) =>
  deps.config.mfaRequired && mfa.mfaRoleRequires(toRole(role));

async function firstTenantFor(deps: Deps, user: { id: number; role: string }): Promise<number | null> {
  const tenants = await tenantsFor(deps, user.id, toRole(user.role), null);
  return tenants[0]?.id ?? null;
}

export async function logout(deps: Deps, ctx: RequestContext, sessionToken: string): Promise<void> {
  await deps.db.transaction().execute(async (trx) => {
    await trx.deleteFrom('sessions').where('id_hash', '=', sha256(sessionToken)).execute();
    await writeAudit(trx, deps.clock, ctx, {
      tenantId: ctx.actor.tenantId ?? 0,
      action: 'auth.logout',
      entityType: 'user',
      entityId: ctx.actor.userId,
    });
  });
}

const userColumns = [
  'users.id',
  'username',
  'display_name',
  'role',
  'users.tenant_id',
  'household_id',
  'disabled',
] as const;

/** The actor behind a session cookie, or null when it is unknown, expired or its user disabled. */
export async function resolveSession(
  deps: Deps,
  sessionToken: string,
): Promise<{ actor: Actor; csrfToken: string; expiresAt: number } | null> {
  const now = deps.clock.now();
  const row = await deps.db
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .leftJoin('user_mfa', 'user_mfa.user_id', 'users.id')
    .select([
      ...userColumns,
      'user_mfa.confirmed_at as mfa_confirmed_at',
      'sessions.tenant_id as session_tenant_id',
      'csrf_token',
      'last_seen_at',
      'id_hash',
      'expires_at',
    ])
    .where('id_hash', '=', sha256(sessionToken))
    .where('expires_at', '>', now.toISOString())
    .executeTakeFirst();
  if (!row || row.disabled) return null;
  if (now.getTime() - new Date(row.last_seen_at).getTime() > TOUCH_INTERVAL_MS) {
    await deps.db
      .updateTable('sessions')
      .set({ last_seen_at: now })
      .where('id_hash', '=', row.id_hash)
      .execute();
  }
  return {
    actor: actorOf(
      row,
      row.session_tenant_id,
      'session',
      !row.mfa_confirmed_at && enrolmentRequired(deps, row.role),
    ),
    csrfToken: row.csrf_token,
    expiresAt: new Date(row.expires_at).getTime(),
  };
}

/** The actor behind an API token: the creating user's permissions, in the user's own street. */
export async function resolveToken(deps: Deps, token: string): Promise<Actor | null> {
  const row = await deps.db
    .selectFrom('api_tokens')
    .innerJoin('users', 'users.id', 'api_tokens.user_id')
    .select([...userColumns, 'api_tokens.id as token_id', 'last_used_at'])
    .where('token_hash', '=', sha256(token))
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  if (!row || row.disabled) return null;
  const now = deps.clock.now();
  if (!row.last_used_at || now.getTime() - new Date(row.last_used_at).getTime() > TOUCH_INTERVAL_MS) {
    await deps.db
      .updateTable('api_tokens')
      .set({ last_used_at: now })
      .where('id', '=', row.token_id)
      .execute();
  }
  return actorOf(row, row.tenant_id, 'token');
}

/** Streets a user may act in or look at: all for a system admin, granted ones for district users. */
export async function tenantsFor(
  deps: Deps,
  userId: number,
  role: Role,
  homeTenantId: number | null,
): Promise<Array<{ id: number; name: string }>> {
  let q = deps.db.selectFrom('tenants').select(['id', 'name']).orderBy('id');
  if (role === 'district_official') {
    q = q.where(
      'id',
      'in',
      deps.db.selectFrom('user_tenant_grants').select('tenant_id').where('user_id', '=', userId),
    );
  } else if (role !== 'system_admin') {
    if (homeTenantId === null) return [];
    q = q.where('id', '=', homeTenantId);
  }
  return q.execute();
}

export async function describeMe(deps: Deps, actor: Actor, csrfToken: string | null): Promise<Me> {
  const user = await deps.db
    .selectFrom('users')
    .select('tenant_id')
    .where('id', '=', actor.userId)
    .executeTakeFirstOrThrow();
  const tenants = await tenantsFor(deps, actor.userId, actor.role, user.tenant_id);
  return {
    id: actor.userId,
    username: actor.username,
    displayName: actor.displayName,
    role: actor.role,
    permissions: [...actor.permissions],
    tenant: tenants.find((t) => t.id === actor.tenantId) ?? null,
    tenants,
    householdId: actor.householdId,
    csrfToken,
    mfaEnrolmentRequired: actor.mfaEnrolmentPending === true,
    mfaExempt: !deps.config.mfaRequired && mfa.mfaRoleRequires(actor.role),
  };
}

/** Moves a session to another street the user may see. */
export async function switchTenant(
  deps: Deps,
  ctx: RequestContext,
  sessionToken: string,
  tenantId: number,
): Promise<void> {
  const user = await deps.db
    .selectFrom('users')
    .select('tenant_id')
    .where('id', '=', ctx.actor.userId)
    .executeTakeFirstOrThrow();
  const tenants = await tenantsFor(deps, ctx.actor.userId, ctx.actor.role, user.tenant_id);
  if (!tenants.some((t) => t.id === tenantId)) throw notFound();
  await deps.db.transaction().execute(async (trx) => {
    await trx
      .updateTable('sessions')
      .set({ tenant_id: tenantId })
      .where('id_hash', '=', sha256(sessionToken))
      .execute();
    await writeAudit(trx, deps.clock, ctx, {
      tenantId,
      action: 'auth.switch_tenant',
      entityType: 'user',
      entityId: ctx.actor.userId,
      payload: { from: ctx.actor.tenantId, to: tenantId },
    });
  });
}
