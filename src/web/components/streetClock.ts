/**
 * The street's clock. Every Chinese street keeps Beijing time (Asia/Shanghai), whatever zone the
 * viewing device is set to: a meeting at 14:30 reads 14:30 on every phone and in every printout,
 * and "today" is the street's calendar day. Pure functions, no DOM (unit-tested in Node).
 */
export const STREET_TIME_ZONE = 'Asia/Shanghai';

/** The street's calendar day `offsetDays` from today, as YYYY-MM-DD (what date inputs and the API use). */
export function streetDay(offsetDays = 0): string {
  return new Date(Date.now() + offsetDays * 86_400_000).toLocaleDateString('sv-SE', {
    timeZone: STREET_TIME_ZONE,
  });
}

/**
 * A `datetime-local` input's value (YYYY-MM-DDTHH:mm) read on the street's clock, as ISO: what a
 * cadre types as 14:30 is 14:30 Beijing time whatever zone the device is set to (China keeps no
 * daylight saving, so the offset is fixed).
 */
export function streetTimeToIso(localValue: string): string {
  return new Date(`${localValue.length === 16 ? `${localValue}:00` : localValue}+08:00`).toISOString();
}
