import type { z } from 'zod';
import type { ConfirmBody } from '../../../contract/renewal.ts';
import {
  requireAccess,
  requirePermission,
  requireTenant,
  requireHouseholdRead,
} from '../../access/access.ts';
import { writeAudit } from '../../platform/audit.ts';
import type { RequestContext } from '../../platform/context.ts';
import type { Deps } from '../../platform/deps.ts';
import { conflict, invalidField, notFound } from '../../platform/errors.ts';
import type { UploadedFile } from '../../platform/uploads.ts';
import { addTimelineEvent, recordMilestone, publishHouseholdChange } from '../households/index.ts';
import { lockNumbering } from '../../platform/numbering.ts';
import { confirmationBy, type ConfirmMethod } from './confirmation.ts';
import { requireStep } from './renewal.rules.ts';

/** Drawing files designers may upload: PDF and images shown in the browser, DWG kept as a file. */
export const DRAWING_UPLOAD = {
  maxBytes: 20 * 1024 * 1024,
  extensions: ['pdf', 'png', 'jpg', 'jpeg', 'dwg'],
} as const;

const MIME: Record<string, string> = {
  pdf: 'application/pdf',
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  dwg: 'application/acad',
};

/** The file must be what its name says: magic bytes of PDF, PNG, JPEG or DWG. */
export function sniffDrawing(file: UploadedFile): string {
  const ext = /\.([a-z0-9]+)$/i.exec(file.filename)?.[1]?.toLowerCase() ?? '';
  const d = file.data;
  const ok =
    (ext === 'pdf' && d.subarray(0, 5).toString('latin1') === '%PDF-') ||
    (ext === 'png' && d[0] === 0x89 && d.subarray(1, 4).toString('latin1') === 'PNG') ||
    ((ext === 'jpg' || ext === 'jpeg') && d[0] === 0xff && d[1] === 0xd8) ||
    (ext === 'dwg' && d.subarray(0, 2).toString('latin1') === 'AC');
  if (!ok)
    throw invalidField(
      'file',
      `文件内容与扩展名 .${ext} 不符，可能已损坏`,
      `The file content does not match .${ext}`,
    );
  return MIME[ext]!;
}

async function readAccess(deps: Deps, ctx: RequestContext, householdId: number) {
  await requireHouseholdRead(deps.db, ctx.actor, householdId);
}

export async function listDrawings(deps: Deps, ctx: RequestContext, householdId: number) {
  const tenantId = requireTenant(ctx.actor);
  await readAccess(deps, ctx, householdId);
  const [drawings, requests] = await Promise.all([
    deps.db
      .selectFrom('drawings')
      .innerJoin('files', (j) =>
        j.onRef('files.tenant_id', '=', 'drawings.tenant_id').onRef('files.id', '=', 'drawings.file_id'),
      )
      .leftJoin('users', 'users.id', 'drawings.uploaded_by')
      .select([
        'drawings.id',
        'drawings.household_id',
        'version',
        'file_id',
        'files.name',
        'files.mime',
        'files.size',
        'comment',
        'users.display_name',
        'drawings.created_at',
        'confirmed_at',
        'confirmed_by',
        'confirm_method',
        'confirm_witness',
        'change_request_id',
      ])
      .where('drawings.tenant_id', '=', tenantId)
      .where('drawings.household_id', '=', householdId)
      .orderBy('version', 'desc')
      .execute(),
    deps.db
      .selectFrom('drawing_change_requests')
      .leftJoin('users', 'users.id', 'drawing_change_requests.requested_by')
      .select([
        'drawing_change_requests.id',
        'content',
        'status',
        'users.display_name',
        'drawing_change_requests.created_at',
        'answered_by_version',
      ])
      .where('drawing_change_requests.tenant_id', '=', tenantId)
      .where('drawing_change_requests.household_id', '=', householdId)
      .orderBy('drawing_change_requests.id', 'desc')
      .execute(),
  ]);
  return {
    drawings: drawings.map((d) => ({
      id: d.id,
      householdId: d.household_id,
      version: d.version,
      fileId: d.file_id,
      fileName: d.name,
      mime: d.mime,
      size: d.size,
      comment: d.comment,
      uploadedBy: d.display_name,
      createdAt: d.created_at,
      confirmedAt: d.confirmed_at,
      confirmedBy: d.confirmed_by,
      confirmMethod: d.confirm_method as ConfirmMethod | null,
      confirmWitness: d.confirm_witness,
      changeRequestId: d.change_request_id,
    })),
    changeRequests: requests.map((r) => ({
      id: r.id,
      content: r.content,
      status: r.status as 'open' | 'answered',
      requestedBy: r.display_name,
      createdAt: r.created_at,
      answeredByVersion: r.answered_by_version,
    })),
  };
}

