import type { FastifyBaseLogger } from 'fastify';
import type { Config } from '../config.ts';
import type { Database, Db } from '../db/database.ts';
import type { AuditSeal } from './audit.ts';
import type { Clock } from './clock.ts';
import type { FieldCipher } from './crypto.ts';
import type { EventHub } from './events.ts';
import type { FileStore } from './files.ts';

/**
 * What services are given, built once in main.ts (or by the test builder) and passed down explicitly:
 * no module imports a global database client, so every part can run against a test database.
 */
export interface Deps {
  readonly config: Config;
  readonly database: Database;
  readonly db: Db;
  /** The read replica for read-only heavy work (dashboards, figures, exports); `db` when there is none. */
  readonly readDb: Db;
  readonly clock: Clock;
  readonly cipher: FieldCipher;
  /** Seals the audit chains and signs their checkpoints (key outside the database). */
  readonly auditSeal: AuditSeal;
  readonly events: EventHub;
  readonly files: FileStore;
  readonly log: FastifyBaseLogger;
}

/**
 * The same services with `db` on the read replica, for a read-only service called as a whole
 * (a dashboard, a figures page). Anything it tried to write would fail on the standby.
 */
export function onReplica(deps: Deps): Deps {
  return deps.readDb === deps.db ? deps : { ...deps, db: deps.readDb };
}
