import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDeps } from '../../../test/support/app.ts';
import type { Deps } from './deps.ts';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { legacyAuditHash, verifyAudit, writeAudit } from './audit.ts';
import { readCheckpoints, sealLegacyChains, signHeads } from './audit-seal.ts';

let deps: Deps;
let close: () => Promise<void>;
const ctx = { actor: { userId: 1 }, ip: '10.0.0.1', userAgent: 'test' };

beforeAll(async () => {
  ({ deps, close } = await createTestDeps());
});
afterAll(() => close());

async function append(tenantId: number, n: number) {
  for (let i = 0; i < n; i++) {
    await deps.db.transaction().execute((trx) =>
      writeAudit(trx, deps.clock, ctx, {
        tenantId,
        action: 'test.write',
        entityType: 'thing',
        entityId: i,
        payload: { i, 名字: '张三', nested: { b: 2, a: 1 } },
      }),
    );
  }
}

describe('audit hash chain', () => {
  it('verifies an intact chain per tenant', async () => {
    await append(101, 5);
    await append(102, 3);
    const result = await verifyAudit(deps.db);
    expect(result).toMatchObject({ ok: true, firstBroken: null });
    expect(result.checked).toBeGreaterThanOrEqual(8);
  });

  it('keeps the chain consistent under concurrent appends', async () => {
    await Promise.all(Array.from({ length: 10 }, () => append(103, 1)));
    const rows = await deps.db
      .selectFrom('audit_log')
      .select('seq')
      .where('tenant_id', '=', 103)
      .orderBy('seq')
      .execute();
    expect(rows.map((r) => r.seq)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect((await verifyAudit(deps.db, 103)).ok).toBe(true);
  });

  it('names the first row edited by hand', async () => {
    await append(104, 4);
    await sql`update audit_log set payload = '{"i": 99}' where tenant_id = 104 and seq = 3`.execute(deps.db);
    const result = await verifyAudit(deps.db, 104);
    expect(result.ok).toBe(false);
    expect(result.firstBroken).toMatchObject({
      tenantId: 104,
      seq: 3,
      reason: expect.stringContaining('contents'),
    });
  });

  it('detects a deleted row and a removed tail', async () => {
    await append(105, 4);
    await sql`delete from audit_log where tenant_id = 105 and seq = 2`.execute(deps.db);
    expect((await verifyAudit(deps.db, 105)).firstBroken).toMatchObject({
      seq: 2,
      reason: expect.stringContaining('missing'),
    });

    await append(106, 4);
    await sql`delete from audit_log where tenant_id = 106 and seq = 4`.execute(deps.db);
    expect((await verifyAudit(deps.db, 106)).firstBroken).toMatchObject({
      seq: 4,
      reason: expect.stringContaining('removed'),
    });
  });

  it('rolls back with the transaction it belongs to', async () => {
    await expect(
      deps.db.transaction().execute(async (trx) => {
        await writeAudit(trx, deps.clock, ctx, { tenantId: 107, action: 'x', entityType: 'y' });
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    const rows = await deps.db.selectFrom('audit_log').select('seq').where('tenant_id', '=', 107).execute();
    expect(rows).toHaveLength(0);
  });
});

/** What someone with SQL write access but without the key does: edit, then redo plain SHA-256. */
async function rehashPlain(tenantId: number, fromSeq: number) {
  const rows = await deps.db
    .selectFrom('audit_log')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .orderBy('seq')
    .execute();
  let prev = rows.find((r) => r.seq === fromSeq - 1)?.hash ?? 'genesis';
  for (const row of rows.filter((r) => r.seq >= fromSeq)) {
    const hash = legacyAuditHash({ ...row, prev_hash: prev });
    await sql`update audit_log set prev_hash = ${prev}, hash = ${hash} where tenant_id = ${tenantId} and seq = ${row.seq}`.execute(
      deps.db,
    );
    prev = hash;
  }
  await sql`update audit_heads set hash = ${prev} where tenant_id = ${tenantId}`.execute(deps.db);
}

describe('keyed audit chain', () => {
  it('still reports a row re-hashed with plain SHA-256 directly in SQL, and lists breaks in two streets', async () => {
    await append(201, 4);
    await append(202, 3);
    await sql`update audit_log set payload = '{"i": 99}' where tenant_id = 201 and seq = 2`.execute(deps.db);
    await rehashPlain(201, 2);
    await sql`update audit_log set payload = '{"i": 42}' where tenant_id = 202 and seq = 3`.execute(deps.db);
    await rehashPlain(202, 3);

    const result = await verifyAudit(deps.db);
    expect(result.ok).toBe(false);
    const found = result.breaks
      .filter((b) => b.tenantId === 201 || b.tenantId === 202)
      .map((b) => `${b.tenantId}:${b.seq}:${b.kind}`);
    expect(found).toEqual(['201:2:contents', '201:3:contents', '201:4:contents', '202:3:contents']);
    expect(result.totalBreaks).toBeGreaterThanOrEqual(4);
  });

  it('lists every break of one street, not only the first', async () => {
    await append(203, 6);
    await sql`update audit_log set action = 'forged' where tenant_id = 203 and seq in (2, 5)`.execute(
      deps.db,
    );
    await sql`delete from audit_log where tenant_id = 203 and seq = 4`.execute(deps.db);
    const result = await verifyAudit(deps.db, 203);
    expect(result.breaks.map((b) => `${b.seq}:${b.kind}`)).toEqual(['2:contents', '4:missing', '5:contents']);
  });

  it('sees a rewrite against the signed checkpoints even when the chain itself verifies', async () => {
    await append(204, 5);
    const signed = await signHeads(deps.db, deps.auditSeal, deps.clock.now());
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gz-checkpoints-'));
    const file = path.join(dir, 'audit-checkpoints-test.jsonl');
    const forged = { ...signed[0]!, hash: 'f'.repeat(64) };
    fs.writeFileSync(file, [...signed, forged].map((c) => JSON.stringify(c)).join('\n') + '\n');
    const loaded = readCheckpoints(dir, deps.auditSeal);
    expect(loaded.invalid).toBe(1);
    expect((await verifyAudit(deps.db, 204, loaded)).ok).toBe(true);

    // Cut the tail and move the head back: the chain alone looks whole.
    await sql`delete from audit_log where tenant_id = 204 and seq > 3`.execute(deps.db);
    const last = await deps.db
      .selectFrom('audit_log')
      .select('hash')
      .where('tenant_id', '=', 204)
      .where('seq', '=', 3)
      .executeTakeFirstOrThrow();
    await sql`update audit_heads set seq = 3, hash = ${last.hash} where tenant_id = 204`.execute(deps.db);
    expect((await verifyAudit(deps.db, 204)).ok).toBe(true);
    const against = await verifyAudit(deps.db, 204, loaded);
    expect(against.breaks).toEqual([expect.objectContaining({ tenantId: 204, seq: 5, kind: 'checkpoint' })]);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('re-seals chains written before the key existed, unless they were already broken', async () => {
    const log = { info: () => undefined, error: () => undefined };
    for (const tenantId of [205, 206]) {
      await append(tenantId, 3);
      await rehashPlain(tenantId, 1);
      await sql`update audit_heads set key_id = null where tenant_id = ${tenantId}`.execute(deps.db);
    }
    await sql`update audit_log set action = 'forged' where tenant_id = 206 and seq = 2`.execute(deps.db);
    expect((await verifyAudit(deps.db, 205)).ok).toBe(false);

    await sealLegacyChains(deps.db, deps.auditSeal, log);
    expect((await verifyAudit(deps.db, 205)).ok).toBe(true);
    await append(205, 1);
    expect((await verifyAudit(deps.db, 205)).ok).toBe(true);
    const broken = await verifyAudit(deps.db, 206);
    expect(broken.breaks.map((b) => b.kind)).toContain('key');
  });
});
