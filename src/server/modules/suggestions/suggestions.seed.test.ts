import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDeps } from '../../../../test/support/app.ts';
import { newStreet, newUser } from '../../../../test/support/factories.ts';
import { verifyAudit } from '../../platform/audit.ts';
import type { Deps } from '../../platform/deps.ts';
import { seedSuggestions } from './suggestions.seed.ts';

let deps: Deps;
let close: () => Promise<void>;
let tenantId: number;

beforeAll(async () => {
  ({ deps, close } = await createTestDeps());
  tenantId = await newStreet(deps, '演示街道');
  const users: Record<string, number> = {};
  for (const role of ['street_leader', 'cadre', 'resident'] as const) {
    users[{ street_leader: 'leader', cadre: 'cadre', resident: 'resident' }[role]] = (
      await newUser(deps, role, tenantId)
    ).id;
  }
  await seedSuggestions(deps, { tenantId, users });
}, 180_000);
afterAll(() => close());

describe('suggestions demo seed', () => {
  it('builds 一心、三片、廿点, topic calls, ~60 suggestions across statuses, a reply and projects', async () => {
    const kinds = await deps.db
      .selectFrom('suggestion_points')
      .select(['kind', sql<number>`count(*)`.as('n')])
      .where('tenant_id', '=', tenantId)
      .groupBy('kind')
      .execute();
    expect(Object.fromEntries(kinds.map((k) => [k.kind, k.n]))).toEqual({ centre: 1, zone: 3, point: 20 });
    const statuses = await deps.db
      .selectFrom('suggestions')
      .select(['status', sql<number>`count(*)`.as('n')])
      .where('tenant_id', '=', tenantId)
      .groupBy('status')
      .execute();
    const byStatus = Object.fromEntries(statuses.map((s) => [s.status, s.n]));
    expect(Object.keys(byStatus).sort()).toEqual(
      ['accepted', 'answered', 'assigned', 'handled', 'merged', 'redirected', 'registered'].sort(),
    );
    const total = Object.values(byStatus).reduce((a, b) => a + b, 0);
    expect(total).toBeGreaterThanOrEqual(55);
    const projects = await deps.db
      .selectFrom('suggestion_projects')
      .select('name')
      .where('tenant_id', '=', tenantId)
      .execute();
    expect(projects.map((p) => p.name).sort()).toEqual(['幸福饭堂', '花坛式充电桩'].sort());
    const replies = await deps.db
      .selectFrom('suggestion_replies')
      .select('id')
      .where('tenant_id', '=', tenantId)
      .execute();
    expect(replies).toHaveLength(1);
    const overdue = await deps.db
      .selectFrom('suggestions')
      .select(sql<number>`count(*)`.as('n'))
      .where('tenant_id', '=', tenantId)
      .where('due_at', '<', deps.clock.now().toISOString())
      .where('status', 'in', ['registered', 'accepted', 'assigned', 'handled'])
      .executeTakeFirstOrThrow();
    expect(overdue.n).toBeGreaterThan(0);
    expect((await verifyAudit(deps.db, tenantId)).ok).toBe(true);
  });
});
