import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The forward-only SQL migrations, in the order they apply (by their 4-digit prefix). */
export const MIGRATIONS_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), 'migrations');

export function migrationFiles(dir = MIGRATIONS_DIR): string[] {
  return fs
    .readdirSync(dir)
    .filter((f) => /^\d{4}_[\w-]+\.sql$/.test(f))
    .sort();
}
