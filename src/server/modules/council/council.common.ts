/** What the council files share: the topic and participant types, id checks and the change record. */
import type { Transaction } from 'kysely';
import type { ParticipantKinds, TopicStatuses } from '../../../contract/council.ts';
import type { DB } from '../../db/schema.ts';
import { writeAudit } from '../../platform/audit.ts';
import type { Executor } from '../../db/database.ts';
import type { RequestContext } from '../../platform/context.ts';
import type { Deps } from '../../platform/deps.ts';
import { invalidField } from '../../platform/errors.ts';
import { publish } from '../../platform/events.ts';

export type TopicStatus = (typeof TopicStatuses)[number];
export type Kind = (typeof ParticipantKinds)[number];

export const STAFF_ROLES = new Set(['street_leader', 'cadre', 'committee', 'volunteer', 'mediator']);

export async function checkIds(
  db: Executor,
  tenantId: number,
  table: 'households' | 'buildings' | 'council_topics',
  ids: readonly number[],
  path: string,
): Promise<void> {
  if (ids.length === 0) return;
  const found = await db
    .selectFrom(table)
    .select('id')
    .where('tenant_id', '=', tenantId)
    .where('id', 'in', [...ids])
    .execute();
  if (found.length !== new Set(ids).size)
    throw invalidField(path, '所选记录不存在或不属于本街道', 'A chosen record does not exist in this street');
}

/**
 * A change to a topic, meeting or project, in its transaction: the audit row, then the live event
 * (`council.topic` / `council.meeting` / `council.project`) that refreshes open pages.
 */
export async function councilChanged(
  trx: Transaction<DB>,
  deps: Deps,
  ctx: RequestContext,
  change: {
    tenantId: number;
    entity: 'topic' | 'meeting' | 'project';
    id: number;
    action: string;
    payload: unknown;
  },
): Promise<void> {
  await writeAudit(trx, deps.clock, ctx, {
    tenantId: change.tenantId,
    action: change.action,
    entityType: `council_${change.entity}`,
    entityId: change.id,
    payload: change.payload,
  });
  await publish(trx, {
    tenantId: change.tenantId,
    topic: `council.${change.entity}`,
    data: { [`${change.entity}Id`]: change.id },
  });
}
