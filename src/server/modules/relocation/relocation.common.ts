import type { Transaction } from 'kysely';
import { hasPermission, requireHouseholdRead, requireTenant } from '../../access/access.ts';
import type { DB } from '../../db/schema.ts';
import { writeAudit, type AuditEvent } from '../../platform/audit.ts';
import type { Executor } from '../../db/database.ts';
import type { RequestContext } from '../../platform/context.ts';
import type { Deps } from '../../platform/deps.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import type { TimelineKind, TimelineParams } from '../../../contract/timeline.ts';
import { addTimelineEvent } from '../households/index.ts';

/** Shared by the relocation services: who may act for which household, and how records name it. */

export const MODULE = 'relocation';

/**
 * A household's moves, storage and bookings are handled by relocation staff for the whole street, and
 * by a resident (relocation.book) for their own household only. Anything else answers 404.
 */
export async function requireHouseholdAct(
  deps: Deps,
  ctx: RequestContext,
  householdId: number,
): Promise<number> {
  const tenantId = requireTenant(ctx.actor);
  if (hasPermission(ctx.actor, 'relocation.manage')) {
    await requireHousehold(deps, tenantId, householdId);
    return tenantId;
  }
  if (hasPermission(ctx.actor, 'relocation.book')) {
    await requireHouseholdRead(deps.db, ctx.actor, householdId);
    return tenantId;
  }
  throw new AppError('forbidden');
}

/** Staff see every household's records; a resident only their own; a vendor only its firm's. */
export function isStaff(ctx: RequestContext): boolean {
  return hasPermission(ctx.actor, 'relocation.read') || hasPermission(ctx.actor, 'relocation.manage');
}

/** The household exists in this street; else 404. */
async function requireHousehold(deps: Deps, tenantId: number, householdId: number): Promise<void> {
  const h = await deps.db
    .selectFrom('households')
    .select('id')
    .where('tenant_id', '=', tenantId)
    .where('id', '=', householdId)
    .executeTakeFirst();
  if (!h) throw notFound();
}

/** Staff (relocation.read or .manage) view any household of the street; others as requireHouseholdAct. */
export async function requireHouseholdView(
  deps: Deps,
  ctx: RequestContext,
  householdId: number,
): Promise<number> {
  const tenantId = requireTenant(ctx.actor);
  if (isStaff(ctx)) await requireHousehold(deps, tenantId, householdId);
  else await requireHouseholdAct(deps, ctx, householdId);
  return tenantId;
}

/** "3号 201室": how relocation records name households (no personal names on shared lists). */
export async function householdLabels(
  db: Executor,
  tenantId: number,
  ids: readonly number[],
): Promise<Map<number, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .selectFrom('households as h')
    .innerJoin('buildings as b', (j) =>
      j.onRef('b.tenant_id', '=', 'h.tenant_id').onRef('b.id', '=', 'h.building_id'),
    )
    .select(['h.id', 'h.room', 'b.number'])
    .where('h.tenant_id', '=', tenantId)
    .where('h.id', 'in', [...new Set(ids)])
    .execute();
  return new Map(rows.map((r) => [r.id, `${r.number} ${r.room}室`]));
}

/**
 * The household's transitional arrangement (self / agency / relatives): what it last stated for its
 * relocation, else what its latest renewal plan says; null when neither exists.
 */
