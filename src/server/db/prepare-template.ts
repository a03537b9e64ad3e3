import fs from 'node:fs';
import path from 'node:path';
import { openDatabase } from './database.ts';
import { migrationFiles } from './migration-files.ts';
import { migrate } from './migrator.ts';
import { DATA, MANIFEST, TEMPLATE_DIR } from './pglite-template.ts';

/** Builds the template (initdb + every migration) at `templateDir`, replacing an older one. */
export async function prepareTemplate(templateDir = TEMPLATE_DIR): Promise<string[]> {
  const building = `${templateDir}.building-${process.pid}`;
  fs.rmSync(building, { recursive: true, force: true });
  const database = await openDatabase({ dataDir: path.join(building, DATA), template: false });
  try {
    await migrate(database);
  } finally {
    await database.close();
  }
  const applied = migrationFiles();
  fs.writeFileSync(path.join(building, MANIFEST), JSON.stringify(applied));
  fs.rmSync(templateDir, { recursive: true, force: true });
  fs.renameSync(building, templateDir);
  return applied;
}
