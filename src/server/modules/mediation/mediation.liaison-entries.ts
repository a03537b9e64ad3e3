import type { z } from 'zod';
import type { LiaisonEntry } from '../../../contract/mediation.ts';
import type { Executor } from '../../db/database.ts';

/** Judicial confirmation is the parties' own application: they see those entries, not the rest. */
const PARTY_KINDS = ['confirmation_applied', 'confirmation_result'] as const;

/** The liaisons' entries on a case, oldest first, with who recorded each. */
export async function caseLiaisonEntries(
  db: Executor,
  tenantId: number,
  caseId: number,
  partyView: boolean,
): Promise<Array<z.infer<typeof LiaisonEntry>>> {
  let q = db
    .selectFrom('mediation_liaison_entries as e')
    .innerJoin('users as u', 'u.id', 'e.user_id')
    .select(['e.id', 'e.org', 'e.kind', 'e.at', 'e.note', 'e.result', 'u.display_name'])
    .where('e.tenant_id', '=', tenantId)
    .where('e.case_id', '=', caseId);
  if (partyView) q = q.where('e.kind', 'in', PARTY_KINDS);
  const rows = await q.orderBy('e.at').orderBy('e.id').execute();
  return rows.map((r) => ({
    id: r.id,
    org: r.org,
    kind: r.kind,
    at: r.at,
    note: r.note,
    result: r.result,
    by: r.display_name,
  }));
}
