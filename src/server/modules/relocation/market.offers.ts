import type { z } from 'zod';
import type {
  MarketDayBody,
  PackageBody,
  PackageUpdateBody,
  VendorBody,
  VendorUpdateBody,
} from '../../../contract/relocation.ts';
import { hasPermission, requirePermission, requireTenant } from '../../access/access.ts';
import type { Executor } from '../../db/database.ts';
import type { RequestContext } from '../../platform/context.ts';
import type { Deps } from '../../platform/deps.ts';
import { AppError, conflict, invalidField, notFound } from '../../platform/errors.ts';
import { actorVendorId, isStaff, oneOr404, resolveVendor, writeAndReload } from './relocation.common.ts';

/**
 * 惠民市集, what is on offer: the partner firms, their packages and the market days. A household's
 * dealings with a firm are in market.consultations.ts.
 */

const canSeeOffers = (ctx: RequestContext) =>
  isStaff(ctx) || hasPermission(ctx.actor, 'relocation.book') || hasPermission(ctx.actor, 'relocation.offer');

/** Partner firms with their active packages, average rating and complaints. */
async function loadVendors(db: Executor, tenantId: number, filter: { kind?: string; ids?: number[] }) {
  let q = db
    .selectFrom('relocation_vendors as v')
    .selectAll('v')
    .select((eb) => [
      eb
        .selectFrom('relocation_packages as p')
        .select((sb) => sb.fn.countAll<number>().as('n'))
        .whereRef('p.tenant_id', '=', 'v.tenant_id')
        .whereRef('p.vendor_id', '=', 'v.id')
        .where('p.active', '=', true)
        .as('packages'),
      eb
        .selectFrom('relocation_consultations as c')
        .select((sb) => sb.fn.avg<number>('c.rating').as('r'))
        .whereRef('c.tenant_id', '=', 'v.tenant_id')
        .whereRef('c.vendor_id', '=', 'v.id')
        .as('rating'),
      eb
        .selectFrom('relocation_consultations as c')
        .select((sb) => sb.fn.countAll<number>().as('n'))
        .whereRef('c.tenant_id', '=', 'v.tenant_id')
        .whereRef('c.vendor_id', '=', 'v.id')
        .where('c.complaint', 'is not', null)
        .as('complaints'),
    ])
    .where('v.tenant_id', '=', tenantId);
  if (filter.kind) q = q.where('v.kind', '=', filter.kind);
  if (filter.ids) q = q.where('v.id', 'in', filter.ids.length ? filter.ids : [-1]);
  const rows = await q.orderBy('v.id').execute();
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    kind: r.kind as 'agency' | 'decoration',
    contact: r.contact,
    intro: r.intro,
    userId: r.user_id,
    packages: Number(r.packages ?? 0),
    rating: r.rating === null ? null : Math.round(Number(r.rating) * 10) / 10,
    complaints: Number(r.complaints ?? 0),
  }));
}

export async function listVendors(deps: Deps, ctx: RequestContext, query: { kind?: string | undefined }) {
  const tenantId = requireTenant(ctx.actor);
  if (!canSeeOffers(ctx)) throw new AppError('forbidden');
  const items = await loadVendors(deps.db, tenantId, query.kind ? { kind: query.kind } : {});
  return { items, total: items.length };
}

