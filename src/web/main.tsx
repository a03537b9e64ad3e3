import { dictionaries, languageTag, storedLanguage } from './i18n/dictionary.ts';

// The entry is tiny and imports nothing else: it asks at once for the app (one chunk with all the
// sign-in page needs, vite.config.ts) and the stored language's strings, side by side; the first
// render happens when both are here, so it already has its strings and <html lang>.
// Zod (the contract's schemas, in many pages) probes once whether it may compile validators with
// `new Function`. Our CSP has no 'unsafe-eval', so the probe is refused and reported as a violation
// although Zod catches it; `jitless` skips the probe (Zod reads this global config object and keeps
// it). Validation is the same, only not compiled.
(globalThis as { __zod_globalConfig?: { jitless: boolean } }).__zod_globalConfig = { jitless: true };
const lang = storedLanguage();
document.documentElement.lang = languageTag(lang);
const [{ renderApp }, messages] = await Promise.all([import('./app/boot.tsx'), dictionaries[lang]()]);
renderApp(lang, messages);
