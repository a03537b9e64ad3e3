import pino from 'pino';
import { ConfigError, type Config } from './config.ts';
import { openDatabase, type Database } from './db/database.ts';
import { migrate } from './db/migrator.ts';
import { systemClock, type Clock } from './platform/clock.ts';
import { AuditSeal, configureAuditSeal } from './platform/audit.ts';
import { sealLegacyChains } from './platform/audit-seal.ts';
import { FieldCipher, loadAuditKey, loadEncryptionKey } from './platform/crypto.ts';
import { generatePassword, passwordProblem } from './platform/password-policy.ts';
import type { Deps } from './platform/deps.ts';
import { encryptVolunteerPhones } from './modules/relocation/movers.service.ts';
import { EventHub } from './platform/events.ts';
import { databaseFileStore } from './platform/files.ts';
import { insertUser } from './modules/admin/users.service.ts';

export interface DepsOptions {
  database?: Database;
  clock?: Clock;
  logLevel?: pino.Level | 'silent';
}

/** Opens (and migrates) the database and wires the platform services every module receives. */
export async function createDeps(config: Config, options: DepsOptions = {}): Promise<Deps> {
  const log = pino({
    level: options.logLevel ?? config.logLevel,
    redact: ['req.headers.cookie', 'req.headers.authorization', 'req.headers["x-csrf-token"]'],
  });
  const database =
    options.database ??
    (await openDatabase({
      url: config.databaseUrl,
      readUrl: config.databaseReadUrl,
      listenUrl: config.databaseListenUrl,
      dataDir: config.dataDir,
      poolSize: config.poolSize,
      preparedStatements: config.preparedStatements,
    }));
  const { applied } = await migrate(database);
  if (applied.length) log.info({ applied }, 'migrations applied');
  const key = loadEncryptionKey({
    envKey: config.encryptionKey,
    dataDir: config.dataDir,
    embedded: database.kind === 'pglite',
  });
  const auditSeal = new AuditSeal(
    loadAuditKey({
      envKey: config.auditKey,
      encryptionKey: key,
      dataDir: config.dataDir,
      embedded: database.kind === 'pglite',
    }),
  );
  configureAuditSeal(auditSeal);
  await sealLegacyChains(database.db, auditSeal, log);
  const cipher = new FieldCipher(key);
  const movedPhones = await encryptVolunteerPhones(database.db, cipher);
  if (movedPhones) log.info({ movedPhones }, 'volunteer phones encrypted');
  const events = new EventHub(database);
  await events.start();
  return {
    config,
    database,
    db: database.db,
    readDb: database.readDb,
    clock: options.clock ?? systemClock,
    cipher,
    auditSeal,
    events,
    files: databaseFileStore,
    log,
  };
}

export async function closeDeps(deps: Deps): Promise<void> {
  await deps.events.stop();
  await deps.database.close();
}

/**
 * On an empty database, creates the system administrator `admin`. The password comes from
 * GONGZHI_ADMIN_PASSWORD; without it a one-time password is generated and returned to be printed once.
 */
export async function ensureAdmin(
  deps: Deps,
): Promise<{ created: boolean; generatedPassword: string | null }> {
  const anyUser = await deps.db.selectFrom('users').select('id').limit(1).executeTakeFirst();
  if (anyUser) return { created: false, generatedPassword: null };
  const given = deps.config.adminPassword;
  const problem = given ? passwordProblem(given, 'admin') : null;
  if (problem) throw new ConfigError(`GONGZHI_ADMIN_PASSWORD: ${problem.en}`);
  const generated = given ? null : generatePassword();
  await deps.db.transaction().execute((trx) =>
    insertUser(
      trx,
      deps,
      { actor: null, ip: null, userAgent: 'gongzhi' },
      {
        username: 'admin',
        displayName: '系统管理员',
        password: deps.config.adminPassword ?? generated!,
        role: 'system_admin',
        tenantId: null,
      },
    ),
  );
  return { created: true, generatedPassword: generated };
}
