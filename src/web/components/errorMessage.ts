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
