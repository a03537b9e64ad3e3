import { randomInt } from 'node:crypto';
import type { Transaction } from 'kysely';
import * as OTPAuth from 'otpauth';
import type { DB } from '../../db/schema.ts';
import QRCode from 'qrcode';
import type { MfaSetup, MfaStatus } from '../../../contract/auth.ts';
import type { Role } from '../../../contract/permissions.ts';
import { requireAccess } from '../../access/access.ts';
import { writeAudit } from '../../platform/audit.ts';
import type { Executor } from '../../db/database.ts';
import { MINUTE } from '../../platform/clock.ts';
import type { RequestContext } from '../../platform/context.ts';
import { randomToken, sha256, verifyPassword } from '../../platform/crypto.ts';
import type { Deps } from '../../platform/deps.ts';
import { AppError, conflict, invalidField } from '../../platform/errors.ts';

/** Roles that must have a second factor (unless GONGZHI_MFA_REQUIRED=false, as in the demo). */
export const MFA_ROLES: readonly Role[] = ['system_admin', 'street_leader'];
const ISSUER = '共治 Gongzhi';
const PERIOD_S = 30;
const CHALLENGE_MS = 5 * MINUTE;
const RECOVERY_CODES = 10;
/** Wrong codes per account before it locks, as for passwords (the window and lock are the same). */
export const MAX_CODE_FAILURES = 5;

export const mfaRoleRequires = (role: Role): boolean => MFA_ROLES.includes(role);

function totpOf(secretBase32: string, label: string): OTPAuth.TOTP {
  return new OTPAuth.TOTP({
    issuer: ISSUER,
    label,
    algorithm: 'SHA1',
    digits: 6,
    period: PERIOD_S,
    secret: OTPAuth.Secret.fromBase32(secretBase32),
  });
}

/** The 30-second step a code belongs to (±1 step for clock drift), or null when it matches none. */
export function matchingStep(deps: Deps, secretBase32: string, code: string): number | null {
  if (!/^\d{6}$/.test(code)) return null;
  const timestamp = deps.clock.now().getTime();
  const delta = totpOf(secretBase32, '').validate({ token: code, timestamp, window: 1 });
  return delta === null ? null : Math.floor(timestamp / 1000 / PERIOD_S) + delta;
}

/** Recovery codes look like `k7qd-2mxa-9fzt`: 12 of 31 unambiguous characters (59 bits). */
function newRecoveryCode(): string {
  const alphabet = 'abcdefghjkmnpqrstuvwxyz23456789';
  const raw = Array.from({ length: 12 }, () => alphabet[randomInt(alphabet.length)]).join('');
  return `${raw.slice(0, 4)}-${raw.slice(4, 8)}-${raw.slice(8)}`;
}

const normaliseRecovery = (code: string) => code.toLowerCase().replace(/[^a-z0-9]/g, '');
const recoveryDigest = (deps: Deps, code: string) =>
  deps.cipher.blindIndex(`recovery:${normaliseRecovery(code)}`);

interface MfaRow {
  secret_enc: string;
  confirmed_at: string | null;
  last_step: number | null;
}

async function mfaRow(db: Executor, userId: number): Promise<MfaRow | undefined> {
  return db
    .selectFrom('user_mfa')
    .select(['secret_enc', 'confirmed_at', 'last_step'])
    .where('user_id', '=', userId)
    .executeTakeFirst();
}

/** Whether the user has a confirmed second factor. */
export async function isEnrolled(db: Executor, userId: number): Promise<boolean> {
  const row = await mfaRow(db, userId);
  return Boolean(row?.confirmed_at);
}

export async function mfaStatus(deps: Deps, ctx: RequestContext): Promise<MfaStatus> {
  const row = await mfaRow(deps.db, ctx.actor.userId);
  const codes = await deps.db
    .selectFrom('user_recovery_codes')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('user_id', '=', ctx.actor.userId)
    .where('used_at', 'is', null)
    .executeTakeFirstOrThrow();
  const roleRequires = mfaRoleRequires(ctx.actor.role);
  return {
    enrolled: Boolean(row?.confirmed_at),
    enrolledAt: row?.confirmed_at ?? null,
    required: roleRequires && deps.config.mfaRequired,
    exempt: roleRequires && !deps.config.mfaRequired,
    recoveryCodesLeft: Number(codes.n),
  };
}

