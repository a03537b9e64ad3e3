/**
 * The signed-in user ("me"): one TanStack Query entry that every part of the app reads.
 * `null` means "not signed in", so a 401 is a normal answer here, not an error.
 */
import { createContext, use } from 'react';
import { queryOptions, useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { useNavigate } from 'react-router';
import type { Permission } from '../../contract/permissions.ts';
import { api, isApiError, rememberCsrfToken } from '../api/client.ts';
import type { LoginAnswer, Me } from '../api/types.ts';

export const meQueryKey = ['session', 'me'] as const;

/** Set when a sign-out could not reach the server (no signal): it is finished on the next start. */
const SIGN_OUT_PENDING = 'gz_sign_out_pending';

/** The offline copy (issue #21) is its own chunk: neither the sign-in page nor a resident loads it. */
const device = () => import('../offline/device.ts');
const worksOffline = (me: Me) => me.permissions.includes('visit.write');

async function finishSignOut(): Promise<null> {
  try {
    await api.post('/auth/logout');
    localStorage.removeItem(SIGN_OUT_PENDING);
  } catch {
    // still no signal: signed out here all the same, and tried again on the next start
  }
  return null;
}

async function fetchMe(signal: AbortSignal): Promise<Me | null> {
  if (localStorage.getItem(SIGN_OUT_PENDING)) return finishSignOut();
  try {
    const me = await api.get<Me>('/auth/me', undefined, { signal });
    rememberCsrfToken(me.csrfToken);
    if (worksOffline(me)) void device().then((d) => d.saveMe(me));
    return me;
  } catch (error) {
    if (isApiError(error) && error.status === 401) return null;
    // No signal: a field worker's app opens with the user kept on the phone (at most 7 days old).
    const kept = isApiError(error, 'network_error') ? await (await device()).loadMe() : undefined;
    if (kept) return kept;
    throw error;
  }
}

export const meQuery = queryOptions({
  queryKey: meQueryKey,
  queryFn: ({ signal }) => fetchMe(signal),
  // Re-checked when the window regains focus, which notices a session that expired meanwhile.
  staleTime: 60_000,
  // Asked even without a signal (TanStack Query would wait for one): the answer may be on the phone.
  networkMode: 'always',
});

export function useMeQuery() {
  return useQuery(meQuery);
}

/** Data cached for one user or street must never be shown to the next. */
function dropUserData(queryClient: QueryClient): void {
  queryClient.removeQueries({ predicate: (query) => query.queryKey[0] !== meQueryKey[0] });
}

/** Called by the API client when a request answers 401: the session is gone. */
export function markSignedOut(queryClient: QueryClient): void {
  queryClient.setQueryData(meQueryKey, null);
  dropUserData(queryClient);
}

/** A session opened: remember it and drop whatever the previous user left in the cache. */
function signedIn(queryClient: QueryClient, me: Me): void {
  localStorage.removeItem(SIGN_OUT_PENDING); // a new session: the old one ended with the sign-in
  rememberCsrfToken(me.csrfToken);
  dropUserData(queryClient);
  queryClient.setQueryData(meQueryKey, me);
}

/** The password step: signs in, or answers with a challenge when the account has a second factor. */
export function useLogin() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: { username: string; password: string }) => api.post<LoginAnswer>('/auth/login', body),
    onSuccess: (answer) => {
      if (!('mfaRequired' in answer)) signedIn(queryClient, answer);
    },
  });
}

/** The second step: the challenge and an authenticator or recovery code. */
export function useLoginCode() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: { challenge: string; code: string }) => api.post<Me>('/auth/login/mfa', body),
    onSuccess: (me) => signedIn(queryClient, me),
  });
}

/** Signs out and opens the sign-in page (without `?next=`: the person chose to leave). */
export function useLogout() {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  return useMutation({
    mutationFn: () => api.post<{ ok: true }>('/auth/logout'),
    // Without a signal too: the phone's copy must go at once.
    networkMode: 'always',
    onError: (error) => {
      if (isApiError(error, 'network_error')) localStorage.setItem(SIGN_OUT_PENDING, '1');
    },
    // Even if the server call fails, forget the user locally: the person asked to leave.
    onSettled: async () => {
      await (await device()).clearDevice();
      // Leave the shell before forgetting the user; otherwise its guard sees "signed out" first
      // and performs its own redirect, which drops the "you have signed out" notice. flushSync:
      // router updates are transitions by default and would lose to the (urgent) cache update.
      await navigate('/login', { replace: true, state: { loggedOut: true }, flushSync: true });
      rememberCsrfToken(null);
      markSignedOut(queryClient);
    },
  });
}

export function useSwitchTenant() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (tenantId: number) => api.post<Me>('/auth/tenant', { tenantId }),
    onSuccess: async (me) => {
      rememberCsrfToken(me.csrfToken);
      queryClient.setQueryData(meQueryKey, me);
      // Every other list belongs to the previous street: reset and refetch what is on screen.
      await queryClient.resetQueries({ predicate: (query) => query.queryKey[0] !== meQueryKey[0] });
    },
  });
}

/** `null` = any signed-in user; an array = any one of these permissions. */
export type PermissionRequirement = Permission | readonly Permission[] | null;

export function hasPermission(me: Me, requirement: PermissionRequirement): boolean {
  if (requirement === null) return true;
  const anyOf: readonly Permission[] = typeof requirement === 'string' ? [requirement] : requirement;
  return anyOf.some((permission) => me.permissions.includes(permission));
}

/** Provided by `RequireAuth`, so pages inside the shell get a non-null user without loading states. */
export const MeContext = createContext<Me | null>(null);

export function useMe(): Me {
  const me = use(MeContext);
  if (!me) throw new Error('useMe() is only available inside <RequireAuth>');
  return me;
}
