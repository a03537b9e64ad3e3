import { sql, type Transaction } from 'kysely';
import type { z } from 'zod';
import type { CreateUserBody, UpdateUserBody, User, UserQuery } from '../../../contract/admin.ts';
import type { LiaisonOrgs } from '../../../contract/mediation.ts';
import type { Role } from '../../../contract/permissions.ts';
import type { DB } from '../../db/schema.ts';
import { requireAccess } from '../../access/access.ts';
import { writeAudit } from '../../platform/audit.ts';
import type { Executor } from '../../db/database.ts';
import type { RequestContext } from '../../platform/context.ts';
import { hashPassword } from '../../platform/crypto.ts';
import type { Deps } from '../../platform/deps.ts';
import { AppError, conflict, invalidField } from '../../platform/errors.ts';
import { assertPasswordPolicy } from '../../platform/password-policy.ts';

/** Roles only a system admin may hand out: they reach beyond one street. */
const PLATFORM_ROLES: readonly Role[] = ['system_admin', 'district_official'];

function userQuery(db: Executor) {
  return db
    .selectFrom('users')
    .leftJoin('tenants', 'tenants.id', 'users.tenant_id')
    .select([
      'users.id',
      'users.username',
      'users.display_name',
      'users.role',
      'users.liaison_org',
      'users.tenant_id',
      'tenants.name as tenant_name',
      'users.disabled',
      'users.created_at',
    ]);
}

type UserRow = Awaited<ReturnType<ReturnType<typeof userQuery>['executeTakeFirstOrThrow']>>;

function toUser(r: UserRow): User {
  return {
    id: r.id,
    username: r.username,
    displayName: r.display_name,
    role: r.role as Role,
    tenantId: r.tenant_id,
    tenantName: r.tenant_name,
    liaisonOrg: r.liaison_org,
    disabled: r.disabled,
    createdAt: r.created_at,
  };
}

/** Users the actor manages: every user for a system admin, else the street's own users. */
export async function listUsers(deps: Deps, ctx: RequestContext, query: z.infer<typeof UserQuery>) {
  let q = userQuery(deps.db);
  if (!ctx.actor.permissions.has('system.manage')) {
    if (ctx.actor.tenantId === null) return { items: [], total: 0 };
    q = q.where('users.tenant_id', '=', ctx.actor.tenantId).where('users.role', 'not in', PLATFORM_ROLES);
  }
  if (query.q) {
    const like = `%${query.q.replace(/[%_\\]/g, '\\$&')}%`;
    q = q.where((eb) =>
      eb.or([eb('users.username', 'ilike', like), eb('users.display_name', 'ilike', like)]),
    );
  }
  const [rows, count] = await Promise.all([
    q.orderBy('users.id').limit(query.limit).offset(query.offset).execute(),
    q
      .clearSelect()
      .select(sql<number>`count(*)`.as('n'))
      .executeTakeFirstOrThrow(),
  ]);
  return { items: rows.map(toUser), total: count.n };
}

export interface NewUser {
  username: string;
  displayName: string;
  password: string;
  role: Role;
  tenantId: number | null;
  householdId?: number | null;
  /** A liaison's unit; required for the liaison role. */
  liaisonOrg?: (typeof LiaisonOrgs)[number] | null;
}

const needsUnit = () =>
  invalidField(
    'body.liaisonOrg',
    '联络人需要选择所属单位（派出所、司法所或律师事务所）',
    'A liaison needs a unit (police station, judicial office or law firm)',
  );

