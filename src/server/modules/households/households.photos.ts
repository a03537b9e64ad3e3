import type { z } from 'zod';
import type { HouseholdPhoto, PhotoQuery } from '../../../contract/households.ts';
import { requireAccess, requireAny, requireTenant } from '../../access/access.ts';
import { writeAudit } from '../../platform/audit.ts';
import type { RequestContext } from '../../platform/context.ts';
import type { Deps } from '../../platform/deps.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { PHOTO_MIMES, sniffPhoto } from '../../platform/uploads.ts';
import { publishHouseholdChange, recordedTime } from './households.common.ts';
import { addTimelineEvent } from './households.timeline.ts';

/**
 * Photos taken at a household's door (the state of a flat, a notice handed over). The upload's body
 * is the image itself, not a form: a phone's outbox keeps the photo as it is and sends the same
 * bytes again after a lost answer, which the Idempotency-Key compares.
 */
export const HOUSEHOLD_PHOTO_MAX_BYTES = 5 * 1024 * 1024;

function checkPhoto(data: unknown): { data: Buffer; mime: string } {
  const kind = Buffer.isBuffer(data) ? sniffPhoto(data) : null;
  if (!kind || !Buffer.isBuffer(data))
    throw new AppError(
      'unsupported_file',
      { allowed: PHOTO_MIMES },
      {
        zh: '请直接上传 JPG、PNG 或 WebP 格式的照片',
        en: 'Send a JPG, PNG or WebP photo as the request body',
      },
    );
  return { data, mime: kind.mime };
}

export async function addHouseholdPhoto(
  deps: Deps,
  ctx: RequestContext,
  householdId: number,
  body: unknown,
  query: z.infer<typeof PhotoQuery>,
): Promise<z.infer<typeof HouseholdPhoto>> {
  const tenantId = requireTenant(ctx.actor);
  await requireAccess(deps.db, ctx.actor, 'household', 'visit.write', householdId);
  const photo = checkPhoto(body);
  const now = deps.clock.now();
  const takenAt = recordedTime(now, query.takenAt, 'querystring.takenAt');
  const caption = query.caption || null;
  const id = await deps.db.transaction().execute(async (trx) => {
    const file = await deps.files.put(trx, tenantId, {
      name: `household-${householdId}-${takenAt.getTime()}.${photo.mime.slice(6)}`,
      mime: photo.mime,
      data: photo.data,
      createdBy: ctx.actor.userId,
    });
    const row = await trx
      .insertInto('household_photos')
      .values({
        tenant_id: tenantId,
        household_id: householdId,
        file_id: file.id,
        caption,
        taken_at: takenAt,
        created_by: ctx.actor.userId,
        created_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await addTimelineEvent(trx, {
      tenantId,
      householdId,
      occurredAt: takenAt,
      module: 'households',
      kind: 'photo',
      params: { caption: caption?.slice(0, 60) ?? null },
      detail: { photoId: row.id },
      actorId: ctx.actor.userId,
    });
    await writeAudit(trx, deps.clock, ctx, {
      tenantId,
      action: 'household.photo',
      entityType: 'household',
      entityId: householdId,
      payload: { photoId: row.id, fileId: file.id, size: file.size, sha256: file.sha256 },
    });
    await publishHouseholdChange(trx, tenantId, householdId);
    return row.id;
  });
  return {
    id,
    householdId,
    caption,
    takenAt: takenAt.toISOString(),
    size: photo.data.length,
    mime: photo.mime,
  };
}

/** The photo itself, for staff who may read the household. */
export async function readHouseholdPhoto(
  deps: Deps,
  ctx: RequestContext,
  householdId: number,
  photoId: number,
): Promise<{ mime: string; data: Buffer }> {
  const tenantId = requireTenant(ctx.actor);
  requireAny(ctx.actor, ['household.read', 'household.read_all']);
  const permission = ctx.actor.permissions.has('household.read_all')
    ? 'household.read_all'
    : 'household.read';
  await requireAccess(deps.db, ctx.actor, 'household', permission, householdId);
  const row = await deps.db
    .selectFrom('household_photos')
    .select('file_id')
    .where('tenant_id', '=', tenantId)
    .where('household_id', '=', householdId)
    .where('id', '=', photoId)
    .executeTakeFirst();
  const file = row && (await deps.files.read(deps.db, tenantId, row.file_id));
  if (!file) throw notFound();
  return { mime: file.meta.mime, data: file.data };
}
