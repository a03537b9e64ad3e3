import type { z } from 'zod';
import type {
  CheckInBody,
  CheckOutBody,
  StorageBookBody,
  WarehouseBody,
  WarehouseUpdateBody,
} from '../../../contract/relocation.ts';
import { requirePermission, requireTenant } from '../../access/access.ts';
import { writeAudit } from '../../platform/audit.ts';
import type { Executor } from '../../db/database.ts';
import type { RequestContext } from '../../platform/context.ts';
import type { Deps } from '../../platform/deps.ts';
import { conflict, notFound } from '../../platform/errors.ts';
import type { UploadedFile } from '../../platform/uploads.ts';
import { householdLabels, isStaff, requireHouseholdAct, recordHouseholdStep } from './relocation.common.ts';

/**
 * 临时仓库: warehouses lent by local units, each household's slots booked, checked in with an
 * inventory and photos, and checked out once — signed by the household — when it moves back.
 * A booked or stored slot counts against capacity; a full warehouse refuses more.
 */

export const PHOTO_UPLOAD = {
  maxBytes: 10 * 1024 * 1024,
  extensions: ['jpg', 'jpeg', 'png', 'webp'],
} as const;
const ACTIVE = ['booked', 'stored'] as const;

type Item = { name: string; quantity: number; note?: string | null };

async function warehouses(db: Executor, tenantId: number, id?: number) {
  let q = db
    .selectFrom('relocation_warehouses as w')
    .selectAll('w')
    .select((eb) =>
      eb
        .selectFrom('relocation_storage as s')
        .select((sb) => sb.fn.coalesce(sb.fn.sum<number>('s.slots'), sb.lit(0)).as('n'))
        .whereRef('s.tenant_id', '=', 'w.tenant_id')
        .whereRef('s.warehouse_id', '=', 'w.id')
        .where('s.status', 'in', [...ACTIVE])
        .as('used'),
    )
    .where('w.tenant_id', '=', tenantId);
  if (id !== undefined) q = q.where('w.id', '=', id);
  const rows = await q.orderBy('w.id').execute();
  return rows.map((r) => {
    const used = Number(r.used ?? 0);
    return {
      id: r.id,
      name: r.name,
      address: r.address,
      provider: r.provider,
      capacitySlots: r.capacity_slots,
      usedSlots: used,
      freeSlots: Math.max(0, r.capacity_slots - used),
    };
  });
}

/** Every warehouse with its occupancy; residents see the same list to choose one. */
export async function listWarehouses(deps: Deps, ctx: RequestContext) {
  const tenantId = requireTenant(ctx.actor);
  if (!isStaff(ctx)) requirePermission(ctx.actor, 'relocation.book');
  const items = await warehouses(deps.db, tenantId);
  return { items, total: items.length };
}

