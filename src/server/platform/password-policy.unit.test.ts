import { describe, expect, it } from 'vitest';
import { generatePassword, passwordProblem } from './password-policy.ts';

describe('password policy (等保 level 3)', () => {
  it.each([
    ['12345678', 'at least 10'],
    ['password', 'at least 10'],
    ['Demo@2026', 'at least 10'],
    ['abcdefghij12', 'three of'],
    ['ABCDEFGHIJK!', 'three of'],
    ['Password1!', 'common'],
    ['P@ssw0rd12', 'common'],
    ['Qwerty@123', 'common'],
    ['Admin@12345', 'common'],
    ['Iloveyou!2026', 'common'],
    ['Wang.lei2026', 'username'],
  ])('refuses %s (%s)', (password, why) => {
    const problem = passwordProblem(password, 'wang.lei');
    expect(problem?.en).toContain(why);
    expect(problem?.zh).toBeTruthy();
  });

  it('accepts a long password of three classes that is neither common nor the username', () => {
    expect(passwordProblem('Demo@2026cy', 'leader')).toBeNull();
    expect(passwordProblem('湖畔-Lake-2026-cy', 'leader')).toBeNull();
  });

  it('generates passwords that pass it', () => {
    for (let i = 0; i < 200; i++) expect(passwordProblem(generatePassword(), 'admin')).toBeNull();
  });
});
