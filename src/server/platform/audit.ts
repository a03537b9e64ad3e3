import { sql, type Transaction } from 'kysely';
import type { Db } from '../db/database.ts';
import type { DB } from '../db/schema.ts';
import type { Clock } from './clock.ts';
import type { RequestContext } from './context.ts';
import { createHmac, hkdfSync, timingSafeEqual } from 'node:crypto';
import { sha256 } from './crypto.ts';

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

function hashedText(row: HashedFields): string {
  return canonicalJson([
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
  ]);
}

/** The chains before keying (migration 0040): plain SHA-256, which anyone with SQL access can redo. */
export function legacyAuditHash(row: HashedFields): string {
  return sha256(hashedText(row));
}

/**
 * The secret that seals the audit chains (HMAC-SHA-256) and signs their checkpoints. It lives
 * outside the database (GONGZHI_AUDIT_KEY, or a key file beside an embedded database), so write
 * access to the tables is not enough to re-seal an edited row.
 */
export class AuditSeal {
  readonly #chainKey: Buffer;
  readonly #checkpointKey: Buffer;
  /** Names the key without revealing it; stored with each chain's head to catch a wrong key. */
  readonly keyId: string;

  constructor(key: Buffer) {
    if (key.length !== 32) throw new Error('Audit key must be 32 bytes');
    // Separate subkeys: a checkpoint signature can never be replayed as a row hash.
    this.#chainKey = Buffer.from(hkdfSync('sha256', key, 'gongzhi', 'audit-chain', 32));
    this.#checkpointKey = Buffer.from(hkdfSync('sha256', key, 'gongzhi', 'audit-checkpoint', 32));
    this.keyId = createHmac('sha256', key).update('gongzhi-audit-key-id').digest('hex').slice(0, 16);
  }

