import type { FormInstance } from 'antd';
import { isApiError, type FieldError } from '../api/client.ts';

/** Last segment of a server path such as `body.password` or `/password`. */
export function leafName(path: string): string {
  const parts = path.split(/[./]/).filter(Boolean);
  return parts[parts.length - 1] ?? path;
}

/**
 * Puts `validation_failed` messages under the matching form fields and clears stale ones.
 * Returns the field errors that match no field, for the caller to list in an alert.
 */
export function applyFieldErrors(
  form: FormInstance,
  error: unknown,
  fields: readonly string[],
): FieldError[] {
  if (!isApiError(error)) return [];
  const byField = new Map<string, string[]>();
  const unmatched: FieldError[] = [];
  for (const fieldError of error.fieldErrors) {
    const name = fields.includes(fieldError.path) ? fieldError.path : leafName(fieldError.path);
    if (fields.includes(name)) byField.set(name, [...(byField.get(name) ?? []), fieldError.message]);
    else unmatched.push(fieldError);
  }
  form.setFields([...byField].map(([name, errors]) => ({ name, errors })));
  return unmatched;
}
