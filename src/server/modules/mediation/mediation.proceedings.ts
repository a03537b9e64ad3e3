/** The mediation itself: the decision to accept, the team, sessions, the outcome and escalation of risk. */
import type { z } from 'zod';
import type { DecisionBody, MemberBody, OutcomeBody, SessionBody } from '../../../contract/mediation.ts';
import { rolePermissions, type Role } from '../../../contract/permissions.ts';
import { requirePermission, requireTenant } from '../../access/access.ts';
import { writeAudit } from '../../platform/audit.ts';
import type { RequestContext } from '../../platform/context.ts';
import type { Deps } from '../../platform/deps.ts';
import { conflict, invalidField } from '../../platform/errors.ts';
import { publish } from '../../platform/events.ts';
import { notify } from '../../platform/notifications.ts';
import { getCase } from './mediation.cases.ts';
import {
  caseChanged,
  CLOSED,
  lockCase,
  requireCaseHandle,
  wrongStatus,
  type Status,
} from './mediation.common.ts';

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
