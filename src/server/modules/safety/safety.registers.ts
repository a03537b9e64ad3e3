/** The safety registers (台账): building risks, prepaid-card merchants and charging sites. Rental flats are in safety.rentals.ts. */
import type { Insertable } from 'kysely';
import type { z } from 'zod';
import type {
  BuildingHazardCodes,
  BuildingRiskBody,
  ChargingSiteBody,
  ChargingSiteKinds,
  CustodyCodes,
  IssuanceBandCodes,
  MerchantBody,
  RiskLevels,
} from '../../../contract/safety.ts';
import type { DB } from '../../db/schema.ts';
import { writeAudit } from '../../platform/audit.ts';
import type { RequestContext } from '../../platform/context.ts';
import type { Deps } from '../../platform/deps.ts';
import { invalidField, notFound } from '../../platform/errors.ts';

import { buildingRisk, chargingSiteRisk, merchantRisk } from './safety.rules.ts';

type Risk = (typeof RiskLevels)[number];

import { requireSafetyManage, requireSafetyRead } from './safety.access.ts';

/**
 * Adds (`id` null) or updates one row of a register kept by id, and audits it, in one transaction;
 * an id not in this street is a 404.
 */
async function saveRegisterRow<T extends 'safety_prepaid_merchants' | 'safety_charging_sites'>(
  deps: Deps,
  ctx: RequestContext,
  tenantId: number,
  table: T,
  id: number | null,
  values: Omit<Insertable<DB[T]>, 'tenant_id'>,
  audit: { action: string; entityType: string; payload: unknown },
): Promise<void> {
  // Kysely cannot follow a table chosen by a type parameter; the signature above keeps callers typed.
  const registerTable = table as 'safety_charging_sites';
  const row = values as Omit<Insertable<DB['safety_charging_sites']>, 'tenant_id'>;
  await deps.db.transaction().execute(async (trx) => {
    let entityId = id;
    if (id === null)
      entityId = (
        await trx
          .insertInto(registerTable)
          .values({ tenant_id: tenantId, ...row })
          .returning('id')
          .executeTakeFirstOrThrow()
      ).id;
    else {
      const res = await trx
        .updateTable(registerTable)
        .set(row)
        .where('tenant_id', '=', tenantId)
        .where('id', '=', id)
        .executeTakeFirst();
      if (Number(res.numUpdatedRows) === 0) throw notFound();
    }
    await writeAudit(trx, deps.clock, ctx, { tenantId, entityId, ...audit });
  });
}

// ---- buildings (fire risks) ----

export async function listBuildingRisks(deps: Deps, ctx: RequestContext) {
  const tenantId = requireSafetyRead(ctx);
  const rows = await deps.db
    .selectFrom('safety_building_risks as r')
    .innerJoin('buildings as b', (j) =>
      j.onRef('b.tenant_id', '=', 'r.tenant_id').onRef('b.id', '=', 'r.building_id'),
    )
    .innerJoin('estates as e', (j) =>
      j.onRef('e.tenant_id', '=', 'b.tenant_id').onRef('e.id', '=', 'b.estate_id'),
    )
    .selectAll('r')
    .select(['b.number', 'e.name as estate_name'])
    .where('r.tenant_id', '=', tenantId)
    .orderBy('e.name')
    .orderBy('b.sort_key')
    .orderBy('b.id')
    .execute();
  const items = rows.map((r) => ({
    id: r.id,
    buildingId: r.building_id,
    buildingLabel: `${r.estate_name} ${r.number}`,
    hazards: r.hazards as Array<(typeof BuildingHazardCodes)[number]>,
    riskLevel: r.risk_level as Risk,
    note: r.note,
    checkedAt: r.checked_at,
  }));
  return { items, total: items.length };
}

