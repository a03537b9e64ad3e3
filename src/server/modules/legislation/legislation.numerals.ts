/** Chinese numerals as statutes write them (第一百二十三条), both ways. */
const CN_DIGITS: Record<string, number> = {
  零: 0,
  〇: 0,
  一: 1,
  二: 2,
  两: 2,
  三: 3,
  四: 4,
  五: 5,
  六: 6,
  七: 7,
  八: 8,
  九: 9,
};
const CN_UNITS: Record<string, number> = { 十: 10, 百: 100, 千: 1000 };

/** 第一百二十三条 → 123; 十 → 10; 一百零五 → 105; Arabic digits pass through. NaN when malformed. */
export function chineseToNumber(text: string): number {
  if (/^[0-9]+$/.test(text)) return Number(text);
  let total = 0;
  let section = 0;
  let digit: number | null = null;
  for (const ch of text) {
    const d = CN_DIGITS[ch];
    if (d !== undefined) {
      if (digit !== null && digit !== 0 && d !== 0) return NaN; // 二三: two digits in a row
      digit = d;
      continue;
    }
    const unit = CN_UNITS[ch];
    if (unit !== undefined) {
      section += (digit ?? 1) * unit;
      digit = null;
      continue;
    }
    if (ch === '万') {
      total += (section + (digit ?? 0)) * 10_000;
      section = 0;
      digit = null;
      continue;
    }
    return NaN;
  }
  const value = total + section + (digit ?? 0);
  return text.length > 0 ? value : NaN;
}

const DIGIT_CHARS = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'];

/** 123 → 一百二十三, 10 → 十, 105 → 一百零五 (for numbers below 10,000, as statutes use them). */
export function numberToChinese(n: number): string {
  if (!Number.isInteger(n) || n < 0 || n >= 10_000) throw new RangeError(`Out of range: ${n}`);
  if (n === 0) return '零';
  const units = ['千', '百', '十', ''];
  const digits = String(n).padStart(4, '0').split('').map(Number);
  let out = '';
  let pendingZero = false;
  digits.forEach((d, i) => {
    if (d === 0) {
      if (out) pendingZero = true;
      return;
    }
    if (pendingZero) out += '零';
    pendingZero = false;
    out += DIGIT_CHARS[d]! + units[i]!;
  });
  // 一十 → 十 at the start (10–19), as written in statutes.
  return out.startsWith('一十') ? out.slice(1) : out;
}
