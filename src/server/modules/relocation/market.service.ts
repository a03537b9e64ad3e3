import type { z } from 'zod';
import type {
  ConsultationBody,
  ContractBody,
  FeedbackBody,
  MarketDayBody,
  PackageBody,
  PackageUpdateBody,
  QuoteBody,
  VendorBody,
  VendorUpdateBody,
} from '../../../contract/relocation.ts';
import { hasPermission, requirePermission, requireTenant } from '../../access/access.ts';
import { writeAudit } from '../../platform/audit.ts';
import type { Executor } from '../../db/database.ts';
import type { RequestContext } from '../../platform/context.ts';
import type { Deps } from '../../platform/deps.ts';
import { AppError, conflict, invalidField, notFound } from '../../platform/errors.ts';
import {
  actorVendorId,
  householdLabels,
  isStaff,
  requireHouseholdAct,
  resolveVendor,
  viewerScope,
  recordHouseholdStep,
} from './relocation.common.ts';

/**
 * 惠民市集: partner firms and their packages, market days, and each household's consultations
 * through quote and contract to rating or complaint — every step in the household's file.
 */

const canSeeOffers = (ctx: RequestContext) =>
  isStaff(ctx) || hasPermission(ctx.actor, 'relocation.book') || hasPermission(ctx.actor, 'relocation.offer');

