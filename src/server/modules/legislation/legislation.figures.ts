/** The contact point's figures (基层立法联系点), counted from the records. */
import { sql } from 'kysely';
import { requirePermission, requireTenant } from '../../access/access.ts';
import type { RequestContext } from '../../platform/context.ts';
import type { Deps } from '../../platform/deps.ts';

/** The contact point's figures, counted from the records. */
export async function figures(deps: Deps, ctx: RequestContext) {
  requirePermission(ctx.actor, 'legislation.read');
  const tenantId = requireTenant(ctx.actor);
  const r = await sql<{
    events: number;
    drafts: number;
    participants: number;
    opinions: number;
    adopted_fully: number;
    partly: number;
  }>`
    select
      (select count(*) from legislation_events where tenant_id = ${tenantId}) as events,
      (select count(*) from legislation_drafts where tenant_id = ${tenantId}) as drafts,
      (select coalesce(sum(greatest(e.attendance, (
          select count(*) from legislation_event_participants p
          where p.tenant_id = e.tenant_id and p.event_id = e.id))), 0)::bigint
        from legislation_events e where e.tenant_id = ${tenantId}) as participants,
      (select count(*) from legislation_opinions where tenant_id = ${tenantId} and moderation = 'accepted') as opinions,
      (select count(*) from legislation_opinions
        where tenant_id = ${tenantId} and moderation = 'accepted' and outcome = 'adopted') as adopted_fully,
      (select count(*) from legislation_opinions
        where tenant_id = ${tenantId} and moderation = 'accepted' and outcome = 'partly_adopted') as partly
  `.execute(deps.db);
  const row = r.rows[0]!;
  return {
    events: Number(row.events),
    drafts: Number(row.drafts),
    participants: Number(row.participants),
    opinions: Number(row.opinions),
    adopted: Number(row.adopted_fully) + Number(row.partly),
    adoptedFully: Number(row.adopted_fully),
    partlyAdopted: Number(row.partly),
  };
}
