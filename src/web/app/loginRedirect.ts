/** Where to sign in, remembering the page the user wanted (`/login?next=/admin/users`). */
export function loginPath(location: { pathname: string; search: string; hash: string }): string {
  const target = `${location.pathname}${location.search}${location.hash}`;
  return target === '/' || target.startsWith('/login')
    ? '/login'
    : `/login?next=${encodeURIComponent(target)}`;
}

/**
 * The page to open after sign-in. Only same-site paths are accepted: `next=//evil.example` or
 * `next=https://…` would otherwise turn the login page into an open redirect.
 */
export function safeNext(next: string | null): string {
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return '/';
  if (next.startsWith('/login')) return '/';
  return next;
}

/** Residents' landing page: the portal gathers what concerns their household. */
export const RESIDENT_HOME = '/my';

/**
 * The page to open after sign-in, for this user: residents asked for no page in particular go to
 * their portal at once (ShellFrame would send them on from `/`, after loading the workbench).
 */
export function pageAfterSignIn(next: string | null, permissions: readonly string[]): string {
  const target = safeNext(next);
  return target === '/' && permissions.includes('self.read') ? RESIDENT_HOME : target;
}
