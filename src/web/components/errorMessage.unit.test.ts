import { describe, expect, it } from 'vitest';
import { shortReference } from './errorMessage.ts';
import { zh } from '../i18n/zh.ts';
import { en } from '../i18n/en.ts';

describe('error reference shown to people', () => {
  it('shortens a request id to eight characters a person can read out', () => {
    expect(shortReference('3f2a9c1e-7b4d-4e21-9a6f-0c8d2b1e5a77')).toBe('3F2A9C1E');
    expect(shortReference('req-1a')).toBe('REQ1A');
  });

  it('says it in a calm sentence, not as a raw request id', () => {
    expect(zh.errors.reference).toMatch(/参考号 \{\{ref\}\}/);
    expect(en.errors.reference).toMatch(/reference \{\{ref\}\}/);
    expect(JSON.stringify(zh.errors)).not.toContain('请求编号');
  });
});
