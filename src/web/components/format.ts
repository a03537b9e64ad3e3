import { useTranslation } from 'react-i18next';

import { STREET_TIME_ZONE } from './streetClock.ts';

// Server timestamps are shown on the street's clock (see streetClock.ts).

const PARTS = {
  dateTime: { year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' },
  date: { year: 'numeric', month: '2-digit', day: '2-digit' },
  time: { hour: '2-digit', minute: '2-digit' },
} satisfies Record<string, Intl.DateTimeFormatOptions>;

const formatters = new Map<string, Intl.DateTimeFormat>();

/**
 * One `Intl.DateTimeFormat` per language and options, built once: building one loads the locale's
 * and the time zone's data, which on a phone's CPU made three formatters per render of the
 * resident's portal its costliest script (issue #15, warm visit profile).
 */
export function dateFormatter(lang: 'zh' | 'en', options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const locale = lang === 'en' ? 'en-GB' : 'zh-CN';
  const key = `${locale} ${JSON.stringify(options)}`;
  let formatter = formatters.get(key);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat(locale, options);
    formatters.set(key, formatter);
  }
  return formatter;
}

/**
 * The street-clock formatter of a language: Chinese 2026/03/05 14:07; English day first,
 * 05/03/2026, 14:07 (British order: `en` alone would give the US month-first 03/05/2026).
 */
export function streetFormatter(lang: 'zh' | 'en', kind: keyof typeof PARTS): Intl.DateTimeFormat {
  return dateFormatter(lang, { ...PARTS[kind], hour12: false, timeZone: STREET_TIME_ZONE });
}

function useFormat(kind: keyof typeof PARTS): (value: string | null | undefined) => string {
  const { i18n } = useTranslation();
  const formatter = streetFormatter(i18n.resolvedLanguage === 'en' ? 'en' : 'zh', kind);
  return (value) => {
    if (!value) return '—';
    const date = new Date(value);
    return Number.isNaN(date.getTime()) ? value : formatter.format(date);
  };
}

/** Formats server timestamps in the interface language, e.g. 2026/03/05 14:07. */
export function useDateTimeFormat(): (value: string | null | undefined) => string {
  return useFormat('dateTime');
}

/** The calendar day of a server timestamp, e.g. 2026/03/05. */
export function useDateFormat(): (value: string | null | undefined) => string {
  return useFormat('date');
}

/** The time of day of a server timestamp, e.g. 14:07. */
export function useTimeFormat(): (value: string | null | undefined) => string {
  return useFormat('time');
}
