import type { Transaction } from 'kysely';
import type { z } from 'zod';
import type { CheckInBody, CheckOutBody, StorageBookBody } from '../../../contract/relocation.ts';
import { requirePermission, requireTenant } from '../../access/access.ts';
import type { DB } from '../../db/schema.ts';
import type { Executor } from '../../db/database.ts';
import type { RequestContext } from '../../platform/context.ts';
import type { Deps } from '../../platform/deps.ts';
import { conflict, notFound } from '../../platform/errors.ts';
import type { UploadedFile } from '../../platform/uploads.ts';
import {
  householdLabels,
  isStaff,
  oneOr404,
  requireHouseholdAct,
  writeAndReload,
} from './relocation.common.ts';
import { ACTIVE, requireRoom } from './storage.warehouses.ts';

/**
 * 临时仓库, each household's slots: booked in a warehouse, checked in with an inventory and photos,
 * and checked out once — signed by the household — when it moves back. The warehouses and their
 * capacity are in storage.warehouses.ts.
 */

export const PHOTO_UPLOAD = {
  maxBytes: 10 * 1024 * 1024,
  extensions: ['jpg', 'jpeg', 'png', 'webp'],
} as const;

type Item = { name: string; quantity: number; note?: string | null };

async function loadStorage(
  db: Executor,
  tenantId: number,
  filter: { ids?: number[]; householdId?: number; warehouseId?: number },
) {
  let q = db
    .selectFrom('relocation_storage as s')
    .innerJoin('relocation_warehouses as w', (j) =>
      j.onRef('w.tenant_id', '=', 's.tenant_id').onRef('w.id', '=', 's.warehouse_id'),
    )
    .selectAll('s')
    .select('w.name as warehouse_name')
    .where('s.tenant_id', '=', tenantId);
  if (filter.ids) q = q.where('s.id', 'in', filter.ids.length ? filter.ids : [-1]);
  if (filter.householdId !== undefined) q = q.where('s.household_id', '=', filter.householdId);
  if (filter.warehouseId !== undefined) q = q.where('s.warehouse_id', '=', filter.warehouseId);
  const rows = await q.orderBy('s.id', 'desc').execute();
  const ids = rows.map((r) => r.id);
  const photos = ids.length
    ? await db
        .selectFrom('relocation_storage_photos')
        .select(['storage_id', 'file_id'])
        .where('tenant_id', '=', tenantId)
        .where('storage_id', 'in', ids)
        .orderBy('file_id')
        .execute()
    : [];
  const labels = await householdLabels(
    db,
    tenantId,
    rows.map((r) => r.household_id),
  );
  return rows.map((r) => ({
    id: r.id,
    warehouseId: r.warehouse_id,
    warehouseName: r.warehouse_name,
    householdId: r.household_id,
    householdLabel: labels.get(r.household_id) ?? '',
    slots: r.slots,
    status: r.status as 'booked' | 'stored' | 'returned' | 'cancelled',
    items: (r.items ?? []) as Item[],
    photoFileIds: photos.filter((p) => p.storage_id === r.id).map((p) => p.file_id),
    bookedAt: r.booked_at,
    checkedInAt: r.checked_in_at,
    checkedOutAt: r.checked_out_at,
    signedBy: r.signed_by,
  }));
}

export async function listStorage(
  deps: Deps,
  ctx: RequestContext,
  query: { householdId?: number | undefined; warehouseId?: number | undefined },
) {
  const tenantId = requireTenant(ctx.actor);
  let householdId = query.householdId;
  if (!isStaff(ctx)) {
    requirePermission(ctx.actor, 'relocation.book');
    householdId = ctx.actor.householdId ?? -1;
  }
  const items = await loadStorage(deps.db, tenantId, {
    ...(householdId === undefined ? {} : { householdId }),
    ...(query.warehouseId === undefined ? {} : { warehouseId: query.warehouseId }),
  });
  return { items, total: items.length };
}

