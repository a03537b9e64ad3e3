import { z } from 'zod';
import { randomBytes } from 'node:crypto';
import { isIP } from 'node:net';
import path from 'node:path';

/** Names proxy-addr understands for whole address ranges. */
const PROXY_RANGE_NAMES = new Set(['loopback', 'linklocal', 'uniquelocal']);

function isAddressOrCidr(entry: string): boolean {
  if (PROXY_RANGE_NAMES.has(entry)) return true;
  const [address = '', prefix, ...rest] = entry.split('/');
  const family = isIP(address);
  if (family === 0 || rest.length > 0) return false;
  if (prefix === undefined) return true;
  const bits = /^\d{1,3}$/.test(prefix) ? Number(prefix) : -1;
  return bits >= 0 && bits <= (family === 4 ? 32 : 128);
}

/**
 * Which proxies may tell us the client's address (X-Forwarded-For). Off by default: a client-set
 * header must never reach the audit trail or the sign-in throttle. A hop count trusts that many
 * proxies in front of us; a list trusts only connections from those addresses / CIDR ranges.
 */
const TrustProxy = z
  .string()
  .trim()
  .transform((v, c): false | number | string[] => {
    if (v === 'false' || v === 'off' || v === '0') return false;
    if (/^\d+$/.test(v)) {
      const hops = Number(v);
      if (hops <= 10) return hops;
    }
    const list = v.split(',').map((s) => s.trim());
    const bad = list.filter((entry) => !isAddressOrCidr(entry));
    if (bad.length === 0) return list;
    c.addIssue({
      code: 'custom',
      message: `a hop count (1-10) or a comma-separated list of addresses / CIDR ranges; not ${bad.join(', ')}`,
    });
    return z.NEVER;
  })
  .default(false);

/**
 * The address people reach the app at (https://gongzhi.example.gov.cn), for links leaving the
 * screen, such as the council hall's sign-in QR code: an http(s) origin with an optional path, no
 * query or fragment; stored without a trailing slash.
 */
const PublicUrl = z
  .string()
  .trim()
  .transform((v, c): string => {
    let url: URL | null = null;
    try {
      url = new URL(v);
    } catch {
      url = null;
    }
    if (!url || !['http:', 'https:'].includes(url.protocol) || url.search || url.hash || url.username) {
      c.addIssue({
        code: 'custom',
        message: `an http:// or https:// address without query or fragment (e.g. https://gongzhi.example.gov.cn); not ${v}`,
      });
      return z.NEVER;
    }
    return `${url.origin}${url.pathname}`.replace(/\/+$/, '');
  })
  .optional();

const Env = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('0.0.0.0'),
  DATABASE_URL: z.string().url().optional(),
  /** A hot standby (or a PgBouncer database pointing at it) for read-only heavy work. */
  DATABASE_READ_URL: z.string().url().optional(),
  /** Where the one LISTEN connection goes when DATABASE_URL is a transaction-pooling PgBouncer. */
  DATABASE_LISTEN_URL: z.string().url().optional(),
  GONGZHI_DATA_DIR: z.string().default('./data'),
  /** Checked against the password policy when the admin is created. */
  GONGZHI_ADMIN_PASSWORD: z.string().min(1).optional(),
  /** 32-byte key (hex or base64) for encrypting sensitive fields; in the data dir when not given. */
  GONGZHI_ENCRYPTION_KEY: z.string().optional(),
  /** 32-byte key sealing the audit chains (HMAC); `derive` takes it from the encryption key. */
  GONGZHI_AUDIT_KEY: z.string().optional(),
  /** Where signed checkpoints of every street's audit head are appended (embedded: in the data dir). */
  GONGZHI_AUDIT_CHECKPOINT_DIR: z.string().optional(),
  /** Second factor (TOTP) required for system administrators and street leaders. */
  GONGZHI_MFA_REQUIRED: z.enum(['true', 'false']).default('true'),
  /** Bearer token for GET /metrics; without it /metrics answers 404. */
  GONGZHI_METRICS_TOKEN: z.string().min(16).optional(),
  /** Requests per minute per address on anonymous and public routes, shared by all processes. */
  GONGZHI_PUBLIC_RATE_LIMIT: z.coerce.number().int().min(1).max(100_000).default(120),
  GONGZHI_SECURE_COOKIES: z.enum(['true', 'false']).default('false'),
  GONGZHI_SESSION_HOURS: z.coerce
    .number()
    .positive()
    .max(24 * 30)
    .default(12),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
  /** Named prepared statements on PostgreSQL; `false` behind a transaction-pooling PgBouncer < 1.21. */
  DATABASE_PREPARED_STATEMENTS: z.enum(['true', 'false']).default('true'),
  GONGZHI_ANALYZE: z.enum(['on', 'off']).default('on'),
  /** External MQTT broker (e.g. mqtt://127.0.0.1:1883); without it an embedded broker starts. */
  MQTT_URL: z
    .string()
    .regex(/^(mqtts?|wss?|tcp):\/\//, 'an mqtt:// or mqtts:// URL')
    .optional(),
  /** Port of the embedded broker (0 = any free port). */
  MQTT_PORT: z.coerce.number().int().min(0).max(65535).default(1884),
  TRUST_PROXY: TrustProxy,
  GONGZHI_PUBLIC_URL: PublicUrl,
});

