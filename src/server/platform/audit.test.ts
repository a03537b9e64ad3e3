import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDeps } from '../../../test/support/app.ts';
import type { Deps } from './deps.ts';
import { verifyAudit, writeAudit } from './audit.ts';

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
