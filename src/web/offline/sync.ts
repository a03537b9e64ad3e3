/**
 * Between the phone and the server: sends the outbox in the order it was written, and refreshes
 * the offline copy of the cadre's work while there is a signal.
 */
import { api, isApiError, type ApiError, type Page } from '../api/client.ts';
import type { HouseholdFile, HouseholdSummary, MyWork } from '../features/households/households.api.ts';
import {
  markSynced,
  outbox,
  removeItem,
  replaceHouseholds,
  saveMyWork,
  updateItem,
  type OutboxItem,
} from './device.ts';

/** Every change of the outbox or the copy: the offline pages listen and reread. */
export const deviceEvents = new EventTarget();
const changed = () => deviceEvents.dispatchEvent(new Event('change'));

/** How many assigned households a phone carries at most (a cadre has a few dozen). */
const MAX_HOUSEHOLDS = 200;

function requestOf(item: OutboxItem): { path: string; body: unknown; query?: Record<string, string> } {
  const base = `/households/${item.householdId}`;
  if (item.kind === 'visit') return { path: `${base}/visits`, body: item.body };
  if (item.kind === 'concern') return { path: `${base}/concerns`, body: item.body };
  const query: Record<string, string> = { takenAt: item.recordedAt };
  if (item.caption) query['caption'] = item.caption;
  return { path: `${base}/photos`, body: item.photo, query };
}

/**
 * Worth trying again later, unchanged: no answer at all, the session ended (sign in again), the
 * same record still being handled, or the server busy or failing. Anything else is a refusal of
 * this record that the person has to see.
 */
function isTransient(error: ApiError): boolean {
  return (
    error.code === 'network_error' ||
    error.code === 'unauthenticated' ||
    error.code === 'csrf_failed' ||
    error.code === 'idempotency_in_progress' ||
    error.status === 429 ||
    error.status >= 500
  );
}

/** Sends one record; false when the rest must wait (no signal, no session). */
async function sendOne(item: OutboxItem): Promise<boolean> {
  const tried = { ...item, tries: item.tries + 1 };
  await updateItem({ ...tried, state: 'sending' });
  changed();
  const { path, body, query } = requestOf(item);
  try {
    await api.post(path, body, { headers: { 'Idempotency-Key': item.key }, ...(query ? { query } : {}) });
    await removeItem(item.key);
    return true;
  } catch (error) {
    if (!isApiError(error) || isTransient(error)) {
      await updateItem({ ...tried, state: 'waiting' });
      return false;
    }
    await updateItem({ ...tried, state: 'refused', reason: error.message || error.code });
    return true;
  } finally {
    changed();
  }
}

let running: Promise<void> | null = null;

/** Sends what waits, oldest first; refused records stay for the person to fix or discard. */
export function flushOutbox(): Promise<void> {
  running ??= (async () => {
    let reachedAll = true;
    for (const item of await outbox()) {
      if (item.state === 'refused') continue;
      if (!(await sendOne(item))) {
        reachedAll = false;
        break;
      }
    }
    if (reachedAll) await markSynced();
    changed();
  })().finally(() => {
    running = null;
  });
  return running;
}

/** Refreshes the copy: my work and the files of the households assigned to me now (only those). */
export async function refreshCopy(): Promise<void> {
  const work = await api.get<MyWork>('/my-work');
  const mine = await api.get<Page<HouseholdSummary>>('/households', { mine: true, limit: MAX_HOUSEHOLDS });
  const files: HouseholdFile[] = [];
  // One after another: a phone on a weak signal does better with one request at a time.
  for (const h of mine.items) files.push(await api.get<HouseholdFile>(`/households/${h.id}`));
  await replaceHouseholds(files);
  await saveMyWork(work); // last: its time is the copy's (offline/register.ts)
  await markSynced();
  changed();
}

/** Outbox first (the copy then includes what was just sent), then the copy. */
export async function syncNow(): Promise<void> {
  await flushOutbox();
  await refreshCopy();
}
