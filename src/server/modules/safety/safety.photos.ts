import { sql, type Transaction } from 'kysely';
import { requireAny, requireTenant } from '../../access/access.ts';
import type { DB } from '../../db/schema.ts';
import { writeAudit } from '../../platform/audit.ts';
import type { RequestContext } from '../../platform/context.ts';
import type { Deps } from '../../platform/deps.ts';
import { AppError, invalidField, notFound } from '../../platform/errors.ts';
import { PHOTO_MIMES, sniffPhoto } from '../../platform/uploads.ts';
import { orderVisibility } from './safety.access.ts';

export const PHOTO_MAX_BYTES = 5 * 1024 * 1024;

/**
 * Stores a photo taken on site (a hazard, a feedback, a failed patrol item). It belongs to the
 * uploader until attached to a record in the same street.
 */
export async function uploadPhoto(
  deps: Deps,
  ctx: RequestContext,
  file: { name: string; data: Buffer },
): Promise<{ fileId: number; size: number; mime: string }> {
  const tenantId = requireTenant(ctx.actor);
  requireAny(ctx.actor, ['safety.handle', 'safety.report', 'safety.dispatch', 'safety.manage']);
  const kind = sniffPhoto(file.data);
  if (!kind)
    throw new AppError(
      'unsupported_file',
      { allowed: PHOTO_MIMES },
      { zh: '只能上传 JPG、PNG 或 WebP 格式的照片', en: 'Only JPG, PNG or WebP photos can be uploaded' },
    );
  if (file.data.length > PHOTO_MAX_BYTES)
    throw new AppError(
      'payload_too_large',
      { maxBytes: PHOTO_MAX_BYTES },
      { zh: '照片不能超过 5 MB', en: 'A photo may be at most 5 MB' },
    );
  const base =
    file.name
      .replace(/[\\/\0]/g, '_')
      .replace(/\.[a-z0-9]+$/i, '')
      .slice(0, 150) || 'photo';
  return deps.db.transaction().execute(async (trx) => {
    const stored = await deps.files.put(trx, tenantId, {
      name: `${base}.${kind.ext}`,
      mime: kind.mime,
      data: file.data,
      createdBy: ctx.actor.userId,
    });
    await trx
      .insertInto('safety_photos')
      .values({
        tenant_id: tenantId,
        file_id: stored.id,
        uploaded_by: ctx.actor.userId,
        created_at: deps.clock.now(),
      })
      .execute();
    await writeAudit(trx, deps.clock, ctx, {
      tenantId,
      action: 'safety.photo.upload',
      entityType: 'safety_photo',
      entityId: stored.id,
      payload: { size: stored.size, mime: kind.mime, sha256: stored.sha256 },
    });
    return { fileId: stored.id, size: stored.size, mime: kind.mime };
  });
}

/** Checks that the photos were uploaded by this user in this street and are not used elsewhere yet. */
export async function checkOwnPhotos(
  trx: Transaction<DB>,
  tenantId: number,
  userId: number,
  fileIds: readonly number[],
  path: string,
): Promise<void> {
  if (fileIds.length === 0) return;
  const unique = [...new Set(fileIds)];
  const rows = await trx
    .selectFrom('safety_photos as p')
    .select('p.file_id')
    .where('p.tenant_id', '=', tenantId)
    .where('p.file_id', 'in', unique)
    .where('p.uploaded_by', '=', userId)
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom('safety_work_order_photos as w')
            .select(sql`1`.as('one'))
            .whereRef('w.tenant_id', '=', 'p.tenant_id')
            .whereRef('w.file_id', '=', 'p.file_id'),
        ),
      ),
    )
    .execute();
  if (rows.length !== unique.length)
    throw invalidField(
      path,
      '照片不存在或已被使用，请重新上传',
      'A photo is unknown or already used; upload it again',
    );
}

export async function attachPhotos(
  trx: Transaction<DB>,
  tenantId: number,
  workOrderId: number,
  fileIds: readonly number[],
  stage: 'report' | 'feedback',
): Promise<void> {
  const unique = [...new Set(fileIds)];
  if (unique.length === 0) return;
  await trx
    .insertInto('safety_work_order_photos')
    .values(unique.map((file_id) => ({ tenant_id: tenantId, work_order_id: workOrderId, file_id, stage })))
    .onConflict((oc) => oc.columns(['tenant_id', 'work_order_id', 'file_id']).doNothing())
    .execute();
}

/**
 * A safety photo for whoever may see it: its uploader, staff with safety.read, or anyone who sees
 * the work order it belongs to.
 */
export async function readPhoto(deps: Deps, ctx: RequestContext, fileId: number) {
  const tenantId = requireTenant(ctx.actor);
  requireAny(ctx.actor, ['safety.read', 'safety.handle', 'safety.report']);
  const photo = await deps.db
    .selectFrom('safety_photos')
    .select(['file_id', 'uploaded_by'])
    .where('tenant_id', '=', tenantId)
    .where('file_id', '=', fileId)
    .executeTakeFirst();
  if (!photo) throw notFound();
  let allowed = photo.uploaded_by === ctx.actor.userId || ctx.actor.permissions.has('safety.read');
  if (!allowed) {
    const linked = await deps.db
      .selectFrom('safety_work_order_photos as w')
      .innerJoin('safety_work_orders as o', (j) =>
        j.onRef('o.tenant_id', '=', 'w.tenant_id').onRef('o.id', '=', 'w.work_order_id'),
      )
      .select('w.file_id')
      .where('w.tenant_id', '=', tenantId)
      .where('w.file_id', '=', fileId)
      .where(orderVisibility(ctx.actor))
      .executeTakeFirst();
    allowed = linked !== undefined;
  }
  if (!allowed) throw notFound();
  const file = await deps.files.read(deps.db, tenantId, fileId);
  if (!file) throw notFound();
  return file;
}
