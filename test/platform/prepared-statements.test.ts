import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { openDatabase, type Database } from '../../src/server/db/database.ts';
import { openTestDatabase } from '../support/db.ts';
import { testDbKind } from '../support/app.ts';

/**
 * Named prepared statements on PostgreSQL (issue 16): a repeated statement is parsed and planned once
 * per connection; DATABASE_PREPARED_STATEMENTS=false (behind PgBouncer 1.18) sends every one unnamed;
 * a table changed under a running process (rolling upgrade) costs one failed call, not every later one.
 */
describe.skipIf(testDbKind() !== 'postgres')('prepared statements (PostgreSQL)', () => {
  let url: string;
  let drop: () => Promise<void>;
  const opened: Database[] = [];
  const open = async (preparedStatements: boolean) => {
    const database = await openDatabase({ url, poolSize: 1, preparedStatements });
    opened.push(database);
    return database;
  };
  /** The statements this connection holds, as pg_prepared_statements names them (one connection). */
  const prepared = async (database: Database) =>
    (
      await sql<{
        statement: string;
      }>`select statement from pg_prepared_statements where name like 'gz%'`.execute(database.db)
    ).rows.map((r) => r.statement);

  beforeAll(async () => {
    const test = await openTestDatabase('postgres', inject('dbTemplate'));
    url = test.url!;
    drop = test.drop;
    const setup = await open(false);
    await sql`create table prepared_probe (id int primary key, label text)`.execute(setup.db);
    await sql`insert into prepared_probe values (1, 'one'), (2, 'two')`.execute(setup.db);
  });
  afterAll(async () => {
    for (const database of opened) await database.close();
    await drop();
  });

  const byId = (database: Database, id: number) =>
    database.db
      .selectFrom('prepared_probe' as never)
      .selectAll()
      .where('id' as never, '=', id as never)
      .execute();

  it('names a repeated parameterised statement once per connection and answers as before', async () => {
    const database = await open(true);
    expect(await byId(database, 1)).toEqual([{ id: 1, label: 'one' }]);
    expect(await byId(database, 2)).toEqual([{ id: 2, label: 'two' }]);
    const statements = (await prepared(database)).filter((s) => s.includes('prepared_probe'));
    expect(statements).toHaveLength(1);
  });

  it('sends nothing named when turned off', async () => {
    const database = await open(false);
    await byId(database, 1);
    await byId(database, 1);
    expect(await prepared(database)).toEqual([]);
  });

  it('recovers when a migration changes the table under a running process', async () => {
    const database = await open(true);
    await byId(database, 1);
    const other = await open(false);
    await sql`alter table prepared_probe add column extra text`.execute(other.db);
    // The old plan's row type no longer holds: that one call fails…
    await expect(byId(database, 1)).rejects.toThrow(/cached plan/);
    // …and the next prepares the statement afresh.
    expect(await byId(database, 1)).toEqual([{ id: 1, label: 'one', extra: null }]);
  });
});