export async function createWarehouse(deps: Deps, ctx: RequestContext, body: z.infer<typeof WarehouseBody>) {
  const tenantId = requireTenant(ctx.actor);
  requirePermission(ctx.actor, 'relocation.manage');
  const id = await deps.db.transaction().execute(async (trx) => {
    const row = await trx
      .insertInto('relocation_warehouses')
      .values({
        tenant_id: tenantId,
        name: body.name,
        address: body.address ?? null,
        provider: body.provider ?? null,
        capacity_slots: body.capacitySlots,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await writeAudit(trx, deps.clock, ctx, {
      tenantId,
      action: 'relocation.warehouse.create',
      entityType: 'relocation_warehouse',
      entityId: row.id,
      payload: body,
    });
    return row.id;
  });
  return (await warehouses(deps.db, tenantId, id))[0]!;
}

/** Edits a warehouse; its capacity may not drop below the slots already booked or in use. */
export async function updateWarehouse(
  deps: Deps,
  ctx: RequestContext,
  warehouseId: number,
  body: z.infer<typeof WarehouseUpdateBody>,
) {
  const tenantId = requireTenant(ctx.actor);
  requirePermission(ctx.actor, 'relocation.manage');
  await deps.db.transaction().execute(async (trx) => {
    const w = await trx
      .selectFrom('relocation_warehouses')
      .select('id')
      .where('tenant_id', '=', tenantId)
      .where('id', '=', warehouseId)
      .forUpdate()
      .executeTakeFirst();
    if (!w) throw notFound();
    const used = Number(
      (
        await trx
          .selectFrom('relocation_storage')
          .select((eb) => eb.fn.coalesce(eb.fn.sum<number>('slots'), eb.lit(0)).as('n'))
          .where('tenant_id', '=', tenantId)
          .where('warehouse_id', '=', warehouseId)
          .where('status', 'in', [...ACTIVE])
          .executeTakeFirstOrThrow()
      ).n,
    );
    if (body.capacitySlots < used)
      throw conflict(
        `已有 ${used} 个仓位被预约或占用，容量不能少于 ${used}`,
        `${used} slots are booked or in use; capacity cannot be lower than ${used}`,
        { used },
      );
    await trx
      .updateTable('relocation_warehouses')
      .set({
        name: body.name,
        address: body.address ?? null,
        provider: body.provider ?? null,
        capacity_slots: body.capacitySlots,
      })
      .where('tenant_id', '=', tenantId)
      .where('id', '=', warehouseId)
      .execute();
    await writeAudit(trx, deps.clock, ctx, {
      tenantId,
      action: 'relocation.warehouse.update',
      entityType: 'relocation_warehouse',
      entityId: warehouseId,
      payload: body,
    });
  });
  return (await warehouses(deps.db, tenantId, warehouseId))[0]!;
}

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

async function getStorage(db: Executor, tenantId: number, id: number) {
  const [s] = await loadStorage(db, tenantId, { ids: [id] });
  if (!s) throw notFound();
  return s;
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

/** Locks the warehouse row, then refuses if the slots asked for do not fit. */
async function requireRoom(
  trx: Executor,
  tenantId: number,
  warehouseId: number,
  slots: number,
  excludeId?: number,
) {
  const w = await trx
    .selectFrom('relocation_warehouses')
    .select(['id', 'name', 'capacity_slots'])
    .where('tenant_id', '=', tenantId)
    .where('id', '=', warehouseId)
    .forUpdate()
    .executeTakeFirst();
  if (!w) throw notFound();
  let q = trx
    .selectFrom('relocation_storage')
    .select((eb) => eb.fn.coalesce(eb.fn.sum<number>('slots'), eb.lit(0)).as('n'))
    .where('tenant_id', '=', tenantId)
    .where('warehouse_id', '=', warehouseId)
    .where('status', 'in', [...ACTIVE]);
  if (excludeId !== undefined) q = q.where('id', '<>', excludeId);
  const used = Number((await q.executeTakeFirstOrThrow()).n);
  const free = w.capacity_slots - used;
  if (slots > free)
    throw conflict(
      free <= 0
        ? `${w.name}已满（共 ${w.capacity_slots} 个仓位），请选择其他仓库`
        : `${w.name}仅剩 ${free} 个仓位，不足 ${slots} 个，请减少仓位或选择其他仓库`,
      free <= 0
        ? `${w.name} is full (${w.capacity_slots} slots); choose another warehouse`
        : `${w.name} has only ${free} free slots, fewer than the ${slots} requested`,
      { capacity: w.capacity_slots, used, free },
    );
  return w;
}

/** A household (or staff for it) books slots in a warehouse. */
export async function bookStorage(deps: Deps, ctx: RequestContext, body: z.infer<typeof StorageBookBody>) {
  const tenantId = await requireHouseholdAct(deps, ctx, body.householdId);
  const now = deps.clock.now();
  const id = await deps.db.transaction().execute(async (trx) => {
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
    await recordHouseholdStep(trx, deps, ctx, {
      tenantId,
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
    });
    return row.id;
  });
  return getStorage(deps.db, tenantId, id);
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
  await deps.db.transaction().execute(async (trx) => {
    const s = await trx
      .selectFrom('relocation_storage')
      .selectAll()
      .where('tenant_id', '=', tenantId)
      .where('id', '=', storageId)
      .forUpdate()
      .executeTakeFirst();
    if (!s) throw notFound();
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
    await recordHouseholdStep(trx, deps, ctx, {
      tenantId,
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
    });
  });
  return getStorage(deps.db, tenantId, storageId);
}

/** A photo of the stored items (before check-out only). */
export async function addPhoto(deps: Deps, ctx: RequestContext, storageId: number, file: UploadedFile) {
  const tenantId = requireTenant(ctx.actor);
  requirePermission(ctx.actor, 'relocation.manage');
  await deps.db.transaction().execute(async (trx) => {
    const s = await trx
      .selectFrom('relocation_storage')
      .select(['id', 'status'])
      .where('tenant_id', '=', tenantId)
      .where('id', '=', storageId)
      .forUpdate()
      .executeTakeFirst();
    if (!s) throw notFound();
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
    await writeAudit(trx, deps.clock, ctx, {
      tenantId,
      action: 'relocation.storage.photo',
      entityType: 'relocation_storage',
      entityId: storageId,
      payload: { fileId: stored.id, name: file.filename },
    });
  });
  return getStorage(deps.db, tenantId, storageId);
}

/** The photo file, for staff or the household itself. */
export async function readPhoto(deps: Deps, ctx: RequestContext, storageId: number, fileId: number) {
  const tenantId = requireTenant(ctx.actor);
  const s = await getStorage(deps.db, tenantId, storageId);
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
  await deps.db.transaction().execute(async (trx) => {
    const s = await trx
      .selectFrom('relocation_storage')
      .selectAll()
      .where('tenant_id', '=', tenantId)
      .where('id', '=', storageId)
      .forUpdate()
      .executeTakeFirst();
    if (!s) throw notFound();
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
    await recordHouseholdStep(trx, deps, ctx, {
      tenantId,
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
    });
  });
  return getStorage(deps.db, tenantId, storageId);
}

/** Cancels a booking not yet checked in (frees the slots). */
export async function cancelStorage(deps: Deps, ctx: RequestContext, storageId: number) {
  const tenantId = requireTenant(ctx.actor);
  const current = await getStorage(deps.db, tenantId, storageId);
  await requireHouseholdAct(deps, ctx, current.householdId);
  const now = deps.clock.now();
  await deps.db.transaction().execute(async (trx) => {
    const done = await trx
      .updateTable('relocation_storage')
      .set({ status: 'cancelled' })
      .where('tenant_id', '=', tenantId)
      .where('id', '=', storageId)
      .where('status', '=', 'booked')
      .returning('id')
      .executeTakeFirst();
    if (!done) throw conflict('只能取消尚未入库的预约', 'Only a booking not yet checked in can be cancelled');
    await recordHouseholdStep(trx, deps, ctx, {
      tenantId,
      householdId: current.householdId,
      at: now,
      kind: 'storage_cancelled',
      params: { warehouse: current.warehouseName },
      detail: { storageId },
      audit: {
        action: 'relocation.storage.cancel',
        entityType: 'relocation_storage',
        entityId: storageId,
      },
    });
  });
  return getStorage(deps.db, tenantId, storageId);
}
