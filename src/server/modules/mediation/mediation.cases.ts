/** Cases and their parties: intake (受理前登记), the list, the case as read, party changes and contacts. */
import type { z } from 'zod';
import type {
  CaseBody,
  FollowupKinds,
  LiaisonOrgs,
  PartyBody,
  PartyKinds,
  PartyRoles,
} from '../../../contract/mediation.ts';
import { requirePermission, requireTenant } from '../../access/access.ts';
import { writeAudit } from '../../platform/audit.ts';
import type { RequestContext } from '../../platform/context.ts';
import type { Deps } from '../../platform/deps.ts';
import { conflict, invalidField, notFound } from '../../platform/errors.ts';
import { maskPhone } from '../../platform/mask.ts';
import { lockNumbering } from '../../platform/numbering.ts';
import { streetDate } from '../../platform/streetTime.ts';
import { householdLabels, householdOptions, checkPhone } from '../households/index.ts';
import {
  caseChanged,
  confirmationDueOn,
  lockCase,
  readPermission,
  requireCaseHandle,
  requireCaseRead,
  requiredDocuments,
  wrongStatus,
  type CaseType,
  type Doc,
  type Level,
  type Source,
  type Status,
  type Terms,
} from './mediation.common.ts';
import { caseLiaisonEntries } from './mediation.liaison-entries.ts';

async function checkHouseholds(deps: Deps, tenantId: number, ids: number[]): Promise<void> {
  if (ids.length === 0) return;
  const found = await deps.db
    .selectFrom('households')
    .select('id')
    .where('tenant_id', '=', tenantId)
    .where('id', 'in', ids)
    .execute();
  if (found.length !== new Set(ids).size)
    throw invalidField('body.parties', '当事人户不属于本街道', 'A party household is not of this street');
}

type PartyInput = z.infer<typeof PartyBody>;

/** A party's row values: kind from the household link, the contact phone checked and encrypted. */
function partyValues(deps: Deps, p: PartyInput, path: string) {
  let contactEnc: string | null = null;
  if (p.contact) {
    const phone = checkPhone(p.contact);
    if (!phone.ok) throw invalidField(`${path}.contact`, '联系电话格式不正确', 'Not a valid phone number');
    contactEnc = deps.cipher.encrypt(phone.value);
  }
  return {
    kind: p.householdId ? 'household' : 'outsider',
    household_id: p.householdId ?? null,
    name: p.name,
    role: p.role,
    info: p.info ?? null,
    contact_enc: contactEnc,
  };
}

