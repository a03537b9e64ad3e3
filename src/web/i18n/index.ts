import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import type { Lang } from '../../contract/errors.ts';
import type { Messages } from './zh.ts';

// Typed keys: `t('nav.hmoe')` is a compile error, and so is a key missing from en.ts.
declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: { translation: Messages };
  }
}

const STORAGE_KEY = 'gz_lang';

/** The interface is Chinese-first: English only when the user chose it before. */
function storedLanguage(): Lang {
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

export function currentLanguage(): Lang {
  return i18n.resolvedLanguage === 'en' ? 'en' : 'zh';
}

function applyLanguage(lang: Lang): void {
  document.documentElement.lang = languageTag(lang);
  try {
    localStorage.setItem(STORAGE_KEY, lang);
  } catch {
    // Not persisting is acceptable; the choice still holds for this page view.
  }
}

/** Each language's strings are their own chunk: a phone downloads only the language it shows. */
const dictionaries: Record<Lang, () => Promise<Messages>> = {
  zh: () => import('./zh.ts').then((m) => m.zh),
  en: () => import('./en.ts').then((m) => m.en),
};

async function ensureDictionary(lang: Lang): Promise<void> {
  if (!i18n.hasResourceBundle(lang, 'translation')) {
    i18n.addResourceBundle(lang, 'translation', await dictionaries[lang]());
  }
}

/** Switching loads the other language's strings first, so nothing renders with missing keys. */
export async function changeLanguage(lang: Lang): Promise<void> {
  await ensureDictionary(lang);
  await i18n.changeLanguage(lang);
}

/**
 * Loads the dictionary of the stored language and initialises i18next with it; the app renders
 * after this resolves (main.tsx), so the first render already has its strings.
 */
export async function initI18n(): Promise<void> {
  const initial = storedLanguage();
  document.documentElement.lang = languageTag(initial);
  const messages = await dictionaries[initial]();
  await i18n.use(initReactI18next).init({
    resources: { [initial]: { translation: messages } },
    lng: initial,
    // Both dictionaries have every key (en.ts is typed as Messages): no fallback to fetch.
    fallbackLng: false,
    supportedLngs: ['zh', 'en'],
    partialBundledLanguages: true,
    initAsync: false,
    // React escapes output itself.
    interpolation: { escapeValue: false },
    returnNull: false,
  });
  i18n.on('languageChanged', (lng) => applyLanguage(lng === 'en' ? 'en' : 'zh'));
}

export { i18n };