export async function latestTransition(
  db: Executor,
  tenantId: number,
  householdId: number,
): Promise<{ transition: 'self' | 'agency' | 'relatives'; source: 'needs' | 'plan' } | null> {
  const own = await db
    .selectFrom('relocation_needs')
    .select('transition')
    .where('tenant_id', '=', tenantId)
    .where('household_id', '=', householdId)
    .executeTakeFirst();
  if (own?.transition) return { transition: own.transition as 'self', source: 'needs' };
  const row = await db
    .selectFrom('plans')
    .select('transition')
    .where('tenant_id', '=', tenantId)
    .where('household_id', '=', householdId)
    .orderBy('version', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row?.transition ? { transition: row.transition as 'self', source: 'plan' } : null;
}

/** The partner firm the signed-in vendor account acts for; null for staff. */
export async function actorVendorId(deps: Deps, ctx: RequestContext): Promise<number | null> {
  const tenantId = requireTenant(ctx.actor);
  if (!hasPermission(ctx.actor, 'relocation.offer')) return null;
  const v = await deps.db
    .selectFrom('relocation_vendors')
    .select('id')
    .where('tenant_id', '=', tenantId)
    .where('user_id', '=', ctx.actor.userId)
    .orderBy('id')
    .executeTakeFirst();
  return v?.id ?? null;
}

/**
 * Which records of a firm's dealings with households a viewer sees: staff see the street's (or one
 * household's when asked), a vendor account its own firm's, a resident their own household's.
 * `null` means nothing (a vendor account not linked to a firm).
 */
export async function viewerScope(
  deps: Deps,
  ctx: RequestContext,
  householdId: number | undefined,
): Promise<{ householdId?: number; vendorId?: number } | null> {
  if (isStaff(ctx)) return householdId ? { householdId } : {};
  if (hasPermission(ctx.actor, 'relocation.offer')) {
    const vendorId = await actorVendorId(deps, ctx);
    return vendorId === null ? null : { vendorId };
  }
  if (!hasPermission(ctx.actor, 'relocation.book')) throw new AppError('forbidden');
  return { householdId: ctx.actor.householdId ?? -1 };
}

/**
 * Which firm a listing or package is for: staff (relocation.manage) name it; a vendor account always
 * acts for its own firm and may not name another.
 */
export async function resolveVendor(
  deps: Deps,
  ctx: RequestContext,
  requested: number | undefined,
  kind?: 'agency' | 'decoration',
): Promise<number> {
  const tenantId = requireTenant(ctx.actor);
  let vendorId: number | undefined = requested;
  if (!hasPermission(ctx.actor, 'relocation.manage')) {
    const own = await actorVendorId(deps, ctx);
    if (own === null) throw new AppError('forbidden');
    if (requested !== undefined && requested !== own) throw notFound();
    vendorId = own;
  }
  if (vendorId === undefined)
    throw new AppError('validation_failed', [
      { path: 'body.vendorId', message: { zh: '请选择合作企业', en: 'Choose the partner firm' } },
    ]);
  const v = await deps.db
    .selectFrom('relocation_vendors')
    .select(['id', 'kind'])
    .where('tenant_id', '=', tenantId)
    .where('id', '=', vendorId)
    .executeTakeFirst();
  if (!v) throw notFound();
  if (kind && v.kind !== kind)
    throw new AppError('validation_failed', [
      {
        path: 'body.vendorId',
        message:
          kind === 'agency'
            ? { zh: '房源只能由房产中介发布', en: 'Only rental agencies list flats' }
            : { zh: '套餐只能由装修企业发布', en: 'Only decoration firms offer packages' },
      },
    ]);
  return v.id;
}

/** One step of a household's relocation: its timeline entry (一户一档) and its audit row. */
export interface HouseholdStep {
  tenantId: number;
  householdId: number;
  at: Date;
  kind: TimelineKind;
  params: TimelineParams;
  detail: unknown;
  audit: Omit<AuditEvent, 'tenantId'>;
}

/**
 * One step of a household's relocation, written in the step's transaction: the entry in the
 * household's timeline (一户一档) and the audit row, so neither can exist without the other.
 */
export async function recordHouseholdStep(
  trx: Transaction<DB>,
  deps: Deps,
  ctx: RequestContext,
  step: HouseholdStep,
): Promise<void> {
  await addTimelineEvent(trx, {
    tenantId: step.tenantId,
    householdId: step.householdId,
    occurredAt: step.at,
    module: MODULE,
    kind: step.kind,
    params: step.params,
    detail: step.detail,
    actorId: ctx.actor.userId,
  });
  await writeAudit(trx, deps.clock, ctx, { tenantId: step.tenantId, ...step.audit });
}

/** The one record a loader found for an id; none answers 404. */
export async function oneOr404<T>(rows: Promise<readonly T[]>): Promise<T> {
  const [row] = await rows;
  if (!row) throw notFound();
  return row;
}

/** What a relocation write records with its change: an audit row, or a household step. */
export type Recorded = { audit: Omit<AuditEvent, 'tenantId'> } | Omit<HouseholdStep, 'tenantId'>;

/** A relocation loader: the records of a tenant, here the ones with these ids. */
export type Loader<T> = (db: Executor, tenantId: number, filter: { ids: number[] }) => Promise<readonly T[]>;

/**
 * The step every relocation write repeats: `write` changes the rows in one transaction and names the
 * record it wrote and what to record with it (an audit row, or a household step: timeline entry and
 * audit row, in the same transaction); once committed, the record is read back with its loader, a
 * missing one answering 404.
 */
export async function writeAndReload<T>(
  deps: Deps,
  ctx: RequestContext,
  tenantId: number,
  load: Loader<T>,
  write: (trx: Transaction<DB>) => Promise<{ id: number; record: Recorded }>,
): Promise<T> {
  const id = await deps.db.transaction().execute(async (trx) => {
    const { id, record } = await write(trx);
    if ('householdId' in record) await recordHouseholdStep(trx, deps, ctx, { tenantId, ...record });
    else await writeAudit(trx, deps.clock, ctx, { tenantId, ...record.audit });
    return id;
  });
  return oneOr404(load(deps.db, tenantId, { ids: [id] }));
}
