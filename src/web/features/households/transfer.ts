/**
 * File transfers that the JSON client does not cover: a multipart upload with real progress
 * (XMLHttpRequest reports upload bytes, fetch does not) and a download of a generated file.
 */
import { ApiError, type QueryParams } from '../../api/client.ts';
import { queryClient } from '../../api/queryClient.ts';
import type { Me } from '../../api/types.ts';
import { meQueryKey } from '../../app/session.ts';
import { currentLanguage, languageTag } from '../../i18n/index.ts';

const CSRF_COOKIE = 'gz_csrf';

/** The same token api/client.ts sends: the cookie, or the one the session answer carried. */
function csrfToken(): string | null {
  for (const part of document.cookie.split(';')) {
    const [name, ...rest] = part.trim().split('=');
    if (name === CSRF_COOKIE) return decodeURIComponent(rest.join('='));
  }
  return queryClient.getQueryData<Me | null>(meQueryKey)?.csrfToken ?? null;
}

function errorOf(status: number, body: unknown, requestId: string | null): ApiError {
  const data = (typeof body === 'object' && body !== null ? body : {}) as Partial<{
    code: ApiError['code'];
    message: string;
    details: unknown;
    requestId: string;
  }>;
  return new ApiError({
    status,
    code: data.code ?? (status === 0 ? 'network_error' : status >= 500 ? 'unavailable' : 'bad_request'),
    message: data.message ?? '',
    details: data.details,
    requestId: data.requestId ?? requestId ?? undefined,
  });
}

function parse(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

export interface UploadHandle<T> {
  promise: Promise<T>;
  abort: () => void;
}

/**
 * POSTs a multipart form to `/api{path}`; `onProgress(0..100)` follows the bytes sent, and
 * `onUploaded()` fires once the file is on the server (it is then being processed).
 */
export function uploadForm<T>(
  path: string,
  form: FormData,
  onProgress: (percent: number) => void,
  onUploaded: () => void,
): UploadHandle<T> {
  const xhr = new XMLHttpRequest();
  const promise = new Promise<T>((resolve, reject) => {
    xhr.open('POST', `/api${path}`);
    xhr.withCredentials = true;
    xhr.setRequestHeader('Accept', 'application/json');
    xhr.setRequestHeader('Accept-Language', languageTag(currentLanguage()));
    const token = csrfToken();
    if (token) xhr.setRequestHeader('x-csrf-token', token);
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable) onProgress(Math.round((event.loaded / event.total) * 100));
    };
    xhr.upload.onload = () => {
      onProgress(100);
      onUploaded();
    };
    xhr.onload = () => {
      const body = parse(xhr.responseText);
      if (xhr.status >= 200 && xhr.status < 300) resolve(body as T);
      else reject(errorOf(xhr.status, body, xhr.getResponseHeader('x-request-id')));
    };
    xhr.onerror = () => reject(errorOf(0, undefined, null));
    xhr.onabort = () => reject(new DOMException('Upload aborted', 'AbortError'));
    xhr.send(form);
  });
  return { promise, abort: () => xhr.abort() };
}

function filenameOf(disposition: string | null, fallback: string): string {
  if (!disposition) return fallback;
  const star = /filename\*=UTF-8''([^;]+)/i.exec(disposition);
  if (star?.[1]) return decodeURIComponent(star[1]);
  const plain = /filename="?([^";]+)"?/i.exec(disposition);
  return plain?.[1] ?? fallback;
}

/** Fetches `/api{path}` and hands the file to the browser; errors come back as `ApiError`. */
export async function downloadFile(path: string, query: QueryParams, fallbackName: string): Promise<void> {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === '') continue;
    params.set(key, String(value));
  }
  const search = params.toString();
  let response: Response;
  try {
    response = await fetch(`/api${path}${search ? `?${search}` : ''}`, {
      credentials: 'same-origin',
      headers: { 'Accept-Language': languageTag(currentLanguage()) },
    });
  } catch {
    throw errorOf(0, undefined, null);
  }
  if (!response.ok) {
    throw errorOf(response.status, parse(await response.text()), response.headers.get('x-request-id'));
  }
  const blob = await response.blob();
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = filenameOf(response.headers.get('content-disposition'), fallbackName);
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
