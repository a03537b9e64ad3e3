import { describe, expect, it } from 'vitest';
import { maskIdNumber, maskName, maskPhone } from './mask.ts';

describe('masking', () => {
  it('keeps the first and last four characters of an ID number', () => {
    expect(maskIdNumber('31010119900101123X')).toBe('3101**********123X');
  });
  it('masks mobile numbers in the middle', () => {
    expect(maskPhone('13812345678')).toBe('138****5678');
  });
  it('masks landlines without revealing the subscriber number', () => {
    const masked = maskPhone('021-62541234');
    expect(masked).not.toContain('6254');
    expect(masked.endsWith('34')).toBe(true);
  });
  it('masks Chinese names for public boards', () => {
    expect(maskName('张明')).toBe('张*');
    expect(maskName('张小明')).toBe('张*明');
    expect(maskName('欧阳娜娜')).toBe('欧**娜');
  });
});
