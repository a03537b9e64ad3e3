import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { sql } from 'kysely';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { openDatabase } from '../../src/server/db/database.ts';
import { openTestDatabase } from '../support/db.ts';
import { TEST_AUDIT_KEY, TEST_KEY, testDbKind } from '../support/app.ts';

const run = promisify(execFile);
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'gz-cli-'));
const cleanup: Array<() => Promise<void>> = [];
afterAll(async () => {
  for (const fn of cleanup) await fn();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

/** The database the CLI process will use: a data dir for PGlite, a fresh database for PostgreSQL. */
async function cliEnv(): Promise<NodeJS.ProcessEnv> {
  const base = {
    ...process.env,
    GONGZHI_DATA_DIR: dataDir,
    GONGZHI_ENCRYPTION_KEY: TEST_KEY,
    GONGZHI_AUDIT_KEY: TEST_AUDIT_KEY,
    LOG_LEVEL: 'silent',
  };
  if (testDbKind() !== 'postgres') return base;
  const { database, url, drop } = await openTestDatabase('postgres', inject('dbTemplate'));
  await database.close();
  cleanup.push(drop);
  return { ...base, DATABASE_URL: url };
}

async function gongzhi(env: NodeJS.ProcessEnv, ...args: string[]) {
  try {
    const { stdout, stderr } = await run(process.execPath, ['src/server/cli.ts', ...args], {
      env,
      // the embedded demo seed takes ~1.5 min on this 2-core machine (outcome triggers, opinion map)
      timeout: 200_000,
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

/**
 * The whole demo seed through the CLI costs ~1.5 min on the embedded database and ~30 s on
 * PostgreSQL. When both databases are tested it runs on PostgreSQL only: the browser journeys start
 * their embedded demo server through the same CLI (`gongzhi demo`), which seeds it the same way.
 */
const seedHere = testDbKind() === 'postgres' || !process.env.TEST_DATABASE_URL;

describe('gongzhi CLI', () => {
  it.runIf(seedHere)(
    'seeds the demo, verifies the audit chain, and names a row edited by hand',
    async () => {
      const env = await cliEnv();
      const seeded = await gongzhi(env, 'demo', 'seed');
      expect(seeded.stdout).toContain('Demo street seeded');

      const intact = await gongzhi(env, 'audit', 'verify');
      expect(intact.code).toBe(0);
      expect(intact.stdout).toMatch(/intact: \d+ rows checked/);

      const database = await openDatabase(env.DATABASE_URL ? { url: env.DATABASE_URL } : { dataDir });
      const victim = await sql<{ tenant_id: number; seq: number }>`
      select tenant_id, seq from audit_log where action = 'user.create' order by tenant_id desc, seq desc limit 1`.execute(
        database.db,
      );
      const row = victim.rows[0]!;
      await sql`update audit_log set payload = '{"username":"mallory"}' where tenant_id = ${row.tenant_id} and seq = ${row.seq}`.execute(
        database.db,
      );
      await database.close();

      const broken = await gongzhi(env, 'audit', 'verify');
      expect(broken.code).toBe(3);
      expect(broken.stderr).toContain(`tenant ${row.tenant_id}, seq ${row.seq}`);
    },
    300_000,
  );

  it('adds a user and refuses an unknown role', async () => {
    const env = await cliEnv();
    await gongzhi(env, 'migrate');
    const bad = await gongzhi(env, 'user', 'add', 'zhangsan', '--role', 'emperor');
    expect(bad.code).toBe(2);
    // the password policy applies here too, with the rule named
    const weak = await gongzhi(
      env,
      ...['user', 'add', 'lisi', '--role', 'cadre', '--name', '李四', '--password', 'Secret@123'],
    );
    expect(weak.code).toBe(1);
    expect(weak.stderr).toContain('common password');
    const ok = await gongzhi(
      env,
      'user',
      'add',
      'zhangsan',
      '--role',
      'system_admin',
      '--name',
      '张三',
      '--password',
      'Zhang#3-rooftop',
    );
    expect(ok.code).toBe(0);
    expect(ok.stdout).toContain('User zhangsan');
  }, 180_000);

  it("resets a user's second factor, audited, and names an unknown user", async () => {
    const env = await cliEnv();
    await gongzhi(env, 'migrate');
    const password = 'Wang#5-courtyard';
    await gongzhi(
      env,
      ...['user', 'add', 'wangwu', '--role', 'cadre', '--name', '王五', '--password', password],
    );
    const database = await openDatabase(env.DATABASE_URL ? { url: env.DATABASE_URL } : { dataDir });
    try {
      const user = await database.db
        .selectFrom('users')
        .select('id')
        .where('username', '=', 'wangwu')
        .executeTakeFirstOrThrow();
      await database.db
        .insertInto('user_mfa')
        .values({
          user_id: user.id,
          secret_enc: 'v1:x:y:z',
          confirmed_at: new Date(),
          created_at: new Date(),
        })
        .execute();
      await database.close();
      const unknown = await gongzhi(env, 'user', 'mfa-reset', 'nobody');
      expect(unknown.code).toBe(2);
      const reset = await gongzhi(env, 'user', 'mfa-reset', 'WangWu');
      expect(reset.stderr).toBe('');
      expect(reset.code).toBe(0);
      expect(reset.stdout).toContain('Second factor of WangWu removed');
      const after = await openDatabase(env.DATABASE_URL ? { url: env.DATABASE_URL } : { dataDir });
      try {
        expect(
          await after.db.selectFrom('user_mfa').selectAll().where('user_id', '=', user.id).execute(),
        ).toEqual([]);
        const audit = await after.db
          .selectFrom('audit_log')
          .select(['action', 'payload'])
          .where('entity_id', '=', String(user.id))
          .where('action', '=', 'auth.mfa_reset')
          .executeTakeFirstOrThrow();
        expect(audit.payload).toMatchObject({ by: 'cli', hadFactor: true });
      } finally {
        await after.close();
      }
    } catch (error) {
      await database.close().catch(() => undefined);
      throw error;
    }
  }, 180_000);
});