export async function listVendors(deps: Deps, ctx: RequestContext, query: { kind?: string | undefined }) {
  const tenantId = requireTenant(ctx.actor);
  if (!canSeeOffers(ctx)) throw new AppError('forbidden');
  let q = deps.db
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
  if (query.kind) q = q.where('v.kind', '=', query.kind);
  const rows = await q.orderBy('v.id').execute();
  const items = rows.map((r) => ({
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
  return { items, total: items.length };
}

export async function createVendor(deps: Deps, ctx: RequestContext, body: z.infer<typeof VendorBody>) {
  const tenantId = requireTenant(ctx.actor);
  requirePermission(ctx.actor, 'relocation.manage');
  await requireVendorAccount(deps, tenantId, body.userId);
  const id = await deps.db.transaction().execute(async (trx) => {
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
    await writeAudit(trx, deps.clock, ctx, {
      tenantId,
      action: 'relocation.vendor.create',
      entityType: 'relocation_vendor',
      entityId: row.id,
      payload: body,
    });
    return row.id;
  });
  return (await listVendors(deps, ctx, {})).items.find((v) => v.id === id)!;
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
  await deps.db.transaction().execute(async (trx) => {
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
    await writeAudit(trx, deps.clock, ctx, {
      tenantId,
      action: 'relocation.vendor.update',
      entityType: 'relocation_vendor',
      entityId: vendorId,
      payload: body,
    });
  });
  return (await listVendors(deps, ctx, {})).items.find((v) => v.id === vendorId)!;
}

async function loadPackages(db: Executor, tenantId: number, filter: { ids?: number[]; vendorId?: number }) {
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
  const id = await deps.db.transaction().execute(async (trx) => {
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
    await writeAudit(trx, deps.clock, ctx, {
      tenantId,
      action: 'relocation.package.create',
      entityType: 'relocation_package',
      entityId: row.id,
      payload: { ...body, vendorId },
    });
    return row.id;
  });
  return (await loadPackages(deps.db, tenantId, { ids: [id] }))[0]!;
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
  const [current] = await loadPackages(deps.db, tenantId, { ids: [packageId] });
  if (!current) throw notFound();
  if (!hasPermission(ctx.actor, 'relocation.manage') && (await actorVendorId(deps, ctx)) !== current.vendorId)
    throw notFound();
  await deps.db.transaction().execute(async (trx) => {
    await trx
      .updateTable('relocation_packages')
      .set({ name: body.name, contents: body.contents, price: body.price, active: body.active })
      .where('tenant_id', '=', tenantId)
      .where('id', '=', packageId)
      .execute();
    await writeAudit(trx, deps.clock, ctx, {
      tenantId,
      action: 'relocation.package.update',
      entityType: 'relocation_package',
      entityId: packageId,
      payload: body,
    });
  });
  return (await loadPackages(deps.db, tenantId, { ids: [packageId] }))[0]!;
}

export async function listMarketDays(deps: Deps, ctx: RequestContext) {
  const tenantId = requireTenant(ctx.actor);
  if (!canSeeOffers(ctx)) throw new AppError('forbidden');
  const rows = await deps.db
    .selectFrom('relocation_market_days')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .orderBy('on_date')
    .execute();
  const items = rows.map((r) => ({ id: r.id, onDate: r.on_date, place: r.place, title: r.title }));
  return { items, total: items.length };
}

export async function createMarketDay(deps: Deps, ctx: RequestContext, body: z.infer<typeof MarketDayBody>) {
  const tenantId = requireTenant(ctx.actor);
  requirePermission(ctx.actor, 'relocation.manage');
  const row = await deps.db.transaction().execute(async (trx) => {
    const r = await trx
      .insertInto('relocation_market_days')
      .values({ tenant_id: tenantId, on_date: body.onDate, place: body.place, title: body.title })
      .returningAll()
      .executeTakeFirstOrThrow();
    await writeAudit(trx, deps.clock, ctx, {
      tenantId,
      action: 'relocation.market_day.create',
      entityType: 'relocation_market_day',
      entityId: r.id,
      payload: body,
    });
    return r;
  });
  return { id: row.id, onDate: row.on_date, place: row.place, title: row.title };
}

export async function updateMarketDay(
  deps: Deps,
  ctx: RequestContext,
  marketDayId: number,
  body: z.infer<typeof MarketDayBody>,
) {
  const tenantId = requireTenant(ctx.actor);
  requirePermission(ctx.actor, 'relocation.manage');
  const row = await deps.db.transaction().execute(async (trx) => {
    const r = await trx
      .updateTable('relocation_market_days')
      .set({ on_date: body.onDate, place: body.place, title: body.title })
      .where('tenant_id', '=', tenantId)
      .where('id', '=', marketDayId)
      .returningAll()
      .executeTakeFirst();
    if (!r) throw notFound();
    await writeAudit(trx, deps.clock, ctx, {
      tenantId,
      action: 'relocation.market_day.update',
      entityType: 'relocation_market_day',
      entityId: marketDayId,
      payload: body,
    });
    return r;
  });
  return { id: row.id, onDate: row.on_date, place: row.place, title: row.title };
}

async function loadConsultations(
  db: Executor,
  tenantId: number,
  filter: { ids?: number[]; householdId?: number; vendorId?: number },
) {
  let q = db
    .selectFrom('relocation_consultations as c')
    .innerJoin('relocation_vendors as v', (j) =>
      j.onRef('v.tenant_id', '=', 'c.tenant_id').onRef('v.id', '=', 'c.vendor_id'),
    )
    .leftJoin('relocation_packages as p', (j) =>
      j.onRef('p.tenant_id', '=', 'c.tenant_id').onRef('p.id', '=', 'c.package_id'),
    )
    .selectAll('c')
    .select(['v.name as vendor_name', 'p.name as package_name'])
    .where('c.tenant_id', '=', tenantId);
  if (filter.ids) q = q.where('c.id', 'in', filter.ids.length ? filter.ids : [-1]);
  if (filter.householdId !== undefined) q = q.where('c.household_id', '=', filter.householdId);
  if (filter.vendorId !== undefined) q = q.where('c.vendor_id', '=', filter.vendorId);
  const rows = await q.orderBy('c.id', 'desc').execute();
  const labels = await householdLabels(
    db,
    tenantId,
    rows.map((r) => r.household_id),
  );
  return rows.map((r) => ({
    id: r.id,
    householdId: r.household_id,
    householdLabel: labels.get(r.household_id) ?? '',
    vendorId: r.vendor_id,
    vendorName: r.vendor_name,
    packageId: r.package_id,
    packageName: r.package_name,
    marketDayId: r.market_day_id,
    status: r.status as 'booked' | 'quoted' | 'contracted' | 'cancelled',
    note: r.note,
    quoteAmount: r.quote_amount === null ? null : Number(r.quote_amount),
    quoteNote: r.quote_note,
    contractNo: r.contract_no,
    rating: r.rating,
    complaint: r.complaint,
    createdAt: r.created_at,
  }));
}

/** Staff: every consultation; a vendor: its own firm's; a resident: their household's. */
export async function listConsultations(
  deps: Deps,
  ctx: RequestContext,
  query: { householdId?: number | undefined },
) {
  const tenantId = requireTenant(ctx.actor);
  const scope = await viewerScope(deps, ctx, query.householdId);
  const items = scope === null ? [] : await loadConsultations(deps.db, tenantId, scope);
  return { items, total: items.length };
}

async function getConsultation(db: Executor, tenantId: number, id: number) {
  const [c] = await loadConsultations(db, tenantId, { ids: [id] });
  if (!c) throw notFound();
  return c;
}

export async function bookConsultation(
  deps: Deps,
  ctx: RequestContext,
  body: z.infer<typeof ConsultationBody>,
) {
  const tenantId = await requireHouseholdAct(deps, ctx, body.householdId);
  const vendor = await deps.db
    .selectFrom('relocation_vendors')
    .select(['id', 'name'])
    .where('tenant_id', '=', tenantId)
    .where('id', '=', body.vendorId)
    .where('kind', '=', 'decoration')
    .executeTakeFirst();
  if (!vendor) throw notFound();
  if (body.packageId !== undefined) {
    const p = await loadPackages(deps.db, tenantId, { ids: [body.packageId] });
    if (p[0]?.vendorId !== body.vendorId)
      throw invalidField('body.packageId', '该套餐不属于所选企业', 'The package is not offered by this firm');
    if (!p[0].active)
      throw invalidField('body.packageId', '该套餐已下架', 'This package is no longer on offer');
  }
  if (body.marketDayId !== undefined) {
    const d = await deps.db
      .selectFrom('relocation_market_days')
      .select('id')
      .where('tenant_id', '=', tenantId)
      .where('id', '=', body.marketDayId)
      .executeTakeFirst();
    if (!d) throw invalidField('body.marketDayId', '市集日期不存在', 'Unknown market day');
  }
  const now = deps.clock.now();
  const id = await deps.db.transaction().execute(async (trx) => {
    const row = await trx
      .insertInto('relocation_consultations')
      .values({
        tenant_id: tenantId,
        household_id: body.householdId,
        vendor_id: body.vendorId,
        package_id: body.packageId ?? null,
        market_day_id: body.marketDayId ?? null,
        note: body.note ?? null,
        created_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await recordHouseholdStep(trx, deps, ctx, {
      tenantId,
      householdId: body.householdId,
      at: now,
      kind: 'market_consultation',
      params: { vendor: vendor.name },
      detail: { consultationId: row.id, vendorId: body.vendorId, packageId: body.packageId ?? null },
      audit: {
        action: 'relocation.consultation.book',
        entityType: 'relocation_consultation',
        entityId: row.id,
        payload: body,
      },
    });
    return row.id;
  });
  return getConsultation(deps.db, tenantId, id);
}

/** The firm (or staff for it) gives a quote. */
export async function quote(deps: Deps, ctx: RequestContext, id: number, body: z.infer<typeof QuoteBody>) {
  const tenantId = requireTenant(ctx.actor);
  const c = await getConsultation(deps.db, tenantId, id);
  if (!hasPermission(ctx.actor, 'relocation.manage')) {
    requirePermission(ctx.actor, 'relocation.offer');
    if ((await actorVendorId(deps, ctx)) !== c.vendorId) throw notFound();
  }
  const now = deps.clock.now();
  await deps.db.transaction().execute(async (trx) => {
    const done = await trx
      .updateTable('relocation_consultations')
      .set({ status: 'quoted', quote_amount: body.amount, quote_note: body.note ?? null, quoted_at: now })
      .where('tenant_id', '=', tenantId)
      .where('id', '=', id)
      .where('status', 'in', ['booked', 'quoted'])
      .returning('id')
      .executeTakeFirst();
    if (!done)
      throw conflict(
        '已签约或已取消的咨询不能再报价',
        'A contracted or cancelled consultation cannot be quoted',
      );
    await recordHouseholdStep(trx, deps, ctx, {
      tenantId,
      householdId: c.householdId,
      at: now,
      kind: 'market_quote',
      params: { vendor: c.vendorName, amount: body.amount },
      detail: { consultationId: id, amount: body.amount },
      audit: {
        action: 'relocation.consultation.quote',
        entityType: 'relocation_consultation',
        entityId: id,
        payload: body,
      },
    });
  });
  return getConsultation(deps.db, tenantId, id);
}

/** The household signs the contract for a quoted consultation. */
export async function signContract(
  deps: Deps,
  ctx: RequestContext,
  id: number,
  body: z.infer<typeof ContractBody>,
) {
  const tenantId = requireTenant(ctx.actor);
  const c = await getConsultation(deps.db, tenantId, id);
  await requireHouseholdAct(deps, ctx, c.householdId);
  const now = deps.clock.now();
  await deps.db.transaction().execute(async (trx) => {
    const done = await trx
      .updateTable('relocation_consultations')
      .set({ status: 'contracted', contract_no: body.contractNo, contracted_at: now })
      .where('tenant_id', '=', tenantId)
      .where('id', '=', id)
      .where('status', '=', 'quoted')
      .returning('id')
      .executeTakeFirst();
    if (!done) throw conflict('只有已报价的咨询才能签约', 'Only a quoted consultation can be contracted');
    await recordHouseholdStep(trx, deps, ctx, {
      tenantId,
      householdId: c.householdId,
      at: now,
      kind: 'market_contract',
      params: { vendor: c.vendorName, contractNo: body.contractNo },
      detail: { consultationId: id, contractNo: body.contractNo },
      audit: {
        action: 'relocation.consultation.contract',
        entityType: 'relocation_consultation',
        entityId: id,
        payload: body,
      },
    });
  });
  return getConsultation(deps.db, tenantId, id);
}

/** The household rates the firm and/or complains. */
export async function feedback(
  deps: Deps,
  ctx: RequestContext,
  id: number,
  body: z.infer<typeof FeedbackBody>,
) {
  const tenantId = requireTenant(ctx.actor);
  const c = await getConsultation(deps.db, tenantId, id);
  await requireHouseholdAct(deps, ctx, c.householdId);
  const now = deps.clock.now();
  await deps.db.transaction().execute(async (trx) => {
    await trx
      .updateTable('relocation_consultations')
      .set({
        ...(body.rating !== undefined ? { rating: body.rating } : {}),
        ...(body.complaint ? { complaint: body.complaint } : {}),
      })
      .where('tenant_id', '=', tenantId)
      .where('id', '=', id)
      .execute();
    await recordHouseholdStep(trx, deps, ctx, {
      tenantId,
      householdId: c.householdId,
      at: now,
      kind: body.complaint ? 'market_complaint' : 'market_rating',
      params: { vendor: c.vendorName, rating: body.rating ?? null },
      detail: { consultationId: id, ...body },
      audit: {
        action: 'relocation.consultation.feedback',
        entityType: 'relocation_consultation',
        entityId: id,
        payload: body,
      },
    });
  });
  return getConsultation(deps.db, tenantId, id);
}
