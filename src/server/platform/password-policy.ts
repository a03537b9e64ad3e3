import { randomInt } from 'node:crypto';
import { dictionary } from '@zxcvbn-ts/language-common';
import { invalidField } from './errors.ts';

/**
 * Password rules as GB/T 22239-2019 (等保 2.0) level 3 expects of identification: at least 10
 * characters, three of the four character classes, not one of the commonly used passwords, and not
 * containing the username.
 *
 * The common-password list is the one zxcvbn-ts ships in `@zxcvbn-ts/language-common`
 * (`passwords-common`, ~30,000 passwords most often found in breach corpora, MIT licensed),
 * compared case-insensitively. The usual dressing of a common word is seen through as well:
 * digits and symbols added before or after it, and look-alike substitutions (`P@ssw0rd12`,
 * `Password1!`, `Qwerty@123` are all refused).
 */
export const MIN_PASSWORD_LENGTH = 10;

const COMMON = new Set(dictionary['passwords-common'].map((p) => p.toLowerCase()));

const LEET: Record<string, string> = {
  '@': 'a',
  '4': 'a',
  '0': 'o',
  '1': 'i',
  '!': 'i',
  '3': 'e',
  $: 's',
  '5': 's',
  '7': 't',
};

function isCommon(lower: string): boolean {
  if (COMMON.has(lower)) return true;
  const core = lower.replace(/^[^a-z]+|[^a-z]+$/g, '');
  if (core.length < 3) return false;
  return COMMON.has(core) || COMMON.has(core.replace(/[@4013!$57]/g, (c) => LEET[c]!));
}

const CLASSES: ReadonlyArray<{ test: RegExp }> = [
  { test: /[a-z]/ },
  { test: /[A-Z]/ },
  { test: /[0-9]/ },
  { test: /[^a-zA-Z0-9]/ },
];

export interface PolicyProblem {
  zh: string;
  en: string;
}

/** The first rule the password breaks, or null when it is acceptable. */
export function passwordProblem(password: string, username: string): PolicyProblem | null {
  if ([...password].length < MIN_PASSWORD_LENGTH) {
    return {
      zh: `密码至少 ${MIN_PASSWORD_LENGTH} 位`,
      en: `The password needs at least ${MIN_PASSWORD_LENGTH} characters`,
    };
  }
  if (CLASSES.filter((c) => c.test.test(password)).length < 3) {
    return {
      zh: '密码须包含大写字母、小写字母、数字、符号中的至少三类',
      en: 'The password needs three of: upper-case letters, lower-case letters, digits, symbols',
    };
  }
  const lower = password.toLowerCase();
  if (isCommon(lower)) {
    return { zh: '这是常见密码，容易被猜到，请换一个', en: 'This is a common password; choose another' };
  }
  const name = username.trim().toLowerCase();
  if (name.length >= 3 && lower.includes(name)) {
    return { zh: '密码不能包含用户名', en: 'The password must not contain the username' };
  }
  return null;
}

/** Throws a 400 naming the field when the password breaks the policy. */
export function assertPasswordPolicy(password: string, username: string, field = 'body.password'): void {
  const problem = passwordProblem(password, username);
  if (problem) throw invalidField(field, problem.zh, problem.en);
}

const ALPHABETS = ['abcdefghijkmnpqrstuvwxyz', 'ABCDEFGHJKLMNPQRSTUVWXYZ', '23456789', '@#%+=-'];

/** A random password that meets the policy (one-time admin passwords, CLI-created users). */
export function generatePassword(length = 16): string {
  const chars = ALPHABETS.map((a) => a[randomInt(a.length)]!);
  const all = ALPHABETS.join('');
  while (chars.length < length) chars.push(all[randomInt(all.length)]!);
  for (let i = chars.length - 1; i > 0; i--) {
    const j = randomInt(i + 1);
    [chars[i], chars[j]] = [chars[j]!, chars[i]!];
  }
  return chars.join('');
}
