import { PGlite } from '@electric-sql/pglite';
import { Kysely, PostgresDialect, sql, type Transaction } from 'kysely';
import pg from 'pg';
import fs from 'node:fs';
import { ConnectionLock, pgliteDialect } from './pglite-dialect.ts';
import { seedFromTemplate } from './pglite-template.ts';
import type { DB } from './schema.ts';

export type Db = Kysely<DB>;
/** What a query runs on: the database itself or an open transaction. */
export type Executor = Kysely<DB> | Transaction<DB>;

type Listener = (payload: string) => void;

/**
 * The application's handle on its database, embedded (PGlite) or server (PostgreSQL).
 * Both speak the same SQL; only connection handling, scripts and LISTEN differ, and they differ here.
 */
export interface Database {
  readonly kind: 'pglite' | 'postgres';
  readonly db: Db;
  /**
   * Where read-only heavy work goes (dashboards, figures, exports): the hot standby when
   * DATABASE_READ_URL is set, else the same database as `db`. Never write through it.
   */
  readonly readDb: Db;
  /** Runs a multi-statement SQL script (migrations) on one connection, in the simple protocol. */
  execScript(script: string): Promise<void>;
  /** Subscribes to a NOTIFY channel; the returned function unsubscribes. */
  listen(channel: string, listener: Listener): Promise<() => Promise<void>>;
  close(): Promise<void>;
  /** PGlite only: the whole data directory as a tarball (test templates, backups of the demo). */
  dumpDataDir?(): Promise<Blob>;
}

// Every process parses values the same way: bigint ids and counts as numbers (ids stay far below
// 2^53), numeric as numbers, timestamps as ISO strings ready for JSON, dates as 'YYYY-MM-DD'.
const INT8 = 20;
const NUMERIC = 1700;
const TIMESTAMPTZ = 1184;
const TIMESTAMP = 1114;
const DATE = 1082;
const toIso = (value: string) => new Date(value).toISOString();
const parsers: Record<number, (value: string) => unknown> = {
  [INT8]: Number,
  [NUMERIC]: Number,
  [TIMESTAMPTZ]: toIso,
  [TIMESTAMP]: (value) => toIso(`${value}Z`),
  [DATE]: (value) => value,
};

export interface DatabaseOptions {
  /** PostgreSQL connection string; without it, an embedded PGlite database is used. */
  url?: string | undefined;
  /** PGlite data directory; omitted means in memory (tests). */
  dataDir?: string | undefined;
  poolSize?: number;
  /** PostgreSQL only: a read-only replica for heavy reads (see Database.readDb). */
  readUrl?: string | undefined;
  /**
   * PostgreSQL only: where the LISTEN connection goes when DATABASE_URL is a transaction-pooling
   * PgBouncer (LISTEN needs a session: a session-pooled PgBouncer database or the server itself).
   */
  listenUrl?: string | undefined;
  /**
   * PostgreSQL only: send repeated statements as named prepared statements (default true). Turn off
   * when DATABASE_URL is a transaction-pooling PgBouncer older than 1.21, which cannot keep them.
   */
  preparedStatements?: boolean | undefined;
  /** PGlite only: start from this dumped data directory instead of an empty one. */
  loadDataDir?: Blob | undefined;
  /** PGlite only: an empty data directory starts as a copy of the prepared template (default true). */
  template?: boolean | undefined;
}

export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  return options.url
    ? openPostgres(options.url, options.poolSize ?? 10, options)
    : openPglite(options.dataDir, options.loadDataDir, options.template ?? true);
}

async function openPglite(
  dataDir: string | undefined,
  loadDataDir: Blob | undefined,
  template: boolean,
): Promise<Database> {
  if (dataDir && !loadDataDir && template) seedFromTemplate(dataDir);
  if (dataDir) fs.mkdirSync(dataDir, { recursive: true });
  const client = new PGlite({
    parsers,
    ...(dataDir ? { dataDir } : {}),
    ...(loadDataDir ? { loadDataDir } : {}),
  });
  await client.waitReady;
  const lock = new ConnectionLock();
  const db = new Kysely<DB>({ dialect: pgliteDialect(client, lock) });
  return {
    kind: 'pglite',
    db,
    readDb: db,
    execScript: (script) => lock.run(async () => void (await client.exec(script))),
    listen: async (channel, listener) => {
      const unlisten = await client.listen(channel, listener);
      return () => unlisten();
    },
    close: () => db.destroy(),
    dumpDataDir: () => lock.run(async () => await client.dumpDataDir('none')),
  };
}

const types = {
  getTypeParser: (oid: number, format?: string): ((value: string) => unknown) =>
    parsers[oid] ?? (pg.types.getTypeParser(oid, format as 'text') as (value: string) => unknown),
};

/**
 * A pool that outlives its server: when PostgreSQL goes away (a failover, a restart) idle clients
 * error out and are dropped — without this handler the 'error' event would kill the process — and
 * the next query opens a fresh connection to wherever the URL (PgBouncer) now points.
 */
function resilientPool(url: string, max: number, prepare: boolean): pg.Pool {
  const pool = new pg.Pool({ connectionString: url, max, types, connectionTimeoutMillis: 10_000 });
  pool.on('error', () => undefined);
  // A client checked out (mid-transaction) has no pool listener: PgBouncer's "server conn crashed?"
  // would be an unhandled 'error' and kill the process. The running query still fails (→ 503) and
  // the pool drops the broken client on release.
  pool.on('connect', (client) => {
    client.on('error', () => undefined);
    if (prepare) prepareRepeatedStatements(client);
  });
  return pool;
}

