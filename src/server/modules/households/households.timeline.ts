import type { Transaction } from 'kysely';
import { Stages, type Stage } from '../../../contract/households.ts';
import type { TimelineKind, TimelineParams } from '../../../contract/timeline.ts';
import { timelineZh } from '../../../contract/timeline.zh.ts';
import type { DB } from '../../db/schema.ts';

/**
 * What other modules call to put their records into a household's file: timeline entries and stage
 * milestones. The household's stage is the furthest milestone reached, so it is derived from
 * records (a visit, a confirmed plan, a signature…) and never typed in.
 */

export const stageRank = (stage: Stage): number => Stages.indexOf(stage);

export interface TimelineInput {
  tenantId: number;
  householdId: number;
  occurredAt: Date | string;
  module: string;
  /** The entry's sentence is kind + params, rendered in the viewer's language by the web app. */
  kind: TimelineKind;
  params: TimelineParams;
  detail?: unknown;
  actorId?: number | null;
}

export async function addTimelineEvent(trx: Transaction<DB>, e: TimelineInput): Promise<void> {
  await trx
    .insertInto('household_events')
    .values({
      tenant_id: e.tenantId,
      household_id: e.householdId,
      occurred_at: e.occurredAt,
      module: e.module,
      kind: e.kind,
      params: JSON.stringify(e.params),
      // The Chinese sentence is kept alongside for exports, search and clients before kinds.
      title: timelineZh[e.kind](e.params),
      detail: JSON.stringify(e.detail ?? {}),
      actor_id: e.actorId ?? null,
    })
    .execute();
}

/** Marks a milestone reached (idempotent) and moves the household's stage forward if it is further. */
export async function recordMilestone(
  trx: Transaction<DB>,
  tenantId: number,
  householdIds: number | readonly number[],
  milestone: Exclude<Stage, 'not_visited'>,
  source: string,
  at: Date,
): Promise<void> {
  const ids = typeof householdIds === 'number' ? [householdIds] : [...householdIds];
  if (ids.length === 0) return;
  await trx
    .insertInto('household_milestones')
    .values(
      ids.map((household_id) => ({ tenant_id: tenantId, household_id, milestone, reached_at: at, source })),
    )
    .onConflict((oc) => oc.columns(['tenant_id', 'household_id', 'milestone']).doNothing())
    .execute();
  const rank = stageRank(milestone);
  await trx
    .updateTable('households')
    .set({ stage: milestone, stage_rank: rank })
    .where('tenant_id', '=', tenantId)
    .where('id', 'in', ids)
    .where('stage_rank', '<', rank)
    .execute();
}

/** Withdraws a milestone (e.g. a signature revoked) and recomputes the stage from what remains. */
export async function clearMilestone(
  trx: Transaction<DB>,
  tenantId: number,
  householdId: number,
  milestone: Exclude<Stage, 'not_visited'>,
): Promise<void> {
  await trx
    .deleteFrom('household_milestones')
    .where('tenant_id', '=', tenantId)
    .where('household_id', '=', householdId)
    .where('milestone', '=', milestone)
    .execute();
  const remaining = await trx
    .selectFrom('household_milestones')
    .select('milestone')
    .where('tenant_id', '=', tenantId)
    .where('household_id', '=', householdId)
    .execute();
  const best =
    remaining.map((r) => r.milestone as Stage).sort((a, b) => stageRank(b) - stageRank(a))[0] ??
    'not_visited';
  await trx
    .updateTable('households')
    .set({ stage: best, stage_rank: stageRank(best) })
    .where('tenant_id', '=', tenantId)
    .where('id', '=', householdId)
    .execute();
}
