/** Similar suggestions, found while one is written, by the full-text index and TF-IDF word vectors. */
import { sql } from 'kysely';
import type { z } from 'zod';
import type { SimilarBody, SuggestionStatus } from '../../../contract/suggestions.ts';
import { requirePermission, requireTenant } from '../../access/access.ts';
import { textSimilarity, keywords, toTsQueries } from '../../platform/chinese-text.ts';
import type { RequestContext } from '../../platform/context.ts';
import type { Deps } from '../../platform/deps.ts';
import { matches } from './suggestions.common.ts';

/**
 * Suggestions like `text`: candidates from the full-text index (any of the text's key words), then
 * ordered by cosine similarity of TF-IDF word vectors. Only subjects are shown, never proposers.
 */
export async function findSimilar(
  deps: Deps,
  ctx: RequestContext,
  body: z.output<typeof SimilarBody>,
): Promise<Array<{ id: number; subject: string; status: SuggestionStatus; score: number }>> {
  requirePermission(ctx.actor, 'suggestion.submit');
  const tenantId = requireTenant(ctx.actor);
  // Candidates share at least two of the text's six key words: a plain OR of common words would
  // rank half the table (measured: 310 ms at 100k rows).
  const tsq = toTsQueries(keywords(body.text, 6).join(' '));
  if (!tsq) return [];
  const candidatesFor = (tsquery: string) => {
    let q = deps.db
      .selectFrom('suggestions')
      .select(['id', 'subject', 'reason', 'proposal', 'status'])
      .where('tenant_id', '=', tenantId)
      .where('status', 'not in', ['merged', 'redirected'])
      .where(matches(tsquery))
      .orderBy(sql`ts_rank(suggestions.search_vector, to_tsquery('simple', ${tsq.any}))`, 'desc')
      .orderBy('id', 'desc')
      .limit(40);
    if (body.excludeId) q = q.where('id', '<>', body.excludeId);
    return q.execute();
  };
  let candidates = await candidatesFor(tsq.two);
  if (candidates.length === 0 && tsq.two !== tsq.any) candidates = await candidatesFor(tsq.any);
  return candidates
    .map((c) => ({
      id: c.id,
      subject: c.subject,
      status: c.status as SuggestionStatus,
      score:
        Math.round(
          textSimilarity(body.text, `${c.subject}\n${c.subject}\n${c.reason}\n${c.proposal}`) * 1000,
        ) / 1000,
    }))
    .filter((c) => c.score >= 0.15)
    .sort((a, b) => b.score - a.score)
    .slice(0, body.limit);
}
