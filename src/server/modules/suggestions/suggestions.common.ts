/**
 * What the suggestion files share: the street's handling deadlines, the search vector and match, the read
 * and manage permissions.
 */
import { sql, type SqlBool } from 'kysely';
import type { SuggestionSettings } from '../../../contract/suggestions.ts';
import { requirePermission, requireTenant } from '../../access/access.ts';
import type { Executor } from '../../db/database.ts';
import { toSearchText } from '../../platform/chinese-text.ts';
import type { RequestContext } from '../../platform/context.ts';
import { DEFAULT_SETTINGS } from './suggestions.rules.ts';

/** The street's handling deadlines, or the defaults when it has not set its own. */
export async function settingsOf(db: Executor, tenantId: number): Promise<SuggestionSettings> {
  const row = await db
    .selectFrom('suggestion_settings')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .executeTakeFirst();
  return row
    ? {
        acceptDays: row.accept_days,
        assignDays: row.assign_days,
        handleDays: row.handle_days,
        answerDays: row.answer_days,
      }
    : { ...DEFAULT_SETTINGS };
}

export function searchVector(s: { subject: string; reason: string; proposal: string }) {
  return sql<string>`setweight(to_tsvector('simple', ${toSearchText(s.subject)}), 'A') || setweight(to_tsvector('simple', ${toSearchText(`${s.reason}\n${s.proposal}`)}), 'B')`;
}

export const matches = (tsquery: string) =>
  sql<SqlBool>`suggestions.search_vector @@ to_tsquery('simple', ${tsquery})`;

export function readPermission(ctx: RequestContext) {
  return ctx.actor.permissions.has('suggestion.read') ? 'suggestion.read' : 'suggestion.submit';
}

/** Managers only (suggestion.manage); answers the tenant they manage. */
export function manageTenant(ctx: RequestContext): number {
  requirePermission(ctx.actor, 'suggestion.manage');
  return requireTenant(ctx.actor);
}
