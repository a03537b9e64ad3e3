/**
 * Zod's issues in plain words, zh and en, in one place: what a person filling a form needs to read
 * (不能为空, 至少 2 个字, 请填写数字), never a type name or a symbol (期望 string >=1 字符). Issues
 * this table does not know fall back to Zod's own locale.
 */
import { z } from 'zod';
import type { Lang } from '../../contract/errors.ts';

type Words = { zh: string; en: string };
interface Issue {
  code?: string;
  origin?: string;
  minimum?: number | bigint;
  maximum?: number | bigint;
  inclusive?: boolean;
  expected?: string;
  input?: unknown;
  format?: string;
  keys?: string[];
  message?: string;
}

/** A missing value: Zod reports the input only when asked, but its message always says what came. */
const missing = (issue: Issue) =>
  'input' in issue ? issue.input === undefined : /received undefined/.test(issue.message ?? '');

const FORMATS: Record<string, Words> = {
  email: { zh: '邮箱格式不正确', en: 'Not a valid email address' },
  date: { zh: '日期格式不正确（例如 2026-03-01）', en: 'Not a valid date (e.g. 2026-03-01)' },
  datetime: { zh: '时间格式不正确', en: 'Not a valid date and time' },
  time: { zh: '时间格式不正确', en: 'Not a valid time' },
  url: { zh: '网址格式不正确', en: 'Not a valid web address' },
  uuid: { zh: '编号格式不正确', en: 'Not a valid identifier' },
  regex: { zh: '格式不正确', en: 'Not in the expected form' },
};

const EXPECTED: Record<string, Words> = {
  number: { zh: '请填写数字', en: 'Enter a number' },
  int: { zh: '请填写整数', en: 'Enter a whole number' },
  string: { zh: '请填写文字', en: 'Enter text' },
  boolean: { zh: '请选择是或否', en: 'Choose yes or no' },
  array: { zh: '应为一组值', en: 'Expected a list' },
  object: { zh: '格式不正确', en: 'Not in the expected form' },
  date: { zh: '日期格式不正确', en: 'Not a valid date' },
};

function bound(issue: Issue, small: boolean): Words | null {
  const n = Number(small ? issue.minimum : issue.maximum);
  switch (issue.origin) {
    case 'string':
      if (small && n <= 1) return { zh: '不能为空', en: 'Required' };
      return small
        ? { zh: `至少 ${n} 个字`, en: `Must have at least ${n} characters` }
        : { zh: `不能超过 ${n} 个字`, en: `Must have at most ${n} characters` };
    case 'number':
    case 'int':
    case 'bigint':
      if (issue.inclusive === false)
        return small
          ? { zh: `应大于 ${n}`, en: `Must be more than ${n}` }
          : { zh: `应小于 ${n}`, en: `Must be less than ${n}` };
      return small
        ? { zh: `不能小于 ${n}`, en: `Must be at least ${n}` }
        : { zh: `不能大于 ${n}`, en: `Must be at most ${n}` };
    case 'array':
    case 'set':
      return small
        ? { zh: `至少选择 ${n} 项`, en: `Choose at least ${n}` }
        : { zh: `最多选择 ${n} 项`, en: `Choose at most ${n}` };
    case 'file':
      return small
        ? { zh: '文件是空的', en: 'The file is empty' }
        : { zh: '文件太大', en: 'The file is too large' };
    case undefined:
    default:
      return null;
  }
}

function words(issue: Issue): Words | null {
  switch (issue.code) {
    case 'too_small':
      return bound(issue, true);
    case 'too_big':
      return bound(issue, false);
    case 'invalid_type':
      if (missing(issue)) return { zh: '必填', en: 'Required' };
      return EXPECTED[issue.expected ?? ''] ?? { zh: '格式不正确', en: 'Not in the expected form' };
    case 'invalid_format':
      return FORMATS[issue.format ?? ''] ?? FORMATS.regex!;
    case 'invalid_value':
      return { zh: '请从给定选项中选择', en: 'Choose one of the options' };
    case 'unrecognized_keys': {
      const keys = (issue.keys ?? []).join(', ');
      return {
        zh: `包含不认识的字段：${keys}`,
        en: `Unknown field${(issue.keys ?? []).length > 1 ? 's' : ''}: ${keys}`,
      };
    }
    case 'invalid_union':
      return { zh: '格式不正确', en: 'Not in the expected form' };
    case 'not_multiple_of':
      return { zh: '数值不符合要求', en: 'Not an allowed value' };
    case undefined:
    default:
      return null;
  }
}

const zodLocales = { zh: z.locales.zhCN(), en: z.locales.en() };

/** One issue's message in the interface language. */
export function zodIssueMessage(issue: unknown, lang: Lang): string {
  const known = words(issue as Issue);
  if (known) return known[lang];
  const localeError = zodLocales[lang].localeError as (
    i: unknown,
  ) => string | { message: string } | undefined;
  const out = localeError(issue);
  if (typeof out === 'string') return out;
  return out?.message ?? String((issue as { message?: string }).message ?? '');
}
