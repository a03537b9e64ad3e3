/** What the consultation round files share: answer kinds, the threshold rule and the round lookup. */
import type { Executor } from '../../db/database.ts';
import { notFound } from '../../platform/errors.ts';

export type Kind = 'willingness' | 'plan' | 'signing';
export type Decision = 'agree' | 'disagree' | 'undecided';

/** Whether `agreed` of `eligible` reaches `percent`, in integers so exactly 95 % counts. */
export function reaches(agreed: number, eligible: number, percent: number): boolean {
  return eligible > 0 && agreed * 10000 >= Math.round(percent * 100) * eligible;
}

export async function requireRound(db: Executor, tenantId: number, roundId: number) {
  const round = await db
    .selectFrom('rounds')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('id', '=', roundId)
    .executeTakeFirst();
  if (!round) throw notFound();
  return round;
}
