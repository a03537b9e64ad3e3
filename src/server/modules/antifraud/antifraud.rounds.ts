/** Visit rounds (走访轮次) over the watch list and their face-to-face rates. */
import { sql } from 'kysely';
import type { z } from 'zod';
import type { Round, RoundBody, RoundDetail, Tier } from '../../../contract/antifraud.ts';
import { hasPermission } from '../../access/access.ts';
import { writeAudit } from '../../platform/audit.ts';
import type { Executor } from '../../db/database.ts';
import type { RequestContext } from '../../platform/context.ts';
import type { Deps } from '../../platform/deps.ts';
import { invalidField, notFound } from '../../platform/errors.ts';
import { addressOf, requireManage, requireWatchList } from './antifraud.common.ts';

/**
 * Each round with its face-to-face rate: the round's target entries that had at least one 面访
 * dated inside the round's period, over all its target entries. Phone and WeChat visits count as
 * "reached", not as face to face.
 */
export async function roundRows(db: Executor, tenantId: number, roundId?: number, workerId?: number) {
  const res = await sql<{
    id: number;
    name: string;
    starts_on: string;
    ends_on: string;
    created_at: string;
    targets: number;
    in_person: number;
    reached: number;
  }>`
    select r.id, r.name, r.starts_on::text as starts_on, r.ends_on::text as ends_on, r.created_at,
      count(re.entry_id) as targets,
      count(re.entry_id) filter (where exists (
        select 1 from antifraud_visits v
        where v.tenant_id = re.tenant_id and v.entry_id = re.entry_id and v.channel = 'in_person'
          and v.visited_on between r.starts_on and r.ends_on)) as in_person,
      count(re.entry_id) filter (where exists (
        select 1 from antifraud_visits v
        where v.tenant_id = re.tenant_id and v.entry_id = re.entry_id
          and v.visited_on between r.starts_on and r.ends_on)) as reached
    from antifraud_rounds r
    left join antifraud_round_entries re on re.tenant_id = r.tenant_id and re.round_id = r.id
      ${
        workerId === undefined
          ? sql``
          : sql`and exists (select 1 from antifraud_entries e
              where e.tenant_id = re.tenant_id and e.id = re.entry_id and e.worker_id = ${workerId})`
      }
    where r.tenant_id = ${tenantId} ${roundId === undefined ? sql`` : sql`and r.id = ${roundId}`}
    group by r.id, r.name, r.starts_on, r.ends_on, r.created_at
    ${workerId === undefined ? sql`` : sql`having count(re.entry_id) > 0`}
    order by r.starts_on, r.id`.execute(db);
  return res.rows.map((r): z.infer<typeof Round> => {
    const targets = Number(r.targets);
    const inPerson = Number(r.in_person);
    return {
      id: Number(r.id),
      name: r.name,
      startsOn: r.starts_on,
      endsOn: r.ends_on,
      targets,
      inPerson,
      reached: Number(r.reached),
      inPersonRate: targets === 0 ? null : inPerson / targets,
      createdAt: new Date(r.created_at).toISOString(),
    };
  });
}

/**
 * Whose targets a round shows: the lead sees the whole round; a worker (antifraud.visit only) sees
 * the rounds it has people in, counted over its own people — enough to know who still needs a
 * face-to-face visit, without learning who else is on the list.
 */
function roundScope(ctx: RequestContext): number | undefined {
  return hasPermission(ctx.actor, 'antifraud.manage') ? undefined : ctx.actor.userId;
}

/** Visit rounds with their face-to-face rates. */
export async function listRounds(deps: Deps, ctx: RequestContext) {
  const tenantId = requireWatchList(ctx);
  const items = await roundRows(deps.db, tenantId, undefined, roundScope(ctx));
  return { items, total: items.length };
}

