import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import type { Lang } from '../../contract/errors.ts';
import { dictionaries, languageTag, STORAGE_KEY } from './dictionary.ts';
import type { Messages } from './zh.ts';

export { languageTag };

// Typed keys: `t('nav.hmoe')` is a compile error, and so is a key missing from en.ts.
declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: { translation: Messages };
  }
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
 * Initialises i18next with the dictionary main.tsx loaded (the stored language's, fetched while
 * the app downloaded), so the first render already has its strings.
 */
export function initI18n(initial: Lang, messages: Messages): void {
  document.documentElement.lang = languageTag(initial);
  void i18n.use(initReactI18next).init({
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
