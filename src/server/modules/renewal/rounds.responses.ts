/** A household's answers to a round: the steps required before, the answer itself, its history and the signed scan. */
import { sql, type Transaction } from 'kysely';
import type { z } from 'zod';
import type { DB } from '../../db/schema.ts';
import type { ResponseBody } from '../../../contract/renewal.ts';
import { requireAccess, requirePermission, requireTenant } from '../../access/access.ts';
import { writeAudit } from '../../platform/audit.ts';
import type { Executor } from '../../db/database.ts';
import type { RequestContext } from '../../platform/context.ts';
import type { Deps } from '../../platform/deps.ts';
import { conflict, invalidField, notFound } from '../../platform/errors.ts';
import { publish } from '../../platform/events.ts';
import type { UploadedFile } from '../../platform/uploads.ts';
import { addTimelineEvent, clearMilestone, recordMilestone } from '../households/index.ts';
import { requireStep } from './renewal.rules.ts';
import { reaches, requireRound, type Decision, type Kind } from './rounds.common.ts';

/**
 * The steps before an answer, from the household's records: a willingness answer needs a visit, a
 * signature a confirmed plan and drawing; a signature cannot be withdrawn once the building moved out.
 */
async function requireOrder(
  trx: Transaction<DB>,
  tenantId: number,
  kind: Kind,
  current: { decision: string | null; building_id: number },
  body: z.infer<typeof ResponseBody>,
) {
  if (kind === 'willingness') await requireStep(trx, tenantId, body.householdId, 'visit_before_willingness');
  if (kind === 'signing' && body.decision === 'agree') {
    await requireStep(trx, tenantId, body.householdId, 'plan_before_signing');
    await requireStep(trx, tenantId, body.householdId, 'drawing_before_signing');
  }
  if (kind === 'signing' && current.decision === 'agree' && body.decision !== 'agree') {
    const movedOut = await trx
      .selectFrom('building_phases')
      .select('phase')
      .where('tenant_id', '=', tenantId)
      .where('building_id', '=', current.building_id)
      .where('phase', '=', 'moved_out')
      .executeTakeFirst();
    if (movedOut)
      throw conflict(
        '该楼已搬离完成，不能撤回这一户的签约',
        'The building has moved out: this household’s signature cannot be withdrawn',
      );
  }
}

/** The round, locked so answers are counted one at a time, and the household's current answer in it. */
async function lockRoundAnswer(trx: Transaction<DB>, tenantId: number, roundId: number, householdId: number) {
  const round = await trx
    .selectFrom('rounds')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('id', '=', roundId)
    .forUpdate()
    .executeTakeFirst();
  if (!round) throw notFound();
  if (round.status !== 'open') throw conflict('该轮征询已结束', 'This round is closed');
  const current = await trx
    .selectFrom('round_households')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('round_id', '=', roundId)
    .where('household_id', '=', householdId)
    .executeTakeFirst();
  if (!current)
    throw invalidField(
      'body.householdId',
      '该户不在本轮征询范围内',
      'This household is not part of this round',
    );
  return { round, current };
}

/**
 * Records a household's current answer. The round row is locked for the transaction, so answers
 * are counted one at a time: the one that brings agreement to the threshold records the moment the
 * round takes effect. The same answer sent twice (double click, retry) changes nothing.
 */
export async function respond(
  deps: Deps,
  ctx: RequestContext,
  roundId: number,
  body: z.infer<typeof ResponseBody>,
) {
  const tenantId = requireTenant(ctx.actor);
  requirePermission(ctx.actor, 'round.respond');
  await requireAccess(deps.db, ctx.actor, 'household', 'round.respond', body.householdId);
  const now = deps.clock.now();
  const result = await deps.db.transaction().execute(async (trx) => {
    const { round, current } = await lockRoundAnswer(trx, tenantId, roundId, body.householdId);
    const kind = round.kind as Kind;
    if (kind === 'signing' && body.decision === 'agree' && !body.agreementNo) {
      throw invalidField('body.agreementNo', '签约需要填写协议编号', 'Signing needs the agreement number');
    }
    const same =
      current.decision === body.decision &&
      (current.reason ?? '') === (body.reason ?? '') &&
      (current.agreement_no ?? '') === (body.agreementNo ?? '');
    if (same) return { round, changed: false };
    await requireOrder(trx, tenantId, kind, current, body);

    await trx
      .updateTable('round_households')
      .set({
        decision: body.decision,
        reason: body.reason ?? null,
        agreement_no: body.agreementNo ?? null,
        signer: body.signer ?? null,
        witness: body.witness ?? null,
        responded_at: body.signedAt ? new Date(body.signedAt) : now,
        recorded_by: ctx.actor.userId,
      })
      .where('tenant_id', '=', tenantId)
      .where('round_id', '=', roundId)
      .where('household_id', '=', body.householdId)
      .execute();
    await trx
      .insertInto('round_response_history')
      .values({
        tenant_id: tenantId,
        round_id: roundId,
        household_id: body.householdId,
        decision: body.decision,
        reason: body.reason ?? null,
        recorded_by: ctx.actor.userId,
        at: now,
      })
      .execute();

    await recordMilestone(trx, tenantId, body.householdId, 'consulted', `round:${roundId}`, now);
    if (kind === 'signing' && body.decision === 'agree')
      await recordMilestone(trx, tenantId, body.householdId, 'signed', `round:${roundId}`, now);
    if (kind === 'signing' && current.decision === 'agree' && body.decision !== 'agree')
      await clearMilestone(trx, tenantId, body.householdId, 'signed');

    if (!round.effective_at) {
      const counts = await roundCounts(trx, tenantId, roundId);
      if (reaches(counts.agreed, counts.eligible, round.threshold)) {
        await trx
          .updateTable('rounds')
          .set({ effective_at: now })
          .where('tenant_id', '=', tenantId)
          .where('id', '=', roundId)
          .execute();
      }
    }
    await addTimelineEvent(trx, {
      tenantId,
      householdId: body.householdId,
      occurredAt: now,
      module: 'renewal',
      kind: `round_${kind}`,
      params: { title: round.title, decision: body.decision, reason: body.reason?.slice(0, 40) ?? null },
      detail: { roundId, decision: body.decision, agreementNo: body.agreementNo },
      actorId: ctx.actor.userId,
    });
    await writeAudit(trx, deps.clock, ctx, {
      tenantId,
      action: 'round.respond',
      entityType: 'household',
      entityId: body.householdId,
      payload: {
        roundId,
        before: current.decision,
        after: body.decision,
        reason: body.reason,
        agreementNo: body.agreementNo,
      },
    });
    await publish(trx, { tenantId, topic: 'round', data: { roundId, estateId: round.estate_id } });
    await publish(trx, {
      tenantId,
      topic: 'household',
      data: { estateId: round.estate_id, householdId: body.householdId },
    });
    return { round, changed: true };
  });
  return { ...(await responseOf(deps.db, tenantId, roundId, body.householdId)), changed: result.changed };
}