/** Records a building's check; the risk level follows from the hazards found (one row per building). */
export async function saveBuildingRisk(
  deps: Deps,
  ctx: RequestContext,
  body: z.infer<typeof BuildingRiskBody>,
) {
  const tenantId = requireSafetyManage(ctx);
  const b = await deps.db
    .selectFrom('buildings')
    .select('id')
    .where('tenant_id', '=', tenantId)
    .where('id', '=', body.buildingId)
    .executeTakeFirst();
  if (!b) throw invalidField('body.buildingId', '楼栋不存在', 'No such building in this street');
  const hazards = [...new Set(body.hazards)];
  const risk = buildingRisk(hazards);
  const now = deps.clock.now();
  await deps.db.transaction().execute(async (trx) => {
    const values = {
      hazards,
      risk_level: risk,
      note: body.note ?? null,
      checked_at: now,
      checked_by: ctx.actor.userId,
    };
    await trx
      .insertInto('safety_building_risks')
      .values({ tenant_id: tenantId, building_id: body.buildingId, ...values })
      .onConflict((oc) => oc.columns(['tenant_id', 'building_id']).doUpdateSet(values))
      .execute();
    await writeAudit(trx, deps.clock, ctx, {
      tenantId,
      action: 'safety.building_risk.save',
      entityType: 'building',
      entityId: body.buildingId,
      payload: { hazards, riskLevel: risk, note: body.note },
    });
  });
  return listBuildingRisks(deps, ctx);
}

// ---- prepaid-card merchants ----

export async function listMerchants(deps: Deps, ctx: RequestContext) {
  const tenantId = requireSafetyRead(ctx);
  const rows = await deps.db
    .selectFrom('safety_prepaid_merchants')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .orderBy('id')
    .execute();
  const items = rows.map((r) => ({
    id: r.id,
    name: r.name,
    businessType: r.business_type,
    address: r.address,
    issuanceBand: r.issuance_band as (typeof IssuanceBandCodes)[number],
    custody: r.custody as (typeof CustodyCodes)[number],
    complaints: r.complaints,
    monthsOperating: r.months_operating,
    note: r.note,
    riskLevel: r.risk_level as Risk,
    checkedAt: r.checked_at,
  }));
  return { items, total: items.length };
}

export async function saveMerchant(
  deps: Deps,
  ctx: RequestContext,
  id: number | null,
  body: z.infer<typeof MerchantBody>,
) {
  const tenantId = requireSafetyManage(ctx);
  const risk = merchantRisk({ ...body, monthsOperating: body.monthsOperating ?? null });
  const values = {
    name: body.name,
    business_type: body.businessType,
    address: body.address,
    issuance_band: body.issuanceBand,
    custody: body.custody,
    complaints: body.complaints,
    months_operating: body.monthsOperating ?? null,
    risk_level: risk,
    note: body.note ?? null,
    checked_at: deps.clock.now(),
    checked_by: ctx.actor.userId,
  };
  await saveRegisterRow(deps, ctx, tenantId, 'safety_prepaid_merchants', id, values, {
    action: 'safety.merchant.save',
    entityType: 'safety_prepaid_merchant',
    payload: { ...body, riskLevel: risk },
  });
  return listMerchants(deps, ctx);
}

// ---- charging sites ----

export async function listChargingSites(deps: Deps, ctx: RequestContext) {
  const tenantId = requireSafetyRead(ctx);
  const rows = await deps.db
    .selectFrom('safety_charging_sites')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .orderBy('id')
    .execute();
  const items = rows.map((r) => ({
    id: r.id,
    name: r.name,
    place: r.place,
    kind: r.kind as (typeof ChargingSiteKinds)[number],
    ports: r.ports,
    distanceOk: r.distance_ok,
    canopy: r.canopy,
    extinguisher: r.extinguisher,
    cctv: r.cctv,
    autoCutoff: r.auto_cutoff,
    note: r.note,
    riskLevel: r.risk_level as Risk,
    checkedAt: r.checked_at,
  }));
  return { items, total: items.length };
}

export async function saveChargingSite(
  deps: Deps,
  ctx: RequestContext,
  id: number | null,
  body: z.infer<typeof ChargingSiteBody>,
) {
  const tenantId = requireSafetyManage(ctx);
  const risk = chargingSiteRisk(body);
  const values = {
    name: body.name,
    place: body.place,
    kind: body.kind,
    ports: body.ports,
    distance_ok: body.distanceOk,
    canopy: body.canopy,
    extinguisher: body.extinguisher,
    cctv: body.cctv,
    auto_cutoff: body.autoCutoff,
    risk_level: risk,
    note: body.note ?? null,
    checked_at: deps.clock.now(),
    checked_by: ctx.actor.userId,
  };
  await saveRegisterRow(deps, ctx, tenantId, 'safety_charging_sites', id, values, {
    action: 'safety.charging_site.save',
    entityType: 'safety_charging_site',
    payload: { ...body, riskLevel: risk },
  });
  return listChargingSites(deps, ctx);
}
