import type { z } from 'zod';
import { LiaisonEntryKindsByOrg, type LiaisonEntryBody } from '../../../contract/mediation.ts';
import { requirePermission } from '../../access/access.ts';
import type { RequestContext } from '../../platform/context.ts';
import type { Deps } from '../../platform/deps.ts';
import { conflict, invalidField } from '../../platform/errors.ts';
import { notify } from '../../platform/notifications.ts';
import { getCase } from './mediation.cases.ts';
import { caseChanged, lockCase, requireCaseRead, wrongStatus } from './mediation.common.ts';

type Body = z.infer<typeof LiaisonEntryBody>;

const KIND_WORDS: Record<Body['kind'], string> = {
  police_action: '派出所处置情况',
  confirmation_applied: '司法确认申请',
  confirmation_result: '司法确认结果',
  legal_advice: '律师法律意见',
};

/**
 * A liaison invited to a case records the unit's own part: the police station what it did, the
 * judicial office the judicial confirmation (司法确认, 人民调解法 第三十三条) it received and then its
 * result, the law firm its legal advice. The unit is the one the liaison was invited as; each unit
 * records only its own kinds. The case's mediators are told.
 */
export async function addLiaisonEntry(deps: Deps, ctx: RequestContext, caseId: number, body: Body) {
  requirePermission(ctx.actor, 'mediation.liaise');
  const tenantId = await requireCaseRead(deps, ctx.actor, caseId);
  await deps.db.transaction().execute(async (trx) => {
    const c = await lockCase(trx, tenantId, caseId);
    const member = await trx
      .selectFrom('mediation_members')
      .select('org')
      .where('tenant_id', '=', tenantId)
      .where('case_id', '=', caseId)
      .where('user_id', '=', ctx.actor.userId)
      .where('role', '=', 'liaison')
      .executeTakeFirst();
    if (!member?.org)
      throw conflict('您没有以联动单位身份参与本案', 'You are not on this case as a liaison of a unit');
    const org = member.org as keyof typeof LiaisonEntryKindsByOrg;
    if (!LiaisonEntryKindsByOrg[org].includes(body.kind))
      throw invalidField('body.kind', '这项记录不属于您所在单位', 'Your unit does not record this entry');
    if (body.kind === 'confirmation_applied') {
      if (c.status !== 'agreed' || !c.agreement_effective_at)
        throw conflict(
          '只有已生效的调解协议才能申请司法确认',
          'Judicial confirmation is applied for only once the agreement is in effect',
        );
      if (!c.confirmation_applied_at)
        await trx
          .updateTable('mediation_cases')
          .set({ confirmation_applied_at: body.at })
          .where('tenant_id', '=', tenantId)
          .where('id', '=', caseId)
          .execute();
    }
    if (body.kind === 'confirmation_result') {
      const prior = await trx
        .selectFrom('mediation_liaison_entries')
        .select('kind')
        .where('tenant_id', '=', tenantId)
        .where('case_id', '=', caseId)
        .where('kind', 'in', ['confirmation_applied', 'confirmation_result'])
        .execute();
      if (prior.some((p) => p.kind === 'confirmation_result')) throw wrongStatus();
      if (!c.confirmation_applied_at && !prior.some((p) => p.kind === 'confirmation_applied'))
        throw conflict(
          '请先登记司法确认申请，再登记结果',
          'Record the application for judicial confirmation before its result',
        );
    }
    const row = await trx
      .insertInto('mediation_liaison_entries')
      .values({
        tenant_id: tenantId,
        case_id: caseId,
        user_id: ctx.actor.userId,
        org,
        kind: body.kind,
        at: body.at,
        note: body.note,
        result: body.result ?? null,
        created_at: deps.clock.now(),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const mediators = await trx
      .selectFrom('mediation_members')
      .select('user_id')
      .where('tenant_id', '=', tenantId)
      .where('case_id', '=', caseId)
      .where('role', '=', 'mediator')
      .execute();
    await notify(trx, deps, {
      tenantId,
      topic: 'mediation.liaison',
      title: `${c.case_no}：${KIND_WORDS[body.kind]}`,
      body: body.note,
      link: `/mediation/cases/${caseId}`,
      recipients: mediators.map((m) => ({ userId: m.user_id })),
    });
    await caseChanged(trx, deps, ctx, {
      tenantId,
      caseId,
      action: 'mediation.liaison_entry',
      payload: { id: row.id, org, ...body },
    });
  });
  return getCase(deps, ctx, caseId);
}
