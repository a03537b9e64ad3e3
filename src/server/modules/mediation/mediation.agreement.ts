/** The written agreement: signatures, follow-ups and the 30-day judicial-confirmation window. */
import type { z } from 'zod';
import { CONFIRMATION_WINDOW_DAYS, type FollowupBody, type SignBody } from '../../../contract/mediation.ts';
import { requirePermission, requireTenant } from '../../access/access.ts';
import type { RequestContext } from '../../platform/context.ts';
import type { Deps } from '../../platform/deps.ts';
import { conflict, invalidField, notFound } from '../../platform/errors.ts';
import { streetDate } from '../../platform/streetTime.ts';
import { getCase, listCases } from './mediation.cases.ts';
import {
  caseChanged,
  confirmationDueOn,
  daysBetween,
  lockCase,
  readPermission,
  requireCaseHandle,
  requireCaseRead,
  wrongStatus,
} from './mediation.common.ts';

/**
 * How a party's signature is recorded: a party signing itself signs online; staff recording a party's
 * signature say how it was given (on paper in person, on the device, by a named proxy) and stand as
 * its witness.
 */
function signatureOf(isParty: boolean, ctx: RequestContext, body: z.infer<typeof SignBody>) {
  if (isParty) {
    if (body.method && body.method !== 'online')
      throw invalidField('body.method', '当事人本人只能在线签名', 'A party signs online itself');
    return {
      signed_how: 'online' as const,
      signed_proxy: null,
      signed_authorisation: null,
      signed_witness_id: null,
      signed_witness_name: null,
    };
  }
  if (!body.method) throw invalidField('body.method', '请选择当事人的签名方式', 'Say how the party signed');
  if (body.method === 'online')
    throw invalidField('body.method', '在线签名只能由当事人本人完成', 'Only the party itself signs online');
  const proxy = body.method === 'proxy';
  if (proxy && !body.proxyName)
    throw invalidField('body.proxyName', '请填写代签人姓名', 'Give the name of the proxy');
  if (proxy && !body.authorisation)
    throw invalidField(
      'body.authorisation',
      '代签需要当事人的书面授权委托书，请登记委托书（日期、委托事项）',
      'A proxy signs only with the party’s written authorisation: record it (date, scope)',
    );
  return {
    signed_how: body.method,
    signed_proxy: proxy ? body.proxyName! : null,
    signed_authorisation: proxy ? body.authorisation! : null,
    signed_witness_id: ctx.actor.userId,
    signed_witness_name: body.witnessName ?? null,
  };
}

/**
 * Records a signature on the agreement: a party's (recorded by the mediator, or by the party's own
 * resident account) or the acting mediator's. When all have signed the agreement takes effect and the
 * 30-day window for judicial confirmation opens.
 */
export async function sign(deps: Deps, ctx: RequestContext, caseId: number, body: z.infer<typeof SignBody>) {
  const partyId = body.partyId;
  const tenantId = await requireCaseRead(deps, ctx.actor, caseId);
  const isParty = readPermission(ctx.actor) === 'mediation.self';
  if (!isParty) requirePermission(ctx.actor, 'mediation.handle');
  const signature = partyId === undefined ? null : signatureOf(isParty, ctx, body);
  const now = deps.clock.now();
  await deps.db.transaction().execute(async (trx) => {
    const c = await lockCase(trx, tenantId, caseId);
    if (c.status !== 'agreed' || c.agreement_effective_at) throw wrongStatus();
    if (partyId !== undefined) {
      const party = await trx
        .selectFrom('mediation_parties')
        .select(['id', 'household_id'])
        .where('tenant_id', '=', tenantId)
        .where('case_id', '=', caseId)
        .where('id', '=', partyId)
        .executeTakeFirst();
      if (!party || (isParty && party.household_id !== ctx.actor.householdId)) throw notFound();
      await trx
        .updateTable('mediation_parties')
        .set({ signed_at: now, ...signature })
        .where('tenant_id', '=', tenantId)
        .where('id', '=', partyId)
        .where('signed_at', 'is', null)
        .execute();
    } else {
      if (isParty) throw invalidField('body.partyId', '请选择当事人', 'Choose the party');
      const updated = await trx
        .updateTable('mediation_members')
        .set({ signed_at: now })
        .where('tenant_id', '=', tenantId)
        .where('case_id', '=', caseId)
        .where('user_id', '=', ctx.actor.userId)
        .where('role', '=', 'mediator')
        .executeTakeFirst();
      if (Number(updated.numUpdatedRows) === 0)
        throw conflict('只有本案调解员可以签名', 'Only a mediator of this case can sign');
    }
    const unsigned = await trx
      .selectFrom('mediation_parties')
      .select('id')
      .where('tenant_id', '=', tenantId)
      .where('case_id', '=', caseId)
      .where('signed_at', 'is', null)
      .executeTakeFirst();
    const mediatorSigned = await trx
      .selectFrom('mediation_members')
      .select('user_id')
      .where('tenant_id', '=', tenantId)
      .where('case_id', '=', caseId)
      .where('role', '=', 'mediator')
      .where('signed_at', 'is not', null)
      .executeTakeFirst();
    const effective = !unsigned && !!mediatorSigned;
    if (effective)
      await trx
        .updateTable('mediation_cases')
        .set({ agreement_effective_at: now, closed_at: now })
        .where('tenant_id', '=', tenantId)
        .where('id', '=', caseId)
        .execute();
    await caseChanged(trx, deps, ctx, {
      tenantId,
      caseId,
      action: 'mediation.sign',
      payload: { partyId: partyId ?? null, mediator: partyId === undefined, effective },
    });
  });
  return getCase(deps, ctx, caseId);
}

