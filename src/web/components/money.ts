import { useTranslation } from 'react-i18next';
import type { Lang } from '../../contract/errors.ts';

const numberFormats = new Map<string, Intl.NumberFormat>();

/** Built once per language and precision: `toLocaleString` with options builds a formatter per call. */
function numberFormat(lang: Lang, minimumFractionDigits: number): Intl.NumberFormat {
  const key = `${lang}${minimumFractionDigits}`;
  let format = numberFormats.get(key);
  if (!format) {
    format = new Intl.NumberFormat(lang === 'en' ? 'en-GB' : 'zh-CN', {
      minimumFractionDigits,
      maximumFractionDigits: 2,
    });
    numberFormats.set(key, format);
  }
  return format;
}

/**
 * Amounts of money (人民币) in the interface language: "1,234 元" in Chinese, "¥1,234" in English,
 * where 元 means nothing to the reader. Every amount the app prints goes through here, so the two
 * languages never mix.
 */
export function formatYuan(amount: number, lang: Lang, options: { cents?: boolean } = {}): string {
  const number = numberFormat(lang, options.cents ? 2 : 0).format(amount);
  return lang === 'en' ? `¥${number}` : `${number} 元`;
}

/** formatYuan in the current interface language; a missing amount shows as —. */
export function useYuan(): (
  amount: number | string | null | undefined,
  options?: { cents?: boolean },
) => string {
  const { i18n } = useTranslation();
  const lang: Lang = i18n.resolvedLanguage === 'en' ? 'en' : 'zh';
  return (amount, options) => {
    const n = typeof amount === 'string' ? Number(amount) : amount;
    return n === null || n === undefined || Number.isNaN(n) ? '—' : formatYuan(n, lang, options);
  };
}
