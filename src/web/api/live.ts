/**
 * Live changes of the current street over ONE server-sent-event stream per tab (`/api/events`).
 * Pages subscribe with `useLiveEvent(topic, handler)`; the stream opens with the first subscriber,
 * closes shortly after the last one leaves, reconnects by itself, and after any gap (a reconnect,
 * or the server's `resync`) invalidates every query, because events may have been missed.
 */
import { useEffect, useRef } from 'react';
import { meQueryKey, useMeQuery } from '../app/session.ts';
import { queryClient } from './queryClient.ts';

export type LiveHandler = (data: unknown) => void;

const URL_PATH = '/api/events';
/** Keeps the stream through a route change (one page unsubscribes, the next subscribes). */
const CLOSE_GRACE_MS = 2_000;
const RETRY_MAX_MS = 30_000;

const handlers = new Map<string, Set<LiveHandler>>();
let source: EventSource | null = null;
/** The street the open stream belongs to: a street switch needs a new stream. */
let sourceKey: string | null = null;
let refs = 0;
let closeTimer: ReturnType<typeof setTimeout> | undefined;
let retryTimer: ReturnType<typeof setTimeout> | undefined;
let retryDelay = 1_000;
/** Whether the stream was connected before: every later `hello` means a gap. */
let connectedOnce = false;
const attachedTopics = new Set<string>();

function dispatch(topic: string, event: MessageEvent<string>): void {
  let data: unknown = undefined;
  try {
    data = JSON.parse(event.data) as unknown;
  } catch {
    // a malformed payload still tells the listener that something changed
  }
  for (const handler of [...(handlers.get(topic) ?? [])]) {
    try {
      handler(data);
    } catch (error) {
      console.error(error);
    }
  }
}

function resyncEverything(): void {
  void queryClient.invalidateQueries({ predicate: (query) => query.queryKey[0] !== meQueryKey[0] });
}

function attach(topic: string): void {
  if (!source || attachedTopics.has(topic)) return;
  attachedTopics.add(topic);
  source.addEventListener(topic, (event) => dispatch(topic, event as MessageEvent<string>));
}

function open(key: string): void {
  closeNow();
  sourceKey = key;
  const es = new EventSource(URL_PATH, { withCredentials: true });
  source = es;
  es.addEventListener('hello', () => {
    retryDelay = 1_000;
    if (connectedOnce) resyncEverything();
    connectedOnce = true;
  });
  es.addEventListener('resync', () => {
    resyncEverything();
    dispatch('resync', new MessageEvent('resync', { data: '{}' }));
  });
  attachedTopics.add('hello');
  attachedTopics.add('resync');
  for (const topic of handlers.keys()) attach(topic);
  es.onerror = () => {
    // The browser retries by itself while CONNECTING; a CLOSED stream (e.g. a 5xx) is ours to retry.
    if (es.readyState !== EventSource.CLOSED || source !== es) return;
    source = null;
    attachedTopics.clear();
    clearTimeout(retryTimer);
    retryTimer = setTimeout(() => {
      if (refs > 0 && !source && sourceKey) open(sourceKey);
    }, retryDelay);
    retryDelay = Math.min(retryDelay * 2, RETRY_MAX_MS);
  };
}

function closeNow(): void {
  clearTimeout(retryTimer);
  source?.close();
  source = null;
  attachedTopics.clear();
  connectedOnce = false;
}

function retain(key: string): void {
  refs += 1;
  clearTimeout(closeTimer);
  if (!source || sourceKey !== key) open(key);
}

function release(): void {
  refs = Math.max(0, refs - 1);
  if (refs > 0) return;
  clearTimeout(closeTimer);
  closeTimer = setTimeout(() => {
    if (refs === 0) {
      closeNow();
      sourceKey = null;
    }
  }, CLOSE_GRACE_MS);
}

function subscribe(topic: string, handler: LiveHandler): () => void {
  let set = handlers.get(topic);
  if (!set) handlers.set(topic, (set = new Set()));
  set.add(handler);
  attach(topic);
  return () => {
    set.delete(handler);
    if (set.size === 0) handlers.delete(topic);
  };
}

/**
 * Calls `handler(payload)` for every live event of `topic` while the component is mounted
 * (and, with topic 'resync', after the server asked every screen to reload).
 */
export function useLiveEvent(topic: string, handler: LiveHandler): void {
  useLiveEvents([topic], handler);
}

/** useLiveEvent for several topics at once: one handler, one hook call (the rules of hooks). */
export function useLiveEvents(topics: readonly string[], handler: LiveHandler): void {
  // The stream belongs to the signed-in user's current street.
  const me = useMeQuery().data;
  const key = me?.tenant ? `${me.id}:${me.tenant.id}` : null;
  const latest = useRef(handler);
  useEffect(() => {
    latest.current = handler;
  });
  // by value: callers pass a fresh array literal on every render
  const list = topics.join('\n');

  useEffect(() => {
    if (key === null) return undefined;
    retain(key);
    const unsubscribes = list.split('\n').map((topic) => subscribe(topic, (data) => latest.current(data)));
    return () => {
      for (const unsubscribe of unsubscribes) unsubscribe();
      release();
    };
  }, [list, key]);
}
