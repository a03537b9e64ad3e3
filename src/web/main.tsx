import { dictionaries, languageTag, storedLanguage } from './i18n/dictionary.ts';

// The entry is tiny and imports nothing else: it asks at once for the app (one chunk with all the
// sign-in page needs, vite.config.ts) and the stored language's strings, side by side; the first
// render happens when both are here, so it already has its strings and <html lang>.
const lang = storedLanguage();
document.documentElement.lang = languageTag(lang);
const [{ renderApp }, messages] = await Promise.all([import('./app/boot.tsx'), dictionaries[lang]()]);
renderApp(lang, messages);
