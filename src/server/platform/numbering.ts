import { sql, type Transaction } from 'kysely';
import type { DB } from '../db/schema.ts';

/**
 * Serialises the taking of the next number of one sequence (a street's mediation case numbers, a
 * household's plan versions…) until the transaction ends. Read "max + 1" after this call: whoever
 * comes second waits here for the first to commit and then sees its number, so concurrent creates
 * get distinct numbers instead of a unique violation. An advisory lock rather than a row lock: it
 * blocks nothing else that touches the street or the household, and works the same on PGlite.
 */
export async function lockNumbering(
  trx: Transaction<DB>,
  sequence: string,
  tenantId: number,
  scope: number | string = '',
): Promise<void> {
  const key = `${sequence}:${tenantId}:${scope}`;
  await sql`select pg_advisory_xact_lock(hashtextextended(${key}, 0))`.execute(trx);
}
