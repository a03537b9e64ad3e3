import type { Transaction } from 'kysely';
import type { z } from 'zod';
import {
  CONFIRMATION_WINDOW_DAYS,
  type AgreementTerms,
  type CaseBody,
  type CaseDocuments,
  type CaseLevels,
  type CaseSources,
  type CaseStatuses,
  type CaseTypes,
  type DecisionBody,
  type FollowupKinds,
  type LiaisonOrgs,
  type FollowupBody,
  type MemberBody,
  type OutcomeBody,
  type PartyBody,
  type PartyKinds,
  type PartyRoles,
  type SessionBody,
  type SignBody,
} from '../../../contract/mediation.ts';
import { rolePermissions, type Permission, type Role } from '../../../contract/permissions.ts';
import { requireAccess, requirePermission, requireTenant } from '../../access/access.ts';
import type { DB } from '../../db/schema.ts';
import { writeAudit, type Executor } from '../../platform/audit.ts';
import { DAY, HOUR } from '../../platform/clock.ts';
import type { Actor, RequestContext } from '../../platform/context.ts';
import type { Deps } from '../../platform/deps.ts';
import { conflict, invalidField, notFound } from '../../platform/errors.ts';
import { publish } from '../../platform/events.ts';
import type { PeriodicTask } from '../../platform/jobs.ts';
import { notify, type Recipient } from '../../platform/notifications.ts';
import { maskPhone } from '../../platform/mask.ts';
import { householdLabels, householdOptions } from '../council/council.households.ts';
import { checkPhone } from '../households/households.rules.ts';
import { lockNumbering } from '../../platform/numbering.ts';
import { caseLiaisonEntries } from './mediation.liaison-entries.ts';
import { streetDate } from '../../platform/streetTime.ts';

type Status = (typeof CaseStatuses)[number];
type CaseType = (typeof CaseTypes)[number];
type Source = (typeof CaseSources)[number];
type Level = (typeof CaseLevels)[number];
type Doc = (typeof CaseDocuments)[number];
type Terms = z.infer<typeof AgreementTerms>;

