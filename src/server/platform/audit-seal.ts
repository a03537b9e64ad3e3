import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'kysely';
import type { Db } from '../db/database.ts';
import { auditSeal, canonicalJson, legacyAuditHash, type AuditCheckpoint, type AuditSeal } from './audit.ts';
import { MINUTE } from './clock.ts';
import type { Deps } from './deps.ts';
import type { PeriodicTask } from './jobs.ts';

const GENESIS = 'genesis';
const BATCH = 1000;

interface Logger {
  info(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}

/**
 * Re-seals the chains written before the audit key existed (migration 0040 marks them with a null
 * key_id). A chain is re-sealed only when its plain SHA-256 links still verify, so an edit made
 * before the upgrade stays visible instead of being laundered; such a chain is left as it is and
 * reported (verification then lists its rows). Runs under the head's row lock, once, in whichever
 * process starts first; each re-sealing is itself recorded as the chain's next row.
 */
export async function sealLegacyChains(db: Db, seal: AuditSeal, log: Logger): Promise<void> {
  const legacy = await db.selectFrom('audit_heads').select('tenant_id').where('key_id', 'is', null).execute();
  for (const { tenant_id: tenantId } of legacy) {
    await db.transaction().execute(async (trx) => {
      const head = await trx
        .selectFrom('audit_heads')
        .select(['seq', 'hash', 'key_id'])
        .where('tenant_id', '=', tenantId)
        .forUpdate()
        .executeTakeFirstOrThrow();
      if (head.key_id !== null) return; // another process did it meanwhile
      let legacyPrev = GENESIS;
      let sealedPrev = GENESIS;
      let expected = 1;
      let intact = true;
      const updates: Array<{ seq: number; prev: string; hash: string }> = [];
      for (;;) {
        const rows = await trx
          .selectFrom('audit_log')
          .selectAll()
          .where('tenant_id', '=', tenantId)
          .where('seq', '>=', expected)
          .orderBy('seq')
          .limit(BATCH)
          .execute();
        if (rows.length === 0) break;
        for (const row of rows) {
          if (row.seq !== expected || row.prev_hash !== legacyPrev || legacyAuditHash(row) !== row.hash)
            intact = false;
          legacyPrev = row.hash;
          const hash = seal.hash({ ...row, prev_hash: sealedPrev });
          updates.push({ seq: row.seq, prev: sealedPrev, hash });
          sealedPrev = hash;
          expected = row.seq + 1;
        }
        if (!intact) break;
      }
      if (!intact || head.seq !== expected - 1 || head.hash !== legacyPrev) {
        log.error({ tenantId }, 'audit chain was already broken before keying; left unsealed for review');
        return;
      }
      for (let i = 0; i < updates.length; i += BATCH) {
        const part = updates.slice(i, i + BATCH);
        const values = sql.join(part.map((u) => sql`(${u.seq}::bigint, ${u.prev}, ${u.hash})`));
        await sql`
          update audit_log set prev_hash = v.prev, hash = v.hash
          from (values ${values}) as v(seq, prev, hash)
          where audit_log.tenant_id = ${tenantId} and audit_log.seq = v.seq`.execute(trx);
      }
      await trx
        .updateTable('audit_heads')
        .set({ hash: sealedPrev, key_id: seal.keyId })
        .where('tenant_id', '=', tenantId)
        .execute();
      log.info({ tenantId, rows: updates.length }, 'audit chain re-sealed with the audit key');
    });
  }
}

/** A checkpoint line as written to the file: the head, when, which key, and its signature. */
export interface SignedCheckpoint extends AuditCheckpoint {
  keyId: string;
  sig: string;
}

function checkpointText(c: AuditCheckpoint & { keyId: string }): string {
  return canonicalJson(['gongzhi-audit-checkpoint', c.tenantId, c.seq, c.hash, c.at, c.keyId]);
}

/** Signs the current head of every street's chain. */
export async function signHeads(db: Db, seal: AuditSeal, at: Date): Promise<SignedCheckpoint[]> {
  const heads = await db
    .selectFrom('audit_heads')
    .select(['tenant_id', 'seq', 'hash'])
    .orderBy('tenant_id')
    .execute();
  return heads
    .filter((h) => h.seq > 0)
    .map((h) => {
      const c = { tenantId: h.tenant_id, seq: h.seq, hash: h.hash, at: at.toISOString(), keyId: seal.keyId };
      return { ...c, sig: seal.sign(checkpointText(c)) };
    });
}

/**
 * Exports signed heads every hour: appended to a monthly JSON-lines file in the checkpoint
 * directory (meant to live outside the database host, or be shipped off it) and written to the log.
 * A later rewrite of the chain, even one re-sealed with the key, no longer matches them.
 */
export const auditCheckpointTask: PeriodicTask = {
  name: 'audit.checkpoint',
  everyMs: 60 * MINUTE,
  async run(deps: Deps) {
    const now = deps.clock.now();
    const signed = await signHeads(deps.db, auditSeal(), now);
    if (signed.length === 0) return;
    for (const c of signed) deps.log.info({ auditCheckpoint: c }, 'audit checkpoint');
    const dir = deps.config.auditCheckpointDir;
    if (!dir) return;
    fs.mkdirSync(dir, { recursive: true });
    const file = path.join(dir, `audit-checkpoints-${now.toISOString().slice(0, 7)}.jsonl`);
    fs.appendFileSync(file, signed.map((c) => JSON.stringify(c)).join('\n') + '\n', { mode: 0o600 });
  },
};

export interface LoadedCheckpoints {
  checkpoints: AuditCheckpoint[];
  /** Lines whose signature does not verify (forged, or signed with another key). */
  invalid: number;
}

/** Reads checkpoint files (a file or every `*.jsonl` of a directory) and keeps the genuine lines. */
export function readCheckpoints(location: string, seal: AuditSeal): LoadedCheckpoints {
  const out: LoadedCheckpoints = { checkpoints: [], invalid: 0 };
  if (!fs.existsSync(location)) return out;
  const files = fs.statSync(location).isDirectory()
    ? fs
        .readdirSync(location)
        .filter((f) => f.endsWith('.jsonl'))
        .sort()
        .map((f) => path.join(location, f))
    : [location];
  for (const file of files) {
    for (const line of fs.readFileSync(file, 'utf8').split('\n')) {
      if (!line.trim()) continue;
      try {
        const c = JSON.parse(line) as SignedCheckpoint;
        const fields = { tenantId: c.tenantId, seq: c.seq, hash: c.hash, at: c.at, keyId: c.keyId };
        if (typeof c.sig === 'string' && seal.verifySignature(checkpointText(fields), c.sig)) {
          out.checkpoints.push({ tenantId: c.tenantId, seq: c.seq, hash: c.hash, at: c.at });
        } else out.invalid++;
      } catch {
        out.invalid++;
      }
    }
  }
  return out;
}
