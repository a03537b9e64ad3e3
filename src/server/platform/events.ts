import { sql } from 'kysely';
import type { Database } from '../db/database.ts';
import type { Executor } from './audit.ts';

/** A change other screens may want to show at once: "estate 12's consultation moved". */
export interface LiveEvent {
  tenantId: number;
  topic: string;
  data?: unknown;
}

const CHANNEL = 'gongzhi_events';
const RESYNC = '__reconnected';

/**
 * Sends one small NOTIFY per business transaction (never per row: see SCALE.md). Inside a
 * transaction PostgreSQL delivers it on commit, so listeners never see a change that rolled back.
 */
export async function publish(executor: Executor, event: LiveEvent): Promise<void> {
  const payload = JSON.stringify(event);
  if (payload.length > 7900) throw new Error(`Live event payload too large (${payload.length} bytes)`);
  await sql`select pg_notify(${CHANNEL}, ${payload})`.execute(executor);
}

type Subscriber = (event: LiveEvent | { tenantId: number; topic: 'resync' }) => void;

/**
 * Fans the process's single LISTEN connection out to its SSE clients. Every server process runs one;
 * a NOTIFY from any process reaches all of them through PostgreSQL.
 */
export class EventHub {
  readonly #database: Database;
  readonly #subscribers = new Map<number, Set<Subscriber>>();
  #stop: Array<() => Promise<void>> = [];

  constructor(database: Database) {
    this.#database = database;
  }

  async start(): Promise<void> {
    this.#stop.push(
      await this.#database.listen(CHANNEL, (payload) => {
        let event: LiveEvent;
        try {
          event = JSON.parse(payload) as LiveEvent;
        } catch {
          return;
        }
        for (const fn of this.#subscribers.get(event.tenantId) ?? []) fn(event);
      }),
    );
    this.#stop.push(
      await this.#database.listen(RESYNC, () => {
        for (const [tenantId, set] of this.#subscribers)
          for (const fn of set) fn({ tenantId, topic: 'resync' });
      }),
    );
  }

  subscribe(tenantId: number, fn: Subscriber): () => void {
    let set = this.#subscribers.get(tenantId);
    if (!set) this.#subscribers.set(tenantId, (set = new Set()));
    set.add(fn);
    return () => {
      set.delete(fn);
      if (set.size === 0) this.#subscribers.delete(tenantId);
    };
  }

  get subscriberCount(): number {
    let n = 0;
    for (const set of this.#subscribers.values()) n += set.size;
    return n;
  }

  async stop(): Promise<void> {
    for (const stop of this.#stop) await stop().catch(() => undefined);
    this.#stop = [];
  }
}
