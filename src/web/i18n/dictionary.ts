/**
 * Which language to show and where its strings come from, with no dependency: main.tsx (the
 * entry, kept tiny) asks for the stored language's dictionary while the app itself downloads.
 */
import type { Lang } from '../../contract/errors.ts';
import type { CoreMessages } from './zh.ts';

export const STORAGE_KEY = 'gz_lang';

/** The interface is Chinese-first: English only when the user chose it before. */
export function storedLanguage(): Lang {
  try {
    return localStorage.getItem(STORAGE_KEY) === 'en' ? 'en' : 'zh';
  } catch {
    // Storage can be blocked (private mode, strict settings); fall back to Chinese.
    return 'zh';
  }
}

/** BCP 47 tag for `<html lang>` and `Accept-Language`. */
export function languageTag(lang: Lang): string {
  return lang === 'en' ? 'en' : 'zh-CN';
}

/**
 * Each language's core strings are their own chunk: a phone downloads only the language it shows
 * (the dictionary's other parts, parts.ts, come later, with the pages that show them).
 */
export const dictionaries: Record<Lang, () => Promise<CoreMessages>> = {
  zh: () => import('./zh.ts').then((m) => m.zh),
  en: () => import('./en.ts').then((m) => m.en),
};
