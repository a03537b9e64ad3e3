/** Masking for display: enough to recognise, not enough to misuse. */

/** `310101199001011234` → `3101**********123X`-style: first 4, last 4. */
export function maskIdNumber(id: string): string {
  if (id.length <= 8) return '*'.repeat(id.length);
  return id.slice(0, 4) + '*'.repeat(id.length - 8) + id.slice(-4);
}

/** Mobile `13812345678` → `138****5678`; landline keeps area code and last 2. */
export function maskPhone(phone: string): string {
  const digits = phone.replace(/\D/g, '');
  if (/^1\d{10}$/.test(digits)) return `${digits.slice(0, 3)}****${digits.slice(-4)}`;
  if (digits.length <= 4) return '*'.repeat(digits.length);
  return (
    phone.slice(0, Math.min(4, phone.length - 2)).replace(/\d/g, (d, i) => (i < 4 ? d : '*')) +
    '****' +
    digits.slice(-2)
  );
}

/** Chinese names for public boards: 张三 → 张*, 张三丰 → 张*丰, 欧阳娜娜 → 欧**娜. */
export function maskName(name: string): string {
  const chars = [...name.trim()];
  if (chars.length <= 1) return name;
  if (chars.length === 2) return `${chars[0]}*`;
  return chars[0] + '*'.repeat(chars.length - 2) + chars[chars.length - 1];
}
