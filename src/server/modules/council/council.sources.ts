import type { z } from 'zod';
import type { LinkableSources, TopicDraft } from '../../../contract/council.ts';
import { requirePermission, requireTenant } from '../../access/access.ts';
import type { Executor } from '../../db/database.ts';
import type { RequestContext } from '../../platform/context.ts';
import type { Deps } from '../../platform/deps.ts';
import { invalidField, notFound } from '../../platform/errors.ts';

/**
 * Where a council topic comes from: the visit or concern on a household's file, or a people's
 * suggestion, of the same street. A topic links the record by id; the topic list shows it as a link.
 */
type Source = (typeof LinkableSources)[number];

export interface SourceRecord {
  id: number;
  label: string;
  householdId: number | null;
  /** For a draft: a title, what the record says, who raised it, its building. */
  title: string;
  text: string;
  raisedBy: string | null;
  buildingId: number | null;
}

const isLinkable = (source: string): source is Source =>
  source === 'visit' || source === 'concern' || source === 'suggestion';

const short = (text: string, n: number) => (text.length > n ? `${text.slice(0, n)}…` : text);

/** The records `ids` of one kind in this street (missing ones are left out). */
async function recordsOf(
  db: Executor,
  tenantId: number,
  source: Source,
  ids: readonly number[],
): Promise<SourceRecord[]> {
  if (ids.length === 0) return [];
  const list = [...new Set(ids)];
  if (source === 'suggestion') {
    const rows = await db
      .selectFrom('suggestions as s')
      .leftJoin('households as h', (j) =>
        j.onRef('h.tenant_id', '=', 's.tenant_id').onRef('h.id', '=', 's.household_id'),
      )
      .select([
        's.id',
        's.subject',
        's.reason',
        's.proposal',
        's.proposer_name',
        's.household_id',
        'h.building_id',
      ])
      .where('s.tenant_id', '=', tenantId)
      .where('s.id', 'in', list)
      .execute();
    return rows.map((r) => ({
      id: r.id,
      label: `建议 #${r.id}：${short(r.subject, 40)}`,
      title: r.subject,
      householdId: r.household_id,
      text: `事由：${r.reason}\n建议：${r.proposal}`,
      raisedBy: r.proposer_name,
      buildingId: r.building_id,
    }));
  }
  const rows =
    source === 'visit'
      ? await db
          .selectFrom('visits as r')
          .innerJoin('households as h', (j) =>
            j.onRef('h.tenant_id', '=', 'r.tenant_id').onRef('h.id', '=', 'r.household_id'),
          )
          .select(['r.id', 'r.household_id', 'h.head_name', 'h.building_id', 'r.summary as text'])
          .where('r.tenant_id', '=', tenantId)
          .where('r.id', 'in', list)
          .execute()
      : await db
          .selectFrom('concerns as r')
          .innerJoin('households as h', (j) =>
            j.onRef('h.tenant_id', '=', 'r.tenant_id').onRef('h.id', '=', 'r.household_id'),
          )
          .select(['r.id', 'r.household_id', 'h.head_name', 'h.building_id', 'r.content as text'])
          .where('r.tenant_id', '=', tenantId)
          .where('r.id', 'in', list)
          .execute();
  return rows.map((r) => ({
    id: r.id,
    label: `${source === 'visit' ? '走访' : '诉求'} #${r.id}：${short(r.text, 40)}`,
    title: r.text,
    householdId: r.household_id,
    text: r.text,
    raisedBy: r.head_name,
    buildingId: r.building_id,
  }));
}

/** Refuses a source reference that is not a record of that kind in this street. */
export async function checkSourceRef(
  db: Executor,
  tenantId: number,
  source: string,
  sourceRef: number | undefined,
): Promise<void> {
  if (sourceRef === undefined) return;
  if (!isLinkable(source))
    throw invalidField(
      'body.sourceRef',
      '只有走访、诉求或建议来源可以关联记录',
      'Only a visit, concern or suggestion can be linked',
    );
  const [found] = await recordsOf(db, tenantId, source, [sourceRef]);
  if (!found)
    throw invalidField(
      'body.sourceRef',
      '关联的走访、诉求或建议不存在或不属于本街道',
      'The linked visit, concern or suggestion does not exist in this street',
    );
}

/** `"source:id" → record` for the linked records of these topics. */
export async function sourceRecords(
  db: Executor,
  tenantId: number,
  topics: ReadonlyArray<{ source: string; source_ref: number | null }>,
): Promise<Map<string, { id: number; label: string; householdId: number | null }>> {
  const out = new Map<string, { id: number; label: string; householdId: number | null }>();
  for (const source of ['visit', 'concern', 'suggestion'] as const) {
    const ids = topics.flatMap((t) => (t.source === source && t.source_ref !== null ? [t.source_ref] : []));
    for (const r of await recordsOf(db, tenantId, source, ids))
      out.set(`${source}:${r.id}`, { id: r.id, label: r.label, householdId: r.householdId });
  }
  return out;
}

/** "提交议事": a topic prefilled from a visit, concern or suggestion of this street. */
export async function topicDraft(
  deps: Deps,
  ctx: RequestContext,
  source: Source,
  ref: number,
): Promise<z.infer<typeof TopicDraft>> {
  const tenantId = requireTenant(ctx.actor);
  requirePermission(ctx.actor, 'council.manage');
  const [r] = await recordsOf(deps.db, tenantId, source, [ref]);
  if (!r) throw notFound();
  return {
    title: short(r.title.split('\n')[0]!, 60).padEnd(2, '。'),
    description: short(r.text, 4000),
    source,
    sourceRef: r.id,
    raisedByName: r.raisedBy ?? '',
    householdIds: r.householdId === null ? [] : [r.householdId],
    buildingIds: r.buildingId === null ? [] : [r.buildingId],
  };
}
