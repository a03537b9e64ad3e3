import { useTranslation } from 'react-i18next';
import { languageTag } from '../i18n/index.ts';

/** Formats server timestamps in the interface language, e.g. 2026/03/05 14:07. */
export function useDateTimeFormat(): (value: string | null | undefined) => string {
  const { i18n } = useTranslation();
  const lang = i18n.resolvedLanguage === 'en' ? 'en' : 'zh';
  const formatter = new Intl.DateTimeFormat(languageTag(lang), {
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hour12: false,
  });
  return (value) => {
    if (!value) return '—';
    const date = new Date(value);
    return Number.isNaN(date.getTime()) ? value : formatter.format(date);
  };
}
