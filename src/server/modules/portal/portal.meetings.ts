import type { PortalItem } from '../../../contract/portal.ts';
import { requirePermission, requireTenant } from '../../access/access.ts';
import type { RequestContext } from '../../platform/context.ts';
import type { Deps } from '../../platform/deps.ts';

/**
 * Council-hall meetings the resident (or the resident's household) is invited to and that have not
 * been held yet. The council module lists meetings only for staff (`council.read`); this is the
 * resident's narrow view of the invitation list, read-only. Attendance itself is the council
 * module's QR sign-in at the meeting.
 */
export async function invitedMeetings(deps: Deps, ctx: RequestContext): Promise<PortalItem[]> {
  const tenantId = requireTenant(ctx.actor);
  requirePermission(ctx.actor, 'council.participate');
  const householdId = ctx.actor.householdId;
  const rows = await deps.db
    .selectFrom('council_meetings as m')
    .select(['m.id', 'm.title', 'm.held_at', 'm.place', 'm.host', 'm.status'])
    .where('m.tenant_id', '=', tenantId)
    .where('m.status', '=', 'planned')
    .where('m.held_at', '>=', deps.clock.now().toISOString())
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom('council_participants as p')
          .select('p.id')
          .whereRef('p.tenant_id', '=', 'm.tenant_id')
          .whereRef('p.meeting_id', '=', 'm.id')
          .where('p.invited', '=', true)
          .where((w) =>
            w.or([
              w('p.user_id', '=', ctx.actor.userId),
              ...(householdId === null ? [] : [w('p.household_id', '=', householdId)]),
            ]),
          ),
      ),
    )
    .orderBy('m.held_at')
    .limit(20)
    .execute();
  return rows.map((m) => ({
    kind: 'meeting',
    id: m.id,
    title: m.title,
    status: m.status,
    tone: 'info',
    detail: `${m.place} · ${m.host}`,
    at: m.held_at,
    link: null,
  }));
}
