import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDeps } from '../../../../test/support/app.ts';
import { verifyAudit } from '../../platform/audit.ts';
import type { RequestContext } from '../../platform/context.ts';
import type { Deps } from '../../platform/deps.ts';
import { demoCtx } from '../../platform/seedKit.ts';
import { seedDemo } from '../demo/demo.seed.ts';
import { seedHouseholds } from '../households/households.seed.ts';
import { listEntries } from './antifraud.entries.ts';
import { figures } from './antifraud.figures.ts';
import { seedAntifraud } from './antifraud.seed.ts';
import { listLessons } from './lessons.service.ts';
import { speechAvailable } from '../../platform/speech.ts';

let deps: Deps;
let close: () => Promise<void>;
let tenantId: number;
let lead: RequestContext;

beforeAll(async () => {
  ({ deps, close } = await createTestDeps());
  const seeded = await seedDemo(deps, [seedHouseholds, seedAntifraud]);
  tenantId = seeded.tenantId;
  const leader = await deps.db
    .selectFrom('users')
    .select('id')
    .where('username', '=', 'leader')
    .executeTakeFirstOrThrow();
  lead = demoCtx(leader.id, tenantId, 'street_leader', '王建国');
}, 600_000);
afterAll(() => close());

describe('anti-fraud demo seed', () => {
  it('has 40 people of 曹杨一村 on the list, split between two committee workers', async () => {
    const list = await listEntries(deps, lead, {});
    expect(list.total).toBe(40);
    const estates = await deps.db
      .selectFrom('antifraud_entries as e')
      .innerJoin('households as h', (j) =>
        j.onRef('h.tenant_id', '=', 'e.tenant_id').onRef('h.id', '=', 'e.household_id'),
      )
      .innerJoin('estates as s', (j) =>
        j.onRef('s.tenant_id', '=', 'h.tenant_id').onRef('s.id', '=', 'h.estate_id'),
      )
      .select('s.name')
      .distinct()
      .where('e.tenant_id', '=', tenantId)
      .execute();
    expect(estates.map((e) => e.name)).toEqual(['曹杨一村']);
    expect(new Set(list.items.map((e) => e.workerName)).size).toBe(2);
    expect(new Set(list.items.map((e) => e.source))).toEqual(new Set(['police', 'committee', 'self']));
  });

  it('shows the second round at 100 % face to face, computed from the visit records', async () => {
    const f = await figures(deps, lead);
    const [first, second, third] = f.rounds;
    expect(first).toMatchObject({ name: '第一轮', targets: 40 });
    expect(first!.inPersonRate!).toBeGreaterThan(0.4);
    expect(first!.inPersonRate!).toBeLessThan(1);
    expect(first!.reached).toBe(40);
    expect(second).toMatchObject({ name: '第二轮', targets: 40, inPerson: 40, inPersonRate: 1 });
    expect(third!.inPersonRate!).toBeLessThan(1);
    // the rate follows the records: remove one face-to-face visit of the second round and it drops
    const round = await deps.db
      .selectFrom('antifraud_rounds')
      .select(['starts_on', 'ends_on'])
      .where('tenant_id', '=', tenantId)
      .where('name', '=', '第二轮')
      .executeTakeFirstOrThrow();
    const visit = await deps.db
      .selectFrom('antifraud_visits')
      .select(['id', 'entry_id'])
      .where('tenant_id', '=', tenantId)
      .where('channel', '=', 'in_person')
      .where('visited_on', '>=', round.starts_on)
      .where('visited_on', '<=', round.ends_on)
      .orderBy('id')
      .executeTakeFirstOrThrow();
    const rolledBack = new Error('roll back');
    await expect(
      deps.db.transaction().execute(async (trx) => {
        await trx
          .deleteFrom('antifraud_visits')
          .where('tenant_id', '=', tenantId)
          .where('id', '=', visit.id)
          .execute();
        const again = await figures({ ...deps, db: trx }, lead);
        expect(again.rounds[1]).toMatchObject({ inPerson: 39, inPersonRate: 39 / 40 });
        throw rolledBack;
      }),
    ).rejects.toBe(rolledBack);
    expect((await figures(deps, lead)).rounds[1]!.inPersonRate).toBe(1);
    expect(f.visitsByChannel.find((c) => c.channel === 'phone')!.count).toBeGreaterThan(0);
    expect(f.overdueReviews).toBeGreaterThan(0);
  });

  it('has five lessons with scripts that have been played', async () => {
    const lessons = await listLessons(deps, lead);
    expect(lessons.total).toBe(5);
    for (const l of lessons.items) expect(l.script.length).toBeGreaterThan(80);
    expect(lessons.items.reduce((s, l) => s + l.plays, 0)).toBeGreaterThan(0);
    // each has a recording made by espeak-ng, unless the machine has none (CI installs it)
    if (await speechAvailable())
      for (const l of lessons.items) expect(l.audio).toMatchObject({ mime: 'audio/wav' });
    expect((await verifyAudit(deps.db, tenantId)).ok).toBe(true);
  });
});
