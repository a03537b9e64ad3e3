/** What a meeting puts on record: its minutes and its resolutions with their votes. */
import type { z } from 'zod';
import type { MinutesBody, ResolutionBody } from '../../../contract/council.ts';
import { requirePermission, requireTenant } from '../../access/access.ts';
import type { RequestContext } from '../../platform/context.ts';
import type { Deps } from '../../platform/deps.ts';
import { invalidField } from '../../platform/errors.ts';
import { councilChanged } from './council.common.ts';
import { loadMeeting, meetingRow } from './council.meetings.ts';

export async function saveMinutes(
  deps: Deps,
  ctx: RequestContext,
  meetingId: number,
  body: z.infer<typeof MinutesBody>,
) {
  const tenantId = requireTenant(ctx.actor);
  requirePermission(ctx.actor, 'council.manage');
  await deps.db.transaction().execute(async (trx) => {
    await meetingRow(trx, tenantId, meetingId);
    await trx
      .updateTable('council_meetings')
      .set({ minutes: body.minutes, ...(body.held ? { status: 'held' } : {}) })
      .where('tenant_id', '=', tenantId)
      .where('id', '=', meetingId)
      .execute();
    await councilChanged(trx, deps, ctx, {
      tenantId,
      entity: 'meeting',
      id: meetingId,
      action: 'council.minutes',
      payload: { held: body.held, length: body.minutes.length },
    });
  });
  return loadMeeting(deps, tenantId, meetingId);
}

/**
 * A resolution with vote counts, or with individual votes of participants present (the counts then
 * come from them). Passes with more than half of those voting in favour.
 */
export async function addResolution(
  deps: Deps,
  ctx: RequestContext,
  meetingId: number,
  body: z.infer<typeof ResolutionBody>,
) {
  const tenantId = requireTenant(ctx.actor);
  requirePermission(ctx.actor, 'council.manage');
  const now = deps.clock.now();
  await deps.db.transaction().execute(async (trx) => {
    await meetingRow(trx, tenantId, meetingId);
    if (body.topicId !== undefined) {
      const onAgenda = await trx
        .selectFrom('council_meeting_topics')
        .select('topic_id')
        .where('tenant_id', '=', tenantId)
        .where('meeting_id', '=', meetingId)
        .where('topic_id', '=', body.topicId)
        .executeTakeFirst();
      if (!onAgenda)
        throw invalidField('body.topicId', '该议题不在本次议程中', 'The topic is not on this agenda');
    }
    let counts = {
      for: body.votesFor ?? 0,
      against: body.votesAgainst ?? 0,
      abstain: body.votesAbstain ?? 0,
    };
    const individual = body.votes !== undefined;
    if (body.votes) {
      const ids = [...new Set(body.votes.map((v) => v.participantId))];
      if (ids.length !== body.votes.length)
        throw invalidField('body.votes', '每位参会人只能投一票', 'One vote per participant');
      const present = await trx
        .selectFrom('council_participants')
        .select('id')
        .where('tenant_id', '=', tenantId)
        .where('meeting_id', '=', meetingId)
        .where('id', 'in', ids.length ? ids : [-1])
        .where('signed_in_at', 'is not', null)
        .execute();
      if (present.length !== ids.length)
        throw invalidField(
          'body.votes',
          '只有已签到的参会人可以表决',
          'Only participants signed in may vote',
        );
      counts = { for: 0, against: 0, abstain: 0 };
      for (const v of body.votes) counts[v.choice] += 1;
    }
    const voting = counts.for + counts.against + counts.abstain;
    if (voting === 0) throw invalidField('body.votes', '没有表决票', 'No votes');
    const passed = counts.for * 2 > voting;
    const row = await trx
      .insertInto('council_resolutions')
      .values({
        tenant_id: tenantId,
        meeting_id: meetingId,
        topic_id: body.topicId ?? null,
        text: body.text,
        votes_for: counts.for,
        votes_against: counts.against,
        votes_abstain: counts.abstain,
        individual,
        passed,
        created_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    if (body.votes?.length)
      await trx
        .insertInto('council_votes')
        .values(
          body.votes.map((v) => ({
            tenant_id: tenantId,
            resolution_id: row.id,
            participant_id: v.participantId,
            choice: v.choice,
          })),
        )
        .execute();
    if (body.topicId !== undefined && passed)
      await trx
        .updateTable('council_topics')
        .set({ status: 'resolved' })
        .where('tenant_id', '=', tenantId)
        .where('id', '=', body.topicId)
        .where('status', 'in', ['open', 'discussing'])
        .execute();
    await councilChanged(trx, deps, ctx, {
      tenantId,
      entity: 'meeting',
      id: meetingId,
      action: 'council.resolution',
      payload: { ...body, counts, passed },
    });
  });
  return loadMeeting(deps, tenantId, meetingId);
}
