import type { z } from 'zod';
import type {
  ConsultationBody,
  ContractBody,
  FeedbackBody,
  QuoteBody,
} from '../../../contract/relocation.ts';
import { hasPermission, requirePermission, requireTenant } from '../../access/access.ts';
import type { Executor } from '../../db/database.ts';
import type { RequestContext } from '../../platform/context.ts';
import type { Deps } from '../../platform/deps.ts';
import { conflict, invalidField, notFound } from '../../platform/errors.ts';
import { loadPackages } from './market.offers.ts';
import {
  actorVendorId,
  householdLabels,
  oneOr404,
  requireHouseholdAct,
  viewerScope,
  writeAndReload,
} from './relocation.common.ts';

/**
 * 惠民市集, a household's dealings with a firm: consultations through quote and contract to rating
 * or complaint — every step in the household's file.
 */

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

/** Checks the firm, package and market day a household books a consultation with. */
async function requireOffer(deps: Deps, tenantId: number, body: z.infer<typeof ConsultationBody>) {
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
  return vendor;
}

export async function bookConsultation(
  deps: Deps,
  ctx: RequestContext,
  body: z.infer<typeof ConsultationBody>,
) {
  const tenantId = await requireHouseholdAct(deps, ctx, body.householdId);
  const vendor = await requireOffer(deps, tenantId, body);
  const now = deps.clock.now();
  return writeAndReload(deps, ctx, tenantId, loadConsultations, async (trx) => {
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
    return {
      id: row.id,
      record: {
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
      },
    };
  });
}

/** The firm (or staff for it) gives a quote. */
export async function quote(deps: Deps, ctx: RequestContext, id: number, body: z.infer<typeof QuoteBody>) {
  const tenantId = requireTenant(ctx.actor);
  const c = await oneOr404(loadConsultations(deps.db, tenantId, { ids: [id] }));
  if (!hasPermission(ctx.actor, 'relocation.manage')) {
    requirePermission(ctx.actor, 'relocation.offer');
    if ((await actorVendorId(deps, ctx)) !== c.vendorId) throw notFound();
  }
  const now = deps.clock.now();
  return writeAndReload(deps, ctx, tenantId, loadConsultations, async (trx) => {
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
    return {
      id,
      record: {
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
      },
    };
  });
}

/** The household signs the contract for a quoted consultation. */
export async function signContract(
  deps: Deps,
  ctx: RequestContext,
  id: number,
  body: z.infer<typeof ContractBody>,
) {
  const tenantId = requireTenant(ctx.actor);
  const c = await oneOr404(loadConsultations(deps.db, tenantId, { ids: [id] }));
  await requireHouseholdAct(deps, ctx, c.householdId);
  const now = deps.clock.now();
  return writeAndReload(deps, ctx, tenantId, loadConsultations, async (trx) => {
    const done = await trx
      .updateTable('relocation_consultations')
      .set({ status: 'contracted', contract_no: body.contractNo, contracted_at: now })
      .where('tenant_id', '=', tenantId)
      .where('id', '=', id)
      .where('status', '=', 'quoted')
      .returning('id')
      .executeTakeFirst();
    if (!done) throw conflict('只有已报价的咨询才能签约', 'Only a quoted consultation can be contracted');
    return {
      id,
      record: {
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
      },
    };
  });
}

/** The household rates the firm and/or complains. */
export async function feedback(
  deps: Deps,
  ctx: RequestContext,
  id: number,
  body: z.infer<typeof FeedbackBody>,
) {
  const tenantId = requireTenant(ctx.actor);
  const c = await oneOr404(loadConsultations(deps.db, tenantId, { ids: [id] }));
  await requireHouseholdAct(deps, ctx, c.householdId);
  const now = deps.clock.now();
  return writeAndReload(deps, ctx, tenantId, loadConsultations, async (trx) => {
    await trx
      .updateTable('relocation_consultations')
      .set({
        ...(body.rating !== undefined ? { rating: body.rating } : {}),
        ...(body.complaint ? { complaint: body.complaint } : {}),
      })
      .where('tenant_id', '=', tenantId)
      .where('id', '=', id)
      .execute();
    return {
      id,
      record: {
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
      },
    };
  });
}
