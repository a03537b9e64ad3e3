import type { z } from 'zod';
import type { WarehouseBody, WarehouseUpdateBody } from '../../../contract/relocation.ts';
import { requirePermission, requireTenant } from '../../access/access.ts';
import type { Executor } from '../../db/database.ts';
import type { RequestContext } from '../../platform/context.ts';
import type { Deps } from '../../platform/deps.ts';
import { conflict, notFound } from '../../platform/errors.ts';
import { isStaff, writeAndReload } from './relocation.common.ts';

/**
 * 临时仓库, the warehouses lent by local units and their capacity: a booked or stored slot counts
 * against it, and a full warehouse refuses more. The households' slots are in storage.bookings.ts.
 */

/** The statuses of a storage booking that hold slots. */
export const ACTIVE = ['booked', 'stored'] as const;

async function warehouses(db: Executor, tenantId: number, filter: { ids?: number[] }) {
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
  if (filter.ids) q = q.where('w.id', 'in', filter.ids.length ? filter.ids : [-1]);
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
  const items = await warehouses(deps.db, tenantId, {});
  return { items, total: items.length };
}

/** Slots of a warehouse booked or in use (not counting the booking `excludeId`). */
async function usedSlots(trx: Executor, tenantId: number, warehouseId: number, excludeId?: number) {
  let q = trx
    .selectFrom('relocation_storage')
    .select((eb) => eb.fn.coalesce(eb.fn.sum<number>('slots'), eb.lit(0)).as('n'))
    .where('tenant_id', '=', tenantId)
    .where('warehouse_id', '=', warehouseId)
    .where('status', 'in', [...ACTIVE]);
  if (excludeId !== undefined) q = q.where('id', '<>', excludeId);
  return Number((await q.executeTakeFirstOrThrow()).n);
}

export async function createWarehouse(deps: Deps, ctx: RequestContext, body: z.infer<typeof WarehouseBody>) {
  const tenantId = requireTenant(ctx.actor);
  requirePermission(ctx.actor, 'relocation.manage');
  return writeAndReload(deps, ctx, tenantId, warehouses, async (trx) => {
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
    return {
      id: row.id,
      record: {
        audit: {
          action: 'relocation.warehouse.create',
          entityType: 'relocation_warehouse',
          entityId: row.id,
          payload: body,
        },
      },
    };
  });
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
  return writeAndReload(deps, ctx, tenantId, warehouses, async (trx) => {
    const w = await trx
      .selectFrom('relocation_warehouses')
      .select('id')
      .where('tenant_id', '=', tenantId)
      .where('id', '=', warehouseId)
      .forUpdate()
      .executeTakeFirst();
    if (!w) throw notFound();
    const used = await usedSlots(trx, tenantId, warehouseId);
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
    return {
      id: warehouseId,
      record: {
        audit: {
          action: 'relocation.warehouse.update',
          entityType: 'relocation_warehouse',
          entityId: warehouseId,
          payload: body,
        },
      },
    };
  });
}

/** Locks the warehouse row, then refuses if the slots asked for do not fit. */
export async function requireRoom(
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
  const used = await usedSlots(trx, tenantId, warehouseId, excludeId);
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
