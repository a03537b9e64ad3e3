/**
 * The copy kept on the phone for door-to-door work without a signal (issue #21), in IndexedDB
 * through `idb`. What is kept is what PIPL allows a field worker to carry: the signed-in user,
 * their own work list and the files of the households assigned to them, in the fields the offline
 * pages show (ID numbers never: the server sends them masked and they are dropped here anyway).
 * Everything expires after 7 days, is deleted on sign-out, and a household leaves the device as
 * soon as a sync finds it no longer assigned.
 */
import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import type { Me } from '../api/types.ts';
import type { z } from 'zod';
import type {
  HouseholdFile as HouseholdFileSchema,
  MyWork as MyWorkSchema,
} from '../../contract/households.ts';

// From the contract, not the households pages' API module: that module reads this copy when offline.
type HouseholdFile = z.infer<typeof HouseholdFileSchema>;
type MyWork = z.infer<typeof MyWorkSchema>;

export const DEVICE_DB = 'gongzhi-offline';
export const OFFLINE_TTL_MS = 7 * 24 * 3600_000;

/** A household's file as carried offline. */
export type OfflineHousehold = Pick<
  HouseholdFile,
  | 'id'
  | 'estateName'
  | 'buildingNumber'
  | 'room'
  | 'headName'
  | 'phone'
  | 'stage'
  | 'nextFollowUp'
  | 'members'
  | 'flags'
> & {
  visits: HouseholdFile['visits'];
  concerns: HouseholdFile['concerns'];
  savedAt: number;
};

export type OutboxKind = 'visit' | 'concern' | 'photo';
export type OutboxState = 'waiting' | 'sending' | 'refused';

/** One record written on the phone and not yet accepted by the server. */
export interface OutboxItem {
  /** The Idempotency-Key: made on the phone, sent with every try, so a retry never duplicates. */
  key: string;
  seq: number;
  kind: OutboxKind;
  householdId: number;
  householdLabel: string;
  recordedAt: string;
  /** JSON body (visit, concern) or the photo itself with its caption. */
  body?: unknown;
  photo?: Blob;
  caption?: string;
  state: OutboxState;
  /** Why the server refused it, in the interface language of the refusal. */
  reason?: string;
  tries: number;
}

interface Saved<T> {
  value: T;
  savedAt: number;
}

interface DeviceSchema extends DBSchema {
  meta: { key: string; value: Saved<unknown> };
  households: { key: number; value: OfflineHousehold };
  outbox: { key: string; value: OutboxItem; indexes: { seq: number } };
}

let opened: Promise<IDBPDatabase<DeviceSchema>> | null = null;

function db(): Promise<IDBPDatabase<DeviceSchema>> {
  opened ??= openDB<DeviceSchema>(DEVICE_DB, 1, {
    upgrade(database) {
      database.createObjectStore('meta');
      database.createObjectStore('households', { keyPath: 'id' });
      database.createObjectStore('outbox', { keyPath: 'key' }).createIndex('seq', 'seq');
    },
    // Another tab deletes the database (sign-out there): let it, and reopen on next use.
    blocking() {
      void opened?.then((d) => d.close());
      opened = null;
    },
  });
  return opened;
}

const fresh = (savedAt: number) => Date.now() - savedAt < OFFLINE_TTL_MS;

async function putMeta(key: string, value: unknown): Promise<void> {
  await (await db()).put('meta', { value, savedAt: Date.now() }, key);
}

async function getMeta<T>(key: string): Promise<T | undefined> {
  const saved = await (await db()).get('meta', key);
  return saved && fresh(saved.savedAt) ? (saved.value as T) : undefined;
}

/** The signed-in user, so the app opens offline; another user signing in wipes the previous copy. */
export async function saveMe(me: Me): Promise<void> {
  const previous = await getMeta<Me>('me');
  if (previous && previous.id !== me.id) await clearDevice({ keepCode: true });
  await putMeta('me', { ...me, csrfToken: null });
}

