import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { permissionsOf, type Role } from '../../src/contract/permissions.ts';
import type { Actor } from '../../src/server/platform/context.ts';
import { mayReceive, publish } from '../../src/server/platform/events.ts';
import { createTestApp, type TestApp } from '../support/app.ts';
import { login, newStreet, newUser } from '../support/factories.ts';

const actor = (role: Role, extra: Partial<Actor> = {}): Actor => ({
  userId: 7,
  username: 'u',
  displayName: 'u',
  role,
  permissions: new Set(permissionsOf(role)),
  tenantId: 1,
  householdId: null,
  via: 'session',
  ...extra,
});

describe('who receives a live event', () => {
  it('gives a resident only events about their own household (and their own notifications)', () => {
    const resident = actor('resident', { householdId: 42 });
    expect(mayReceive(resident, { tenantId: 1, topic: 'household', data: { householdId: 42 } })).toBe(true);
    expect(mayReceive(resident, { tenantId: 1, topic: 'household', data: { householdId: 43 } })).toBe(false);
    expect(mayReceive(resident, { tenantId: 1, topic: 'round', data: { roundId: 1, estateId: 2 } })).toBe(
      false,
    );
    expect(mayReceive(resident, { tenantId: 1, topic: 'safety.work_orders', data: { id: 3 } })).toBe(false);
    expect(mayReceive(resident, { tenantId: 1, topic: 'notification', data: { userId: 7, id: 1 } })).toBe(
      true,
    );
    expect(mayReceive(resident, { tenantId: 1, topic: 'notification', data: { userId: 8, id: 1 } })).toBe(
      false,
    );
    expect(mayReceive(actor('resident'), { tenantId: 1, topic: 'household', data: {} })).toBe(false);
  });

  it('gives staff the topics their permissions cover, and nobody else’s notifications or jobs', () => {
    const leader = actor('street_leader');
    expect(mayReceive(leader, { tenantId: 1, topic: 'household', data: { householdId: 43 } })).toBe(true);
    expect(mayReceive(leader, { tenantId: 1, topic: 'job', data: { jobId: 1, userId: 8 } })).toBe(false);
    expect(mayReceive(leader, { tenantId: 1, topic: 'notification', data: { userId: 8 } })).toBe(false);
    const vendor = actor('vendor');
    expect(mayReceive(vendor, { tenantId: 1, topic: 'household', data: { householdId: 43 } })).toBe(false);
    expect(mayReceive(vendor, { tenantId: 1, topic: 'mediation.case', data: { caseId: 1 } })).toBe(false);
    expect(mayReceive(leader, { tenantId: 1, topic: 'not-listed', data: {} })).toBe(false);
    expect(mayReceive(vendor, { tenantId: 1, topic: 'resync' })).toBe(true);
  });
});

describe('GET /api/events', () => {
  let t: TestApp;
  let base: string;
  beforeAll(async () => {
    t = await createTestApp();
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    const address = t.app.server.address();
    base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  });
  afterAll(() => t.close());

  /** Reads a subscriber's stream until it is aborted; gives the event names seen. */
  function listen(cookie: string) {
    const controller = new AbortController();
    const seen: string[] = [];
    const ready = (async () => {
      const res = await fetch(`${base}/api/events`, { headers: { cookie }, signal: controller.signal });
      const reader = res.body!.getReader();
      const decoder = new TextDecoder();
      let opened: () => void = () => undefined;
      const hello = new Promise<void>((resolve) => (opened = resolve));
      void (async () => {
        try {
          for (;;) {
            const { value, done } = await reader.read();
            if (done) return;
            for (const m of decoder.decode(value).matchAll(/^event: (.+)$/gm)) {
              seen.push(m[1]!);
              if (m[1] === 'hello') opened();
            }
          }
        } catch {
          // aborted
        }
      })();
      await hello;
    })();
    return { seen, ready, stop: () => controller.abort() };
  }

  it('streams to each subscriber only what they may see', async () => {
    const street = await newStreet(t.deps);
    const leader = await newUser(t.deps, 'street_leader', street);
    const resident = await newUser(t.deps, 'resident', street);
    const vendor = await newUser(t.deps, 'vendor', street);
    const streams = {
      leader: listen((await login(t.app, leader)).cookie),
      resident: listen((await login(t.app, resident)).cookie),
      vendor: listen((await login(t.app, vendor)).cookie),
    };
    await Promise.all(Object.values(streams).map((s) => s.ready));
    await publish(t.deps.db, { tenantId: street, topic: 'household', data: { householdId: 99_999 } });
    await publish(t.deps.db, { tenantId: street, topic: 'notification', data: { userId: resident.id } });
    await publish(t.deps.db, { tenantId: street, topic: 'safety.work_orders', data: { id: 1 } });
    await expect.poll(() => streams.leader.seen, { timeout: 5000 }).toContain('safety.work_orders');
    await expect.poll(() => streams.resident.seen, { timeout: 5000 }).toContain('notification');
    await new Promise((r) => setTimeout(r, 300));
    for (const s of Object.values(streams)) s.stop();
    expect(streams.leader.seen).toEqual(['hello', 'household', 'safety.work_orders']);
    expect(streams.resident.seen).toEqual(['hello', 'notification']);
    expect(streams.vendor.seen).toEqual(['hello']);
  });
});
