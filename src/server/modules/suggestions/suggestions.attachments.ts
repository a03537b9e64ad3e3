/** Photos attached to a suggestion: checked by content, limited in size and number. */
import { sql } from 'kysely';
import { requireAccess, requirePermission, requireTenant } from '../../access/access.ts';
import { writeAudit } from '../../platform/audit.ts';
import type { RequestContext } from '../../platform/context.ts';
import type { Deps } from '../../platform/deps.ts';
import { AppError, conflict, notFound } from '../../platform/errors.ts';
import { readPermission } from './suggestions.common.ts';

export const ATTACHMENT_MAX_BYTES = 5 * 1024 * 1024;
export const ATTACHMENTS_PER_SUGGESTION = 6;
const IMAGE_SIGNATURES: Array<{ mime: string; test: (b: Buffer) => boolean }> = [
  { mime: 'image/jpeg', test: (b) => b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff },
  {
    mime: 'image/png',
    test: (b) => b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])),
  },
  {
    mime: 'image/webp',
    test: (b) =>
      b.subarray(0, 4).toString('latin1') === 'RIFF' && b.subarray(8, 12).toString('latin1') === 'WEBP',
  },
];

/** Adds a photo: JPEG, PNG or WebP (checked by content, not by name), at most 5 MB, six per suggestion. */
export async function addAttachment(
  deps: Deps,
  ctx: RequestContext,
  id: number,
  file: { name: string; mime: string; data: Buffer },
) {
  requirePermission(ctx.actor, 'suggestion.submit');
  const tenantId = requireTenant(ctx.actor);
  await requireAccess(deps.db, ctx.actor, 'suggestion', readPermission(ctx), id);
  const kind = IMAGE_SIGNATURES.find((s) => s.test(file.data));
  if (!kind)
    throw new AppError(
      'unsupported_file',
      { allowed: IMAGE_SIGNATURES.map((s) => s.mime) },
      {
        zh: '只能上传 JPG、PNG 或 WebP 格式的照片',
        en: 'Only JPG, PNG or WebP photos can be uploaded',
      },
    );
  if (file.data.length > ATTACHMENT_MAX_BYTES)
    throw new AppError(
      'payload_too_large',
      { maxBytes: ATTACHMENT_MAX_BYTES },
      { zh: '照片不能超过 5 MB', en: 'A photo may be at most 5 MB' },
    );
  return deps.db.transaction().execute(async (trx) => {
    const existing = await trx
      .selectFrom('suggestion_attachments')
      .select(sql<number>`count(*)`.as('n'))
      .where('tenant_id', '=', tenantId)
      .where('suggestion_id', '=', id)
      .executeTakeFirstOrThrow();
    if (existing.n >= ATTACHMENTS_PER_SUGGESTION)
      throw conflict(
        `每条建议最多 ${ATTACHMENTS_PER_SUGGESTION} 张照片`,
        `At most ${ATTACHMENTS_PER_SUGGESTION} photos per suggestion`,
      );
    const name = file.name.replace(/[\\/\0]/g, '_').slice(0, 200) || 'photo';
    const stored = await deps.files.put(trx, tenantId, {
      name,
      mime: kind.mime,
      data: file.data,
      createdBy: ctx.actor.userId,
    });
    await trx
      .insertInto('suggestion_attachments')
      .values({ tenant_id: tenantId, suggestion_id: id, file_id: stored.id })
      .execute();
    await writeAudit(trx, deps.clock, ctx, {
      tenantId,
      action: 'suggestion.attach',
      entityType: 'suggestion',
      entityId: id,
      payload: { fileId: stored.id, name, size: stored.size, sha256: stored.sha256 },
    });
    return { id: stored.id, name: stored.name, mime: stored.mime, size: stored.size };
  });
}

export async function readAttachment(deps: Deps, ctx: RequestContext, id: number, fileId: number) {
  const tenantId = requireTenant(ctx.actor);
  await requireAccess(deps.db, ctx.actor, 'suggestion', readPermission(ctx), id);
  const link = await deps.db
    .selectFrom('suggestion_attachments')
    .select('file_id')
    .where('tenant_id', '=', tenantId)
    .where('suggestion_id', '=', id)
    .where('file_id', '=', fileId)
    .executeTakeFirst();
  const file = link && (await deps.files.read(deps.db, tenantId, fileId));
  if (!file) throw notFound();
  return file;
}
