import type { Transaction } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { writeAudit } from '../../platform/audit.ts';
import type { RequestContext } from '../../platform/context.ts';
import type { Deps } from '../../platform/deps.ts';
import { conflict } from '../../platform/errors.ts';

export interface TenantOut {
  id: number;
  code: string;
  name: string;
  createdAt: string;
}

export async function listTenants(deps: Deps) {
  const rows = await deps.db
    .selectFrom('tenants')
    .select(['id', 'code', 'name', 'created_at'])
    .orderBy('id')
    .execute();
  const items: TenantOut[] = rows.map((r) => ({
    id: r.id,
    code: r.code,
    name: r.name,
    createdAt: r.created_at,
  }));
  return { items, total: items.length };
}

/** Creates a street; its audit chain starts with this event. */
export async function insertTenant(
  trx: Transaction<DB>,
  deps: Pick<Deps, 'clock'>,
  ctx: Pick<RequestContext, 'ip' | 'userAgent'> & { actor: { userId: number } | null },
  input: { code: string; name: string },
): Promise<TenantOut> {
  const exists = await trx
    .selectFrom('tenants')
    .select('id')
    .where('code', '=', input.code)
    .executeTakeFirst();
  if (exists)
    throw conflict('街道代码已存在', 'A street with this code exists', [
      { path: 'body.code', message: '街道代码已存在' },
    ]);
  const row = await trx
    .insertInto('tenants')
    .values(input)
    .returning(['id', 'code', 'name', 'created_at'])
    .executeTakeFirstOrThrow();
  await writeAudit(trx, deps.clock, ctx, {
    tenantId: row.id,
    action: 'tenant.create',
    entityType: 'tenant',
    entityId: row.id,
    payload: input,
  });
  return { id: row.id, code: row.code, name: row.name, createdAt: row.created_at };
}

export function createTenant(deps: Deps, ctx: RequestContext, input: { code: string; name: string }) {
  return deps.db.transaction().execute((trx) => insertTenant(trx, deps, ctx, input));
}