/** One round and, per target entry, whether it was seen face to face / reached in the period. */
export async function getRound(
  deps: Deps,
  ctx: RequestContext,
  id: number,
): Promise<z.infer<typeof RoundDetail>> {
  const tenantId = requireWatchList(ctx);
  const workerId = roundScope(ctx);
  const [round] = await roundRows(deps.db, tenantId, id, workerId);
  if (!round) throw notFound();
  const targets = await deps.db
    .selectFrom('antifraud_round_entries as re')
    .innerJoin('antifraud_rounds as r', (j) =>
      j.onRef('r.tenant_id', '=', 're.tenant_id').onRef('r.id', '=', 're.round_id'),
    )
    .innerJoin('antifraud_entries as e', (j) =>
      j.onRef('e.tenant_id', '=', 're.tenant_id').onRef('e.id', '=', 're.entry_id'),
    )
    .innerJoin('households as h', (j) =>
      j.onRef('h.tenant_id', '=', 'e.tenant_id').onRef('h.id', '=', 'e.household_id'),
    )
    .innerJoin('buildings as b', (j) =>
      j.onRef('b.tenant_id', '=', 'h.tenant_id').onRef('b.id', '=', 'h.building_id'),
    )
    .leftJoin('users as w', 'w.id', 'e.worker_id')
    .select([
      'e.id',
      'e.tier',
      'e.member_name',
      'h.head_name',
      'h.room',
      'b.number as building_number',
      'w.display_name as worker_name',
      sql<boolean>`exists (select 1 from antifraud_visits v
        where v.tenant_id = e.tenant_id and v.entry_id = e.id and v.channel = 'in_person'
          and v.visited_on between r.starts_on and r.ends_on)`.as('in_person'),
      sql<boolean>`exists (select 1 from antifraud_visits v
        where v.tenant_id = e.tenant_id and v.entry_id = e.id
          and v.visited_on between r.starts_on and r.ends_on)`.as('reached'),
    ])
    .where('re.tenant_id', '=', tenantId)
    .where('re.round_id', '=', id)
    .$if(workerId !== undefined, (q) => q.where('e.worker_id', '=', workerId!))
    .orderBy('e.id')
    .execute();
  await deps.db.transaction().execute((trx) =>
    writeAudit(trx, deps.clock, ctx, {
      tenantId,
      action: 'antifraud.round.view',
      entityType: 'antifraud_round',
      entityId: id,
    }),
  );
  return {
    ...round,
    entries: targets.map((t) => ({
      entryId: t.id,
      address: addressOf(t.building_number, t.room),
      personName: t.member_name ?? t.head_name,
      tier: t.tier as Tier,
      workerName: t.worker_name,
      inPerson: Boolean(t.in_person),
      reached: Boolean(t.reached),
    })),
  };
}

/** Opens a round of visits over the given entries (default: everyone on the list today). */
export async function createRound(deps: Deps, ctx: RequestContext, body: z.infer<typeof RoundBody>) {
  const tenantId = requireManage(ctx);
  let entryIds: number[];
  if (body.entryIds) {
    entryIds = [...new Set(body.entryIds)];
    const found = await deps.db
      .selectFrom('antifraud_entries')
      .select('id')
      .where('tenant_id', '=', tenantId)
      .where('id', 'in', entryIds.length ? entryIds : [0])
      .execute();
    if (found.length !== entryIds.length)
      throw invalidField(
        'body.entryIds',
        '所选对象不在关注名单中',
        'A chosen entry is not on the watch list',
      );
  } else {
    entryIds = (
      await deps.db.selectFrom('antifraud_entries').select('id').where('tenant_id', '=', tenantId).execute()
    ).map((r) => r.id);
  }
  const id = await deps.db.transaction().execute(async (trx) => {
    const row = await trx
      .insertInto('antifraud_rounds')
      .values({
        tenant_id: tenantId,
        name: body.name,
        starts_on: body.startsOn,
        ends_on: body.endsOn,
        created_by: ctx.actor.userId,
        created_at: deps.clock.now(),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    if (entryIds.length)
      await trx
        .insertInto('antifraud_round_entries')
        .values(entryIds.map((entry_id) => ({ tenant_id: tenantId, round_id: row.id, entry_id })))
        .execute();
    await writeAudit(trx, deps.clock, ctx, {
      tenantId,
      action: 'antifraud.round.create',
      entityType: 'antifraud_round',
      entityId: row.id,
      payload: { name: body.name, startsOn: body.startsOn, endsOn: body.endsOn, entries: entryIds.length },
    });
    return row.id;
  });
  const [round] = await roundRows(deps.db, tenantId, id);
  return round!;
}
