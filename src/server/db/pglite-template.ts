import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { migrationFiles } from './migration-files.ts';

/**
 * An embedded database's first start without initdb: `gongzhi prepare` (run by `npm run build`)
 * creates and migrates a PGlite data directory once; a server whose data directory is empty copies
 * it instead of running initdb and every migration in WebAssembly (seconds instead of ~15 s). The
 * template holds the schema only — no users, no keys (those are made per installation on first start).
 */

/** Where `gongzhi prepare` puts the template; GONGZHI_PGLITE_TEMPLATE overrides it. */
export const TEMPLATE_DIR =
  process.env.GONGZHI_PGLITE_TEMPLATE ||
  path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../dist/pglite-template');

/** The template's list of applied migrations, next to (not inside) its data directory. */
export const MANIFEST = 'migrations.json';
export const DATA = 'pgdata';

function templateMigrations(templateDir: string): unknown {
  try {
    return JSON.parse(fs.readFileSync(path.join(templateDir, MANIFEST), 'utf8'));
  } catch {
    return null; // no (complete) template
  }
}

/** True when the template holds exactly this version's migrations. */
export function templateIsCurrent(templateDir = TEMPLATE_DIR): boolean {
  const applied = templateMigrations(templateDir);
  return Array.isArray(applied) && applied.join('\n') === migrationFiles().join('\n');
}

/** True when `dir` holds no PostgreSQL cluster yet (missing, or without PG_VERSION). */
export function isEmptyDataDir(dir: string): boolean {
  return !fs.existsSync(path.join(dir, 'PG_VERSION'));
}

/**
 * Copies the template into an empty data directory. Only a template whose migrations are all still
 * in this version is used (a later migration is applied by the migrator afterwards as usual).
 * Returns whether it copied.
 */
export function seedFromTemplate(dataDir: string, templateDir = TEMPLATE_DIR): boolean {
  if (!isEmptyDataDir(dataDir)) return false;
  const applied = templateMigrations(templateDir);
  const known = new Set(migrationFiles());
  if (!Array.isArray(applied) || !applied.every((name) => known.has(name as string))) return false;
  fs.mkdirSync(dataDir, { recursive: true });
  fs.cpSync(path.join(templateDir, DATA), dataDir, { recursive: true });
  return true;
}