export const loadMe = () => getMeta<Me>('me');
export const saveMyWork = (work: MyWork) => putMeta('my-work', work);
export const loadMyWork = () => getMeta<MyWork>('my-work');
export const markSynced = () => putMeta('last-sync', new Date().toISOString());
/** When the server last answered everything (the outbox sent, or the copy refreshed). */
export const lastSync = () => getMeta<string>('last-sync');
/** When the copy of my work and households was last refreshed (the outbox alone does not count). */
export const copySavedAt = async () => (await (await db()).get('meta', 'my-work'))?.savedAt;

export function trimHousehold(file: HouseholdFile): OfflineHousehold {
  return {
    id: file.id,
    estateName: file.estateName,
    buildingNumber: file.buildingNumber,
    room: file.room,
    headName: file.headName,
    phone: file.phone,
    stage: file.stage,
    nextFollowUp: file.nextFollowUp,
    members: file.members,
    flags: file.flags,
    visits: file.visits.slice(0, 10),
    concerns: file.concerns.filter((c) => c.status !== 'resolved'),
    savedAt: Date.now(),
  };
}

/** Keeps exactly these households (the ones still assigned), replacing their copies. */
export async function replaceHouseholds(files: HouseholdFile[]): Promise<void> {
  const tx = (await db()).transaction('households', 'readwrite');
  await tx.store.clear();
  await Promise.all(files.map((f) => tx.store.put(trimHousehold(f))));
  await tx.done;
}

export async function loadHouseholds(): Promise<OfflineHousehold[]> {
  const all = await (await db()).getAll('households');
  return all.filter((h) => fresh(h.savedAt));
}

export async function loadHousehold(id: number): Promise<OfflineHousehold | undefined> {
  const h = await (await db()).get('households', id);
  return h && fresh(h.savedAt) ? h : undefined;
}

export async function forgetHousehold(id: number): Promise<void> {
  await (await db()).delete('households', id);
}

// ---- outbox ----------------------------------------------------------------------------------

export async function enqueue(
  item: Omit<OutboxItem, 'key' | 'seq' | 'state' | 'tries'>,
): Promise<OutboxItem> {
  const full: OutboxItem = { ...item, key: crypto.randomUUID(), seq: Date.now(), state: 'waiting', tries: 0 };
  await (await db()).put('outbox', full);
  return full;
}

export async function outbox(): Promise<OutboxItem[]> {
  return (await db()).getAllFromIndex('outbox', 'seq');
}

export async function updateItem(item: OutboxItem): Promise<void> {
  await (await db()).put('outbox', item);
}

export async function removeItem(key: string): Promise<void> {
  await (await db()).delete('outbox', key);
}

/** Deletes the offline copies that outlived their 7 days (records waiting to be sent are kept). */
export async function dropExpired(): Promise<void> {
  const database = await db();
  for (const h of await database.getAll('households'))
    if (!fresh(h.savedAt)) await database.delete('households', h.id);
  for (const key of await database.getAllKeys('meta')) {
    const saved = await database.get('meta', key);
    if (saved && !fresh(saved.savedAt)) await database.delete('meta', key);
  }
}

/**
 * Sign-out: the database goes, and with it the outbox; Cache Storage goes too, and the service
 * worker with it (an emptied precache is only refilled when a worker installs: the next staff
 * sign-in registers it again). `keepCode`: another user signed in here, only the data goes.
 */
export async function clearDevice(options: { keepCode?: boolean } = {}): Promise<void> {
  const database = await opened?.catch(() => null);
  database?.close();
  opened = null;
  await new Promise<void>((resolve) => {
    const request = indexedDB.deleteDatabase(DEVICE_DB);
    request.onsuccess = request.onerror = request.onblocked = () => resolve();
  });
  if (options.keepCode) return;
  if ('caches' in globalThis) await Promise.all((await caches.keys()).map((n) => caches.delete(n)));
  const registrations = (await navigator.serviceWorker?.getRegistrations()) ?? [];
  await Promise.all(registrations.map((r) => r.unregister()));
}
