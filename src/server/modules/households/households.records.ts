/** Household files written: creation and edits, with the sensitive fields encrypted and the search tokens rebuilt. */
import type { Transaction } from 'kysely';
import type { z } from 'zod';
import type { CreateHouseholdBody, UpdateHouseholdBody } from '../../../contract/households.ts';
import type { DB } from '../../db/schema.ts';
import { requireAccess, requirePermission, requireTenant } from '../../access/access.ts';
import { writeAudit } from '../../platform/audit.ts';
import type { RequestContext } from '../../platform/context.ts';
import type { Deps } from '../../platform/deps.ts';
import { conflict, invalidField } from '../../platform/errors.ts';
import { maskIdNumber, maskPhone } from '../../platform/mask.ts';
import { canonicalRoom, checkIdNumber, checkPhone, floorOf, searchTokens } from './households.rules.ts';
import type { Member } from './households.common.ts';
import { getHouseholdFile } from './households.file.ts';

function encryptIdNumber(deps: Deps, raw: string | null | undefined, path: string) {
  if (raw === undefined) return {};
  if (raw === null || raw === '') return { id_number_enc: null, id_number_index: null };
  const checked = checkIdNumber(raw);
  if (!checked.ok)
    throw invalidField(path, '身份证号码校验不通过（GB 11643）', 'ID number fails the GB 11643 check');
  return {
    id_number_enc: deps.cipher.encrypt(checked.value),
    id_number_index: deps.cipher.blindIndex(checked.value),
  };
}

function encryptPhone(deps: Deps, raw: string | null | undefined, path: string) {
  if (raw === undefined) return {};
  if (raw === null || raw === '') return { phone_enc: null };
  const checked = checkPhone(raw);
  if (!checked.ok) throw invalidField(path, '电话号码格式不正确', 'Malformed phone number');
  return { phone_enc: deps.cipher.encrypt(checked.value) };
}

/** Rebuilds the search tokens of some households from their current data (after any edit). */
export async function refreshSearchTokens(
  deps: Deps,
  trx: Transaction<DB>,
  tenantId: number,
  ids: number[],
): Promise<void> {
  const rows = await trx
    .selectFrom('households')
    .innerJoin('buildings', (j) =>
      j
        .onRef('buildings.tenant_id', '=', 'households.tenant_id')
        .onRef('buildings.id', '=', 'households.building_id'),
    )
    .select([
      'households.id',
      'buildings.number',
      'room',
      'head_name',
      'members',
      'phone_enc',
      'id_number_enc',
    ])
    .where('households.tenant_id', '=', tenantId)
    .where('households.id', 'in', ids)
    .execute();
  for (const r of rows) {
    const tokens = searchTokens({
      building: r.number,
      room: r.room,
      headName: r.head_name,
      memberNames: ((r.members ?? []) as Member[]).map((m) => m.name),
      phone: r.phone_enc ? deps.cipher.decrypt(r.phone_enc) : null,
      idNumber: r.id_number_enc ? deps.cipher.decrypt(r.id_number_enc) : null,
    });
    await trx
      .updateTable('households')
      .set({ search_tokens: tokens })
      .where('tenant_id', '=', tenantId)
      .where('id', '=', r.id)
      .execute();
  }
}

export async function createHousehold(
  deps: Deps,
  ctx: RequestContext,
  body: z.infer<typeof CreateHouseholdBody>,
): Promise<{ id: number }> {
  const tenantId = requireTenant(ctx.actor);
  requirePermission(ctx.actor, 'household.write');
  const building = await deps.db
    .selectFrom('buildings')
    .select(['id', 'estate_id'])
    .where('tenant_id', '=', tenantId)
    .where('id', '=', body.buildingId)
    .executeTakeFirst();
  if (!building) throw invalidField('body.buildingId', '楼栋不存在', 'No such building');
  const room = canonicalRoom(body.room);
  return deps.db.transaction().execute(async (trx) => {
    const exists = await trx
      .selectFrom('households')
      .select('id')
      .where('tenant_id', '=', tenantId)
      .where('building_id', '=', building.id)
      .where('room', '=', room)
      .executeTakeFirst();
    if (exists) throw conflict('该门牌已有住户档案', 'This flat already has a file', { id: exists.id });
    const row = await trx
      .insertInto('households')
      .values({
        tenant_id: tenantId,
        estate_id: building.estate_id,
        building_id: building.id,
        room,
        floor: floorOf(room),
        head_name: body.headName,
        tenure: body.tenure ?? null,
        ...encryptPhone(deps, body.phone, 'body.phone'),
        ...encryptIdNumber(deps, body.idNumber, 'body.idNumber'),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await refreshSearchTokens(deps, trx, tenantId, [row.id]);
    await writeAudit(trx, deps.clock, ctx, {
      tenantId,
      action: 'household.create',
      entityType: 'household',
      entityId: row.id,
      payload: { buildingId: building.id, room, headName: body.headName },
    });
    return { id: row.id };
  });
}

export async function updateHousehold(
  deps: Deps,
  ctx: RequestContext,
  id: number,
  body: z.infer<typeof UpdateHouseholdBody>,
) {
  const tenantId = requireTenant(ctx.actor);
  await requireAccess(deps.db, ctx.actor, 'household', 'household.write', id);
  await deps.db.transaction().execute(async (trx) => {
    const f = body.flags ?? {};
    await trx
      .updateTable('households')
      .set({
        ...(body.headName !== undefined ? { head_name: body.headName } : {}),
        ...(body.registeredCount !== undefined ? { registered_count: body.registeredCount } : {}),
        ...(body.residentCount !== undefined ? { resident_count: body.residentCount } : {}),
        ...(body.areaBuilding !== undefined ? { area_building: body.areaBuilding } : {}),
        ...(body.areaUsable !== undefined ? { area_usable: body.areaUsable } : {}),
        ...(body.tenure !== undefined ? { tenure: body.tenure } : {}),
        ...(body.notes !== undefined ? { notes: body.notes } : {}),
        ...(body.members !== undefined ? { members: JSON.stringify(body.members) } : {}),
        ...(f.elderlyAlone !== undefined ? { elderly_alone: f.elderlyAlone } : {}),
        ...(f.veryOld !== undefined ? { very_old: f.veryOld } : {}),
        ...(f.disability !== undefined ? { disability: f.disability } : {}),
        ...(f.hardship !== undefined ? { hardship: f.hardship } : {}),
        ...(f.partyMember !== undefined ? { party_member: f.partyMember } : {}),
        ...(f.needsMovingHelp !== undefined ? { needs_moving_help: f.needsMovingHelp } : {}),
        ...(f.needsStorage !== undefined ? { needs_storage: f.needsStorage } : {}),
        ...encryptPhone(deps, body.phone, 'body.phone'),
        ...encryptIdNumber(deps, body.idNumber, 'body.idNumber'),
        updated_at: deps.clock.now(),
      })
      .where('tenant_id', '=', tenantId)
      .where('id', '=', id)
      .execute();
    await refreshSearchTokens(deps, trx, tenantId, [id]);
    // Sensitive values never enter the audit payload in clear.
    const { phone, idNumber, ...rest } = body;
    await writeAudit(trx, deps.clock, ctx, {
      tenantId,
      action: 'household.update',
      entityType: 'household',
      entityId: id,
      payload: {
        ...rest,
        ...(phone !== undefined ? { phone: phone ? maskPhone(phone) : null } : {}),
        ...(idNumber !== undefined ? { idNumber: idNumber ? maskIdNumber(idNumber) : null } : {}),
      },
    });
  });
  return getHouseholdFile(deps, ctx, id);
}
