import type { TFunction } from 'i18next';
import { isApiError } from '../api/client.ts';

/** One readable sentence for any error: the server's own (already translated) message when it has one. */
export function describeError(t: TFunction, error: unknown): string {
  if (isApiError(error)) {
    if (error.code === 'network_error') return t('errors.network');
    if (error.message) return error.message;
  }
  return t('errors.unknown');
}

/**
 * A short reference for a failed request, for a person to read out to the administrator: the request
 * id's first eight letters or digits (the server logs the whole id, so it can be found by them).
 */
export function shortReference(requestId: string): string {
  return requestId
    .replace(/[^0-9a-z]/gi, '')
    .slice(0, 8)
    .toUpperCase();
}