  hash(row: HashedFields): string {
    return createHmac('sha256', this.#chainKey).update(hashedText(row)).digest('hex');
  }

  sign(text: string): string {
    return createHmac('sha256', this.#checkpointKey).update(text).digest('hex');
  }

  verifySignature(text: string, signature: string): boolean {
    const expected = Buffer.from(this.sign(text), 'hex');
    const given = Buffer.from(/^[0-9a-f]{64}$/.test(signature) ? signature : '', 'hex');
    return given.length === expected.length && timingSafeEqual(given, expected);
  }
}

let configured: AuditSeal | null = null;

/**
 * writeAudit is called from every service with (trx, clock, ctx, event); the seal is configured
 * once per process by createDeps instead of being threaded through hundreds of call sites.
 */
export function configureAuditSeal(seal: AuditSeal): void {
  if (configured && configured.keyId !== seal.keyId) {
    throw new Error('A different audit key is already configured in this process');
  }
  configured = seal;
}

export function auditSeal(): AuditSeal {
  if (!configured) throw new Error('Audit seal not configured (createDeps configures it)');
  return configured;
}

export function auditHash(row: HashedFields): string {
  return auditSeal().hash(row);
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
    .values({ tenant_id: event.tenantId, seq: 0, hash: GENESIS, key_id: auditSeal().keyId })
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

export type AuditBreakKind = 'missing' | 'link' | 'contents' | 'truncated' | 'key' | 'checkpoint';

export interface AuditBreak {
  tenantId: number;
  seq: number;
  id: number | null;
  kind: AuditBreakKind;
  reason: string;
}

export interface AuditVerification {
  ok: boolean;
  checked: number;
  /** Every break found, street by street in order of seq (at most `limit`). */
  breaks: AuditBreak[];
  /** All breaks, also those past `limit`. */
  totalBreaks: number;
  firstBroken: AuditBreak | null;
}

/** A street's chain head as signed and exported by the checkpoint task. */
export interface AuditCheckpoint {
  tenantId: number;
  seq: number;
  hash: string;
  at: string;
}

export interface VerifyOptions {
  /** Signed heads exported earlier: the row at each seq must still carry that hash. */
  checkpoints?: readonly AuditCheckpoint[];
  /** Cap on the breaks listed (a wrong key breaks every row); `totalBreaks` counts them all. */
  limit?: number;
}

const REASONS: Record<AuditBreakKind, string> = {
  missing: 'row is missing',
  link: 'previous-hash link does not match',
  contents: 'contents do not match the stored hash',
  truncated: 'rows after this point were removed',
  key: 'chain was sealed with another audit key (check GONGZHI_AUDIT_KEY)',
  checkpoint: 'row differs from a signed checkpoint',
};

/**
 * Recomputes every chain (or one tenant's) and lists every row that does not fit: edited contents
 * (the keyed hash no longer matches, even when someone recomputed a plain hash), a missing row (gap
 * in seq), a broken link, a removed tail (head disagrees with the last row), a head sealed with
 * another key, and rows that differ from a signed checkpoint. After a break the check goes on from
 * the stored hash, so one edit does not hide the next one.
 */
export async function verifyAudit(
  db: Db,
  tenantId?: number,
  options: VerifyOptions = {},
): Promise<AuditVerification> {
  const seal = auditSeal();
  const limit = options.limit ?? Number.POSITIVE_INFINITY;
  const breaks: AuditBreak[] = [];
  let totalBreaks = 0;
  const report = (tenant: number, seq: number, id: number | null, kind: AuditBreakKind) => {
    totalBreaks++;
    if (breaks.length < limit) breaks.push({ tenantId: tenant, seq, id, kind, reason: REASONS[kind] });
  };
  let heads = db
    .selectFrom('audit_heads')
    .select(['tenant_id', 'seq', 'hash', 'key_id'])
    .orderBy('tenant_id');
  if (tenantId !== undefined) heads = heads.where('tenant_id', '=', tenantId);
  let checked = 0;
  for (const head of await heads.execute()) {
    const t = head.tenant_id;
    if (head.key_id !== seal.keyId) report(t, 0, null, 'key');
    const checkpoints = new Map<number, AuditCheckpoint[]>();
    for (const c of options.checkpoints ?? []) {
      if (c.tenantId !== t) continue;
      checkpoints.set(c.seq, [...(checkpoints.get(c.seq) ?? []), c]);
    }
    let prevHash = GENESIS;
    let expectedSeq = 1;
    let lastSeq = 0;
    for (;;) {
      const rows = await db
        .selectFrom('audit_log')
        .selectAll()
        .where('tenant_id', '=', t)
        .where('seq', '>=', expectedSeq)
        .orderBy('seq')
        .limit(2000)
        .execute();
      if (rows.length === 0) break;
      for (const row of rows) {
        checked++;
        for (let missing = expectedSeq; missing < row.seq; missing++) report(t, missing, null, 'missing');
        const gap = row.seq !== expectedSeq;
        if (!gap && row.prev_hash !== prevHash) report(t, row.seq, row.id, 'link');
        if (seal.hash(row) !== row.hash) report(t, row.seq, row.id, 'contents');
        if (checkpoints.get(row.seq)?.some((c) => c.hash !== row.hash))
          report(t, row.seq, row.id, 'checkpoint');
        checkpoints.delete(row.seq);
        prevHash = row.hash;
        lastSeq = row.seq;
        expectedSeq = row.seq + 1;
      }
    }
    if (lastSeq !== head.seq || prevHash !== head.hash) report(t, lastSeq + 1, null, 'truncated');
    // A checkpointed row that no longer exists at all was removed.
    for (const seq of checkpoints.keys()) if (seq > lastSeq) report(t, seq, null, 'checkpoint');
  }
  return { ok: totalBreaks === 0, checked, breaks, totalBreaks, firstBroken: breaks[0] ?? null };
}

/** Raw count helper used by tests and figures. */
export async function auditCount(db: Db, tenantId: number): Promise<number> {
  const r = await sql<{
    n: number;
  }>`select count(*)::bigint as n from audit_log where tenant_id = ${tenantId}`.execute(db);
  return r.rows[0]?.n ?? 0;
}
