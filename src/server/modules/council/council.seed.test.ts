import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDeps } from '../../../../test/support/app.ts';
import { verifyAudit } from '../../platform/audit.ts';
import type { Deps } from '../../platform/deps.ts';
import { seedDemo } from '../demo/demo.seed.ts';
import { seedHouseholds } from '../households/households.seed.ts';
import { seedMediation } from '../mediation/mediation.seed.ts';
import { seedCouncil } from './council.seed.ts';

let deps: Deps;
let close: () => Promise<void>;
let tenantId: number;

beforeAll(async () => {
  ({ deps, close } = await createTestDeps());
  tenantId = (await seedDemo(deps, [seedHouseholds, seedCouncil, seedMediation])).tenantId;
}, 300_000);
afterAll(() => close());

describe('council hall and mediation demo seed', () => {
  it('has topics, meetings with sign-ins and resolutions, and projects with published results', async () => {
    const count = async (
      table: 'council_topics' | 'council_meetings' | 'council_resolutions' | 'council_projects',
    ) => (await deps.db.selectFrom(table).select('id').where('tenant_id', '=', tenantId).execute()).length;
    expect(await count('council_topics')).toBe(4);
    expect(await count('council_meetings')).toBe(2);
    expect(await count('council_resolutions')).toBe(2);
    expect(await count('council_projects')).toBe(3);
    const signedIn = await deps.db
      .selectFrom('council_participants')
      .select('sign_in_method')
      .where('tenant_id', '=', tenantId)
      .where('signed_in_at', 'is not', null)
      .execute();
    expect(new Set(signedIn.map((s) => s.sign_in_method))).toEqual(new Set(['qr', 'staff']));
    // the story is dated around the seeding day: one meeting held, the next one still ahead
    const meetings = await deps.db
      .selectFrom('council_meetings')
      .select(['held_at', 'status', 'minutes_published_at'])
      .where('tenant_id', '=', tenantId)
      .orderBy('held_at')
      .execute();
    const now = deps.clock.now().getTime();
    expect(new Date(meetings[0]!.held_at).getTime()).toBeLessThan(now);
    expect(new Date(meetings[1]!.held_at).getTime()).toBeGreaterThan(now);
    expect(meetings[1]!.status).not.toBe('held');
    // the held one's minutes and votes are published to those invited
    expect(meetings[0]!.minutes_published_at).not.toBeNull();
    expect(meetings[1]!.minutes_published_at).toBeNull();
  });

  it('makes the resident demo account’s person a member of her household', async () => {
    const row = await deps.db
      .selectFrom('users as u')
      .innerJoin('households as h', (j) =>
        j.onRef('h.id', '=', 'u.household_id').onRef('h.tenant_id', '=', 'u.tenant_id'),
      )
      .select(['u.display_name', 'h.members'])
      .where('u.username', '=', 'resident')
      .executeTakeFirstOrThrow();
    expect(row.display_name).toContain('刘桂芳');
    expect((row.members as Array<{ name: string }>).map((m) => m.name)).toContain('刘桂芳');
  });

  it('has mediation cases across the life cycle, one at risk, one with the resident as a party', async () => {
    const cases = await deps.db
      .selectFrom('mediation_cases')
      .select(['status', 'at_risk'])
      .where('tenant_id', '=', tenantId)
      .execute();
    expect(cases.map((c) => c.status).sort()).toEqual(
      ['agreed', 'agreed', 'applied', 'failed', 'mediating', 'oral_agreed', 'refused'].sort(),
    );
    expect(cases.filter((c) => c.at_risk)).toHaveLength(1);
    // the case at risk told the police liaison (and the committee heads) through the platform
    const escalations = await deps.db
      .selectFrom('notifications as n')
      .innerJoin('users as u', 'u.id', 'n.user_id')
      .select(['u.role'])
      .where('n.tenant_id', '=', tenantId)
      .where('n.topic', '=', 'mediation.escalation')
      .execute();
    expect(escalations.map((e) => e.role)).toContain('liaison');
    // each partner organisation is represented by its own liaison, not the police officer for all
    const liaisons = await deps.db
      .selectFrom('mediation_members as m')
      .innerJoin('users as u', 'u.id', 'm.user_id')
      .select(['m.org', 'u.username'])
      .where('m.tenant_id', '=', tenantId)
      .where('m.role', '=', 'liaison')
      .execute();
    const usernameOf = { police: 'liaison', judicial: 'judicial', law_firm: 'lawyer' } as const;
    expect(new Set(liaisons.map((l) => l.org))).toEqual(new Set(Object.keys(usernameOf)));
    for (const l of liaisons) expect(l.username).toBe(usernameOf[l.org as keyof typeof usernameOf]);
    // and each records its own part: police action, judicial confirmation, legal advice
    const entries = await deps.db
      .selectFrom('mediation_liaison_entries')
      .select(['org', 'kind', 'result'])
      .where('tenant_id', '=', tenantId)
      .execute();
    expect(new Set(entries.map((e) => e.kind))).toEqual(
      new Set(['police_action', 'confirmation_applied', 'confirmation_result', 'legal_advice']),
    );
    const liaisonUnits = await deps.db
      .selectFrom('users')
      .select(['username', 'liaison_org'])
      .where('role', '=', 'liaison')
      .execute();
    for (const u of liaisonUnits)
      expect(u.liaison_org).toBe(Object.entries(usernameOf).find(([, n]) => n === u.username)?.[0]);
    expect((await verifyAudit(deps.db, tenantId)).ok).toBe(true);
  });
});
