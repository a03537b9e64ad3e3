/** Visits to people on the watch list, and what their minutes may not contain. */
import type { z } from 'zod';
import type { VisitBody } from '../../../contract/antifraud.ts';
import { requireAccess } from '../../access/access.ts';
import { writeAudit } from '../../platform/audit.ts';
import type { RequestContext } from '../../platform/context.ts';
import type { Deps } from '../../platform/deps.ts';
import { invalidField } from '../../platform/errors.ts';
import { streetDate } from '../../platform/streetTime.ts';
import { loadEntry, requireWatchList } from './antifraud.common.ts';

/**
 * Visit minutes are a short note, not a case file: long digit runs (account, card, phone or ID
 * numbers) and sums of money are refused, so they cannot slip into the list through free text.
 */
export function minutesProblem(text: string): { zh: string; en: string } | null {
  if (/(?:\d[\s-]?){11,}/.test(text))
    return {
      zh: '走访记录不能包含账号、卡号、电话或身份证号等长串数字',
      en: 'Visit notes may not contain account, card, phone or ID numbers',
    };
  if (
    /\d+(?:\.\d+)?\s*(?:元|块|万|千元|美元|USD|RMB|¥|￥)|[¥￥$]\s*\d|[一二三四五六七八九十百千万两]+\s*(?:元|块钱|万元)/i.test(
      text,
    )
  )
    return {
      zh: '走访记录不记录金额，请删去涉及钱款的内容',
      en: 'Visit notes do not record amounts of money',
    };
  return null;
}

/** Records a visit: the assigned worker on their own entry, or the lead on any. */
export async function recordVisit(
  deps: Deps,
  ctx: RequestContext,
  entryId: number,
  body: z.infer<typeof VisitBody>,
) {
  const tenantId = requireWatchList(ctx);
  await requireAccess(deps.db, ctx.actor, 'antifraud_entry', 'antifraud.visit', entryId);
  const today = streetDate(deps.clock.now());
  if (body.visitedOn > today)
    throw invalidField('body.visitedOn', '走访日期不能晚于今天', 'The visit date cannot be in the future');
  const problem = minutesProblem(body.minutes);
  if (problem) throw invalidField('body.minutes', problem.zh, problem.en);
  const outcomes = [...new Set(body.outcomes)];
  await deps.db.transaction().execute(async (trx) => {
    const row = await trx
      .insertInto('antifraud_visits')
      .values({
        tenant_id: tenantId,
        entry_id: entryId,
        worker_id: ctx.actor.userId,
        channel: body.channel,
        visited_on: body.visitedOn,
        minutes: body.minutes,
        outcomes,
        created_at: deps.clock.now(),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await writeAudit(trx, deps.clock, ctx, {
      tenantId,
      action: 'antifraud.visit.create',
      entityType: 'antifraud_entry',
      entityId: entryId,
      payload: { visitId: row.id, channel: body.channel, visitedOn: body.visitedOn, outcomes },
    });
  });
  return loadEntry(deps.db, tenantId, entryId, today);
}
