/**
 * Starts offline work for a field worker (issue #21), from the signed-in shell only, so neither
 * the sign-in page nor a resident's phone downloads the service worker or the app's every file:
 * registers the worker that keeps the app's files (vite.config.ts), sends the outbox and
 * refreshes the copy now and whenever the signal returns.
 */
import { copySavedAt, dropExpired } from './device.ts';
import { syncNow } from './sync.ts';

/** A fresh copy is fetched at most this often on its own (each costs one request per household). */
const REFRESH_EVERY_MS = 10 * 60_000;
let listening = false;

async function syncQuietly(force: boolean): Promise<void> {
  if (!navigator.onLine) return;
  const saved = await copySavedAt();
  if (!force && saved && Date.now() - saved < REFRESH_EVERY_MS) return;
  // a failed sync is shown by the outbox's states and the last-sync time; nothing to add here
  await syncNow().catch(() => undefined);
}

/** Once per signed-in user (a sign-out unregisters the worker, the next sign-in comes here again). */
export async function startOfflineWork(): Promise<void> {
  await dropExpired();
  if (!listening) window.addEventListener('online', () => void syncQuietly(true));
  listening = true;
  void syncQuietly(false);
  if (!document.querySelector('link[rel="manifest"]')) {
    const link = Object.assign(document.createElement('link'), {
      rel: 'manifest',
      href: '/manifest.webmanifest',
    });
    document.head.append(link);
  }
  if ('serviceWorker' in navigator) {
    const { Workbox } = await import('workbox-window');
    await new Workbox('/sw.js').register();
  }
}
