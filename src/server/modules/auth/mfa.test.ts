import * as OTPAuth from 'otpauth';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../test/support/app.ts';
import {
  login,
  newStreet,
  newUser,
  type Session,
  type TestUser,
} from '../../../../test/support/factories.ts';
import { ManualClock, MINUTE } from '../../platform/clock.ts';

let t: TestApp;
let clock: ManualClock;
let street: number;
let admin: TestUser;

beforeAll(async () => {
  clock = new ManualClock();
  t = await createTestApp({ clock, env: { GONGZHI_MFA_REQUIRED: 'true' } });
  street = await newStreet(t.deps);
  admin = await newUser(t.deps, 'system_admin', null);
});
afterAll(() => t.close());

const codeAt = (secret: string, ms = clock.now().getTime()) =>
  OTPAuth.TOTP.generate({ secret: OTPAuth.Secret.fromBase32(secret), timestamp: ms });

async function passwordStep(user: TestUser) {
  return t.app.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: { username: user.username, password: user.password },
  });
}

async function codeStep(challenge: string, code: string) {
  return t.app.inject({ method: 'POST', url: '/api/auth/login/mfa', payload: { challenge, code } });
}

/** Enrols the user through the API; gives the secret and the recovery codes. */
async function enrol(session: Session) {
  const setup = await session.call('POST', '/api/auth/mfa/setup');
  expect(setup.statusCode).toBe(200);
  const { secret, otpauthUrl, qrSvg } = setup.json();
  expect(otpauthUrl).toContain(`secret=${secret}`);
  expect(qrSvg).toContain('<svg');
  const confirmed = await session.call('POST', '/api/auth/mfa/confirm', { code: codeAt(secret) });
  expect(confirmed.statusCode).toBe(200);
  return { secret: secret as string, recoveryCodes: confirmed.json().recoveryCodes as string[] };
}

async function auditActions(userId: number) {
  const rows = await t.deps.db
    .selectFrom('audit_log')
    .select('action')
    .where('entity_type', '=', 'user')
    .where('entity_id', '=', String(userId))
    .orderBy('id')
    .execute();
  return rows.map((r) => r.action);
}