export async function createCase(deps: Deps, ctx: RequestContext, body: z.infer<typeof CaseBody>) {
  const tenantId = requireTenant(ctx.actor);
  requirePermission(ctx.actor, 'mediation.handle');
  await checkHouseholds(
    deps,
    tenantId,
    body.parties.flatMap((p) => (p.householdId ? [p.householdId] : [])),
  );
  const partyRows = body.parties.map((p, i) => partyValues(deps, p, `body.parties.${i}`));
  const now = deps.clock.now();
  const id = await deps.db.transaction().execute(async (trx) => {
    const year = streetDate(now).slice(0, 4);
    await lockNumbering(trx, 'mediation.case_no', tenantId, year);
    const count = await trx
      .selectFrom('mediation_cases')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('tenant_id', '=', tenantId)
      .where('case_no', 'like', `${year}-%`)
      .executeTakeFirstOrThrow();
    const caseNo = `${year}-${String(Number(count.n) + 1).padStart(4, '0')}`;
    const row = await trx
      .insertInto('mediation_cases')
      .values({
        tenant_id: tenantId,
        case_no: caseNo,
        title: body.title,
        type: body.type,
        source: body.source,
        facts: body.facts,
        claims: body.claims,
        level: body.level,
        created_by: ctx.actor.userId,
        created_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await trx
      .insertInto('mediation_parties')
      .values(partyRows.map((p) => ({ ...p, tenant_id: tenantId, case_id: row.id })))
      .execute();
    await trx
      .insertInto('mediation_members')
      .values({
        tenant_id: tenantId,
        case_id: row.id,
        user_id: ctx.actor.userId,
        role: 'mediator',
        added_at: now,
      })
      .execute();
    await caseChanged(trx, deps, ctx, {
      tenantId,
      caseId: row.id,
      action: 'mediation.create',
      payload: { caseNo, type: body.type, source: body.source, parties: body.parties.length },
    });
    return row.id;
  });
  return getCase(deps, ctx, id);
}

export async function listCases(
  deps: Deps,
  ctx: RequestContext,
  query: { status?: Status | undefined; atRisk?: boolean | undefined },
) {
  const tenantId = requireTenant(ctx.actor);
  const permission = readPermission(ctx.actor);
  let q = deps.db
    .selectFrom('mediation_cases as c')
    .select([
      'c.id',
      'c.case_no',
      'c.title',
      'c.type',
      'c.source',
      'c.level',
      'c.status',
      'c.at_risk',
      'c.created_at',
      'c.closed_at',
    ])
    .where('c.tenant_id', '=', tenantId)
    .orderBy('c.id', 'desc');
  if (permission !== 'mediation.oversee') {
    const householdId = ctx.actor.householdId;
    q = q.where((eb) =>
      permission === 'mediation.self'
        ? eb.exists(
            eb
              .selectFrom('mediation_parties as p')
              .select('p.id')
              .where('p.tenant_id', '=', tenantId)
              .whereRef('p.case_id', '=', 'c.id')
              .where('p.household_id', '=', householdId ?? -1),
          )
        : eb.exists(
            eb
              .selectFrom('mediation_members as m')
              .select('m.user_id')
              .where('m.tenant_id', '=', tenantId)
              .whereRef('m.case_id', '=', 'c.id')
              .where('m.user_id', '=', ctx.actor.userId),
          ),
    );
  }
  if (query.status) q = q.where('c.status', '=', query.status);
  if (query.atRisk !== undefined) q = q.where('c.at_risk', '=', query.atRisk);
  const items = (await q.execute()).map((r) => ({
    id: r.id,
    caseNo: r.case_no,
    title: r.title,
    type: r.type as CaseType,
    source: r.source as Source,
    level: r.level as Level,
    status: r.status as Status,
    atRisk: permission === 'mediation.self' ? false : r.at_risk,
    createdAt: r.created_at,
    closedAt: r.closed_at,
  }));
  return { items, total: items.length };
}

/** The rows a case is read with: parties (with their witness), team, sessions, follow-ups, liaison entries. */
function caseRecords(deps: Deps, tenantId: number, caseId: number, partyView: boolean) {
  return Promise.all([
    deps.db
      .selectFrom('mediation_parties')
      .leftJoin('users as w', 'w.id', 'mediation_parties.signed_witness_id')
      .selectAll('mediation_parties')
      .select('w.display_name as witness_name')
      .where('mediation_parties.tenant_id', '=', tenantId)
      .where('mediation_parties.case_id', '=', caseId)
      .orderBy('mediation_parties.id')
      .execute(),
    deps.db
      .selectFrom('mediation_members as m')
      .innerJoin('users as u', 'u.id', 'm.user_id')
      .select(['m.user_id', 'u.display_name', 'm.role', 'm.org', 'm.signed_at'])
      .where('m.tenant_id', '=', tenantId)
      .where('m.case_id', '=', caseId)
      .orderBy('m.added_at')
      .execute(),
    deps.db
      .selectFrom('mediation_sessions')
      .selectAll()
      .where('tenant_id', '=', tenantId)
      .where('case_id', '=', caseId)
      .orderBy('held_at')
      .execute(),
    deps.db
      .selectFrom('mediation_followups')
      .selectAll()
      .where('tenant_id', '=', tenantId)
      .where('case_id', '=', caseId)
      .orderBy('at')
      .execute(),
    caseLiaisonEntries(deps.db, tenantId, caseId, partyView),
  ]);
}

export async function getCase(deps: Deps, ctx: RequestContext, caseId: number) {
  const tenantId = await requireCaseRead(deps, ctx.actor, caseId);
  const partyView = readPermission(ctx.actor) === 'mediation.self';
  const c = await deps.db
    .selectFrom('mediation_cases')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('id', '=', caseId)
    .executeTakeFirstOrThrow();
  const [parties, members, sessions, followups, liaisonEntries] = await caseRecords(
    deps,
    tenantId,
    caseId,
    partyView,
  );
  const labels = await householdLabels(
    deps.db,
    tenantId,
    parties.flatMap((p) => (p.household_id === null ? [] : [p.household_id])),
  );
  const status = c.status as Status;
  const present: Record<Doc, boolean> = {
    application: true,
    decision_notice: c.decided_at !== null,
    session_record: sessions.length > 0,
    agreement:
      (status === 'agreed' && c.agreement !== null) || (status === 'oral_agreed' && !!c.outcome_note),
    failure_record: status === 'failed' && !!c.other_routes,
    return_visit: followups.some((f) => f.kind === 'return_visit'),
  };
  return {
    id: c.id,
    caseNo: c.case_no,
    title: c.title,
    type: c.type as CaseType,
    source: c.source as Source,
    level: c.level as Level,
    status,
    atRisk: partyView ? false : c.at_risk,
    createdAt: c.created_at,
    closedAt: c.closed_at,
    facts: c.facts,
    claims: c.claims,
    decisionReason: c.decision_reason,
    decidedAt: c.decided_at,
    riskNote: partyView ? null : c.risk_note,
    riskFlaggedAt: partyView ? null : c.risk_flagged_at,
    outcomeNote: c.outcome_note,
    otherRoutes: c.other_routes,
    agreement: (c.agreement as Terms | null) ?? null,
    agreementEffectiveAt: c.agreement_effective_at,
    confirmationDueOn: c.agreement_effective_at ? confirmationDueOn(c.agreement_effective_at) : null,
    confirmationAppliedAt: c.confirmation_applied_at,
    parties: parties.map((p) => ({
      id: p.id,
      kind: p.kind as (typeof PartyKinds)[number],
      name: p.name,
      role: p.role as (typeof PartyRoles)[number],
      householdId: p.household_id,
      householdLabel: p.household_id === null ? null : (labels.get(p.household_id) ?? null),
      contact: p.contact_enc ? maskPhone(deps.cipher.decrypt(p.contact_enc)) : null,
      info: p.info,
      signedAt: p.signed_at,
      signedHow: p.signed_how,
      signedProxy: p.signed_proxy,
      signedWitness: p.witness_name,
      signedAuthorisation: p.signed_authorisation,
      signedWitnessName: p.signed_witness_name,
    })),
    members: members.map((m) => ({
      userId: m.user_id,
      name: m.display_name,
      role: m.role as 'mediator' | 'liaison',
      org: m.org as (typeof LiaisonOrgs)[number] | null,
      signedAt: m.signed_at,
    })),
    sessions: partyView
      ? []
      : sessions.map((s) => ({ id: s.id, heldAt: s.held_at, place: s.place, record: s.record })),
    followups: partyView
      ? []
      : followups.map((f) => ({
          id: f.id,
          kind: f.kind as (typeof FollowupKinds)[number],
          at: f.at,
          note: f.note,
          performed: f.performed,
        })),
    liaisonEntries,
    caseFile: requiredDocuments(status).map((document) => ({ document, present: present[document] })),
    partyView,
  };
}

/**
 * Adds a party to an open case, or corrects one (e.g. links a party registered as free text to its
 * household). A party who has signed is not changed; an omitted contact keeps the stored one.
 */
export async function saveParty(
  deps: Deps,
  ctx: RequestContext,
  caseId: number,
  partyId: number | undefined,
  body: PartyInput,
) {
  const tenantId = await requireCaseHandle(deps, ctx.actor, caseId);
  await checkHouseholds(deps, tenantId, body.householdId ? [body.householdId] : []);
  const values = partyValues(deps, body, 'body');
  await deps.db.transaction().execute(async (trx) => {
    const c = await lockCase(trx, tenantId, caseId);
    if (c.status !== 'applied' && c.status !== 'mediating') throw wrongStatus();
    if (partyId === undefined) {
      await trx
        .insertInto('mediation_parties')
        .values({ ...values, tenant_id: tenantId, case_id: caseId })
        .execute();
    } else {
      const party = await trx
        .selectFrom('mediation_parties')
        .select(['id', 'signed_at'])
        .where('tenant_id', '=', tenantId)
        .where('case_id', '=', caseId)
        .where('id', '=', partyId)
        .executeTakeFirst();
      if (!party) throw notFound();
      if (party.signed_at) throw conflict('当事人已签名，不能修改', 'The party has signed');
      await trx
        .updateTable('mediation_parties')
        .set({
          kind: values.kind,
          household_id: values.household_id,
          name: values.name,
          role: values.role,
          info: values.info,
          ...(body.contact ? { contact_enc: values.contact_enc } : {}),
        })
        .where('tenant_id', '=', tenantId)
        .where('id', '=', partyId)
        .execute();
    }
    await caseChanged(trx, deps, ctx, {
      tenantId,
      caseId,
      action: partyId === undefined ? 'mediation.party.add' : 'mediation.party.update',
      payload: { ...body, contact: body.contact ? maskPhone(body.contact) : undefined, partyId },
    });
  });
  return getCase(deps, ctx, caseId);
}

/** The full contact phone of a party, for the case's handlers; each look is audited. */
export async function partyContact(deps: Deps, ctx: RequestContext, caseId: number, partyId: number) {
  const tenantId = await requireCaseHandle(deps, ctx.actor, caseId);
  const party = await deps.db
    .selectFrom('mediation_parties')
    .select(['id', 'contact_enc'])
    .where('tenant_id', '=', tenantId)
    .where('case_id', '=', caseId)
    .where('id', '=', partyId)
    .executeTakeFirst();
  if (!party) throw notFound();
  await deps.db.transaction().execute((trx) =>
    writeAudit(trx, deps.clock, ctx, {
      tenantId,
      action: 'mediation.party.contact',
      entityType: 'mediation_case',
      entityId: caseId,
      payload: { partyId },
    }),
  );
  return { contact: party.contact_enc ? deps.cipher.decrypt(party.contact_enc) : null };
}

/** Households to register as parties (address and names only). */
export async function findHouseholds(deps: Deps, ctx: RequestContext, q: string | undefined) {
  const tenantId = requireTenant(ctx.actor);
  requirePermission(ctx.actor, 'mediation.handle');
  return householdOptions(deps.db, tenantId, { q });
}
