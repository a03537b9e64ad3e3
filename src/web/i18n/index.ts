import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import type { Lang } from '../../contract/errors.ts';
import { zh, type Messages } from './zh.ts';
import { en } from './en.ts';

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

export async function changeLanguage(lang: Lang): Promise<void> {
  await i18n.changeLanguage(lang);
}

const initial = storedLanguage();

// Resources are bundled, so initialise synchronously: the first render already has its strings.
void i18n.use(initReactI18next).init({
  resources: { zh: { translation: zh }, en: { translation: en } },
  lng: initial,
  fallbackLng: 'zh',
  supportedLngs: ['zh', 'en'],
  initAsync: false,
  // React escapes output itself.
  interpolation: { escapeValue: false },
  returnNull: false,
});

document.documentElement.lang = languageTag(initial);
i18n.on('languageChanged', (lng) => applyLanguage(lng === 'en' ? 'en' : 'zh'));

export { i18n };
