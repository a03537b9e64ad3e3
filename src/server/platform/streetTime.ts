/**
 * The street's time (Beijing, UTC+8, no daylight saving) for what is printed: every PDF, docx and
 * xlsx formats dates and times through these, never from a UTC ISO string.
 */
export const STREET_UTC_OFFSET_MS = 8 * 3_600_000;

const shifted = (at: Date | string): Date => new Date(new Date(at).getTime() + STREET_UTC_OFFSET_MS);

/** 2026-12-07 */
export function streetDate(at: Date | string): string {
  return shifted(at).toISOString().slice(0, 10);
}

/** 2026-12-07 20:24 */
export function streetDateTime(at: Date | string): string {
  return shifted(at).toISOString().slice(0, 16).replace('T', ' ');
}

/** 2026年12月7日 */
export function streetDateZh(at: Date | string): string {
  const d = shifted(at);
  return `${d.getUTCFullYear()}年${d.getUTCMonth() + 1}月${d.getUTCDate()}日`;
}
