import './global.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import type { Lang } from '../../contract/errors.ts';
import { setUnauthenticatedHandler } from '../api/client.ts';
import { queryClient } from '../api/queryClient.ts';
import { initI18n } from '../i18n/index.ts';
import type { CoreMessages } from '../i18n/zh.ts';
import { App } from './App.tsx';
import { markSignedOut } from './session.ts';

/** Renders the app into #root; main.tsx calls it with the interface language's strings. */
export function renderApp(lang: Lang, messages: CoreMessages): void {
  initI18n(lang, messages);
  // A 401 on any ordinary call means the session ended: forgetting the user makes the route guard
  // send them to /login?next=<this page>, so they come back here after signing in again.
  setUnauthenticatedHandler(() => markSignedOut(queryClient));

  const container = document.getElementById('root');
  if (!container) throw new Error('#root is missing from index.html');

  createRoot(container).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
}
