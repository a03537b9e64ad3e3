import {
  createCipheriv,
  createDecipheriv,
  createHash,
  createSecretKey,
  hkdfSync,
  randomBytes,
  randomFillSync,
  scrypt,
  timingSafeEqual,
  type KeyObject,
} from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';

const scryptAsync = promisify(scrypt) as (
  pw: string,
  salt: Buffer,
  len: number,
  opts: object,
) => Promise<Buffer>;
const SCRYPT = { N: 16384, r: 8, p: 1, maxmem: 64 * 1024 * 1024 };

/** scrypt password hash, self-describing so parameters can be raised later. */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await scryptAsync(password, salt, 32, SCRYPT);
  return `scrypt$${SCRYPT.N}$${SCRYPT.r}$${SCRYPT.p}$${salt.toString('base64')}$${key.toString('base64')}`;
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, salt, hash] = stored.split('$');
  if (scheme !== 'scrypt' || !salt || !hash) return false;
  const expected = Buffer.from(hash, 'base64');
  const key = await scryptAsync(password, Buffer.from(salt, 'base64'), expected.length, {
    N: Number(n),
    r: Number(r),
    p: Number(p),
    maxmem: SCRYPT.maxmem,
  });
  return timingSafeEqual(key, expected);
}

export function sha256(text: string | Buffer): string {
  return createHash('sha256').update(text).digest('hex');
}

/** Compares two secrets in time independent of where they differ (lengths are hidden by hashing). */
export function safeEqual(given: string, expected: string): boolean {
  return timingSafeEqual(
    createHash('sha256').update(given).digest(),
    createHash('sha256').update(expected).digest(),
  );
}

export function randomToken(bytes = 32): string {
  return randomBytes(bytes).toString('base64url');
}

/**
 * Field encryption for sensitive personal data (PIPL): AES-256-GCM with a random nonce per value.
 * Stored as `v1:<nonce>:<tag>:<ciphertext>` in base64url so the format can change later.
 * A keyed blind index (HMAC-like sha256 of key + value) lets us match exact values without decrypting.
 */
export class FieldCipher {
  readonly #key: Buffer;
  // The cipher's key prepared once: given a Buffer, every createCipheriv imports it again, which made
  // encryption 5× slower (a 100,000-row ledger encrypts two fields per row; lists decrypt per row).
  readonly #secret: KeyObject;
  // Nonces are drawn from a pooled buffer: one randomFillSync per 1,024 values instead of one each,
  // which matters when a 100,000-row ledger encrypts two fields per row.
  #pool = Buffer.alloc(12 * 1024);
  #poolOffset = this.#pool.length;
  constructor(key: Buffer) {
    if (key.length !== 32) throw new Error('Encryption key must be 32 bytes');
    this.#key = key;
    this.#secret = createSecretKey(key);
  }

  encrypt(plain: string): string {
    if (this.#poolOffset === this.#pool.length) {
      this.#pool = randomFillSync(Buffer.alloc(this.#pool.length));
      this.#poolOffset = 0;
    }
    const nonce = this.#pool.subarray(this.#poolOffset, (this.#poolOffset += 12));
    const cipher = createCipheriv('aes-256-gcm', this.#secret, nonce);
    const data = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    return ['v1', nonce, cipher.getAuthTag(), data]
      .map((p) => (typeof p === 'string' ? p : p.toString('base64url')))
      .join(':');
  }

  decrypt(stored: string): string {
    const [version, nonce, tag, data] = stored.split(':');
    if (version !== 'v1' || !nonce || !tag || data === undefined)
      throw new Error('Unknown ciphertext format');
    const decipher = createDecipheriv('aes-256-gcm', this.#secret, Buffer.from(nonce, 'base64url'));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    return Buffer.concat([decipher.update(Buffer.from(data, 'base64url')), decipher.final()]).toString(
      'utf8',
    );
  }

  /** Deterministic keyed digest for equality lookups (e.g. "is this ID number already on file"). */
  blindIndex(value: string): string {
    return createHash('sha256').update(this.#key).update('\0').update(value).digest('base64url').slice(0, 32);
  }
}

export function parseKey(text: string, name = 'GONGZHI_ENCRYPTION_KEY'): Buffer {
  const trimmed = text.trim();
  const key = /^[0-9a-f]{64}$/i.test(trimmed) ? Buffer.from(trimmed, 'hex') : Buffer.from(trimmed, 'base64');
  if (key.length !== 32) throw new Error(`${name} must be 32 bytes, as 64 hex digits or base64`);
  return key;
}

/** A 32-byte key file beside the embedded database, created on first start (mode 0600). */
function keyFile(dataDir: string, name: string, variable: string): Buffer {
  const file = path.join(dataDir, name);
  if (!fs.existsSync(file)) {
    fs.mkdirSync(dataDir, { recursive: true });
    fs.writeFileSync(file, randomBytes(32).toString('hex'), { mode: 0o600 });
  }
  return parseKey(fs.readFileSync(file, 'utf8'), `${variable} (${file})`);
}

/**
 * The audit key (GONGZHI_AUDIT_KEY) seals the audit chains. It is a key of its own so that the
 * database and its backups never hold what it takes to re-seal them; `derive` explicitly takes it
 * from the encryption key instead (one secret less to keep, at the price that whoever holds the
 * encryption key can also re-seal). Embedded only, a key file is generated like the encryption key.
 */
export function loadAuditKey(opts: {
  envKey: string | undefined;
  encryptionKey: Buffer;
  dataDir: string;
  embedded: boolean;
}): Buffer {
  if (opts.envKey === 'derive') {
    return Buffer.from(hkdfSync('sha256', opts.encryptionKey, 'gongzhi', 'audit-key', 32));
  }
  if (opts.envKey) return parseKey(opts.envKey, 'GONGZHI_AUDIT_KEY');
  if (!opts.embedded) {
    throw new Error(
      'GONGZHI_AUDIT_KEY is required with DATABASE_URL (32 bytes, hex or base64, kept out of the database and its backups; or "derive" to take it from GONGZHI_ENCRYPTION_KEY), shared by every server process',
    );
  }
  return keyFile(opts.dataDir, 'audit.key', 'GONGZHI_AUDIT_KEY');
}

/**
 * The key comes from GONGZHI_ENCRYPTION_KEY. For the embedded single-process database only, a key
 * file is created beside the data on first start, so the demo needs no setup.
 */
export function loadEncryptionKey(opts: {
  envKey: string | undefined;
  dataDir: string;
  embedded: boolean;
}): Buffer {
  if (opts.envKey) return parseKey(opts.envKey);
  if (!opts.embedded) {
    throw new Error(
      'GONGZHI_ENCRYPTION_KEY is required with DATABASE_URL (32 bytes, hex or base64), shared by every server process',
    );
  }
  return keyFile(opts.dataDir, 'encryption.key', 'GONGZHI_ENCRYPTION_KEY');
}
