/** What the mediation files share: case statuses and dates, the access checks, the case lock and the change record. */
import type { Transaction } from 'kysely';
import type { z } from 'zod';
import {
  CONFIRMATION_WINDOW_DAYS,
  type AgreementTerms,
  type CaseDocuments,
  type CaseLevels,
  type CaseSources,
  type CaseStatuses,
  type CaseTypes,
} from '../../../contract/mediation.ts';
import type { Permission } from '../../../contract/permissions.ts';
import { requireAccess, requirePermission, requireTenant } from '../../access/access.ts';
import type { DB } from '../../db/schema.ts';
import { writeAudit } from '../../platform/audit.ts';
import type { Executor } from '../../db/database.ts';
import { DAY } from '../../platform/clock.ts';
import type { Actor, RequestContext } from '../../platform/context.ts';
import type { Deps } from '../../platform/deps.ts';
import { conflict, notFound } from '../../platform/errors.ts';
import { publish } from '../../platform/events.ts';
import { streetDate } from '../../platform/streetTime.ts';

export type Status = (typeof CaseStatuses)[number];
export type CaseType = (typeof CaseTypes)[number];
export type Source = (typeof CaseSources)[number];
export type Level = (typeof CaseLevels)[number];
export type Doc = (typeof CaseDocuments)[number];
export type Terms = z.infer<typeof AgreementTerms>;

export const CLOSED: readonly Status[] = ['refused', 'agreed', 'oral_agreed', 'failed', 'withdrawn'];

/** 第三十三条: the parties may jointly apply for judicial confirmation within 30 days of effect. */
export function confirmationDueOn(effectiveAt: Date | string): string {
  return streetDate(new Date(new Date(effectiveAt).getTime() + CONFIRMATION_WINDOW_DAYS * DAY));
}

export function daysBetween(fromDate: string, toDate: string): number {
  return Math.round((Date.parse(toDate) - Date.parse(fromDate)) / DAY);
}

/** Which documents a case's file (卷宗) must hold at its current status. */
export function requiredDocuments(status: Status): Doc[] {
  switch (status) {
    case 'applied':
      return ['application'];
    case 'refused':
      return ['application', 'decision_notice'];
    case 'mediating':
    case 'withdrawn':
      return ['application', 'decision_notice', 'session_record'];
    case 'agreed':
    case 'oral_agreed':
      return ['application', 'decision_notice', 'session_record', 'agreement', 'return_visit'];
    case 'failed':
      return ['application', 'decision_notice', 'session_record', 'failure_record'];
  }
}

/** The permission an actor reads cases with (the policy decides which cases). */
export function readPermission(actor: Actor): Permission {
  const p = (['mediation.oversee', 'mediation.handle', 'mediation.liaise', 'mediation.self'] as const).find(
    (x) => actor.permissions.has(x),
  );
  if (!p) throw notFound();
  return p;
}

export async function requireCaseRead(deps: Deps, actor: Actor, caseId: number): Promise<number> {
  const tenantId = requireTenant(actor);
  await requireAccess(deps.db, actor, 'mediation_case', readPermission(actor), caseId);
  return tenantId;
}

export async function requireCaseHandle(deps: Deps, actor: Actor, caseId: number): Promise<number> {
  const tenantId = requireTenant(actor);
  requirePermission(actor, 'mediation.handle');
  await requireAccess(deps.db, actor, 'mediation_case', 'mediation.handle', caseId);
  return tenantId;
}

export async function lockCase(trx: Executor, tenantId: number, caseId: number) {
  const row = await trx
    .selectFrom('mediation_cases')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('id', '=', caseId)
    .forUpdate()
    .executeTakeFirst();
  if (!row) throw notFound();
  return row;
}

export const wrongStatus = () =>
  conflict('案件当前状态不允许此操作', 'The case is not in a state that allows this');

/** A change to a case, in its transaction: the audit row, then the live event for open pages (its id
 * only: the stream reaches the whole street). */
export async function caseChanged(
  trx: Transaction<DB>,
  deps: Deps,
  ctx: RequestContext,
  change: { tenantId: number; caseId: number; action: string; payload: unknown },
): Promise<void> {
  await writeAudit(trx, deps.clock, ctx, {
    tenantId: change.tenantId,
    action: change.action,
    entityType: 'mediation_case',
    entityId: change.caseId,
    payload: change.payload,
  });
  await publish(trx, { tenantId: change.tenantId, topic: 'mediation.case', data: { caseId: change.caseId } });
}
