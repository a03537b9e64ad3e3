import { QueryClient } from '@tanstack/react-query';
import { isApiError } from './client.ts';

/** Retrying only helps when the server or network was briefly away; a 4xx answer will not change. */
function shouldRetry(failureCount: number, error: unknown): boolean {
  if (isApiError(error) && error.status >= 400 && error.status < 500) return false;
  return failureCount < 2;
}

export const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      retry: shouldRetry,
      staleTime: 30_000,
    },
    mutations: {
      retry: false,
    },
  },
});