async function responseOf(db: Executor, tenantId: number, roundId: number, householdId: number) {
  const r = await db
    .selectFrom('round_households')
    .leftJoin('users', 'users.id', 'round_households.recorded_by')
    .select([
      'round_households.household_id',
      'decision',
      'reason',
      'agreement_no',
      'signer',
      'witness',
      'scan_file_id',
      'responded_at',
      'users.display_name',
    ])
    .where('round_households.tenant_id', '=', tenantId)
    .where('round_id', '=', roundId)
    .where('round_households.household_id', '=', householdId)
    .executeTakeFirstOrThrow();
  return {
    householdId: r.household_id,
    decision: (r.decision ?? 'undecided') as Decision,
    reason: r.reason,
    agreementNo: r.agreement_no,
    signer: r.signer,
    witness: r.witness,
    scanFileId: r.scan_file_id,
    respondedAt: r.responded_at ?? '',
    recordedBy: r.display_name,
  };
}

export async function responseHistory(deps: Deps, ctx: RequestContext, roundId: number, householdId: number) {
  const tenantId = requireTenant(ctx.actor);
  requirePermission(ctx.actor, 'round.read');
  await requireAccess(deps.db, ctx.actor, 'household', 'round.read', householdId);
  const rows = await deps.db
    .selectFrom('round_response_history')
    .leftJoin('users', 'users.id', 'round_response_history.recorded_by')
    .select(['decision', 'reason', 'at', 'users.display_name'])
    .where('round_response_history.tenant_id', '=', tenantId)
    .where('round_id', '=', roundId)
    .where('round_response_history.household_id', '=', householdId)
    .orderBy('round_response_history.id')
    .execute();
  const items = rows.map((r) => ({
    decision: r.decision as Decision,
    reason: r.reason,
    at: r.at,
    recordedBy: r.display_name,
  }));
  return { items, total: items.length };
}

/** Attaches the scanned signed agreement to a household's signing record. */
export async function attachScan(
  deps: Deps,
  ctx: RequestContext,
  roundId: number,
  householdId: number,
  file: UploadedFile,
) {
  const tenantId = requireTenant(ctx.actor);
  requirePermission(ctx.actor, 'round.respond');
  await requireAccess(deps.db, ctx.actor, 'household', 'round.respond', householdId);
  const round = await requireRound(deps.db, tenantId, roundId);
  if (round.kind !== 'signing')
    throw invalidField(
      'file',
      '只有签约轮次需要上传协议扫描件',
      'Only signing rounds take a scanned agreement',
    );
  await deps.db.transaction().execute(async (trx) => {
    const stored = await deps.files.put(trx, tenantId, {
      name: file.filename,
      mime: file.mimetype,
      data: file.data,
      createdBy: ctx.actor.userId,
    });
    const updated = await trx
      .updateTable('round_households')
      .set({ scan_file_id: stored.id })
      .where('tenant_id', '=', tenantId)
      .where('round_id', '=', roundId)
      .where('household_id', '=', householdId)
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) === 0)
      throw invalidField('householdId', '该户不在本轮范围内', 'Not part of this round');
    await writeAudit(trx, deps.clock, ctx, {
      tenantId,
      action: 'round.scan',
      entityType: 'household',
      entityId: householdId,
      payload: { roundId, fileId: stored.id, name: file.filename },
    });
  });
  return responseOf(deps.db, tenantId, roundId, householdId);
}

async function roundCounts(db: Executor, tenantId: number, roundId: number) {
  const r = await db
    .selectFrom('round_households')
    .select([
      sql<number>`count(*)`.as('eligible'),
      sql<number>`count(*) filter (where decision = 'agree')`.as('agreed'),
      sql<number>`count(*) filter (where decision = 'disagree')`.as('disagreed'),
      sql<number>`count(*) filter (where decision = 'undecided')`.as('undecided'),
    ])
    .where('tenant_id', '=', tenantId)
    .where('round_id', '=', roundId)
    .executeTakeFirstOrThrow();
  return r;
}
