import type { QueryClient } from '@tanstack/react-query';
import { portalHomeQuery } from '../features/portal/portal.api.ts';
import type { NavPath } from './navigation.ts';

/**
 * What a page shows first, asked for when the route starts loading (beside the session check and
 * the page's code) instead of after the page has rendered. On a phone with a 150 ms round trip
 * this takes one round trip and the shell's render out of the wait (issue #15, warm repeat visit).
 * Only pages whose first query needs no input from the page itself belong here.
 */
export const pageData: Partial<Record<NavPath, (queryClient: QueryClient) => Promise<void>>> = {
  '/my': (queryClient) => queryClient.prefetchQuery(portalHomeQuery),
};