function audit(
  deps: Deps,
  trx: Transaction<DB>,
  ctx: AuditCtx,
  tenantId: number | null,
  action: string,
  userId: number,
  payload?: unknown,
) {
  return writeAudit(trx, deps.clock, ctx, {
    tenantId: tenantId ?? 0,
    action,
    entityType: 'user',
    entityId: userId,
    ...(payload === undefined ? {} : { payload }),
  });
}

async function homeTenant(db: Executor, userId: number): Promise<number | null> {
  const row = await db
    .selectFrom('users')
    .select('tenant_id')
    .where('id', '=', userId)
    .executeTakeFirstOrThrow();
  return row.tenant_id;
}

/** Starts (or restarts) an enrolment: a fresh secret, shown once as a QR code and as text. */
export async function beginEnrolment(deps: Deps, ctx: RequestContext): Promise<MfaSetup> {
  if (await isEnrolled(deps.db, ctx.actor.userId)) {
    throw conflict(
      '已设置双因素认证；如需更换，请先重置',
      'Two-factor sign-in is already set up; reset it first',
    );
  }
  const secret = new OTPAuth.Secret({ size: 20 }).base32;
  const url = totpOf(secret, ctx.actor.username).toString();
  await deps.db.transaction().execute(async (trx) => {
    await trx
      .insertInto('user_mfa')
      .values({
        user_id: ctx.actor.userId,
        secret_enc: deps.cipher.encrypt(secret),
        created_at: deps.clock.now(),
      })
      .onConflict((oc) =>
        oc
          .column('user_id')
          .doUpdateSet({ secret_enc: deps.cipher.encrypt(secret), confirmed_at: null, last_step: null }),
      )
      .execute();
    await audit(deps, trx, ctx, await homeTenant(trx, ctx.actor.userId), 'auth.mfa_begin', ctx.actor.userId);
  });
  return { secret, otpauthUrl: url, qrSvg: await QRCode.toString(url, { type: 'svg', margin: 1 }) };
}

/** Proves the authenticator works with one code; gives the recovery codes (shown once). */
export async function confirmEnrolment(
  deps: Deps,
  ctx: RequestContext,
  code: string,
  guard: CodeGuard,
): Promise<{ recoveryCodes: string[] }> {
  const userId = ctx.actor.userId;
  const row = await mfaRow(deps.db, userId);
  if (!row || row.confirmed_at) {
    throw conflict('请先开始设置双因素认证', 'Start setting up two-factor sign-in first');
  }
  await guard.before(userId);
  if (matchingStep(deps, deps.cipher.decrypt(row.secret_enc), code.trim()) === null) {
    await guard.failed(userId, ctx.actor.tenantId);
    throw invalidField('body.code', '验证码不正确或已过期', 'The code is wrong or has expired');
  }
  const recoveryCodes = Array.from({ length: RECOVERY_CODES }, newRecoveryCode);
  await deps.db.transaction().execute(async (trx) => {
    await trx
      .updateTable('user_mfa')
      .set({ confirmed_at: deps.clock.now() })
      .where('user_id', '=', userId)
      .execute();
    await replaceRecoveryCodes(deps, trx, userId, recoveryCodes);
    await audit(deps, trx, ctx, await homeTenant(trx, userId), 'auth.mfa_enrol', userId);
  });
  return { recoveryCodes };
}

async function replaceRecoveryCodes(deps: Deps, trx: Executor, userId: number, codes: string[]) {
  await trx.deleteFrom('user_recovery_codes').where('user_id', '=', userId).execute();
  await trx
    .insertInto('user_recovery_codes')
    .values(codes.map((c) => ({ user_id: userId, code_digest: recoveryDigest(deps, c) })))
    .execute();
}

/** Removes a user's second factor and recovery codes; their sessions end (they enrol again). */
async function removeFactor(deps: Deps, trx: Executor, userId: number): Promise<boolean> {
  const removed = await trx.deleteFrom('user_mfa').where('user_id', '=', userId).executeTakeFirst();
  await trx.deleteFrom('user_recovery_codes').where('user_id', '=', userId).execute();
  await trx.deleteFrom('mfa_challenges').where('user_id', '=', userId).execute();
  return Number(removed.numDeletedRows) > 0;
}