export async function createVendor(deps: Deps, ctx: RequestContext, body: z.infer<typeof VendorBody>) {
  const tenantId = requireTenant(ctx.actor);
  requirePermission(ctx.actor, 'relocation.manage');
  await requireVendorAccount(deps, tenantId, body.userId);
  return writeAndReload(deps, ctx, tenantId, loadVendors, async (trx) => {
    const row = await trx
      .insertInto('relocation_vendors')
      .values({
        tenant_id: tenantId,
        name: body.name,
        kind: body.kind,
        contact: body.contact ?? null,
        intro: body.intro ?? null,
        user_id: body.userId ?? null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return {
      id: row.id,
      record: {
        audit: {
          action: 'relocation.vendor.create',
          entityType: 'relocation_vendor',
          entityId: row.id,
          payload: body,
        },
      },
    };
  });
}

/** Vendor-role accounts of the street, with the firm each already acts for (to link a firm). */
export async function listVendorAccounts(deps: Deps, ctx: RequestContext) {
  const tenantId = requireTenant(ctx.actor);
  requirePermission(ctx.actor, 'relocation.manage');
  const rows = await deps.db
    .selectFrom('users as u')
    .select(['u.id', 'u.username', 'u.display_name'])
    .select((eb) =>
      eb
        .selectFrom('relocation_vendors as v')
        .select((sb) => sb.fn.min<number>('v.id').as('m'))
        .whereRef('v.tenant_id', '=', 'u.tenant_id')
        .whereRef('v.user_id', '=', 'u.id')
        .as('vendor_id'),
    )
    .where('u.tenant_id', '=', tenantId)
    .where('u.role', '=', 'vendor')
    .where('u.disabled', '=', false)
    .orderBy('u.id')
    .execute();
  const items = rows.map((r) => ({
    id: r.id,
    username: r.username,
    displayName: r.display_name,
    vendorId: r.vendor_id === null ? null : Number(r.vendor_id),
  }));
  return { items, total: items.length };
}

/** Checks that a vendor account named for a firm is a vendor account of this street. */
async function requireVendorAccount(deps: Deps, tenantId: number, userId: number | undefined) {
  if (userId === undefined) return;
  const u = await deps.db
    .selectFrom('users')
    .select('id')
    .where('tenant_id', '=', tenantId)
    .where('id', '=', userId)
    .where('role', '=', 'vendor')
    .executeTakeFirst();
  if (!u)
    throw invalidField('body.userId', '请选择本街道的企业账号', 'Choose a vendor account of this street');
}

/**
 * Edits a partner firm. Its kind cannot change once it has listed flats (agency) or offered
 * packages (decoration): those records belong to the kind they were made under.
 */
export async function updateVendor(
  deps: Deps,
  ctx: RequestContext,
  vendorId: number,
  body: z.infer<typeof VendorUpdateBody>,
) {
  const tenantId = requireTenant(ctx.actor);
  requirePermission(ctx.actor, 'relocation.manage');
  await requireVendorAccount(deps, tenantId, body.userId);
  return writeAndReload(deps, ctx, tenantId, loadVendors, async (trx) => {
    const v = await trx
      .selectFrom('relocation_vendors')
      .select(['id', 'kind'])
      .where('tenant_id', '=', tenantId)
      .where('id', '=', vendorId)
      .forUpdate()
      .executeTakeFirst();
    if (!v) throw notFound();
    if (v.kind !== body.kind) {
      const table = v.kind === 'agency' ? 'relocation_rentals' : 'relocation_packages';
      const used = await trx
        .selectFrom(table)
        .select('id')
        .where('tenant_id', '=', tenantId)
        .where('vendor_id', '=', vendorId)
        .executeTakeFirst();
      if (used)
        throw conflict(
          v.kind === 'agency' ? '该企业已发布房源，不能改为装修企业' : '该企业已发布套餐，不能改为房产中介',
          v.kind === 'agency'
            ? 'This firm has listed flats; it cannot become a decoration firm'
            : 'This firm has offered packages; it cannot become an agency',
        );
    }
    await trx
      .updateTable('relocation_vendors')
      .set({
        name: body.name,
        kind: body.kind,
        contact: body.contact ?? null,
        intro: body.intro ?? null,
        user_id: body.userId ?? null,
      })
      .where('tenant_id', '=', tenantId)
      .where('id', '=', vendorId)
      .execute();
    return {
      id: vendorId,
      record: {
        audit: {
          action: 'relocation.vendor.update',
          entityType: 'relocation_vendor',
          entityId: vendorId,
          payload: body,
        },
      },
    };
  });
}

export async function loadPackages(
  db: Executor,
  tenantId: number,
  filter: { ids?: number[]; vendorId?: number },
) {
  let q = db
    .selectFrom('relocation_packages as p')
    .innerJoin('relocation_vendors as v', (j) =>
      j.onRef('v.tenant_id', '=', 'p.tenant_id').onRef('v.id', '=', 'p.vendor_id'),
    )
    .selectAll('p')
    .select('v.name as vendor_name')
    .where('p.tenant_id', '=', tenantId);
  if (filter.ids) q = q.where('p.id', 'in', filter.ids.length ? filter.ids : [-1]);
  if (filter.vendorId !== undefined) q = q.where('p.vendor_id', '=', filter.vendorId);
  const rows = await q.orderBy('p.vendor_id').orderBy('p.id').execute();
  return rows.map((r) => ({
    id: r.id,
    vendorId: r.vendor_id,
    vendorName: r.vendor_name,
    name: r.name,
    contents: r.contents,
    price: Number(r.price),
    active: r.active,
  }));
}

export async function listPackages(
  deps: Deps,
  ctx: RequestContext,
  query: { vendorId?: number | undefined },
) {
  const tenantId = requireTenant(ctx.actor);
  if (!canSeeOffers(ctx)) throw new AppError('forbidden');
  let items = await loadPackages(deps.db, tenantId, query.vendorId ? { vendorId: query.vendorId } : {});
  // residents choose among packages on offer; staff and firms also see withdrawn ones
  if (!isStaff(ctx) && !hasPermission(ctx.actor, 'relocation.offer')) items = items.filter((p) => p.active);
  return { items, total: items.length };
}

export async function createPackage(deps: Deps, ctx: RequestContext, body: z.infer<typeof PackageBody>) {
  const tenantId = requireTenant(ctx.actor);
  if (!hasPermission(ctx.actor, 'relocation.manage')) requirePermission(ctx.actor, 'relocation.offer');
  const vendorId = await resolveVendor(deps, ctx, body.vendorId, 'decoration');
  return writeAndReload(deps, ctx, tenantId, loadPackages, async (trx) => {
    const row = await trx
      .insertInto('relocation_packages')
      .values({
        tenant_id: tenantId,
        vendor_id: vendorId,
        name: body.name,
        contents: body.contents,
        price: body.price,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return {
      id: row.id,
      record: {
        audit: {
          action: 'relocation.package.create',
          entityType: 'relocation_package',
          entityId: row.id,
          payload: { ...body, vendorId },
        },
      },
    };
  });
}

/** Edits a package (staff, or the firm that offers it); `active: false` takes it off offer. */
export async function updatePackage(
  deps: Deps,
  ctx: RequestContext,
  packageId: number,
  body: z.infer<typeof PackageUpdateBody>,
) {
  const tenantId = requireTenant(ctx.actor);
  if (!hasPermission(ctx.actor, 'relocation.manage')) requirePermission(ctx.actor, 'relocation.offer');
  const current = await oneOr404(loadPackages(deps.db, tenantId, { ids: [packageId] }));
  if (!hasPermission(ctx.actor, 'relocation.manage') && (await actorVendorId(deps, ctx)) !== current.vendorId)
    throw notFound();
  return writeAndReload(deps, ctx, tenantId, loadPackages, async (trx) => {
    await trx
      .updateTable('relocation_packages')
      .set({ name: body.name, contents: body.contents, price: body.price, active: body.active })
      .where('tenant_id', '=', tenantId)
      .where('id', '=', packageId)
      .execute();
    return {
      id: packageId,
      record: {
        audit: {
          action: 'relocation.package.update',
          entityType: 'relocation_package',
          entityId: packageId,
          payload: body,
        },
      },
    };
  });
}

async function loadMarketDays(db: Executor, tenantId: number, filter: { ids?: number[] }) {
  let q = db.selectFrom('relocation_market_days').selectAll().where('tenant_id', '=', tenantId);
  if (filter.ids) q = q.where('id', 'in', filter.ids.length ? filter.ids : [-1]);
  const rows = await q.orderBy('on_date').execute();
  return rows.map((r) => ({ id: r.id, onDate: r.on_date, place: r.place, title: r.title }));
}

export async function listMarketDays(deps: Deps, ctx: RequestContext) {
  const tenantId = requireTenant(ctx.actor);
  if (!canSeeOffers(ctx)) throw new AppError('forbidden');
  const items = await loadMarketDays(deps.db, tenantId, {});
  return { items, total: items.length };
}

export async function createMarketDay(deps: Deps, ctx: RequestContext, body: z.infer<typeof MarketDayBody>) {
  const tenantId = requireTenant(ctx.actor);
  requirePermission(ctx.actor, 'relocation.manage');
  return writeAndReload(deps, ctx, tenantId, loadMarketDays, async (trx) => {
    const r = await trx
      .insertInto('relocation_market_days')
      .values({ tenant_id: tenantId, on_date: body.onDate, place: body.place, title: body.title })
      .returning('id')
      .executeTakeFirstOrThrow();
    return {
      id: r.id,
      record: {
        audit: {
          action: 'relocation.market_day.create',
          entityType: 'relocation_market_day',
          entityId: r.id,
          payload: body,
        },
      },
    };
  });
}

export async function updateMarketDay(
  deps: Deps,
  ctx: RequestContext,
  marketDayId: number,
  body: z.infer<typeof MarketDayBody>,
) {
  const tenantId = requireTenant(ctx.actor);
  requirePermission(ctx.actor, 'relocation.manage');
  return writeAndReload(deps, ctx, tenantId, loadMarketDays, async (trx) => {
    const r = await trx
      .updateTable('relocation_market_days')
      .set({ on_date: body.onDate, place: body.place, title: body.title })
      .where('tenant_id', '=', tenantId)
      .where('id', '=', marketDayId)
      .returning('id')
      .executeTakeFirst();
    if (!r) throw notFound();
    return {
      id: marketDayId,
      record: {
        audit: {
          action: 'relocation.market_day.update',
          entityType: 'relocation_market_day',
          entityId: marketDayId,
          payload: body,
        },
      },
    };
  });
}
