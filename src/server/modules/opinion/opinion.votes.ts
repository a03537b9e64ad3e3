/**
 * Opinion map votes: one statement at a time from the signed-in participant, paper cards entered by
 * staff as ballots of an anonymous reference, and the next statement to vote on. Nobody sees who voted
 * what (see opinion.service.ts).
 */
import { sql } from 'kysely';
import type { z } from 'zod';
import type { BallotBody, VoteBody } from '../../../contract/opinion.ts';
import { requirePermission } from '../../access/access.ts';
import { writeAudit } from '../../platform/audit.ts';
import type { Executor } from '../../db/database.ts';
import type { RequestContext } from '../../platform/context.ts';
import type { Deps } from '../../platform/deps.ts';
import { invalidField } from '../../platform/errors.ts';
import { mapAccess, openMap, progressOf, votesChanged } from './opinion.service.ts';

/** The approved statements among `ids`, or a field error naming the first that is not. */
async function requireApproved(trx: Executor, tenantId: number, mapId: number, ids: number[], path: string) {
  const found = await trx
    .selectFrom('opinion_statements')
    .select('id')
    .where('tenant_id', '=', tenantId)
    .where('map_id', '=', mapId)
    .where('status', '=', 'approved')
    .where('id', 'in', ids)
    .execute();
  if (found.length !== new Set(ids).size)
    throw invalidField(
      path,
      '该观点不存在或尚未通过审核',
      'The statement does not exist or is not approved yet',
    );
}

async function participantId(
  trx: Executor,
  deps: Deps,
  tenantId: number,
  mapId: number,
  who: { userId: number } | { ref: string },
) {
  const existing = await trx
    .selectFrom('opinion_participants')
    .select('id')
    .where('tenant_id', '=', tenantId)
    .where('map_id', '=', mapId)
    .where((eb) => ('userId' in who ? eb('user_id', '=', who.userId) : eb('ref', '=', who.ref)))
    .executeTakeFirst();
  if (existing) return existing.id;
  const row = await trx
    .insertInto('opinion_participants')
    .values({
      tenant_id: tenantId,
      map_id: mapId,
      user_id: 'userId' in who ? who.userId : null,
      ref: 'ref' in who ? who.ref : null,
      created_at: deps.clock.now(),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

async function upsertVotes(
  trx: Executor,
  deps: Deps,
  target: { tenantId: number; mapId: number; participantId: number },
  votes: Array<z.infer<typeof VoteBody>>,
) {
  const now = deps.clock.now();
  await trx
    .insertInto('opinion_votes')
    .values(
      votes.map((v) => ({
        tenant_id: target.tenantId,
        map_id: target.mapId,
        participant_id: target.participantId,
        statement_id: v.statementId,
        vote: v.vote,
        voted_at: now,
      })),
    )
    .onConflict((oc) =>
      oc
        .columns(['tenant_id', 'map_id', 'participant_id', 'statement_id'])
        .doUpdateSet((eb) => ({ vote: eb.ref('excluded.vote'), voted_at: eb.ref('excluded.voted_at') })),
    )
    .execute();
}

/** The signed-in participant's vote on one statement; answers with their next statement. */
export async function vote(deps: Deps, ctx: RequestContext, id: number, body: z.infer<typeof VoteBody>) {
  requirePermission(ctx.actor, 'opinion.vote');
  const tenantId = await mapAccess(deps, ctx, id);
  await deps.db.transaction().execute(async (trx) => {
    await openMap(trx, tenantId, id);
    await requireApproved(trx, tenantId, id, [body.statementId], 'body.statementId');
    const pid = await participantId(trx, deps, tenantId, id, { userId: ctx.actor.userId });
    await upsertVotes(trx, deps, { tenantId, mapId: id, participantId: pid }, [body]);
    await votesChanged(trx, deps, tenantId, id);
    // the audit says a vote was cast, never which: nobody may learn who voted what
    await writeAudit(trx, deps.clock, ctx, {
      tenantId,
      action: 'opinion.vote',
      entityType: 'opinion_map',
      entityId: id,
      payload: { statementId: body.statementId },
    });
  });
  return nextStatement(deps, ctx, id);
}

/** Paper cards entered by staff: the votes of one anonymous reference (entered again, replaced). */
export async function enterBallot(
  deps: Deps,
  ctx: RequestContext,
  id: number,
  body: z.infer<typeof BallotBody>,
) {
  requirePermission(ctx.actor, 'opinion.manage');
  const tenantId = await mapAccess(deps, ctx, id);
  const statementIds = body.votes.map((v) => v.statementId);
  if (new Set(statementIds).size !== statementIds.length)
    throw invalidField(
      'body.votes',
      '同一观点在一张卡片上只能表态一次',
      'A card votes on each statement once',
    );
  await deps.db.transaction().execute(async (trx) => {
    await openMap(trx, tenantId, id);
    await requireApproved(trx, tenantId, id, statementIds, 'body.votes');
    const pid = await participantId(trx, deps, tenantId, id, { ref: body.participantRef });
    await trx
      .deleteFrom('opinion_votes')
      .where('tenant_id', '=', tenantId)
      .where('map_id', '=', id)
      .where('participant_id', '=', pid)
      .execute();
    await upsertVotes(trx, deps, { tenantId, mapId: id, participantId: pid }, body.votes);
    await votesChanged(trx, deps, tenantId, id);
    await writeAudit(trx, deps.clock, ctx, {
      tenantId,
      action: 'opinion.ballot',
      entityType: 'opinion_map',
      entityId: id,
      payload: { participantRef: body.participantRef, votes: body.votes.length },
    });
  });
  return { participantRef: body.participantRef, votes: body.votes.length };
}

/** The first approved statement the signed-in participant has not voted on, with their progress. */
export async function nextStatement(deps: Deps, ctx: RequestContext, id: number) {
  requirePermission(ctx.actor, 'opinion.vote');
  const tenantId = await mapAccess(deps, ctx, id);
  const next = await deps.db
    .selectFrom('opinion_statements as s')
    .select(['s.id', 's.text'])
    .where('s.tenant_id', '=', tenantId)
    .where('s.map_id', '=', id)
    .where('s.status', '=', 'approved')
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom('opinion_votes as v')
            .innerJoin('opinion_participants as p', (j) =>
              j.onRef('p.tenant_id', '=', 'v.tenant_id').onRef('p.id', '=', 'v.participant_id'),
            )
            .select(sql`1`.as('one'))
            .where('v.tenant_id', '=', tenantId)
            .whereRef('v.statement_id', '=', 's.id')
            .where('p.user_id', '=', ctx.actor.userId),
        ),
      ),
    )
    .orderBy('s.id')
    .limit(1)
    .executeTakeFirst();
  const progress = await progressOf(deps, tenantId, id, ctx.actor.userId);
  return {
    statement: next ?? null,
    voted: progress.voted,
    total: progress.total,
    maySeeMap: progress.maySeeMap,
  };
}
