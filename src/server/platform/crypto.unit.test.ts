import { describe, expect, it } from 'vitest';
import { FieldCipher, hashPassword, parseKey, verifyPassword } from './crypto.ts';

const key = parseKey('11'.repeat(32));

describe('field encryption', () => {
  it('round-trips and never stores the clear text', () => {
    const cipher = new FieldCipher(key);
    const stored = cipher.encrypt('31010119900101123X');
    expect(stored).not.toContain('1990');
    expect(cipher.decrypt(stored)).toBe('31010119900101123X');
  });
  it('uses a fresh nonce per value but a stable blind index', () => {
    const cipher = new FieldCipher(key);
    expect(cipher.encrypt('a')).not.toBe(cipher.encrypt('a'));
    expect(cipher.blindIndex('a')).toBe(cipher.blindIndex('a'));
  });
  it('refuses a tampered ciphertext', () => {
    const cipher = new FieldCipher(key);
    const parts = cipher.encrypt('secret').split(':');
    parts[3] = Buffer.from('SECRET').toString('base64url');
    expect(() => cipher.decrypt(parts.join(':'))).toThrow();
  });
  it('rejects keys of the wrong length', () => {
    expect(() => parseKey('abcd')).toThrow(/32 bytes/);
  });
});

describe('password hashing', () => {
  it('verifies the right password only', async () => {
    const stored = await hashPassword('正确的密码 123');
    expect(await verifyPassword('正确的密码 123', stored)).toBe(true);
    expect(await verifyPassword('wrong', stored)).toBe(false);
  });
});