/** Inserts a user and its audit row; shared by the API, the CLI and the demo seed. */
export async function insertUser(
  trx: Transaction<DB>,
  deps: Pick<Deps, 'clock'>,
  ctx: Pick<RequestContext, 'ip' | 'userAgent'> & { actor: { userId: number } | null },
  user: NewUser,
): Promise<number> {
  assertPasswordPolicy(user.password, user.username);
  if (user.role === 'liaison' && !user.liaisonOrg) throw needsUnit();
  const taken = await trx
    .selectFrom('users')
    .select('id')
    .where(sql`lower(username)`, '=', user.username.toLowerCase())
    .executeTakeFirst();
  if (taken)
    throw conflict('用户名已被使用', 'This username is taken', [
      { path: 'body.username', message: '用户名已被使用' },
    ]);
  const row = await trx
    .insertInto('users')
    .values({
      username: user.username,
      display_name: user.displayName,
      password_hash: await hashPassword(user.password),
      role: user.role,
      tenant_id: user.tenantId,
      household_id: user.householdId ?? null,
      liaison_org: user.role === 'liaison' ? user.liaisonOrg! : null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await writeAudit(trx, deps.clock, ctx, {
    tenantId: user.tenantId ?? 0,
    action: 'user.create',
    entityType: 'user',
    entityId: row.id,
    payload: {
      username: user.username,
      displayName: user.displayName,
      role: user.role,
      ...(user.role === 'liaison' ? { liaisonOrg: user.liaisonOrg } : {}),
    },
  });
  return row.id;
}

export async function createUser(
  deps: Deps,
  ctx: RequestContext,
  body: z.infer<typeof CreateUserBody>,
): Promise<User> {
  const isSystem = ctx.actor.permissions.has('system.manage');
  if (PLATFORM_ROLES.includes(body.role) && !isSystem) throw new AppError('forbidden');
  const tenantId = isSystem && body.tenantId !== undefined ? body.tenantId : ctx.actor.tenantId;
  if (tenantId === null && !PLATFORM_ROLES.includes(body.role)) {
    throw invalidField('body.tenantId', '请选择所属街道', 'Choose the street of this user');
  }
  if (
    tenantId !== null &&
    !(await deps.db.selectFrom('tenants').select('id').where('id', '=', tenantId).executeTakeFirst())
  ) {
    throw invalidField('body.tenantId', '街道不存在', 'No such street');
  }
  const id = await deps.db.transaction().execute((trx) =>
    insertUser(trx, deps, ctx, {
      ...body,
      tenantId: PLATFORM_ROLES.includes(body.role) && !body.tenantId ? null : tenantId,
    }),
  );
  return toUser(await userQuery(deps.db).where('users.id', '=', id).executeTakeFirstOrThrow());
}

export async function updateUser(
  deps: Deps,
  ctx: RequestContext,
  id: number,
  body: z.infer<typeof UpdateUserBody>,
): Promise<User> {
  await requireAccess(deps.db, ctx.actor, 'user', 'user.manage', id);
  if (body.role && PLATFORM_ROLES.includes(body.role) && !ctx.actor.permissions.has('system.manage')) {
    throw new AppError('forbidden');
  }
  if (id === ctx.actor.userId && (body.disabled === true || (body.role && body.role !== ctx.actor.role))) {
    throw invalidField(
      'body',
      '不能停用自己或修改自己的角色',
      'You cannot disable yourself or change your own role',
    );
  }
  await deps.db.transaction().execute(async (trx) => {
    const before = await userQuery(trx).where('users.id', '=', id).executeTakeFirstOrThrow();
    if (body.password !== undefined) assertPasswordPolicy(body.password, before.username);
    const role = body.role ?? before.role;
    const liaisonOrg = role === 'liaison' ? (body.liaisonOrg ?? before.liaison_org) : null;
    if (role === 'liaison' && !liaisonOrg) throw needsUnit();
    await trx
      .updateTable('users')
      .set({
        ...(body.displayName !== undefined ? { display_name: body.displayName } : {}),
        ...(body.role !== undefined ? { role: body.role } : {}),
        liaison_org: liaisonOrg,
        ...(body.disabled !== undefined ? { disabled: body.disabled } : {}),
        ...(body.password !== undefined ? { password_hash: await hashPassword(body.password) } : {}),
        updated_at: deps.clock.now(),
      })
      .where('id', '=', id)
      .execute();
    if (body.disabled || body.password || body.role)
      await trx.deleteFrom('sessions').where('user_id', '=', id).execute();
    await writeAudit(trx, deps.clock, ctx, {
      tenantId: before.tenant_id ?? 0,
      action: 'user.update',
      entityType: 'user',
      entityId: id,
      payload: {
        before: {
          displayName: before.display_name,
          role: before.role,
          liaisonOrg: before.liaison_org,
          disabled: before.disabled,
        },
        after: {
          displayName: body.displayName,
          role: body.role,
          liaisonOrg,
          disabled: body.disabled,
          passwordChanged: body.password !== undefined,
        },
      },
    });
  });
  return toUser(await userQuery(deps.db).where('users.id', '=', id).executeTakeFirstOrThrow());
}