/** A user removes their own factor, proving it is them with their password. */
export async function resetOwn(
  deps: Deps,
  ctx: RequestContext,
  password: string,
  sessionToken: string | null,
) {
  const user = await deps.db
    .selectFrom('users')
    .select(['password_hash', 'tenant_id'])
    .where('id', '=', ctx.actor.userId)
    .executeTakeFirstOrThrow();
  if (!(await verifyPassword(password, user.password_hash))) {
    throw invalidField('body.password', '密码不正确', 'The password is wrong');
  }
  await deps.db.transaction().execute(async (trx) => {
    await removeFactor(deps, trx, ctx.actor.userId);
    let others = trx.deleteFrom('sessions').where('user_id', '=', ctx.actor.userId);
    if (sessionToken) others = others.where('id_hash', '!=', sha256(sessionToken));
    await others.execute();
    await audit(deps, trx, ctx, user.tenant_id, 'auth.mfa_reset', ctx.actor.userId, { by: 'self' });
  });
}

type AuditCtx = Parameters<typeof writeAudit>[2];

/** An administrator (or the CLI, with no actor) resets another user's factor: all their sessions end. */
export async function resetUser(
  deps: Deps,
  ctx: RequestContext | (AuditCtx & { actor: null }),
  userId: number,
  by: 'admin' | 'cli',
) {
  if (ctx.actor) await requireAccess(deps.db, ctx.actor, 'user', 'user.manage', userId);
  const tenantId = await homeTenant(deps.db, userId);
  return deps.db.transaction().execute(async (trx) => {
    const had = await removeFactor(deps, trx, userId);
    await trx.deleteFrom('sessions').where('user_id', '=', userId).execute();
    await audit(deps, trx, ctx, tenantId, 'auth.mfa_reset', userId, { by, hadFactor: had });
    return had;
  });
}

/** Throttling of wrong codes, supplied by the sign-in service (same store and limits as passwords). */
export interface CodeGuard {
  before(userId: number): Promise<void>;
  failed(userId: number, tenantId: number | null): Promise<void>;
}

/** A password accepted: the token the second step presents with the code. */
export async function openChallenge(deps: Deps, userId: number): Promise<string> {
  const token = randomToken();
  const now = deps.clock.now();
  await deps.db.deleteFrom('mfa_challenges').where('expires_at', '<', now.toISOString()).execute();
  await deps.db
    .insertInto('mfa_challenges')
    .values({ id_hash: sha256(token), user_id: userId, expires_at: new Date(now.getTime() + CHALLENGE_MS) })
    .execute();
  return token;
}

/** The user a live challenge belongs to, or an error asking to sign in again. */
export async function challengeUser(deps: Deps, token: string): Promise<number> {
  const row = await deps.db
    .selectFrom('mfa_challenges')
    .select('user_id')
    .where('id_hash', '=', sha256(token))
    .where('expires_at', '>', deps.clock.now().toISOString())
    .executeTakeFirst();
  if (!row) {
    throw new AppError('unauthenticated', undefined, {
      zh: '登录已超时，请重新输入用户名和密码',
      en: 'The sign-in timed out; enter your username and password again',
    });
  }
  return row.user_id;
}

/**
 * Checks a sign-in code: a TOTP code of a step later than the last one used (no replay), or an
 * unused recovery code (used up now). Returns which it was, or null. Runs inside the sign-in
 * transaction, with the factor's row locked so two requests cannot both use one code.
 */
export async function consumeCode(
  deps: Deps,
  trx: Executor,
  userId: number,
  code: string,
): Promise<'totp' | 'recovery' | null> {
  const row = await trx
    .selectFrom('user_mfa')
    .select(['secret_enc', 'last_step'])
    .where('user_id', '=', userId)
    .where('confirmed_at', 'is not', null)
    .forUpdate()
    .executeTakeFirst();
  if (!row) return null;
  const trimmed = code.trim();
  const step = matchingStep(deps, deps.cipher.decrypt(row.secret_enc), trimmed);
  if (step !== null) {
    if (row.last_step !== null && step <= row.last_step) return null;
    await trx.updateTable('user_mfa').set({ last_step: step }).where('user_id', '=', userId).execute();
    return 'totp';
  }
  const used = await trx
    .updateTable('user_recovery_codes')
    .set({ used_at: deps.clock.now() })
    .where('user_id', '=', userId)
    .where('code_digest', '=', recoveryDigest(deps, trimmed))
    .where('used_at', 'is', null)
    .executeTakeFirst();
  return Number(used.numUpdatedRows) > 0 ? 'recovery' : null;
}

export async function closeChallenge(trx: Executor, token: string): Promise<void> {
  await trx.deleteFrom('mfa_challenges').where('id_hash', '=', sha256(token)).execute();
}
