import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../db/schema.ts';
import type { Db } from '../db/database.ts';
import type { Clock } from './clock.ts';
import type { RequestContext } from './context.ts';
import { sha256 } from './crypto.ts';

export type Executor = Kysely<DB> | Transaction<DB>;

export interface AuditEvent {
  /** 0 for platform-level actions that belong to no street. */
  tenantId: number;
  action: string;
  entityType: string;
  entityId?: string | number | null;
  /** What changed: the input, or `{before, after}`. Never secrets; sensitive values masked. */
  payload?: unknown;
}

const GENESIS = 'genesis';

/** JSON with object keys sorted, so a row hashes the same after a trip through jsonb. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value ?? null);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

interface HashedFields {
  tenant_id: number;
  seq: number;
  actor_user_id: number | null;
  action: string;
  entity_type: string;
  entity_id: string | null;
  payload: unknown;
  ip: string | null;
  user_agent: string | null;
  created_at: string;
  prev_hash: string;
}

export function auditHash(row: HashedFields): string {
  return sha256(
    canonicalJson([
      row.prev_hash,
      row.tenant_id,
      row.seq,
      row.actor_user_id,
      row.action,
      row.entity_type,
      row.entity_id,
      row.payload,
      row.ip,
      row.user_agent,
      new Date(row.created_at).toISOString(),
    ]),
  );
}

/**
 * Appends an audit row to the tenant's hash chain. Call it inside the transaction of the change it
 * records: the head row lock orders appends within one tenant and the row commits or vanishes with it.
 */
export async function writeAudit(
  trx: Transaction<DB>,
  clock: Clock,
  ctx: Pick<RequestContext, 'ip' | 'userAgent'> & { actor: { userId: number } | null },
  event: AuditEvent,
): Promise<void> {
  await trx
    .insertInto('audit_heads')
    .values({ tenant_id: event.tenantId, seq: 0, hash: GENESIS })
    .onConflict((oc) => oc.column('tenant_id').doNothing())
    .execute();
  const head = await trx
    .selectFrom('audit_heads')
    .select(['seq', 'hash'])
    .where('tenant_id', '=', event.tenantId)
    .forUpdate()
    .executeTakeFirstOrThrow();
  const fields: HashedFields = {
    tenant_id: event.tenantId,
    seq: head.seq + 1,
    actor_user_id: ctx.actor?.userId ?? null,
    action: event.action,
    entity_type: event.entityType,
    entity_id: event.entityId === undefined || event.entityId === null ? null : String(event.entityId),
    payload: JSON.parse(JSON.stringify(event.payload ?? {})) as unknown,
    ip: ctx.ip,
    user_agent: ctx.userAgent ? ctx.userAgent.slice(0, 400) : null,
    created_at: clock.now().toISOString(),
    prev_hash: head.hash,
  };
  const hash = auditHash(fields);
  await trx
    .insertInto('audit_log')
    .values({ ...fields, payload: JSON.stringify(fields.payload), hash })
    .execute();
  await trx
    .updateTable('audit_heads')
    .set({ seq: fields.seq, hash })
    .where('tenant_id', '=', event.tenantId)
    .execute();
}

export interface AuditBreak {
  tenantId: number;
  seq: number;
  id: number | null;
  reason: string;
}

export interface AuditVerification {
  ok: boolean;
  checked: number;
  firstBroken: AuditBreak | null;
}

/**
 * Recomputes every chain (or one tenant's) and names the first row that does not fit: edited
 * contents, a missing row (gap in seq), or a removed tail (head disagrees with the last row).
 */
export async function verifyAudit(db: Db, tenantId?: number): Promise<AuditVerification> {
  let heads = db.selectFrom('audit_heads').select(['tenant_id', 'seq', 'hash']).orderBy('tenant_id');
  if (tenantId !== undefined) heads = heads.where('tenant_id', '=', tenantId);
  let checked = 0;
  for (const head of await heads.execute()) {
    let prevHash = GENESIS;
    let expectedSeq = 1;
    let lastSeq = 0;
    for (;;) {
      const rows = await db
        .selectFrom('audit_log')
        .selectAll()
        .where('tenant_id', '=', head.tenant_id)
        .where('seq', '>=', expectedSeq)
        .orderBy('seq')
        .limit(2000)
        .execute();
      if (rows.length === 0) break;
      for (const row of rows) {
        checked++;
        const broken = (reason: string, seq = row.seq): AuditVerification => ({
          ok: false,
          checked,
          firstBroken: { tenantId: head.tenant_id, seq, id: seq === row.seq ? row.id : null, reason },
        });
        if (row.seq !== expectedSeq) return broken(`row ${expectedSeq} is missing`, expectedSeq);
        if (row.prev_hash !== prevHash) return broken('previous-hash link does not match');
        if (auditHash(row) !== row.hash) return broken('contents do not match the stored hash');
        prevHash = row.hash;
        lastSeq = row.seq;
        expectedSeq++;
      }
    }
    if (lastSeq !== head.seq || prevHash !== head.hash) {
      return {
        ok: false,
        checked,
        firstBroken: {
          tenantId: head.tenant_id,
          seq: lastSeq + 1,
          id: null,
          reason: 'rows after this point were removed',
        },
      };
    }
  }
  return { ok: true, checked, firstBroken: null };
}

/** Raw count helper used by tests and figures. */
export async function auditCount(db: Db, tenantId: number): Promise<number> {
  const r = await sql<{
    n: number;
  }>`select count(*)::bigint as n from audit_log where tenant_id = ${tenantId}`.execute(db);
  return r.rows[0]?.n ?? 0;
}
