import { createHash } from 'node:crypto';
import type { Transaction } from 'kysely';
import type { DB } from '../db/schema.ts';
import type { Executor } from '../db/database.ts';

export interface StoredFile {
  id: number;
  name: string;
  mime: string;
  size: number;
  sha256: string;
  createdAt: string;
}

export interface NewFile {
  name: string;
  mime: string;
  data: Buffer;
  createdBy: number | null;
}

/**
 * Where uploaded files live. The one implementation keeps them in PostgreSQL (bytea chunks), so every
 * server process behind a load balancer reads the same files and backups carry them; an S3 driver
 * would implement the same three calls.
 */
export interface FileStore {
  put(trx: Transaction<DB>, tenantId: number, file: NewFile): Promise<StoredFile>;
  meta(db: Executor, tenantId: number, id: number): Promise<StoredFile | undefined>;
  read(db: Executor, tenantId: number, id: number): Promise<{ meta: StoredFile; data: Buffer } | undefined>;
}

const CHUNK = 256 * 1024;

export const databaseFileStore: FileStore = {
  async put(trx, tenantId, file) {
    const sha256 = createHash('sha256').update(file.data).digest('hex');
    const row = await trx
      .insertInto('files')
      .values({
        tenant_id: tenantId,
        name: file.name,
        mime: file.mime,
        size: file.data.length,
        sha256,
        created_by: file.createdBy,
      })
      .returning(['id', 'created_at'])
      .executeTakeFirstOrThrow();
    for (let n = 0; n * CHUNK < file.data.length || n === 0; n++) {
      const data = file.data.subarray(n * CHUNK, (n + 1) * CHUNK);
      await trx.insertInto('file_chunks').values({ tenant_id: tenantId, file_id: row.id, n, data }).execute();
      if (file.data.length === 0) break;
    }
    return {
      id: row.id,
      name: file.name,
      mime: file.mime,
      size: file.data.length,
      sha256,
      createdAt: row.created_at,
    };
  },

  async meta(db, tenantId, id) {
    const row = await db
      .selectFrom('files')
      .select(['id', 'name', 'mime', 'size', 'sha256', 'created_at'])
      .where('tenant_id', '=', tenantId)
      .where('id', '=', id)
      .executeTakeFirst();
    return (
      row && {
        id: row.id,
        name: row.name,
        mime: row.mime,
        size: row.size,
        sha256: row.sha256,
        createdAt: row.created_at,
      }
    );
  },

  async read(db, tenantId, id) {
    const meta = await this.meta(db, tenantId, id);
    if (!meta) return undefined;
    const chunks = await db
      .selectFrom('file_chunks')
      .select('data')
      .where('tenant_id', '=', tenantId)
      .where('file_id', '=', id)
      .orderBy('n')
      .execute();
    return { meta, data: Buffer.concat(chunks.map((c) => Buffer.from(c.data))) };
  },
};