/** A household (or staff for it) books slots in a warehouse. */
export async function bookStorage(deps: Deps, ctx: RequestContext, body: z.infer<typeof StorageBookBody>) {
  const tenantId = await requireHouseholdAct(deps, ctx, body.householdId);
  const now = deps.clock.now();
  return writeAndReload(deps, ctx, tenantId, loadStorage, async (trx) => {
    const w = await requireRoom(trx, tenantId, body.warehouseId, body.slots);
    const open = await trx
      .selectFrom('relocation_storage')
      .select('id')
      .where('tenant_id', '=', tenantId)
      .where('household_id', '=', body.householdId)
      .where('status', 'in', [...ACTIVE])
      .executeTakeFirst();
    if (open)
      throw conflict(
        '该户已有仓位预约或在库物品',
        'This household already has a storage booking or stored items',
      );
    const row = await trx
      .insertInto('relocation_storage')
      .values({
        tenant_id: tenantId,
        warehouse_id: body.warehouseId,
        household_id: body.householdId,
        slots: body.slots,
        items: '[]',
        booked_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return {
      id: row.id,
      record: {
        householdId: body.householdId,
        at: now,
        kind: 'storage_booked',
        params: { warehouse: w.name, slots: body.slots },
        detail: { storageId: row.id },
        audit: {
          action: 'relocation.storage.book',
          entityType: 'relocation_storage',
          entityId: row.id,
          payload: body,
        },
      },
    };
  });
}

/** The storage booking's row, locked for the step that changes it; none answers 404. */
async function lockStorage(trx: Transaction<DB>, tenantId: number, storageId: number) {
  const s = await trx
    .selectFrom('relocation_storage')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('id', '=', storageId)
    .forUpdate()
    .executeTakeFirst();
  if (!s) throw notFound();
  return s;
}

/** Staff check the furniture in, with its inventory. */
export async function checkIn(
  deps: Deps,
  ctx: RequestContext,
  storageId: number,
  body: z.infer<typeof CheckInBody>,
) {
  const tenantId = requireTenant(ctx.actor);
  requirePermission(ctx.actor, 'relocation.manage');
  const now = deps.clock.now();
  return writeAndReload(deps, ctx, tenantId, loadStorage, async (trx) => {
    const s = await lockStorage(trx, tenantId, storageId);
    if (s.status !== 'booked')
      throw conflict(
        s.status === 'stored' ? '物品已入库，不能重复入库' : '该仓位预约已结束，不能入库',
        s.status === 'stored' ? 'Already checked in' : 'This storage booking is closed',
      );
    await requireRoom(trx, tenantId, s.warehouse_id, s.slots, s.id);
    await trx
      .updateTable('relocation_storage')
      .set({
        status: 'stored',
        items: JSON.stringify(body.items),
        checked_in_at: now,
        checked_in_by: ctx.actor.userId,
      })
      .where('tenant_id', '=', tenantId)
      .where('id', '=', storageId)
      .execute();
    const count = body.items.reduce((n, i) => n + i.quantity, 0);
    return {
      id: storageId,
      record: {
        householdId: s.household_id,
        at: now,
        kind: 'storage_in',
        params: { count },
        detail: { storageId, items: body.items },
        audit: {
          action: 'relocation.storage.check_in',
          entityType: 'relocation_storage',
          entityId: storageId,
          payload: body,
        },
      },
    };
  });
}

/** A photo of the stored items (before check-out only). */
export async function addPhoto(deps: Deps, ctx: RequestContext, storageId: number, file: UploadedFile) {
  const tenantId = requireTenant(ctx.actor);
  requirePermission(ctx.actor, 'relocation.manage');
  return writeAndReload(deps, ctx, tenantId, loadStorage, async (trx) => {
    const s = await lockStorage(trx, tenantId, storageId);
    if (s.status === 'returned' || s.status === 'cancelled')
      throw conflict('物品已出库，不能再添加照片', 'Items already checked out; no more photos');
    const stored = await deps.files.put(trx, tenantId, {
      name: file.filename,
      mime: file.mimetype,
      data: file.data,
      createdBy: ctx.actor.userId,
    });
    await trx
      .insertInto('relocation_storage_photos')
      .values({ tenant_id: tenantId, storage_id: storageId, file_id: stored.id })
      .execute();
    return {
      id: storageId,
      record: {
        audit: {
          action: 'relocation.storage.photo',
          entityType: 'relocation_storage',
          entityId: storageId,
          payload: { fileId: stored.id, name: file.filename },
        },
      },
    };
  });
}

/** The photo file, for staff or the household itself. */
export async function readPhoto(deps: Deps, ctx: RequestContext, storageId: number, fileId: number) {
  const tenantId = requireTenant(ctx.actor);
  const s = await oneOr404(loadStorage(deps.db, tenantId, { ids: [storageId] }));
  if (!isStaff(ctx)) await requireHouseholdAct(deps, ctx, s.householdId);
  if (!s.photoFileIds.includes(fileId)) throw notFound();
  const file = await deps.files.read(deps.db, tenantId, fileId);
  if (!file) throw notFound();
  return file;
}

/**
 * Hands the items back at move-back, signed by the household. The row is locked and must still be
 * stored: a second check-out (double click, two staff) is refused.
 */
export async function checkOut(
  deps: Deps,
  ctx: RequestContext,
  storageId: number,
  body: z.infer<typeof CheckOutBody>,
) {
  const tenantId = requireTenant(ctx.actor);
  requirePermission(ctx.actor, 'relocation.manage');
  const now = deps.clock.now();
  return writeAndReload(deps, ctx, tenantId, loadStorage, async (trx) => {
    const s = await lockStorage(trx, tenantId, storageId);
    if (s.status !== 'stored')
      throw conflict(
        s.status === 'returned' ? '物品已出库，不能重复出库' : '物品尚未入库，不能出库',
        s.status === 'returned'
          ? 'Already checked out; cannot check out twice'
          : 'Nothing checked in to check out',
      );
    await trx
      .updateTable('relocation_storage')
      .set({
        status: 'returned',
        checked_out_at: now,
        checked_out_by: ctx.actor.userId,
        signed_by: body.signedBy,
      })
      .where('tenant_id', '=', tenantId)
      .where('id', '=', storageId)
      .where('status', '=', 'stored')
      .execute();
    return {
      id: storageId,
      record: {
        householdId: s.household_id,
        at: now,
        kind: 'storage_out',
        params: { signedBy: body.signedBy },
        detail: { storageId, signedBy: body.signedBy },
        audit: {
          action: 'relocation.storage.check_out',
          entityType: 'relocation_storage',
          entityId: storageId,
          payload: body,
        },
      },
    };
  });
}

/** Cancels a booking not yet checked in (frees the slots). */
export async function cancelStorage(deps: Deps, ctx: RequestContext, storageId: number) {
  const tenantId = requireTenant(ctx.actor);
  const current = await oneOr404(loadStorage(deps.db, tenantId, { ids: [storageId] }));
  await requireHouseholdAct(deps, ctx, current.householdId);
  const now = deps.clock.now();
  return writeAndReload(deps, ctx, tenantId, loadStorage, async (trx) => {
    const done = await trx
      .updateTable('relocation_storage')
      .set({ status: 'cancelled' })
      .where('tenant_id', '=', tenantId)
      .where('id', '=', storageId)
      .where('status', '=', 'booked')
      .returning('id')
      .executeTakeFirst();
    if (!done) throw conflict('只能取消尚未入库的预约', 'Only a booking not yet checked in can be cancelled');
    return {
      id: storageId,
      record: {
        householdId: current.householdId,
        at: now,
        kind: 'storage_cancelled',
        params: { warehouse: current.warehouseName },
        detail: { storageId },
        audit: { action: 'relocation.storage.cancel', entityType: 'relocation_storage', entityId: storageId },
      },
    };
  });
}