export interface Config {
  readonly port: number;
  readonly host: string;
  readonly databaseUrl: string | undefined;
  readonly databaseReadUrl: string | undefined;
  readonly databaseListenUrl: string | undefined;
  readonly dataDir: string;
  readonly adminPassword: string | undefined;
  readonly encryptionKey: string | undefined;
  readonly auditKey: string | undefined;
  readonly auditCheckpointDir: string | undefined;
  readonly mfaRequired: boolean;
  readonly metricsToken: string | undefined;
  readonly publicRateLimit: number;
  readonly secureCookies: boolean;
  readonly sessionHours: number;
  readonly logLevel: z.infer<typeof Env>['LOG_LEVEL'];
  readonly poolSize: number;
  readonly preparedStatements: boolean;
  /** Gather planner statistics after bulk writes and periodically (platform/statistics.ts). */
  readonly analyze: boolean;
  readonly mqttUrl: string | undefined;
  readonly mqttPort: number;
  /** Fastify's trustProxy: false, a hop count, or the proxies' addresses / CIDR ranges. */
  readonly trustProxy: false | number | readonly string[];
  /** Where people reach the app (no trailing slash), for QR codes and links; undefined: the request's. */
  readonly publicUrl: string | undefined;
}

export class ConfigError extends Error {}

/** Reads and validates the environment once; a bad value stops the process with a message naming it. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  // An empty variable means "not set" (shells and CI often export VAR= to clear one).
  const present = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = Env.safeParse(present);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  return Object.freeze({
    port: e.PORT,
    host: e.HOST,
    databaseUrl: e.DATABASE_URL,
    databaseReadUrl: e.DATABASE_READ_URL,
    databaseListenUrl: e.DATABASE_LISTEN_URL,
    dataDir: path.resolve(e.GONGZHI_DATA_DIR),
    adminPassword: e.GONGZHI_ADMIN_PASSWORD,
    encryptionKey: e.GONGZHI_ENCRYPTION_KEY,
    auditKey: e.GONGZHI_AUDIT_KEY,
    auditCheckpointDir: e.GONGZHI_AUDIT_CHECKPOINT_DIR
      ? path.resolve(e.GONGZHI_AUDIT_CHECKPOINT_DIR)
      : e.DATABASE_URL
        ? undefined
        : path.resolve(e.GONGZHI_DATA_DIR, 'audit-checkpoints'),
    mfaRequired: e.GONGZHI_MFA_REQUIRED === 'true',
    metricsToken: e.GONGZHI_METRICS_TOKEN,
    publicRateLimit: e.GONGZHI_PUBLIC_RATE_LIMIT,
    secureCookies: e.GONGZHI_SECURE_COOKIES === 'true',
    sessionHours: e.GONGZHI_SESSION_HOURS,
    logLevel: e.LOG_LEVEL,
    poolSize: e.DATABASE_POOL_SIZE,
    preparedStatements: e.DATABASE_PREPARED_STATEMENTS === 'true',
    analyze: e.GONGZHI_ANALYZE === 'on',
    mqttUrl: e.MQTT_URL,
    mqttPort: e.MQTT_PORT,
    trustProxy: e.TRUST_PROXY,
    publicUrl: e.GONGZHI_PUBLIC_URL,
  });
}

export function randomSecret(bytes = 32): string {
  return randomBytes(bytes).toString('base64url');
}
