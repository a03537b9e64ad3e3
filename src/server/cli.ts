import { parseArgs } from 'node:util';
import { closeDeps, createDeps, ensureAdmin } from './bootstrap.ts';
import { ConfigError, loadConfig } from './config.ts';
import { verifyAudit } from './platform/audit.ts';
import { backup, restore, RestoreRefused, type BackupTarget } from './db/backup.ts';
import { TEMPLATE_DIR, templateIsCurrent } from './db/pglite-template.ts';
import { prepareTemplate } from './db/prepare-template.ts';
import { readCheckpoints } from './platform/audit-seal.ts';
import { Roles, type Role } from '../contract/permissions.ts';
import { LiaisonOrgs } from '../contract/mediation.ts';
import { insertUser } from './modules/admin/users.service.ts';
import { DEMO_TENANT, seedDemo } from './modules/demo/demo.seed.ts';
import { DEMO_PASSWORD } from './platform/seedKit.ts';
import type { DeviceKind } from '../contract/iot.kinds.ts';
import { Faults } from './modules/iot/iot.demo.ts';
import { parseFaults, simulate } from './modules/iot/iot.simulator.ts';
import { startServer } from './main.ts';
import { AppError } from './platform/errors.ts';
import { generatePassword } from './platform/password-policy.ts';
import type { Deps } from './platform/deps.ts';
import { sql } from 'kysely';
import { resetUser } from './modules/auth/mfa.service.ts';

const HELP = `gongzhi — 共治 command line

  gongzhi migrate                        apply pending database migrations
  gongzhi prepare [--if-missing]         build the migrated embedded database template that an empty
                                         data directory starts from (run by npm run build)
  gongzhi user add <username> --role R --name "显示名" [--tenant CODE] [--password P] [--org police|judicial|law_firm]
                                         add a user (password prompted from GONGZHI_USER_PASSWORD or generated);
                                         a liaison needs --org, its unit
  gongzhi user mfa-reset <username>      remove a user's second factor (lost phone); they set it up again at
                                         their next sign-in; their sessions end (audited)
  gongzhi audit verify [--tenant ID]     recompute the audit hash chains; names the first broken row
  gongzhi backup <file>                  back the database up (PostgreSQL: pg_dump custom format;
                                         embedded: the data directory) — uploaded files included
  gongzhi restore <file> [--force]       restore a backup; a database that is not empty needs --force
  gongzhi audit verify [--tenant ID] [--checkpoints FILE|DIR]
                                         recompute the keyed audit chains and compare them with the
                                         signed checkpoints (default GONGZHI_AUDIT_CHECKPOINT_DIR);
                                         lists every break in every street
  gongzhi demo seed                      seed the demo street 曹杨新村街道 (once)
  gongzhi demo                           seed, then serve (what \`npm run demo\` runs)
  gongzhi serve                          serve (what \`npm start\` runs)
  gongzhi simulate [--tenant caoyang] [--estate CY1] [--rate 5] [--duration 60] [--fault smoke,...] [--url mqtt://…]
                                         publish demo device telemetry over MQTT (to MQTT_URL, or the embedded
                                         broker of a running server at MQTT_PORT); faults: ${Faults.join(', ')}

Configuration comes from the environment (see README).`;

