import type { Response as InjectResponse } from 'light-my-request';
import type { Role } from '../../src/contract/permissions.ts';
import type { Deps } from '../../src/server/platform/deps.ts';
import { insertTenant } from '../../src/server/modules/admin/tenants.service.ts';
import { insertUser } from '../../src/server/modules/admin/users.service.ts';
import type { App } from '../../src/server/platform/http.ts';
import type { Actor, RequestContext } from '../../src/server/platform/context.ts';
import { permissionsOf } from '../../src/contract/permissions.ts';

const seedCtx = { actor: null, ip: null, userAgent: 'test' };
let counter = 0;
const unique = (prefix: string) => `${prefix}${process.pid}x${++counter}`;

export const TEST_PASSWORD = 'Gz#test-7Kq2';

export async function newStreet(deps: Deps, name = '测试街道'): Promise<number> {
  const tenant = await deps.db
    .transaction()
    .execute((trx) => insertTenant(trx, deps, seedCtx, { code: unique('st-').toLowerCase(), name }));
  return tenant.id;
}

export interface TestUser {
  id: number;
  username: string;
  password: string;
  role: Role;
  tenantId: number | null;
}

export async function newUser(
  deps: Deps,
  role: Role,
  tenantId: number | null,
  extra: {
    householdId?: number | null;
    username?: string;
    /** A liaison's unit; a liaison defaults to the police station. */
    liaisonOrg?: 'police' | 'judicial' | 'law_firm';
  } = {},
): Promise<TestUser> {
  const username = extra.username ?? unique(`${role}_`);
  const id = await deps.db.transaction().execute((trx) =>
    insertUser(trx, deps, seedCtx, {
      username,
      displayName: `测试 ${role}`,
      password: TEST_PASSWORD,
      role,
      tenantId,
      householdId: extra.householdId ?? null,
      liaisonOrg: role === 'liaison' ? (extra.liaisonOrg ?? 'police') : null,
    }),
  );
  return { id, username, password: TEST_PASSWORD, role, tenantId };
}

/** A request context for calling services directly, as if this user were signed in. */
export function ctxFor(user: TestUser, householdId: number | null = null): RequestContext {
  const actor: Actor = {
    userId: user.id,
    username: user.username,
    displayName: user.username,
    role: user.role,
    permissions: new Set(permissionsOf(user.role)),
    tenantId: user.tenantId,
    householdId,
    via: 'session',
  };
  return { actor, ip: '127.0.0.1', userAgent: 'vitest', lang: 'zh' };
}

/** A signed-in browser-like session for app.inject: cookies plus the CSRF header. */
export interface Session {
  cookie: string;
  csrf: string;
  call(
    method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE',
    url: string,
    payload?: unknown,
  ): Promise<InjectResponse>;
}

/** `remoteAddress`: sign in from another address (tests that lock 127.0.0.1 out on purpose). */
export async function login(
  app: App,
  user: { username: string; password: string },
  remoteAddress?: string,
): Promise<Session> {
  const res = await app.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: { username: user.username, password: user.password },
    ...(remoteAddress ? { remoteAddress } : {}),
  });
  if (res.statusCode !== 200) throw new Error(`login failed: ${res.statusCode} ${res.body}`);
  const cookies = res.cookies as Array<{ name: string; value: string }>;
  const cookie = cookies.map((c) => `${c.name}=${c.value}`).join('; ');
  const csrf = cookies.find((c) => c.name === 'gz_csrf')!.value;
  return {
    cookie,
    csrf,
    call: (method, url, payload) =>
      app.inject({
        method,
        url,
        headers: { cookie, 'x-csrf-token': csrf },
        ...(payload === undefined ? {} : { payload: payload as object }),
      }),
  };
}