/** A designer uploads a new version; answering a change request closes it with this version. */
export async function uploadDrawing(
  deps: Deps,
  ctx: RequestContext,
  householdId: number,
  file: UploadedFile,
  fields: { comment?: string; changeRequestId?: string },
) {
  const tenantId = requireTenant(ctx.actor);
  requirePermission(ctx.actor, 'drawing.upload');
  await requireAccess(deps.db, ctx.actor, 'household', 'drawing.upload', householdId);
  const mime = sniffDrawing(file);
  const changeRequestId = fields.changeRequestId ? Number(fields.changeRequestId) : null;
  const now = deps.clock.now();
  await deps.db.transaction().execute(async (trx) => {
    if (changeRequestId !== null) {
      const cr = await trx
        .selectFrom('drawing_change_requests')
        .select(['id', 'status'])
        .where('tenant_id', '=', tenantId)
        .where('household_id', '=', householdId)
        .where('id', '=', changeRequestId)
        .executeTakeFirst();
      if (!cr) throw invalidField('changeRequestId', '修改申请不存在', 'No such change request');
    }
    await lockNumbering(trx, 'drawings.version', tenantId, householdId);
    const last = await trx
      .selectFrom('drawings')
      .select((eb) => eb.fn.max('version').as('v'))
      .where('tenant_id', '=', tenantId)
      .where('household_id', '=', householdId)
      .executeTakeFirst();
    const version = Number(last?.v ?? 0) + 1;
    const stored = await deps.files.put(trx, tenantId, {
      name: file.filename,
      mime,
      data: file.data,
      createdBy: ctx.actor.userId,
    });
    await trx
      .insertInto('drawings')
      .values({
        tenant_id: tenantId,
        household_id: householdId,
        version,
        file_id: stored.id,
        comment: fields.comment?.slice(0, 2000) || null,
        change_request_id: changeRequestId,
        uploaded_by: ctx.actor.userId,
        created_at: now,
      })
      .execute();
    if (changeRequestId !== null) {
      await trx
        .updateTable('drawing_change_requests')
        .set({ status: 'answered', answered_by_version: version })
        .where('tenant_id', '=', tenantId)
        .where('id', '=', changeRequestId)
        .execute();
    }
    await addTimelineEvent(trx, {
      tenantId,
      householdId,
      occurredAt: now,
      module: 'renewal',
      kind: 'drawing_version',
      params: { version, comment: fields.comment?.slice(0, 40) ?? null },
      detail: { version },
      actorId: ctx.actor.userId,
    });
    await writeAudit(trx, deps.clock, ctx, {
      tenantId,
      action: 'drawing.upload',
      entityType: 'household',
      entityId: householdId,
      payload: { version, file: file.filename, size: file.data.length, changeRequestId },
    });
  });
  return listDrawings(deps, ctx, householdId);
}

