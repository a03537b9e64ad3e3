import { describe, expect, it } from 'vitest';
import { permissionsOf } from '../../contract/permissions.ts';
import { ManualClock } from './clock.ts';
import type { Deps } from './deps.ts';
import { ActorCache, type CachedAuth } from './actor-cache.ts';

const found: CachedAuth = {
  actor: {
    userId: 1,
    username: 'u',
    displayName: 'u',
    role: 'street_leader',
    permissions: new Set(permissionsOf('street_leader')),
    tenantId: 1,
    householdId: null,
    via: 'token',
  },
  csrfToken: null,
  expiresAt: null,
};

/** A cache listening on a database that never notifies (the tests call clear() themselves). */
async function listeningCache() {
  const deps = { clock: new ManualClock(), database: { listen: async () => async () => {} } };
  const cache = new ActorCache(deps as unknown as Deps);
  await cache.start();
  return cache;
}

function slowLookup() {
  let calls = 0;
  let release!: () => void;
  const gate = new Promise<void>((r) => (release = r));
  const lookup = async () => {
    calls++;
    await gate;
    return found;
  };
  return { lookup, release, calls: () => calls };
}

describe('actor cache under concurrency', () => {
  it('50 requests with the same credential arriving together cost one lookup, not 50', async () => {
    const cache = await listeningCache();
    const slow = slowLookup();
    const all = Array.from({ length: 50 }, () => cache.resolve('token', 'gz_t', slow.lookup));
    slow.release();
    expect(await Promise.all(all)).toEqual(Array.from({ length: 50 }, () => found));
    expect(slow.calls()).toBe(1);
  });

  it('a request after a change (clear) never joins a lookup that started before it', async () => {
    const cache = await listeningCache();
    const before = slowLookup();
    const first = cache.resolve('token', 'gz_t', before.lookup);
    cache.clear(); // e.g. the token was revoked meanwhile
    const after = slowLookup();
    const second = cache.resolve('token', 'gz_t', after.lookup);
    before.release();
    after.release();
    await Promise.all([first, second]);
    expect(before.calls()).toBe(1);
    expect(after.calls()).toBe(1);
  });

  it('a refused credential is not shared beyond the requests already waiting for it', async () => {
    const cache = await listeningCache();
    let calls = 0;
    const refuse = async () => {
      calls++;
      return null;
    };
    expect(await cache.resolve('token', 'bad', refuse)).toBeNull();
    expect(await cache.resolve('token', 'bad', refuse)).toBeNull();
    expect(calls).toBe(2);
  });
});
