/**
 * Pure rules for household data: normalising what people type into ledgers, validating ID numbers
 * and phones, and the exact-match search tokens behind `q`.
 */

/** Full-width digits, letters and spaces to half-width; trims and collapses whitespace. */
export function normalize(text: string): string {
  return text
    .normalize('NFKC')
    .replace(/[\u200b\u00a0\u3000]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECK = '10X98765432';

export type IdCheck = { ok: true; value: string } | { ok: false; code: 'id_mangled' | 'id_invalid' };

/**
 * GB 11643 citizen ID: 17 digits, a valid birth date, and the ISO 7064 MOD 11-2 check character.
 * Excel turns long numbers into 3.10101E+17 or rounds the last digits to zero: say so specifically.
 */
export function checkIdNumber(raw: string): IdCheck {
  const value = normalize(raw).replace(/\s/g, '').toUpperCase();
  if (
    /^\d(\.\d+)?E\+\d+$/.test(value) ||
    /^\d{15,17}(\.0+)?$/.test(value) ||
    (/^\d{16}0{2}$/.test(value) && !validChecksum(value))
  ) {
    return { ok: false, code: 'id_mangled' };
  }
  if (!/^\d{17}[\dX]$/.test(value) || !validBirthDate(value.slice(6, 14)) || !validChecksum(value)) {
    return { ok: false, code: 'id_invalid' };
  }
  return { ok: true, value };
}

function validChecksum(id: string): boolean {
  if (id.length !== 18) return false;
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(id[i]) * ID_WEIGHTS[i]!;
  return ID_CHECK[sum % 11] === id[17];
}

function validBirthDate(yyyymmdd: string): boolean {
  const y = Number(yyyymmdd.slice(0, 4));
  const m = Number(yyyymmdd.slice(4, 6));
  const d = Number(yyyymmdd.slice(6, 8));
  const date = new Date(Date.UTC(y, m - 1, d));
  return y >= 1900 && y <= 2100 && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

export type PhoneCheck = { ok: true; value: string } | { ok: false };

/** Separators people type inside numbers: spaces, hyphens and dashes of every width, dots, brackets. */
const PHONE_SEPARATORS = /[\s()（）.\-‐‑‒–—―－]/g;

/**
 * Mainland mobiles and landlines (with or without area code and extension) are both valid.
 * Ledgers write mobiles the way WPS and people do — `133 2672-2407`, full-width digits, `+86`,
 * `0086`, `(+86)` — so a mobile is judged on its digits alone and stored as 11 digits.
 */
export function checkPhone(raw: string): PhoneCheck {
  const text = normalize(raw);
  const digits = text.replace(PHONE_SEPARATORS, '');
  const mobile = digits.replace(/^(\+86|0086|86)(?=1\d{10}$)/, '');
  if (/^1[3-9]\d{9}$/.test(mobile)) return { ok: true, value: mobile };
  // Landlines keep one hyphen after the area code and before an extension: 021-62541234-801.
  // Area codes are 010 and 02x (3 digits) or 0 + three digits starting 3–9, so no split is guessed.
  const landline = text
    .replace(/[()（）]/g, ' ')
    .replace(/[‐‑‒–—―－]/g, '-')
    .replace(/\s*-\s*/g, '-')
    .trim();
  const m = /^(?:(0(?:10|2\d|[3-9]\d{2}))[-\s]?)?([2-9]\d{2,3}[-\s]?\d{4})(?:-(\d{1,6}))?$/.exec(landline);
  if (m) {
    const local = m[2]!.replace(/[-\s]/g, '');
    const value = (m[1] ? `${m[1]}-` : '') + local + (m[3] ? `-${m[3]}` : '');
    return { ok: true, value };
  }
  return { ok: false };
}

/** `21`, `21号`, `二十一号`→ stays as typed but normalised; digits-only gets 号 so forms agree. */
export function canonicalBuilding(raw: string): string {
  const value = normalize(raw).replace(/\s/g, '');
  const digits = /^(\d+)(号|号楼|幢|栋|#)?$/.exec(value);
  return digits ? `${digits[1]}号` : value;
}

export function canonicalRoom(raw: string): string {
  return normalize(raw).replace(/\s/g, '').replace(/室$/, '');
}

/** Floor from a room number as Shanghai ledgers write it: 101 → 1, 1203 → 12. */
export function floorOf(room: string): number | null {
  const m = /^(\d{1,2})(\d{2})$/.exec(room);
  return m ? Number(m[1]) : null;
}

/** Names and their 2+ character prefixes, so 张建 finds 张建国. */
function nameTokens(name: string): string[] {
  const chars = [...normalize(name).replace(/\s/g, '')];
  const tokens: string[] = [];
  for (let n = 2; n <= chars.length; n++) tokens.push(chars.slice(0, n).join(''));
  return chars.length === 1 ? [chars[0]!] : tokens;
}

export interface TokenSource {
  building: string;
  room: string;
  headName: string;
  memberNames: string[];
  phone: string | null;
  idNumber: string | null;
}

/** Exact-match tokens stored in `search_tokens` (GIN-indexed text[]). */
export function searchTokens(s: TokenSource): string[] {
  const building = canonicalBuilding(s.building);
  const room = canonicalRoom(s.room);
  const tokens = new Set<string>([building, room, `${building}${room}`, ...nameTokens(s.headName)]);
  for (const m of s.memberNames) for (const t of nameTokens(m)) tokens.add(t);
  if (s.phone) tokens.add(s.phone.replace(/\D/g, '').slice(-4));
  if (s.idNumber) tokens.add(s.idNumber.slice(-4).toUpperCase());
  return [...tokens].filter(Boolean);
}

/** The tokens a query must all match: `21-101` and `21号 101室` both become `21号101`. */
export function queryTokens(q: string): string[] {
  const value = normalize(q);
  const address = /^(\d+)\s*(?:号楼|号|幢|栋|#|-)\s*(\d+)\s*室?$/.exec(value);
  if (address) return [`${address[1]}号${address[2]}`];
  return value
    .split(' ')
    .filter(Boolean)
    .map((term) =>
      /^\d+(号|幢|栋|#)$/.test(term)
        ? canonicalBuilding(term)
        : /^\d+室$/.test(term)
          ? canonicalRoom(term)
          : term.toUpperCase(),
    );
}