/** Performance follow-up, return visit (回访), or the parties' application for judicial confirmation. */
export async function addFollowup(
  deps: Deps,
  ctx: RequestContext,
  caseId: number,
  body: z.infer<typeof FollowupBody>,
) {
  const tenantId = await requireCaseHandle(deps, ctx.actor, caseId);
  await deps.db.transaction().execute(async (trx) => {
    const c = await lockCase(trx, tenantId, caseId);
    const settled = (c.status === 'agreed' && c.agreement_effective_at) || c.status === 'oral_agreed';
    if (!settled) throw wrongStatus();
    if (body.kind === 'judicial_confirmation') {
      if (c.status !== 'agreed' || c.confirmation_applied_at) throw wrongStatus();
      await trx
        .updateTable('mediation_cases')
        .set({ confirmation_applied_at: body.at })
        .where('tenant_id', '=', tenantId)
        .where('id', '=', caseId)
        .execute();
    }
    await trx
      .insertInto('mediation_followups')
      .values({
        tenant_id: tenantId,
        case_id: caseId,
        kind: body.kind,
        at: body.at,
        note: body.note,
        performed: body.performed ?? null,
        recorded_by: ctx.actor.userId,
      })
      .execute();
    await caseChanged(trx, deps, ctx, { tenantId, caseId, action: 'mediation.followup', payload: body });
  });
  return getCase(deps, ctx, caseId);
}

/** Agreements in effect whose 30-day window for judicial confirmation is open or has passed. */
export async function confirmationDue(
  deps: Deps,
  ctx: RequestContext,
  withinDays = CONFIRMATION_WINDOW_DAYS,
) {
  const cases = await listCases(deps, ctx, { status: 'agreed' });
  const tenantId = requireTenant(ctx.actor);
  if (cases.items.length === 0) return { items: [], total: 0 };
  const rows = await deps.db
    .selectFrom('mediation_cases')
    .select(['id', 'case_no', 'title', 'agreement_effective_at'])
    .where('tenant_id', '=', tenantId)
    .where(
      'id',
      'in',
      cases.items.map((c) => c.id),
    )
    .where('agreement_effective_at', 'is not', null)
    .where('confirmation_applied_at', 'is', null)
    .execute();
  const today = streetDate(deps.clock.now());
  const items = rows
    .map((r) => {
      const dueOn = confirmationDueOn(r.agreement_effective_at!);
      const daysLeft = daysBetween(today, dueOn);
      return {
        caseId: r.id,
        caseNo: r.case_no,
        title: r.title,
        effectiveAt: r.agreement_effective_at!,
        dueOn,
        daysLeft,
        overdue: daysLeft < 0,
      };
    })
    .filter((r) => r.daysLeft <= withinDays)
    .sort((a, b) => a.daysLeft - b.daysLeft);
  return { items, total: items.length };
}