describe('second factor (TOTP)', () => {
  it('sends a street leader without a factor to enrol before anything else', async () => {
    const leader = await newUser(t.deps, 'street_leader', street);
    const session = await login(t.app, leader);
    const me = await session.call('GET', '/api/auth/me');
    expect(me.json()).toMatchObject({ mfaEnrolmentRequired: true, mfaExempt: false });
    const blocked = await session.call('GET', '/api/households');
    expect(blocked.statusCode).toBe(403);
    expect(blocked.json().details).toEqual({ mfaEnrolmentRequired: true });
    expect((await session.call('GET', '/api/auth/mfa')).json()).toMatchObject({
      enrolled: false,
      required: true,
    });

    await enrol(session);
    expect((await session.call('GET', '/api/households')).statusCode).toBe(200);
    expect((await session.call('GET', '/api/auth/me')).json().mfaEnrolmentRequired).toBe(false);
  });

  it('does not require a factor of a cadre, who may still enrol', async () => {
    const cadre = await newUser(t.deps, 'cadre', street);
    const session = await login(t.app, cadre);
    expect((await session.call('GET', '/api/households')).statusCode).toBe(200);
    expect((await session.call('GET', '/api/auth/mfa')).json()).toMatchObject({ required: false });
    await enrol(session);
    expect((await passwordStep(cadre)).json()).toMatchObject({ mfaRequired: true });
  });

  it('keeps the secret encrypted and the recovery codes as keyed digests', async () => {
    const cadre = await newUser(t.deps, 'cadre', street);
    const { secret, recoveryCodes } = await enrol(await login(t.app, cadre));
    const row = await t.deps.db
      .selectFrom('user_mfa')
      .selectAll()
      .where('user_id', '=', cadre.id)
      .executeTakeFirstOrThrow();
    expect(row.secret_enc).not.toContain(secret);
    expect(t.deps.cipher.decrypt(row.secret_enc)).toBe(secret);
    const digests = await t.deps.db
      .selectFrom('user_recovery_codes')
      .select('code_digest')
      .where('user_id', '=', cadre.id)
      .execute();
    expect(digests).toHaveLength(10);
    const stored = digests.map((d) => d.code_digest).join(' ');
    for (const code of recoveryCodes) expect(stored).not.toContain(code.replace(/-/g, ''));
    expect(await auditActions(cadre.id)).toEqual(
      expect.arrayContaining(['auth.mfa_begin', 'auth.mfa_enrol']),
    );
  });

  it('asks for the code after the password; a code is good once, a wrong one is refused', async () => {
    const cadre = await newUser(t.deps, 'cadre', street);
    const { secret } = await enrol(await login(t.app, cadre));
    clock.advance(MINUTE);

    const first = await passwordStep(cadre);
    expect(first.statusCode).toBe(200);
    expect(first.json()).toEqual({ mfaRequired: true, challenge: expect.any(String) });
    expect(first.cookies.find((c) => c.name === 'gz_sid')).toBeUndefined();
    const { challenge } = first.json();

    const wrong = await codeStep(challenge, codeAt(secret, clock.now().getTime() - 5 * MINUTE));
    expect(wrong.statusCode).toBe(401);
    expect(wrong.json().message).toBe('验证码不正确、已过期或已使用');

    const code = codeAt(secret);
    const ok = await codeStep(challenge, code);
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ username: cadre.username });
    expect(ok.cookies.find((c) => c.name === 'gz_sid')).toBeDefined();
    // the challenge is spent, and the same code (same 30-second step) is refused on a new one
    expect((await codeStep(challenge, code)).statusCode).toBe(401);
    const again = (await passwordStep(cadre)).json().challenge;
    expect((await codeStep(again, code)).statusCode).toBe(401);
    clock.advance(30_000);
    expect((await codeStep(again, codeAt(secret))).statusCode).toBe(200);
    expect(await auditActions(cadre.id)).toEqual(expect.arrayContaining(['auth.mfa_failed']));
  });

  it('takes a recovery code once', async () => {
    const cadre = await newUser(t.deps, 'cadre', street);
    const { recoveryCodes } = await enrol(await login(t.app, cadre));
    const code = recoveryCodes[3]!;
    const first = await codeStep((await passwordStep(cadre)).json().challenge, code.toUpperCase());
    expect(first.statusCode).toBe(200);
    const second = await codeStep((await passwordStep(cadre)).json().challenge, code);
    expect(second.statusCode).toBe(401);
  });

  it('locks the account after five wrong codes, with Retry-After', async () => {
    const cadre = await newUser(t.deps, 'cadre', street);
    const { secret } = await enrol(await login(t.app, cadre));
    clock.advance(MINUTE);
    const { challenge } = (await passwordStep(cadre)).json();
    for (let i = 0; i < 5; i++) expect((await codeStep(challenge, '000000')).statusCode).toBe(401);
    const locked = await codeStep(challenge, codeAt(secret));
    expect(locked.statusCode).toBe(429);
    expect(locked.json().code).toBe('login_locked');
    expect(Number(locked.headers['retry-after'])).toBeGreaterThan(0);
    clock.advance(16 * MINUTE);
    const fresh = (await passwordStep(cadre)).json().challenge;
    expect((await codeStep(fresh, codeAt(secret))).statusCode).toBe(200);
  });

  it('lets a user reset their own factor with their password', async () => {
    const cadre = await newUser(t.deps, 'cadre', street);
    const session = await login(t.app, cadre);
    await enrol(session);
    const wrong = await session.call('POST', '/api/auth/mfa/reset', { password: 'not-it' });
    expect(wrong.statusCode).toBe(400);
    const reset = await session.call('POST', '/api/auth/mfa/reset', { password: cadre.password });
    expect(reset.statusCode).toBe(200);
    expect((await passwordStep(cadre)).json()).toMatchObject({ username: cadre.username });
    expect(await auditActions(cadre.id)).toContain('auth.mfa_reset');
  });

  it("lets an administrator reset another user's factor, audited; the user enrols again", async () => {
    const leader = await newUser(t.deps, 'street_leader', street);
    const leaderSession = await login(t.app, leader);
    await enrol(leaderSession);
    clock.advance(MINUTE);
    const adminSession = await login(t.app, admin);
    // the admin is required to enrol too before doing anything
    expect((await adminSession.call('POST', `/api/users/${leader.id}/mfa-reset`)).statusCode).toBe(403);
    await enrol(adminSession);
    const reset = await adminSession.call('POST', `/api/users/${leader.id}/mfa-reset`);
    expect(reset.statusCode).toBe(200);
    expect((await leaderSession.call('GET', '/api/auth/me')).statusCode).toBe(401);
    const again = await login(t.app, leader);
    expect((await again.call('GET', '/api/auth/me')).json().mfaEnrolmentRequired).toBe(true);
    const audit = await t.deps.db
      .selectFrom('audit_log')
      .select(['actor_user_id', 'payload'])
      .where('action', '=', 'auth.mfa_reset')
      .where('entity_id', '=', String(leader.id))
      .executeTakeFirstOrThrow();
    expect(audit.actor_user_id).toBe(admin.id);
    expect(audit.payload).toMatchObject({ by: 'admin', hadFactor: true });
  });

  it("does not let a street's cadre reset anyone", async () => {
    const cadre = await newUser(t.deps, 'cadre', street);
    const other = await newUser(t.deps, 'cadre', street);
    const res = await (await login(t.app, cadre)).call('POST', `/api/users/${other.id}/mfa-reset`);
    expect(res.statusCode).toBe(403);
  });
});
