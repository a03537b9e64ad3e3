import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import type { Lang } from '../../contract/errors.ts';
import { dictionaries, languageTag, STORAGE_KEY } from './dictionary.ts';
import type { Messages } from './messages.ts';
import { parts, type Part } from './parts.ts';
import type { CoreMessages } from './zh.ts';

export { languageTag };
export type { Part };

// Typed keys: `t('nav.hmoe')` is a compile error, and so is a key missing from en.ts or a part.
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

/** The parts pages have asked for so far: a language switch loads each of them in the new language. */
const wanted = new Set<Part>();
/** Loads under way or done, per language and part ('core' for zh.ts/en.ts), each made once. */
const loads = new Map<string, Promise<void>>();
/** The language being switched to while its strings load, so parts asked for meanwhile come in both. */
let switchingTo: Lang | null = null;
/**
 * i18next adds resources only once initialised, and the router starts loading the first page (and
 * its parts) as soon as it is created, before boot.tsx initialises i18next: the parts wait for it.
 */
let initialised: () => void;
const ready = new Promise<void>((resolve) => {
  initialised = resolve;
});

function load(lang: Lang, name: Part | 'core'): Promise<void> {
  const key = `${lang}:${name}`;
  let loading = loads.get(key);
  if (!loading) {
    loading = (async () => {
      if (name === 'core') {
        if (!i18n.hasResourceBundle(lang, 'translation')) {
          i18n.addResourceBundle(lang, 'translation', await dictionaries[lang](), true, true);
        }
      } else {
        // deep merge: a part shares top-level keys with the core (`households.nav` is the core's)
        i18n.addResourceBundle(lang, 'translation', await parts[name][lang](), true, true);
      }
    })();
    loads.set(key, loading);
    // a failed download (a network blip) is tried again by the next page that needs it
    loading.catch(() => loads.delete(key));
  }
  return loading;
}

/**
 * Loads the named parts of the dictionary in the interface language (and in the one being switched
 * to, if a switch is under way), before the page that shows them renders: the router awaits it
 * alongside the page's code (app/routeDictionaries.ts).
 */
export async function loadDictionary(names: readonly Part[]): Promise<void> {
  for (const name of names) wanted.add(name);
  await ready;
  const languages = new Set<Lang>([currentLanguage(), ...(switchingTo ? [switchingTo] : [])]);
  await Promise.all([...languages].flatMap((lang) => names.map((name) => load(lang, name))));
}

/**
 * Switching loads the other language's strings first — the core and every part loaded so far — so
 * nothing renders with missing keys.
 */
export async function changeLanguage(lang: Lang): Promise<void> {
  switchingTo = lang;
  try {
    await Promise.all([load(lang, 'core'), ...[...wanted].map((name) => load(lang, name))]);
    await i18n.changeLanguage(lang);
  } finally {
    switchingTo = null;
  }
}

/**
 * Initialises i18next with the core dictionary main.tsx loaded (the stored language's, fetched
 * while the app downloaded), so the first render already has its strings; each page's parts
 * come with the page (loadDictionary).
 */
export function initI18n(initial: Lang, messages: CoreMessages): void {
  document.documentElement.lang = languageTag(initial);
  loads.set(`${initial}:core`, Promise.resolve());
  void i18n.use(initReactI18next).init({
    resources: { [initial]: { translation: messages } },
    lng: initial,
    // Every language has every key (en.ts and the parts are typed to the Chinese): no fallback.
    fallbackLng: false,
    supportedLngs: ['zh', 'en'],
    partialBundledLanguages: true,
    initAsync: false,
    // React escapes output itself.
    interpolation: { escapeValue: false },
    returnNull: false,
  });
  i18n.on('languageChanged', (lng) => applyLanguage(lng === 'en' ? 'en' : 'zh'));
  initialised();
}

export { i18n };