/** The household confirms one drawing version; construction and acceptance follow that version. */
export async function confirmDrawing(
  deps: Deps,
  ctx: RequestContext,
  householdId: number,
  version: number,
  body: z.infer<typeof ConfirmBody>,
) {
  const tenantId = requireTenant(ctx.actor);
  requirePermission(ctx.actor, 'drawing.confirm');
  await requireAccess(deps.db, ctx.actor, 'household', 'drawing.confirm', householdId);
  const { method, by, witness } = confirmationBy(ctx, body);
  const now = deps.clock.now();
  await deps.db.transaction().execute(async (trx) => {
    const drawing = await trx
      .selectFrom('drawings')
      .select(['id', 'confirmed_at'])
      .where('tenant_id', '=', tenantId)
      .where('household_id', '=', householdId)
      .where('version', '=', version)
      .forUpdate()
      .executeTakeFirst();
    if (!drawing) throw notFound();
    if (drawing.confirmed_at) return;
    const latest = await trx
      .selectFrom('drawings')
      .select((eb) => eb.fn.max('version').as('v'))
      .where('tenant_id', '=', tenantId)
      .where('household_id', '=', householdId)
      .executeTakeFirstOrThrow();
    if (Number(latest.v) !== version)
      throw conflict('只能确认最新版本的图纸', 'Only the latest drawing can be confirmed');
    const open = await trx
      .selectFrom('drawing_change_requests')
      .select('id')
      .where('tenant_id', '=', tenantId)
      .where('household_id', '=', householdId)
      .where('status', '=', 'open')
      .executeTakeFirst();
    if (open) throw conflict('还有未答复的修改申请，请等待设计师出新版本', 'A change request is still open');
    await requireStep(trx, tenantId, householdId, 'plan_before_drawing');
    await trx
      .updateTable('drawings')
      .set({ confirmed_at: now, confirmed_by: by, confirm_method: method, confirm_witness: witness })
      .where('tenant_id', '=', tenantId)
      .where('id', '=', drawing.id)
      .execute();
    await recordMilestone(trx, tenantId, householdId, 'drawing_confirmed', `drawing:${drawing.id}`, now);
    await addTimelineEvent(trx, {
      tenantId,
      householdId,
      occurredAt: now,
      module: 'renewal',
      kind: 'drawing_confirmed',
      params: { version, method, by },
      detail: { version },
      actorId: ctx.actor.userId,
    });
    await writeAudit(trx, deps.clock, ctx, {
      tenantId,
      action: 'drawing.confirm',
      entityType: 'household',
      entityId: householdId,
      payload: { version, method, by, witness },
    });
    await publishHouseholdChange(trx, tenantId, householdId);
  });
  return listDrawings(deps, ctx, householdId);
}

export async function requestDrawingChange(
  deps: Deps,
  ctx: RequestContext,
  householdId: number,
  content: string,
) {
  const tenantId = requireTenant(ctx.actor);
  requirePermission(ctx.actor, 'drawing.request_change');
  await requireAccess(deps.db, ctx.actor, 'household', 'drawing.request_change', householdId);
  const now = deps.clock.now();
  await deps.db.transaction().execute(async (trx) => {
    const row = await trx
      .insertInto('drawing_change_requests')
      .values({
        tenant_id: tenantId,
        household_id: householdId,
        content,
        requested_by: ctx.actor.userId,
        created_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await addTimelineEvent(trx, {
      tenantId,
      householdId,
      occurredAt: now,
      module: 'renewal',
      kind: 'drawing_change_request',
      params: { content: content.slice(0, 50) },
      detail: { id: row.id },
      actorId: ctx.actor.userId,
    });
    await writeAudit(trx, deps.clock, ctx, {
      tenantId,
      action: 'drawing.change_request',
      entityType: 'household',
      entityId: householdId,
      payload: { content },
    });
  });
  return listDrawings(deps, ctx, householdId);
}

/** The stored file of a drawing, for whoever may read the household. */
export async function drawingFile(deps: Deps, ctx: RequestContext, drawingId: number) {
  const tenantId = requireTenant(ctx.actor);
  const d = await deps.db
    .selectFrom('drawings')
    .select(['household_id', 'file_id'])
    .where('tenant_id', '=', tenantId)
    .where('id', '=', drawingId)
    .executeTakeFirst();
  if (!d) throw notFound();
  await readAccess(deps, ctx, d.household_id);
  const file = await deps.files.read(deps.db, tenantId, d.file_id);
  if (!file) throw notFound();
  return file;
}