const CLOSED: readonly Status[] = ['refused', 'agreed', 'oral_agreed', 'failed', 'withdrawn'];

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
function readPermission(actor: Actor): Permission {
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

async function requireCaseHandle(deps: Deps, actor: Actor, caseId: number): Promise<number> {
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

/** Publishes that a case changed (its id only: the stream reaches the whole street). */
/** A change to a case, in its transaction: the audit row, then the live event for open pages. */
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

export async function getCase(deps: Deps, ctx: RequestContext, caseId: number) {
  const tenantId = await requireCaseRead(deps, ctx.actor, caseId);
  const partyView = readPermission(ctx.actor) === 'mediation.self';
  const c = await deps.db
    .selectFrom('mediation_cases')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('id', '=', caseId)
    .executeTakeFirstOrThrow();
  const [parties, members, sessions, followups, liaisonEntries] = await Promise.all([
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

/** 受理 or 不予受理 (with the reason, which goes into the notice). */
export async function decide(
  deps: Deps,
  ctx: RequestContext,
  caseId: number,
  body: z.infer<typeof DecisionBody>,
) {
  const tenantId = await requireCaseHandle(deps, ctx.actor, caseId);
  const now = deps.clock.now();
  await deps.db.transaction().execute(async (trx) => {
    const c = await lockCase(trx, tenantId, caseId);
    if (c.status !== 'applied') throw wrongStatus();
    await trx
      .updateTable('mediation_cases')
      .set(
        body.accept
          ? {
              status: 'mediating',
              decided_at: now,
              decided_by: ctx.actor.userId,
              level: body.level ?? c.level,
            }
          : {
              status: 'refused',
              decision_reason: body.reason,
              decided_at: now,
              decided_by: ctx.actor.userId,
              closed_at: now,
            },
      )
      .where('tenant_id', '=', tenantId)
      .where('id', '=', caseId)
      .execute();
    await caseChanged(trx, deps, ctx, {
      tenantId,
      caseId,
      action: body.accept ? 'mediation.accept' : 'mediation.refuse',
      payload: body,
    });
  });
  return getCase(deps, ctx, caseId);
}

/** Assigns a mediator or invites a liaison (派出所, 司法所, 律师事务所) to the case. */
export async function addMember(
  deps: Deps,
  ctx: RequestContext,
  caseId: number,
  body: z.infer<typeof MemberBody>,
) {
  const tenantId = await requireCaseHandle(deps, ctx.actor, caseId);
  const user = await deps.db
    .selectFrom('users')
    .select(['id', 'role', 'liaison_org'])
    .where('id', '=', body.userId)
    .where('tenant_id', '=', tenantId)
    .where('disabled', '=', false)
    .executeTakeFirst();
  if (!user) throw invalidField('body.userId', '用户不存在', 'No such user');
  const fits =
    body.role === 'liaison'
      ? user.role === 'liaison'
      : ['mediator', 'committee', 'street_leader'].includes(user.role);
  if (!fits) throw invalidField('body.userId', '该用户不能担任此角色', 'This user cannot take this role');
  // the unit is the liaison's own (its account), never a default
  if (body.role === 'liaison' && !user.liaison_org)
    throw invalidField(
      'body.userId',
      '该联络人的账号没有登记所属单位（派出所、司法所或律师事务所），请管理员在用户管理中补上',
      'This liaison’s account has no unit (police station, judicial office or law firm); an administrator sets it under Users',
    );
  const org = body.role === 'liaison' ? user.liaison_org : null;
  await deps.db.transaction().execute(async (trx) => {
    const c = await lockCase(trx, tenantId, caseId);
    if (CLOSED.includes(c.status as Status)) throw wrongStatus();
    await trx
      .insertInto('mediation_members')
      .values({
        tenant_id: tenantId,
        case_id: caseId,
        user_id: body.userId,
        role: body.role,
        org,
        added_at: deps.clock.now(),
      })
      .onConflict((oc) =>
        oc.columns(['tenant_id', 'case_id', 'user_id']).doUpdateSet({
          role: body.role,
          org,
        }),
      )
      .execute();
    await caseChanged(trx, deps, ctx, {
      tenantId,
      caseId,
      action: 'mediation.member',
      payload: { ...body, org },
    });
  });
  return getCase(deps, ctx, caseId);
}

/** A session and its record (调解记录). */
export async function addSession(
  deps: Deps,
  ctx: RequestContext,
  caseId: number,
  body: z.infer<typeof SessionBody>,
) {
  const tenantId = await requireCaseHandle(deps, ctx.actor, caseId);
  await deps.db.transaction().execute(async (trx) => {
    const c = await lockCase(trx, tenantId, caseId);
    if (c.status !== 'mediating') throw wrongStatus();
    await trx
      .insertInto('mediation_sessions')
      .values({
        tenant_id: tenantId,
        case_id: caseId,
        held_at: body.heldAt,
        place: body.place,
        record: body.record,
        recorded_by: ctx.actor.userId,
      })
      .execute();
    await caseChanged(trx, deps, ctx, {
      tenantId,
      caseId,
      action: 'mediation.session',
      payload: { heldAt: body.heldAt, place: body.place },
    });
  });
  return getCase(deps, ctx, caseId);
}

/**
 * Ends the mediation: a written agreement (effective once every party and a mediator have signed),
 * an oral agreement written into the record, failure (with the other routes explained), or withdrawal.
 */
export async function recordOutcome(
  deps: Deps,
  ctx: RequestContext,
  caseId: number,
  body: z.infer<typeof OutcomeBody>,
) {
  const tenantId = await requireCaseHandle(deps, ctx.actor, caseId);
  const now = deps.clock.now();
  await deps.db.transaction().execute(async (trx) => {
    const c = await lockCase(trx, tenantId, caseId);
    // a party may withdraw the application before it is decided, or during mediation (第二十三条)
    if (c.status !== 'mediating' && !(body.outcome === 'withdrawn' && c.status === 'applied'))
      throw wrongStatus();
    if (body.outcome !== 'withdrawn') {
      const sessions = await trx
        .selectFrom('mediation_sessions')
        .select('id')
        .where('tenant_id', '=', tenantId)
        .where('case_id', '=', caseId)
        .executeTakeFirst();
      if (!sessions)
        throw conflict('请先登记至少一次调解记录', 'Record at least one mediation session first');
    }
    const set =
      body.outcome === 'agreement'
        ? { status: 'agreed', agreement: JSON.stringify(body.agreement) }
        : body.outcome === 'oral'
          ? { status: 'oral_agreed', outcome_note: body.note, closed_at: now }
          : body.outcome === 'failed'
            ? { status: 'failed', outcome_note: body.note, other_routes: body.otherRoutes, closed_at: now }
            : { status: 'withdrawn', outcome_note: body.note, closed_at: now };
    await trx
      .updateTable('mediation_cases')
      .set(set)
      .where('tenant_id', '=', tenantId)
      .where('id', '=', caseId)
      .execute();
    await caseChanged(trx, deps, ctx, {
      tenantId,
      caseId,
      action: `mediation.outcome.${body.outcome}`,
      payload: body,
    });
  });
  return getCase(deps, ctx, caseId);
}

/**
 * Records a signature on the agreement: a party's (recorded by the mediator, or by the party's own
 * resident account) or the acting mediator's. When all have signed the agreement takes effect and the
 * 30-day window for judicial confirmation opens.
 */
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

/**
 * 第二十五条: a dispute that may turn into a public-order or criminal matter. The case's police
 * liaisons (or, when none is on the case yet, every police-station liaison of the street, who are
 * then invited to it) are notified at once, and the leaders' view shows the case.
 */
export async function flagRisk(deps: Deps, ctx: RequestContext, caseId: number, note: string) {
  const tenantId = await requireCaseHandle(deps, ctx.actor, caseId);
  const now = deps.clock.now();
  await deps.db.transaction().execute(async (trx) => {
    const c = await lockCase(trx, tenantId, caseId);
    if (CLOSED.includes(c.status as Status) && c.status !== 'failed') throw wrongStatus();
    await trx
      .updateTable('mediation_cases')
      .set({ at_risk: true, risk_note: note, risk_flagged_at: now })
      .where('tenant_id', '=', tenantId)
      .where('id', '=', caseId)
      .execute();
    let police = (
      await trx
        .selectFrom('mediation_members')
        .select('user_id')
        .where('tenant_id', '=', tenantId)
        .where('case_id', '=', caseId)
        .where('role', '=', 'liaison')
        .where('org', '=', 'police')
        .execute()
    ).map((r) => r.user_id);
    if (police.length === 0) {
      police = (
        await trx
          .selectFrom('users')
          .select('id')
          .where('tenant_id', '=', tenantId)
          .where('role', '=', 'liaison')
          .where('liaison_org', '=', 'police')
          .where('disabled', '=', false)
          .execute()
      ).map((r) => r.id);
      if (police.length > 0)
        await trx
          .insertInto('mediation_members')
          .values(
            police.map((user_id) => ({
              tenant_id: tenantId,
              case_id: caseId,
              user_id,
              role: 'liaison',
              org: 'police',
              added_at: now,
            })),
          )
          .onConflict((oc) => oc.columns(['tenant_id', 'case_id', 'user_id']).doNothing())
          .execute();
    }
    const heads = await trx
      .selectFrom('users')
      .select('id')
      .where('tenant_id', '=', tenantId)
      .where('disabled', '=', false)
      .where(
        'role',
        'in',
        (Object.keys(rolePermissions) as Role[]).filter((r) =>
          rolePermissions[r].includes('mediation.oversee'),
        ),
      )
      .execute();
    await notify(trx, deps, {
      tenantId,
      recipients: [...police.map((userId) => ({ userId })), ...heads.map((h) => ({ userId: h.id }))],
      topic: 'mediation.escalation',
      title: `调解案件 ${c.case_no} 有激化风险`,
      body: `「${c.title}」可能激化为治安或刑事案件：${note}`,
      link: `/mediation/cases/${caseId}`,
    });
    await writeAudit(trx, deps.clock, ctx, {
      tenantId,
      action: 'mediation.escalate',
      entityType: 'mediation_case',
      entityId: caseId,
      payload: { note, notified: police },
    });
    await publish(trx, { tenantId, topic: 'mediation.escalation', data: { caseId, notified: police } });
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

type ReminderKind = 'judicial_confirmation' | 'performance_due' | 'return_visit';
interface ReminderItem {
  caseId: number;
  caseNo: string;
  kind: ReminderKind;
  message: string;
  dueOn: string;
  overdue: boolean;
}
interface SettledCase {
  id: number;
  case_no: string;
  status: string;
  agreement: unknown;
  agreement_effective_at: string | null;
  confirmation_applied_at: string | null;
  closed_at: string | null;
}

/** Days after closing a settled case by which a return visit (回访) is due. */
const RETURN_VISIT_DAYS = 15;
/** The confirmation reminder starts this many days before the 30-day window closes. */
const CONFIRMATION_WARN_DAYS = 7;

/**
 * What is due on settled cases today: the confirmation window closing within 7 days (or passed),
 * performance deadlines reached without a performed follow-up, no return visit 15 days after closing.
 */
export function dueReminders(
  rows: readonly SettledCase[],
  followups: ReadonlyArray<{ case_id: number; kind: string; performed: boolean | null }>,
  today: string,
): ReminderItem[] {
  const items: ReminderItem[] = [];
  for (const r of rows) {
    if (!r.closed_at) continue;
    const f = followups.filter((x) => x.case_id === r.id);
    if (r.status === 'agreed' && r.agreement_effective_at && !r.confirmation_applied_at) {
      const dueOn = confirmationDueOn(r.agreement_effective_at);
      const left = daysBetween(today, dueOn);
      if (left <= CONFIRMATION_WARN_DAYS)
        items.push({
          caseId: r.id,
          caseNo: r.case_no,
          kind: 'judicial_confirmation',
          message:
            left < 0
              ? `司法确认申请期限已过（${dueOn}）`
              : `距司法确认申请期限还有 ${left} 天（${dueOn} 前由双方共同申请）`,
          dueOn,
          overdue: left < 0,
        });
    }
    const terms = r.agreement as Terms | null;
    if (
      terms &&
      daysBetween(today, terms.performBy) <= 0 &&
      !f.some((x) => x.kind === 'performance' && x.performed)
    )
      items.push({
        caseId: r.id,
        caseNo: r.case_no,
        kind: 'performance_due',
        message: `协议履行期限 ${terms.performBy} 已到，请跟进履行情况`,
        dueOn: terms.performBy,
        overdue: daysBetween(today, terms.performBy) < 0,
      });
    const visitDue = streetDate(new Date(new Date(r.closed_at).getTime() + RETURN_VISIT_DAYS * DAY));
    if (!f.some((x) => x.kind === 'return_visit') && daysBetween(today, visitDue) <= 0)
      items.push({
        caseId: r.id,
        caseNo: r.case_no,
        kind: 'return_visit',
        message: `调解结案已满 ${RETURN_VISIT_DAYS} 天，请进行回访`,
        dueOn: visitDue,
        overdue: daysBetween(today, visitDue) < 0,
      });
  }
  items.sort((a, b) => a.dueOn.localeCompare(b.dueOn));
  return items;
}

const settledColumns = [
  'c.id',
  'c.case_no',
  'c.title',
  'c.status',
  'c.agreement',
  'c.agreement_effective_at',
  'c.confirmation_applied_at',
  'c.closed_at',
] as const;

/** The acting mediator's reminders, computed from the clock. */
export async function reminders(deps: Deps, ctx: RequestContext) {
  const tenantId = requireTenant(ctx.actor);
  requirePermission(ctx.actor, 'mediation.handle');
  const rows = await deps.db
    .selectFrom('mediation_cases as c')
    .innerJoin('mediation_members as m', (j) =>
      j.onRef('m.tenant_id', '=', 'c.tenant_id').onRef('m.case_id', '=', 'c.id'),
    )
    .select(settledColumns)
    .where('c.tenant_id', '=', tenantId)
    .where('m.user_id', '=', ctx.actor.userId)
    .where('m.role', '=', 'mediator')
    .where('c.status', 'in', ['agreed', 'oral_agreed'])
    .where('c.closed_at', 'is not', null)
    .execute();
  if (rows.length === 0) return { items: [], total: 0 };
  const followups = await deps.db
    .selectFrom('mediation_followups')
    .select(['case_id', 'kind', 'performed'])
    .where('tenant_id', '=', tenantId)
    .where(
      'case_id',
      'in',
      rows.map((r) => r.id),
    )
    .execute();
  const items = dueReminders(rows, followups, streetDate(deps.clock.now()));
  return { items, total: items.length };
}

/**
 * The reminder sweep (a periodic task): every reminder that has come due is sent once through the
 * notification outbox to the case's mediators; the judicial-confirmation reminder (第三十三条) also
 * reaches the parties — residents with an account in-app, others by SMS to their stored phone. The
 * reminder is sent again once when it becomes overdue.
 */
export async function sendDueReminders(deps: Deps): Promise<{ sent: number }> {
  const rows = await deps.db
    .selectFrom('mediation_cases as c')
    .select([...settledColumns, 'c.tenant_id'])
    .where('c.status', 'in', ['agreed', 'oral_agreed'])
    .where('c.closed_at', 'is not', null)
    .execute();
  if (rows.length === 0) return { sent: 0 };
  const today = streetDate(deps.clock.now());
  let sent = 0;
  const byTenant = new Map<number, typeof rows>();
  for (const r of rows) byTenant.set(r.tenant_id, [...(byTenant.get(r.tenant_id) ?? []), r]);
  for (const [tenantId, cases] of byTenant) {
    const followups = await deps.db
      .selectFrom('mediation_followups')
      .select(['case_id', 'kind', 'performed'])
      .where('tenant_id', '=', tenantId)
      .where(
        'case_id',
        'in',
        cases.map((c) => c.id),
      )
      .execute();
    for (const item of dueReminders(cases, followups, today)) {
      const c = cases.find((x) => x.id === item.caseId)!;
      sent += await deps.db.transaction().execute(async (trx) => {
        const fresh = await trx
          .insertInto('mediation_reminders_sent')
          .values({
            tenant_id: tenantId,
            case_id: item.caseId,
            kind: item.overdue ? `${item.kind}:overdue` : item.kind,
            due_on: item.dueOn,
            sent_at: deps.clock.now(),
          })
          .onConflict((oc) => oc.columns(['tenant_id', 'case_id', 'kind', 'due_on']).doNothing())
          .returning('case_id')
          .executeTakeFirst();
        if (!fresh) return 0;
        const mediators = await trx
          .selectFrom('mediation_members')
          .select('user_id')
          .where('tenant_id', '=', tenantId)
          .where('case_id', '=', item.caseId)
          .where('role', '=', 'mediator')
          .execute();
        const recipients: Recipient[] = mediators.map((m) => ({ userId: m.user_id }));
        if (item.kind === 'judicial_confirmation' && !item.overdue) {
          const parties = await trx
            .selectFrom('mediation_parties as p')
            .leftJoin('users as u', (j) =>
              j
                .onRef('u.tenant_id', '=', 'p.tenant_id')
                .onRef('u.household_id', '=', 'p.household_id')
                .on('u.role', '=', 'resident')
                .on('u.disabled', '=', false),
            )
            .select(['p.name', 'p.contact_enc', 'u.id as user_id'])
            .where('p.tenant_id', '=', tenantId)
            .where('p.case_id', '=', item.caseId)
            .execute();
          for (const p of parties)
            if (p.user_id !== null) recipients.push({ userId: p.user_id });
            else if (p.contact_enc) recipients.push({ phoneCipher: p.contact_enc, name: p.name });
        }
        await notify(trx, deps, {
          tenantId,
          recipients,
          topic: `mediation.reminder.${item.kind}`,
          title: `调解案件 ${c.case_no}「${c.title}」`,
          body: item.message,
          link: `/mediation/cases/${item.caseId}`,
        });
        return 1;
      });
    }
  }
  return { sent };
}

export const reminderTask: PeriodicTask = {
  name: 'mediation.reminders',
  everyMs: HOUR,
  run: (deps) => sendDueReminders(deps).then(() => undefined),
};

/** Figures for the committee head: by type, level and outcome; success, time to close, confirmation. */
export async function figures(deps: Deps, ctx: RequestContext) {
  const tenantId = requireTenant(ctx.actor);
  requirePermission(ctx.actor, 'mediation.oversee');
  const rows = await deps.db
    .selectFrom('mediation_cases')
    .select([
      'type',
      'level',
      'status',
      'at_risk',
      'created_at',
      'closed_at',
      'agreement_effective_at',
      'confirmation_applied_at',
    ])
    .where('tenant_id', '=', tenantId)
    .execute();
  const count = (key: (r: (typeof rows)[number]) => string) => {
    const m = new Map<string, number>();
    for (const r of rows) m.set(key(r), (m.get(key(r)) ?? 0) + 1);
    return [...m].map(([k, n]) => ({ key: k, count: n })).sort((a, b) => b.count - a.count);
  };
  const mediated = rows.filter((r) => ['agreed', 'oral_agreed', 'failed'].includes(r.status) && r.closed_at);
  const success = mediated.filter((r) => r.status !== 'failed');
  const closed = rows.filter((r) => r.closed_at);
  const effective = rows.filter((r) => r.agreement_effective_at);
  const round = (n: number) => Math.round(n * 10) / 10;
  return {
    total: rows.length,
    byType: count((r) => r.type),
    byLevel: count((r) => r.level),
    byOutcome: count((r) => r.status),
    successRate: mediated.length ? round((success.length / mediated.length) * 100) : null,
    averageDaysToClose: closed.length
      ? round(
          closed.reduce((n, r) => n + (Date.parse(r.closed_at!) - Date.parse(r.created_at)) / DAY, 0) /
            closed.length,
        )
      : null,
    confirmationRate: effective.length
      ? round((effective.filter((r) => r.confirmation_applied_at).length / effective.length) * 100)
      : null,
    atRisk: rows.filter((r) => r.at_risk).length,
  };
}

/**
 * Users who may be assigned (mediators, committee) or invited (liaisons), with a liaison's unit
 * (派出所, 司法所 or 律所) as its account says; null when the account has none yet.
 */
export async function candidates(deps: Deps, ctx: RequestContext) {
  const tenantId = requireTenant(ctx.actor);
  requirePermission(ctx.actor, 'mediation.handle');
  const rows = await deps.db
    .selectFrom('users as u')
    .select(['u.id', 'u.display_name', 'u.role', 'u.liaison_org as org'])
    .where('u.tenant_id', '=', tenantId)
    .where('u.disabled', '=', false)
    .where('u.role', 'in', ['mediator', 'committee', 'street_leader', 'liaison'])
    .orderBy('u.id')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    name: r.display_name,
    role: r.role,
    org: r.role === 'liaison' ? r.org : null,
  }));
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
