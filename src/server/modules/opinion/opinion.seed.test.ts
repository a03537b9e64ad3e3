import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDeps } from '../../../../test/support/app.ts';
import { verifyAudit } from '../../platform/audit.ts';
import type { Deps } from '../../platform/deps.ts';
import { demoCtx } from '../../platform/seedKit.ts';
import { seedDemo } from '../demo/demo.seed.ts';
import { getAnalysis } from './opinion.jobs.ts';
import { seedOpinion } from './opinion.seed.ts';

let deps: Deps;
let close: () => Promise<void>;
let tenantId: number;
let users: Record<string, number>;

beforeAll(async () => {
  ({ deps, close } = await createTestDeps());
  tenantId = (await seedDemo(deps, [seedOpinion])).tenantId;
  const rows = await deps.db
    .selectFrom('users')
    .select(['id', 'username'])
    .where('tenant_id', '=', tenantId)
    .execute();
  users = Object.fromEntries(rows.map((u) => [u.username, u.id]));
}, 300_000);
afterAll(() => close());

describe('opinion map demo seed', () => {
  it('has one map on a council topic of 曹杨二村 with three groups and their four shared statements', async () => {
    const maps = await deps.db
      .selectFrom('opinion_maps')
      .selectAll()
      .where('tenant_id', '=', tenantId)
      .execute();
    expect(maps).toHaveLength(1);
    expect(maps[0]!.topic_id).not.toBeNull();
    const leader = demoCtx(users.leader!, tenantId, 'street_leader', '街道领导');
    const a = await getAnalysis(deps, leader, maps[0]!.id);
    expect(a.participants).toBe(150);
    expect(a.groups).toHaveLength(3);
    const text = new Map(a.statements.map((s) => [s.id, s.text]));
    expect(a.consensus.map((id) => text.get(id)).sort()).toEqual(
      [
        '方案应一户一议，不搞一刀切',
        '楼道和公共空间要同步整治',
        '方案确定前应再开一次红色议事厅',
        '设计师应逐户上门讲解图纸',
      ].sort(),
    );
    expect(a.divisive.length).toBeGreaterThan(5);
    // the demo resident has not voted: they walk the voting themselves
    const theirs = await deps.db
      .selectFrom('opinion_participants')
      .select('id')
      .where('tenant_id', '=', tenantId)
      .where('user_id', '=', users.resident!)
      .execute();
    expect(theirs).toHaveLength(0);
    expect((await verifyAudit(deps.db, tenantId)).ok).toBe(true);
  });
});
