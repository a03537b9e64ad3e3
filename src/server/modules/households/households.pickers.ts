import { sql } from 'kysely';
import type { Executor } from '../../db/database.ts';
import { queryTokens } from './households.rules.ts';

/**
 * Households to pick from (council invitations and projects, mediation parties): the address as
 * people say it (曹杨一村21号101室), the head and the members' names. No phones or ID numbers.
 */
export interface HouseholdOption {
  id: number;
  label: string;
  headName: string;
  memberNames: string[];
  partyMember: boolean;
}

export function householdLabel(estate: string, building: string, room: string): string {
  return `${estate}${building}${room}室`;
}

function memberNames(members: unknown): string[] {
  if (!Array.isArray(members)) return [];
  return members.flatMap((m) =>
    m && typeof m === 'object' && typeof (m as { name?: unknown }).name === 'string'
      ? [(m as { name: string }).name]
      : [],
  );
}

/** Up to 20 households matching `q` (names, 21号101, …), or exactly the households `ids`. */
export async function householdOptions(
  db: Executor,
  tenantId: number,
  query: { q?: string | undefined; ids?: readonly number[] | undefined },
): Promise<HouseholdOption[]> {
  let q = db
    .selectFrom('households as h')
    .innerJoin('buildings as b', (j) =>
      j.onRef('b.tenant_id', '=', 'h.tenant_id').onRef('b.id', '=', 'h.building_id'),
    )
    .innerJoin('estates as e', (j) =>
      j.onRef('e.tenant_id', '=', 'h.tenant_id').onRef('e.id', '=', 'h.estate_id'),
    )
    .select(['h.id', 'h.room', 'h.head_name', 'h.members', 'h.party_member', 'b.number', 'e.name as estate'])
    .where('h.tenant_id', '=', tenantId);
  if (query.ids !== undefined) {
    if (query.ids.length === 0) return [];
    q = q.where('h.id', 'in', [...query.ids]);
  } else {
    const tokens = query.q ? queryTokens(query.q) : [];
    if (tokens.length) q = q.where(sql<boolean>`h.search_tokens @> ${sql.val(tokens)}::text[]`);
    q = q.orderBy('h.estate_id').orderBy('h.building_id').orderBy('h.room').limit(20);
  }
  const rows = await q.orderBy('h.id').execute();
  return rows.map((r) => ({
    id: r.id,
    label: householdLabel(r.estate, r.number, r.room),
    headName: r.head_name,
    memberNames: memberNames(r.members),
    partyMember: r.party_member,
  }));
}

/** `id → label` for the households `ids` (missing ones are left out). */
export async function householdLabels(
  db: Executor,
  tenantId: number,
  ids: readonly number[],
): Promise<Map<number, string>> {
  const unique = [...new Set(ids)];
  const options = await householdOptions(db, tenantId, { ids: unique });
  return new Map(options.map((o) => [o.id, o.label]));
}