async function main(argv: string[]): Promise<number> {
  const { positionals, values } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      role: { type: 'string' },
      name: { type: 'string' },
      tenant: { type: 'string' },
      password: { type: 'string' },
      org: { type: 'string' },
      estate: { type: 'string' },
      rate: { type: 'string' },
      duration: { type: 'string' },
      fault: { type: 'string', multiple: true },
      url: { type: 'string' },
      force: { type: 'boolean' },
      checkpoints: { type: 'string' },
      'if-missing': { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  const [command, sub, arg] = positionals;
  if (values.help || !command) {
    console.log(HELP);
    return command ? 0 : 1;
  }

  if (command === 'serve' || (command === 'demo' && sub === undefined)) {
    const isDemo = command === 'demo';
    const config = loadConfig(
      isDemo
        ? // The demo exempts administrators and leaders from the second factor, visibly (start-up
          // message, a notice in the app); GONGZHI_MFA_REQUIRED=true turns it back on.
          {
            GONGZHI_ADMIN_PASSWORD: DEMO_PASSWORD,
            LOG_LEVEL: 'warn',
            GONGZHI_MFA_REQUIRED: 'false',
            ...process.env,
          }
        : process.env,
    );
    const { url, mqttUrl } = await startServer(config, isDemo ? runDemoSeed : undefined);
    console.log(`\nGongzhi listening on ${url}`);
    if (mqttUrl)
      console.log(`Device telemetry (MQTT) on ${mqttUrl}  — try: npm run gongzhi -- simulate --fault smoke`);
    if (isDemo) printDemoAccounts(url);
    if (!config.mfaRequired)
      console.log(
        '  Second factor NOT required (GONGZHI_MFA_REQUIRED=false): administrators and street leaders sign in\n' +
          '  with the password alone. Anyone may still set up an authenticator under 账号安全 / Account security.\n',
      );
    return -1; // keep running
  }

  if (command === 'prepare') return runPrepare(values['if-missing'] === true);
  if (command === 'simulate') return runSimulator(values);
  if (command === 'backup' || command === 'restore') return runBackup(command, sub, values.force === true);

  const deps = await createDeps(loadConfig(), { logLevel: 'warn' });
  try {
    switch (`${command} ${sub ?? ''}`.trim()) {
      case 'migrate':
        console.log('Database is migrated.');
        return 0;
      case 'user add': {
        if (!arg || !values.role || !(Roles as readonly string[]).includes(values.role)) {
          console.error(
            `Usage: gongzhi user add <username> --role <${Roles.join('|')}> --name "显示名" [--tenant CODE]`,
          );
          return 2;
        }
        const tenant = values.tenant
          ? await deps.db
              .selectFrom('tenants')
              .select('id')
              .where('code', '=', values.tenant)
              .executeTakeFirst()
          : undefined;
        if (values.tenant && !tenant) {
          console.error(`No street with code "${values.tenant}".`);
          return 2;
        }
        const password = values.password ?? process.env.GONGZHI_USER_PASSWORD ?? generatePassword();
        const id = await deps.db.transaction().execute((trx) =>
          insertUser(
            trx,
            deps,
            { actor: null, ip: null, userAgent: 'gongzhi-cli' },
            {
              username: arg,
              displayName: values.name ?? arg,
              password,
              role: values.role as Role,
              tenantId: tenant?.id ?? null,
              liaisonOrg: (LiaisonOrgs as readonly string[]).includes(values.org ?? '')
                ? (values.org as (typeof LiaisonOrgs)[number])
                : null,
            },
          ),
        );
        console.log(`User ${arg} (#${id}) created.${values.password ? '' : ` Password: ${password}`}`);
        return 0;
      }
      case 'user mfa-reset':
        return await resetSecondFactor(deps, arg);
      case 'audit verify': {
        const source = values.checkpoints ?? deps.config.auditCheckpointDir;
        const loaded = source ? readCheckpoints(source, deps.auditSeal) : { checkpoints: [], invalid: 0 };
        const result = await verifyAudit(deps.db, values.tenant ? Number(values.tenant) : undefined, {
          checkpoints: loaded.checkpoints,
        });
        const against = source
          ? `, against ${loaded.checkpoints.length} signed checkpoints in ${source}`
          : '';
        if (loaded.invalid)
          console.error(`${loaded.invalid} checkpoint lines have no valid signature (ignored).`);
        if (result.ok) {
          console.log(`Audit chains intact: ${result.checked} rows checked${against}.`);
          return 0;
        }
        console.error(
          `Audit chains BROKEN: ${result.totalBreaks} breaks, ${result.checked} rows checked${against}.`,
        );
        for (const b of result.breaks) {
          console.error(
            `  tenant ${b.tenantId}, seq ${b.seq}${b.id ? ` (row id ${b.id})` : ''}: ${b.reason}`,
          );
        }
        return 3;
      }
      case 'demo seed': {
        await ensureAdmin(deps);
        const outcome = await seedDemo(deps);
        console.log(
          outcome.created ? 'Demo street seeded.' : 'Demo street already present; nothing changed.',
        );
        return 0;
      }
      default:
        console.error(`Unknown command: ${positionals.join(' ')}\n\n${HELP}`);
        return 2;
    }
  } finally {
    await closeDeps(deps);
  }
}

async function runSimulator(values: {
  tenant?: string | undefined;
  estate?: string | undefined;
  rate?: string | undefined;
  duration?: string | undefined;
  fault?: string[] | undefined;
  url?: string | undefined;
}): Promise<number> {
  const config = loadConfig();
  const tenantCode = values.tenant ?? DEMO_TENANT.code;
  let devices: Array<{ code: string; kind: DeviceKind; ports: number | null }> | undefined;
  if (config.databaseUrl) {
    // a PostgreSQL deployment: simulate the street's registered devices
    const deps = await createDeps(config, { logLevel: 'warn' });
    try {
      const rows = await deps.db
        .selectFrom('iot_devices as d')
        .innerJoin('tenants as t', 't.id', 'd.tenant_id')
        .select(['d.code', 'd.kind', 'd.ports'])
        .where('t.code', '=', tenantCode)
        .where('d.enabled', '=', true)
        .orderBy('d.id')
        .execute();
      devices = rows.map((r) => ({ code: r.code, kind: r.kind as DeviceKind, ports: r.ports }));
    } finally {
      await closeDeps(deps);
    }
  }
  await simulate({
    url: values.url ?? config.mqttUrl ?? `mqtt://127.0.0.1:${config.mqttPort || 1884}`,
    tenantCode,
    estate: values.estate,
    rate: Number(values.rate ?? 5),
    duration: Number(values.duration ?? 60),
    faults: parseFaults(values.fault),
    ...(devices ? { devices } : {}),
  });
  return 0;
}

/** Backup and restore act on the database the server would open: DATABASE_URL, else GONGZHI_DATA_DIR. */
async function runBackup(command: 'backup' | 'restore', file: string | undefined, force: boolean) {
  if (!file) {
    console.error(`Usage: gongzhi ${command} <file>${command === 'restore' ? ' [--force]' : ''}`);
    return 2;
  }
  const config = loadConfig();
  const target: BackupTarget = config.databaseUrl
    ? { kind: 'postgres', url: config.databaseUrl }
    : { kind: 'pglite', dataDir: config.dataDir };
  const where = target.kind === 'postgres' ? 'PostgreSQL (DATABASE_URL)' : `embedded ${config.dataDir}`;
  const started = Date.now();
  const took = () => `${((Date.now() - started) / 1000).toFixed(1)} s`;
  if (command === 'backup') {
    const { bytes } = await backup(target, file);
    console.log(`Backed up ${where} to ${file} (${(bytes / 1024 / 1024).toFixed(1)} MB, ${took()}).`);
    if (target.kind === 'pglite' && !config.encryptionKey)
      console.log(`Keep ${config.dataDir}/encryption.key safe separately: it is not in the backup.`);
    return 0;
  }
  try {
    const { replaced } = await restore(target, file, { force });
    console.log(`Restored ${file} into ${where} (${took()})${replaced ? `; ${replaced}` : ''}.`);
    return 0;
  } catch (error) {
    if (!(error instanceof RestoreRefused)) throw error;
    console.error(error.message);
    return 3;
  }
}

async function resetSecondFactor(deps: Deps, username: string | undefined): Promise<number> {
  if (!username) {
    console.error('Usage: gongzhi user mfa-reset <username>');
    return 2;
  }
  const user = await deps.db
    .selectFrom('users')
    .select('id')
    .where(sql`lower(username)`, '=', username.toLowerCase())
    .executeTakeFirst();
  if (!user) {
    console.error(`No user "${username}".`);
    return 2;
  }
  const cli = { actor: null, ip: null, userAgent: 'gongzhi-cli' };
  const had = await resetUser(deps, cli, user.id, 'cli');
  console.log(
    had
      ? `Second factor of ${username} removed; they set it up again at their next sign-in.`
      : `${username} had no second factor; their sessions ended anyway.`,
  );
  return 0;
}

async function runDemoSeed(deps: Deps): Promise<void> {
  const started = Date.now();
  const outcome = await seedDemo(deps);
  if (outcome.created)
    console.log(`Demo street 曹杨新村街道 seeded in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
}

/**
 * Builds the embedded database template. With --if-missing (npm start) it is a convenience: nothing
 * to do for a current template or a PostgreSQL deployment, and a failure (say a read-only install)
 * only warns — the server then starts an empty data directory with initdb, as without a template.
 */
async function runPrepare(ifMissing: boolean): Promise<number> {
  if (ifMissing && (process.env.DATABASE_URL || templateIsCurrent())) return 0;
  try {
    const applied = await prepareTemplate();
    console.log(`Embedded database template prepared at ${TEMPLATE_DIR} (${applied.length} migrations).`);
    return 0;
  } catch (error) {
    if (!ifMissing) throw error;
    console.warn(`No embedded database template (${(error as Error).message}); first starts run initdb.`);
    return 0;
  }
}

function printDemoAccounts(url: string): void {
  console.log(
    `\n  Open ${url} and sign in. Demo accounts (password ${DEMO_PASSWORD}; admin uses GONGZHI_ADMIN_PASSWORD if set):`,
  );
  console.log('    admin       系统管理员');
  console.log('    leader      街道领导    cadre      包干干部    committee  居委会');
  console.log('    volunteer   志愿者      designer   设计师      vendor     合作企业');
  console.log('    mediator    调解员      liaison    联动单位    resident   居民');
  console.log('    district    区级用户\n');
}

/** A service's refusal, as a user of the command line should read it (English, with the fields). */
function cliMessage(error: AppError): string {
  const fields = Array.isArray(error.details)
    ? (error.details as Array<{ path?: string; message?: { en?: string } | string }>).map(
        (d) => `  ${d.path ?? ''}: ${typeof d.message === 'string' ? d.message : (d.message?.en ?? '')}`,
      )
    : [];
  return [error.localized?.en ?? error.message, ...fields].join('\n');
}

try {
  const code = await main(process.argv.slice(2));
  if (code >= 0) process.exit(code);
} catch (error) {
  console.error(
    error instanceof ConfigError ? error.message : error instanceof AppError ? cliMessage(error) : error,
  );
  process.exit(1);
}
