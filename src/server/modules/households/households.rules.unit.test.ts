import { describe, expect, it } from 'vitest';
import {
  canonicalBuilding,
  checkIdNumber,
  checkPhone,
  floorOf,
  normalize,
  queryTokens,
  searchTokens,
} from './households.rules.ts';

describe('ID numbers (GB 11643)', () => {
  it('accepts valid numbers, including an X check character', () => {
    expect(checkIdNumber('11010519491231002X')).toEqual({ ok: true, value: '11010519491231002X' });
    expect(checkIdNumber('11010519491231002x')).toMatchObject({ ok: true });
    expect(checkIdNumber('１１０１０５１９４９１２３１００２Ｘ')).toMatchObject({ ok: true }); // full-width
  });
  it('refuses a wrong check digit and an impossible birth date', () => {
    expect(checkIdNumber('110105194912310021')).toEqual({ ok: false, code: 'id_invalid' });
    expect(checkIdNumber('110105194913310028')).toEqual({ ok: false, code: 'id_invalid' });
    expect(checkIdNumber('12345')).toEqual({ ok: false, code: 'id_invalid' });
  });
  it('recognises numbers mangled by Excel', () => {
    expect(checkIdNumber('1.10105E+17')).toEqual({ ok: false, code: 'id_mangled' });
    expect(checkIdNumber('110105194912310000')).toEqual({ ok: false, code: 'id_mangled' });
  });
});

describe('phones', () => {
  it('accepts mobiles and landlines', () => {
    expect(checkPhone('138 1234 5678')).toEqual({ ok: true, value: '13812345678' });
    expect(checkPhone('+8613812345678')).toEqual({ ok: true, value: '13812345678' });
    expect(checkPhone('021-62541234')).toMatchObject({ ok: true });
    expect(checkPhone('62541234')).toMatchObject({ ok: true });
  });
  it('reads mobiles written with spaces, hyphens, full-width digits and a country code', () => {
    const mobile = { ok: true, value: '13326722407' };
    expect(checkPhone('133 2672-2407')).toEqual(mobile); // the usual WPS way
    expect(checkPhone('133-2672-2407')).toEqual(mobile);
    expect(checkPhone('１３３－２６７２－２４０７')).toEqual(mobile);
    expect(checkPhone('+86 133 2672 2407')).toEqual(mobile);
    expect(checkPhone('+86-133-2672-2407')).toEqual(mobile);
    expect(checkPhone('(+86)13326722407')).toEqual(mobile);
    expect(checkPhone('0086 13326722407')).toEqual(mobile);
    expect(checkPhone('133.2672.2407')).toEqual(mobile);
  });
  it('keeps a landline as area code, number and extension', () => {
    expect(checkPhone('021 6254 1234')).toEqual({ ok: true, value: '021-62541234' });
    expect(checkPhone('（021）6254-1234')).toEqual({ ok: true, value: '021-62541234' });
    expect(checkPhone('02162541234')).toEqual({ ok: true, value: '021-62541234' });
    expect(checkPhone('0571-8765432-801')).toEqual({ ok: true, value: '0571-8765432-801' });
  });
  it('refuses malformed numbers', () => {
    expect(checkPhone('1381234567')).toEqual({ ok: false });
    expect(checkPhone('电话待补')).toEqual({ ok: false });
    expect(checkPhone('12345')).toEqual({ ok: false });
  });
});

describe('normalisation', () => {
  it('turns full-width digits and stray spaces into plain text', () => {
    expect(normalize(' ２１号\u3000１０１ ')).toBe('21号 101');
    expect(canonicalBuilding('２１')).toBe('21号');
    expect(canonicalBuilding('21号楼')).toBe('21号');
    expect(floorOf('101')).toBe(1);
    expect(floorOf('1203')).toBe(12);
  });
});

describe('search tokens', () => {
  const tokens = searchTokens({
    building: '21',
    room: '101',
    headName: '张建国',
    memberNames: ['李秀英'],
    phone: '13812345678',
    idNumber: '11010519491231002X',
  });
  it('cover names, name prefixes, address forms, phone tail and ID tail', () => {
    expect(tokens).toEqual(
      expect.arrayContaining(['张建国', '张建', '李秀英', '21号101', '21号', '101', '5678', '002X']),
    );
  });
  it('read queries the way people type addresses', () => {
    expect(queryTokens('21号101')).toEqual(['21号101']);
    expect(queryTokens('21-101')).toEqual(['21号101']);
    expect(queryTokens('２１号 １０１室')).toEqual(['21号101']);
    expect(queryTokens('张建 21号')).toEqual(['张建', '21号']);
    expect(queryTokens('002x')).toEqual(['002X']);
  });
});
