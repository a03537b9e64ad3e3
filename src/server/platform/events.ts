import { sql } from 'kysely';
import type { Database, Executor } from '../db/database.ts';
import type { Permission } from '../../contract/permissions.ts';
import type { Actor } from './context.ts';

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

/**
 * Who may see a topic's events besides the people an event names: any one of these permissions
 * (a street dashboard, `stats.read`, moves with every figure). A topic missing here reaches no one
 * but the people its events name — a new topic is private until it is listed.
 */
const TOPIC_READERS: Record<string, readonly Permission[]> = {
  household: ['household.read', 'household.read_all', 'stats.read'],
  round: ['round.read', 'round.manage', 'stats.read'],
  legislation: ['legislation.read', 'legislation.manage', 'stats.read'],
  suggestions: ['suggestion.read', 'suggestion.handle', 'suggestion.manage', 'stats.read'],
  suggestion_projects: ['suggestion.read', 'suggestion.handle', 'suggestion.manage', 'stats.read'],
  suggestion_topics: ['suggestion.read', 'suggestion.handle', 'suggestion.manage', 'stats.read'],
  'council.topic': ['council.read', 'council.manage', 'stats.read'],
  'council.meeting': ['council.read', 'council.manage', 'stats.read'],
  'council.project': ['council.read', 'council.manage', 'stats.read'],
  'council.sign_in': ['council.read', 'council.manage', 'stats.read'],
  'mediation.case': ['mediation.handle', 'mediation.oversee', 'stats.read'],
  'mediation.escalation': ['mediation.handle', 'mediation.oversee', 'stats.read'],
  'safety.work_orders': ['safety.read', 'safety.dispatch', 'safety.handle', 'safety.manage', 'stats.read'],
  'safety.patrols': ['safety.read', 'safety.handle', 'safety.manage', 'stats.read'],
  iot: ['safety.read', 'safety.manage', 'stats.read'],
  'opinion.map': ['opinion.read', 'opinion.manage'],
};

/**
 * Whether a subscriber may receive an event of its street. An event naming a user (a notification,
 * a job's progress) reaches that user only. A resident receives only events about their own
 * household. Staff receive a topic's events when their permissions cover that topic.
 */
export function mayReceive(actor: Actor, event: LiveEvent | { topic: 'resync' }): boolean {
  if (event.topic === 'resync') return true;
  const data = (('data' in event ? event.data : undefined) ?? {}) as {
    userId?: unknown;
    householdId?: unknown;
  };
  if (data.userId !== undefined) return data.userId === actor.userId;
  if (actor.role === 'resident') return actor.householdId !== null && data.householdId === actor.householdId;
  return (TOPIC_READERS[event.topic] ?? []).some((p) => actor.permissions.has(p));
}
