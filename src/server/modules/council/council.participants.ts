/** Who is invited to a meeting: adding and taking back invitations, and the pickers for households and staff. */
import type { z } from 'zod';
import type { ParticipantBody } from '../../../contract/council.ts';
import { requirePermission, requireTenant } from '../../access/access.ts';
import type { RequestContext } from '../../platform/context.ts';
import type { Deps } from '../../platform/deps.ts';
import { conflict, invalidField, notFound } from '../../platform/errors.ts';
import { checkIds, councilChanged, STAFF_ROLES } from './council.common.ts';
import { householdOptions } from '../households/index.ts';
import { loadMeeting, participantRows } from './council.meetings.ts';

/**
 * Invites one participant: a resident of a household (a member by name), a party member, a cadre
 * (a staff account) or an expert. The same account, or the same name of the same household, is
 * invited once.
 */
export async function addParticipant(
  deps: Deps,
  ctx: RequestContext,
  meetingId: number,
  body: z.infer<typeof ParticipantBody>,
) {
  const tenantId = requireTenant(ctx.actor);
  requirePermission(ctx.actor, 'council.manage');
  if (body.householdId)
    await checkIds(deps.db, tenantId, 'households', [body.householdId], 'body.householdId');
  if (body.userId) {
    const user = await deps.db
      .selectFrom('users')
      .select('id')
      .where('id', '=', body.userId)
      .where('tenant_id', '=', tenantId)
      .executeTakeFirst();
    if (!user) throw invalidField('body.userId', '用户不存在', 'No such user');
  }
  await deps.db.transaction().execute(async (trx) => {
    const m = await trx
      .selectFrom('council_meetings')
      .select('id')
      .where('tenant_id', '=', tenantId)
      .where('id', '=', meetingId)
      .forUpdate()
      .executeTakeFirst();
    if (!m) throw notFound();
    const twice = await trx
      .selectFrom('council_participants')
      .select('id')
      .where('tenant_id', '=', tenantId)
      .where('meeting_id', '=', meetingId)
      .where((eb) =>
        eb.or([
          ...(body.userId ? [eb('user_id', '=', body.userId)] : []),
          ...(body.householdId
            ? [eb.and([eb('household_id', '=', body.householdId), eb('name', '=', body.name)])]
            : []),
          ...(!body.userId && !body.householdId
            ? [eb.and([eb('name', '=', body.name), eb('kind', '=', body.kind)])]
            : []),
        ]),
      )
      .executeTakeFirst();
    if (twice) throw conflict('此人已在参会名单中', 'This person is already on the list');
    await trx
      .insertInto('council_participants')
      .values(participantRows(tenantId, meetingId, [body]))
      .execute();
    await councilChanged(trx, deps, ctx, {
      tenantId,
      entity: 'meeting',
      id: meetingId,
      action: 'council.participant.add',
      payload: body,
    });
  });
  return loadMeeting(deps, tenantId, meetingId);
}

/** Takes back an invitation; someone already signed in stays on the record. */
export async function removeParticipant(
  deps: Deps,
  ctx: RequestContext,
  meetingId: number,
  participantId: number,
) {
  const tenantId = requireTenant(ctx.actor);
  requirePermission(ctx.actor, 'council.manage');
  await deps.db.transaction().execute(async (trx) => {
    const p = await trx
      .selectFrom('council_participants')
      .select(['id', 'name', 'signed_in_at'])
      .where('tenant_id', '=', tenantId)
      .where('meeting_id', '=', meetingId)
      .where('id', '=', participantId)
      .forUpdate()
      .executeTakeFirst();
    if (!p) throw notFound();
    if (p.signed_in_at)
      throw conflict('已签到的参会人不能移出名单', 'A participant who has signed in stays on the list');
    await trx
      .deleteFrom('council_participants')
      .where('tenant_id', '=', tenantId)
      .where('id', '=', participantId)
      .execute();
    await councilChanged(trx, deps, ctx, {
      tenantId,
      entity: 'meeting',
      id: meetingId,
      action: 'council.participant.remove',
      payload: { participantId, name: p.name },
    });
  });
  return loadMeeting(deps, tenantId, meetingId);
}

/** Households to invite or link (address search). */
export async function findHouseholds(
  deps: Deps,
  ctx: RequestContext,
  query: { q?: string | undefined; ids?: string | undefined },
) {
  const tenantId = requireTenant(ctx.actor);
  requirePermission(ctx.actor, 'council.manage');
  return householdOptions(deps.db, tenantId, {
    q: query.q,
    ids: query.ids === undefined ? undefined : query.ids.split(',').map(Number).slice(0, 200),
  });
}

/** Street staff one may invite as cadres. */
export async function staffOptions(deps: Deps, ctx: RequestContext) {
  const tenantId = requireTenant(ctx.actor);
  requirePermission(ctx.actor, 'council.manage');
  const rows = await deps.db
    .selectFrom('users')
    .select(['id', 'display_name', 'role'])
    .where('tenant_id', '=', tenantId)
    .where('disabled', '=', false)
    .where('role', 'in', [...STAFF_ROLES])
    .orderBy('display_name')
    .limit(500)
    .execute();
  return rows.map((r) => ({ id: r.id, name: r.display_name, role: r.role }));
}
