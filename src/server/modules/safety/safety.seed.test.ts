import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDeps } from '../../../../test/support/app.ts';
import { verifyAudit } from '../../platform/audit.ts';
import type { Deps } from '../../platform/deps.ts';
import { seedDemo } from '../demo/demo.seed.ts';
import { seedHouseholds } from '../households/households.seed.ts';
import { safetyFigures } from './safety.figures.ts';
import { seedSafety } from './safety.seed.ts';
import { demoCtx } from '../../platform/seedKit.ts';

let deps: Deps;
let close: () => Promise<void>;
let tenantId: number;
let leaderId: number;

beforeAll(async () => {
  ({ deps, close } = await createTestDeps());
  tenantId = (await seedDemo(deps, [seedHouseholds, seedSafety])).tenantId;
  leaderId = (
    await deps.db.selectFrom('users').select('id').where('username', '=', 'leader').executeTakeFirstOrThrow()
  ).id;
}, 300_000);
afterAll(() => close());

describe('平安六防 demo seed', () => {
  it('has work orders in every state, some late and escalated, from every source but alarms', async () => {
    const orders = await deps.db
      .selectFrom('safety_work_orders')
      .select(['status', 'source', 'escalation_level'])
      .where('tenant_id', '=', tenantId)
      .execute();
    expect(new Set(orders.map((o) => o.status))).toEqual(
      new Set(['pending', 'dispatched', 'in_progress', 'to_verify', 'closed', 'cancelled']),
    );
    const sources = new Set(orders.map((o) => o.source));
    for (const s of ['patrol', 'resident', 'hotline', 'manual']) expect(sources.has(s)).toBe(true);
    expect(orders.some((o) => o.escalation_level > 0)).toBe(true);
    const f = await safetyFigures(deps, demoCtx(leaderId, tenantId, 'street_leader', 'leader'), 30);
    expect(f.overdue).toBeGreaterThan(0);
    // handling times vary from order to order, as real ones do: the 90th percentile lies above the median
    expect(f.acceptP90!).toBeGreaterThan(f.acceptP50!);
    expect(f.closeP90!).toBeGreaterThan(f.closeP50!);
    expect(f.patrol.rate).toBeGreaterThan(0.3);
    expect(f.patrol.rate).toBeLessThan(1);
    expect(f.registers.rentalFlagged).toBe(1);
    expect(f.registers.merchantsHigh).toBeGreaterThanOrEqual(2);
    expect(f.registers.chargingHigh).toBe(1);
    expect((await verifyAudit(deps.db, tenantId)).ok).toBe(true);
  });

  it('has one 群租 case under notice, re-checked and still flagged, and one rectified', async () => {
    const flats = await deps.db
      .selectFrom('safety_rental_flats')
      .select(['id', 'status', 'flags', 'notice_no'])
      .where('tenant_id', '=', tenantId)
      .orderBy('id')
      .execute();
    expect(flats.map((f) => f.status)).toEqual(['ok', 'notice', 'rectified']);
    expect(flats[1]!.flags).toEqual(['over_two_per_room']);
    const checks = await deps.db
      .selectFrom('safety_rental_checks')
      .select('kind')
      .where('tenant_id', '=', tenantId)
      .where('flat_id', '=', flats[1]!.id)
      .execute();
    expect(checks.map((c) => c.kind)).toEqual(['initial', 'recheck']);
  });
});
