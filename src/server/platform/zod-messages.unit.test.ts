import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { localiseIssue } from './errors.ts';

const Body = z.object({
  name: z.string().trim().min(1).max(10),
  title: z.string().min(2),
  age: z.number().int().min(0).max(150),
  email: z.email(),
  day: z.iso.date(),
  kind: z.enum(['a', 'b']),
  tags: z.array(z.string()).min(1).max(2),
});

function messages(input: unknown, lang: 'zh' | 'en') {
  const result = Body.strict().safeParse(input);
  if (result.success) throw new Error('expected issues');
  return Object.fromEntries(
    result.error.issues.map((i) => [i.path.join('.') || '_', localiseIssue(i, lang)]),
  );
}

const bad = { name: '', title: 'x', age: -1, email: 'no', day: '2026-13-01', kind: 'c', tags: [], extra: 1 };

describe('Zod issues in words', () => {
  it('says in Chinese what is wrong, with no English type names or symbols', () => {
    const zh = messages(bad, 'zh');
    expect(zh).toEqual({
      name: '不能为空',
      title: '至少 2 个字',
      age: '不能小于 0',
      email: '邮箱格式不正确',
      day: '日期格式不正确（例如 2026-03-01）',
      kind: '请从给定选项中选择',
      tags: '至少选择 1 项',
      _: '包含不认识的字段：extra',
    });
    for (const m of Object.values(zh)) expect(m).not.toMatch(/string|number|期望|>=|<=/);
    expect(messages({ ...bad, name: 'x'.repeat(11), age: 'x', tags: ['a', 'b', 'c'] }, 'zh')).toMatchObject({
      name: '不能超过 10 个字',
      age: '请填写数字',
      tags: '最多选择 2 项',
    });
    expect(messages({}, 'zh')).toMatchObject({ name: '必填', age: '必填' });
  });

  it('says it in English in the English interface', () => {
    expect(messages(bad, 'en')).toMatchObject({
      name: 'Required',
      title: 'Must have at least 2 characters',
      age: 'Must be at least 0',
      email: 'Not a valid email address',
      kind: 'Choose one of the options',
      _: 'Unknown field: extra',
    });
  });
});
