import { initI18n } from './i18n/index.ts';

// The interface language's strings and the app download side by side (neither waits for the
// other to arrive before it is requested); the first render happens when both are here, so it
// already has its strings and sets <html lang>.
const [{ renderApp }] = await Promise.all([import('./app/boot.tsx'), initI18n()]);
renderApp();
