import type { Actor } from './context.ts';
import type { Deps } from './deps.ts';
import { sha256 } from './crypto.ts';

/** NOTIFY channel of migration 0020: a user, token or session changed somewhere. */
export const AUTH_CHANGED = 'gongzhi_auth';
const RECONNECTED = '__reconnected';

/** However notifications fare, an entry is looked up again after this long. */
const TTL_MS = 1000;
const MAX_ENTRIES = 10_000;

export interface CachedAuth {
  actor: Actor;
  csrfToken: string | null;
  /** Session expiry (ms since epoch); tokens do not expire. */
  expiresAt: number | null;
}

interface Entry extends CachedAuth {
  cachedAt: number;
}

/**
 * The actors behind recently seen session cookies and API tokens of this process, so a request costs
 * no database round trip to learn who sends it. Correctness does not rest on the short lifetime:
 * every change to users, tokens or sessions (migration 0020's triggers) is announced by NOTIFY to
 * every process, which then forgets everything; so does a reconnected listener (notifications may
 * have been missed) and any mutation served by this process (its own change must hold for the very
 * next request, before its notification comes back). A lookup that raced with a change is not stored.
 * Requests that arrive together with one credential (an entry just aged out at 50 concurrent
 * clients) share one lookup instead of each sending its own.
 */
export class ActorCache {
  readonly #entries = new Map<string, Entry>();
  /** Lookups in flight: requests arriving together with one credential share one (same generation only). */
  readonly #pending = new Map<string, Promise<CachedAuth | null>>();
  readonly #deps: Deps;
  #generation = 0;
  #stop: Array<() => Promise<void>> = [];

  constructor(deps: Deps) {
    this.#deps = deps;
  }

  async start(): Promise<void> {
    for (const channel of [AUTH_CHANGED, RECONNECTED])
      this.#stop.push(await this.#deps.database.listen(channel, () => this.clear()));
  }

  async stop(): Promise<void> {
    for (const stop of this.#stop) await stop().catch(() => undefined);
    this.#stop = [];
    this.clear();
  }

  clear(): void {
    this.#generation++;
    this.#entries.clear();
    this.#pending.clear();
  }

  /** The cached answer for a credential, or the one `lookup` gives (null: refused, never cached). */
  async resolve(
    kind: 'session' | 'token',
    credential: string,
    lookup: () => Promise<CachedAuth | null>,
  ): Promise<CachedAuth | null> {
    const key = `${kind}:${sha256(credential)}`;
    const now = this.#deps.clock.now().getTime();
    const hit = this.#entries.get(key);
    if (hit && now - hit.cachedAt < TTL_MS && (hit.expiresAt === null || hit.expiresAt > now)) return hit;
    if (hit) this.#entries.delete(key);
    // A clear() empties #pending: a request after a change never joins a lookup from before it.
    const inFlight = this.#pending.get(key);
    if (inFlight) return inFlight;
    const generation = this.#generation;
    const pending = lookup().finally(() => {
      if (this.#pending.get(key) === pending) this.#pending.delete(key);
    });
    // Only while listening: without notifications a revocation elsewhere would go unseen.
    if (this.#stop.length > 0) this.#pending.set(key, pending);
    const found = await pending;
    if (found && generation === this.#generation && this.#stop.length > 0) {
      if (this.#entries.size >= MAX_ENTRIES) this.#entries.delete(this.#entries.keys().next().value!);
      this.#entries.set(key, { ...found, cachedAt: now });
    }
    return found;
  }
}
