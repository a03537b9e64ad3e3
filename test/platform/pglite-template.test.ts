import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/server/db/database.ts';
import { migrationFiles } from '../../src/server/db/migration-files.ts';
import { migrate } from '../../src/server/db/migrator.ts';
import { isEmptyDataDir, seedFromTemplate, templateIsCurrent } from '../../src/server/db/pglite-template.ts';
import { prepareTemplate } from '../../src/server/db/prepare-template.ts';
import { testDbKind } from '../support/app.ts';

// The template is an embedded-database matter: PostgreSQL servers never start from one.
describe.skipIf(testDbKind() === 'postgres')('embedded database template (cold start)', () => {
  let work: string;
  let template: string;

  beforeAll(async () => {
    work = fs.mkdtempSync(path.join(os.tmpdir(), 'gz-template-'));
    template = path.join(work, 'template');
    expect(await prepareTemplate(template)).toEqual(migrationFiles());
  }, 300_000);
  afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

  it('an empty data directory starts as a copy of the migrated template: no migration left to apply', async () => {
    const dir = path.join(work, 'fresh');
    expect(templateIsCurrent(template)).toBe(true);
    expect(seedFromTemplate(dir, template)).toBe(true);
    const database = await openDatabase({ dataDir: dir, template: false });
    try {
      expect((await migrate(database)).applied).toEqual([]);
      const users = await database.db.selectFrom('users').select('id').execute();
      expect(users).toEqual([]); // schema only: no account, no key comes with the template
      expect(fs.existsSync(path.join(dir, 'encryption.key'))).toBe(false);
    } finally {
      await database.close();
    }
  }, 120_000);

  it('never overwrites a data directory that already holds a database', async () => {
    const dir = path.join(work, 'fresh');
    expect(isEmptyDataDir(dir)).toBe(false);
    fs.writeFileSync(path.join(dir, 'marker'), 'kept');
    expect(seedFromTemplate(dir, template)).toBe(false);
    expect(fs.readFileSync(path.join(dir, 'marker'), 'utf8')).toBe('kept');
  });

  it('ignores a template made by another version (a migration this version does not know)', () => {
    const foreign = path.join(work, 'foreign');
    fs.cpSync(template, foreign, { recursive: true });
    fs.writeFileSync(
      path.join(foreign, 'migrations.json'),
      JSON.stringify([...migrationFiles(), '9999_from_the_future.sql']),
    );
    expect(templateIsCurrent(foreign)).toBe(false);
    const dir = path.join(work, 'other');
    expect(seedFromTemplate(dir, foreign)).toBe(false);
    expect(isEmptyDataDir(dir)).toBe(true);
  });

  it('without a template an empty data directory is left to initdb', () => {
    const dir = path.join(work, 'none');
    expect(seedFromTemplate(dir, path.join(work, 'missing'))).toBe(false);
    expect(fs.existsSync(dir)).toBe(false);
  });
});
