import { useTranslation } from 'react-i18next';
import { languageTag } from '../i18n/index.ts';

import { STREET_TIME_ZONE } from './streetClock.ts';

// Server timestamps are shown on the street's clock (see streetClock.ts).

const PARTS = {
  dateTime: { year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' },
  date: { year: 'numeric', month: '2-digit', day: '2-digit' },
  time: { hour: '2-digit', minute: '2-digit' },
} satisfies Record<string, Intl.DateTimeFormatOptions>;

function useFormat(parts: Intl.DateTimeFormatOptions): (value: string | null | undefined) => string {
  const { i18n } = useTranslation();
  const lang = i18n.resolvedLanguage === 'en' ? 'en' : 'zh';
  const formatter = new Intl.DateTimeFormat(languageTag(lang), {
    ...parts,
    hour12: false,
    timeZone: STREET_TIME_ZONE,
  });
  return (value) => {
    if (!value) return '—';
    const date = new Date(value);
    return Number.isNaN(date.getTime()) ? value : formatter.format(date);
  };
}

/** Formats server timestamps in the interface language, e.g. 2026/03/05 14:07. */
export function useDateTimeFormat(): (value: string | null | undefined) => string {
  return useFormat(PARTS.dateTime);
}

/** The calendar day of a server timestamp, e.g. 2026/03/05. */
export function useDateFormat(): (value: string | null | undefined) => string {
  return useFormat(PARTS.date);
}

/** The time of day of a server timestamp, e.g. 14:07. */
export function useTimeFormat(): (value: string | null | undefined) => string {
  return useFormat(PARTS.time);
}