/** Statement text → its name, shared by every connection of the process (names are per connection). */
const statementNames = new Map<string, string>();
let namedStatements = 0;
const MAX_NAMED_STATEMENTS = 2_000;
const MAX_PREPARED_TEXT = 16_384;

/**
 * Sends every parameterised statement under a name, so PostgreSQL parses and plans it once per
 * connection and the process sends its text once: a household file's 2,700-character statement
 * was planned for 0.6–1.1 ms to execute in 0.3 ms, on every request (issue 16). The statements
 * Kysely builds are few and fixed in shape (values travel as parameters), so their number is bounded;
 * beyond MAX_NAMED_STATEMENTS distinct texts (IN lists of every length, say) the rest go unnamed.
 * Behind a transaction-pooling PgBouncer before 1.21 it must be off (DATABASE_PREPARED_STATEMENTS=false).
 */
function prepareRepeatedStatements(client: pg.PoolClient): void {
  const query = client.query.bind(client) as (...args: unknown[]) => unknown;
  (client as { query: unknown }).query = (text: unknown, values?: unknown, callback?: unknown) => {
    if (typeof text !== 'string' || !Array.isArray(values) || values.length === 0 || callback)
      return query(text, values, callback);
    if (text.length > MAX_PREPARED_TEXT) return query(text, values);
    let name = statementNames.get(text);
    if (!name && namedStatements < MAX_NAMED_STATEMENTS) {
      name = `gz${namedStatements++}`;
      statementNames.set(text, name);
    }
    if (!name) return query(text, values);
    return (query({ name, text, values }) as Promise<unknown>).catch((error: unknown) => {
      // A migration changed a table under a running process (a rolling upgrade): its `select *`
      // statements can no longer run under their old names. Later calls prepare the text afresh.
      if ((error as { code?: string }).code === '0A000' && /cached plan/.test(String(error)))
        statementNames.delete(text);
      throw error;
    });
  };
}

async function openPostgres(
  url: string,
  poolSize: number,
  options: Pick<DatabaseOptions, 'readUrl' | 'listenUrl' | 'preparedStatements'>,
): Promise<Database> {
  const prepare = options.preparedStatements ?? true;
  const pool = resilientPool(url, poolSize, prepare);
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
  await sql`select 1`.execute(db); // fail fast on a wrong URL
  const readDb = options.readUrl
    ? new Kysely<DB>({
        dialect: new PostgresDialect({ pool: resilientPool(options.readUrl, poolSize, prepare) }),
      })
    : db;
  if (readDb !== db) await sql`select 1`.execute(readDb);
  const listener = new PgListener(options.listenUrl ?? url);
  return {
    kind: 'postgres',
    db,
    readDb,
    execScript: async (script) => {
      const client = await pool.connect();
      try {
        await client.query(script);
      } finally {
        client.release();
      }
    },
    listen: (channel, fn) => listener.listen(channel, fn),
    close: async () => {
      await listener.close();
      await db.destroy();
      if (readDb !== db) await readDb.destroy();
    },
  };
}

/**
 * One dedicated LISTEN connection per process (LISTEN cannot go through a pool or PgBouncer).
 * After a drop it reconnects with backoff and re-LISTENs every channel; subscribers learn of the
 * gap through the '__reconnected' pseudo-channel so they can re-fetch state.
 */
class PgListener {
  readonly #url: string;
  readonly #channels = new Map<string, Set<Listener>>();
  #client: pg.Client | null = null;
  #connecting: Promise<pg.Client> | null = null;
  #closed = false;

  constructor(url: string) {
    this.#url = url;
  }

  async listen(channel: string, fn: Listener): Promise<() => Promise<void>> {
    let set = this.#channels.get(channel);
    if (!set) {
      set = new Set();
      this.#channels.set(channel, set);
      const client = await this.#connect();
      await client.query(`LISTEN ${pg.escapeIdentifier(channel)}`);
    }
    set.add(fn);
    return async () => {
      set.delete(fn);
      if (set.size === 0 && this.#channels.get(channel) === set) {
        this.#channels.delete(channel);
        await this.#client?.query(`UNLISTEN ${pg.escapeIdentifier(channel)}`).catch(() => undefined);
      }
    };
  }

  #connect(): Promise<pg.Client> {
    if (this.#client) return Promise.resolve(this.#client);
    this.#connecting ??= (async () => {
      const client = new pg.Client({ connectionString: this.#url });
      client.on('notification', (msg) => {
        for (const fn of this.#channels.get(msg.channel) ?? []) fn(msg.payload ?? '');
      });
      client.on('error', () => this.#dropped(client));
      client.on('end', () => this.#dropped(client));
      await client.connect();
      this.#client = client;
      this.#connecting = null;
      return client;
    })().catch((error: unknown) => {
      this.#connecting = null;
      throw error;
    });
    return this.#connecting;
  }

  #dropped(client: pg.Client): void {
    if (this.#client !== client) return;
    this.#client = null;
    if (!this.#closed) void this.#reconnect(250);
  }

  async #reconnect(delayMs: number): Promise<void> {
    await new Promise((r) => setTimeout(r, delayMs));
    if (this.#closed) return;
    try {
      const client = await this.#connect();
      for (const channel of this.#channels.keys())
        await client.query(`LISTEN ${pg.escapeIdentifier(channel)}`);
      for (const fn of this.#channels.get('__reconnected') ?? []) fn('');
    } catch {
      void this.#reconnect(Math.min(delayMs * 2, 4_000)); // a failover takes seconds: keep trying often
    }
  }

  async close(): Promise<void> {
    this.#closed = true;
    const client = this.#client;
    this.#client = null;
    await client?.end().catch(() => undefined);
  }
}
