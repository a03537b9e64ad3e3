/** Submitting a suggestion: checks of where it came from, the insert shared with the seed, the API call. */
import type { Transaction } from 'kysely';
import type { z } from 'zod';
import type { CreateSuggestionBody } from '../../../contract/suggestions.ts';
import type { DB } from '../../db/schema.ts';
import { requirePermission, requireTenant } from '../../access/access.ts';
import { writeAudit } from '../../platform/audit.ts';
import type { Executor } from '../../db/database.ts';
import type { RequestContext } from '../../platform/context.ts';
import type { Deps } from '../../platform/deps.ts';
import { conflict, invalidField } from '../../platform/errors.ts';
import { publish } from '../../platform/events.ts';
import { maskName, maskPhone } from '../../platform/mask.ts';
import { dueFor, redirectHint } from './suggestions.rules.ts';
import { settingsOf, searchVector } from './suggestions.common.ts';
import { findSimilar } from './suggestions.similar.ts';

type CreateInput = z.output<typeof CreateSuggestionBody>;

async function requireInTenant(
  db: Executor,
  table: 'suggestion_points' | 'suggestion_mailboxes' | 'suggestion_visits',
  tenantId: number,
  id: number | undefined,
  path: string,
): Promise<void> {
  if (id === undefined) return;
  const row = await db
    .selectFrom(table)
    .select('id')
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .executeTakeFirst();
  if (!row) throw invalidField(path, '不存在该记录', 'No such record');
}

/** Inserts a suggestion, its first event and audit row; shared by the API and the demo seed. */
export async function insertSuggestion(
  trx: Transaction<DB>,
  deps: Deps,
  ctx: RequestContext,
  tenantId: number,
  input: CreateInput,
): Promise<{ id: number; dueAt: string | null }> {
  const now = deps.clock.now();
  const settings = await settingsOf(trx, tenantId);
  const due = dueFor('registered', settings, now);
  // Staff registering a letter, call or visit enter it for someone else; a resident proposes as themself.
  const onBehalf = ctx.actor.permissions.has('suggestion.read') && input.channel !== 'online';
  const row = await trx
    .insertInto('suggestions')
    .values({
      tenant_id: tenantId,
      subject: input.subject,
      reason: input.reason,
      proposal: input.proposal,
      proposer_name: input.proposerName,
      proposer_phone_enc: input.proposerPhone ? deps.cipher.encrypt(input.proposerPhone) : null,
      proposer_user_id: onBehalf ? null : ctx.actor.userId,
      household_id: input.householdId ?? (onBehalf ? null : ctx.actor.householdId),
      thank_consent: input.thankConsent,
      channel: input.channel,
      topic_id: input.topicId ?? null,
      point_id: input.pointId ?? null,
      mailbox_id: input.mailboxId ?? null,
      visit_id: input.visitId ?? null,
      due_at: due,
      search_vector: searchVector(input),
      created_by: ctx.actor.userId,
      created_at: now,
      updated_at: now,
    })
    .returning(['id', 'due_at'])
    .executeTakeFirstOrThrow();
  await trx
    .insertInto('suggestion_events')
    .values({
      tenant_id: tenantId,
      suggestion_id: row.id,
      from_status: null,
      to_status: 'registered',
      actor_user_id: ctx.actor.userId,
      created_at: now,
    })
    .execute();
  await writeAudit(trx, deps.clock, ctx, {
    tenantId,
    action: 'suggestion.create',
    entityType: 'suggestion',
    entityId: row.id,
    payload: {
      subject: input.subject,
      channel: input.channel,
      topicId: input.topicId ?? null,
      proposerName: maskName(input.proposerName),
      proposerPhone: input.proposerPhone ? maskPhone(input.proposerPhone) : null,
    },
  });
  return { id: row.id, dueAt: row.due_at };
}

/**
 * Registers a suggestion (第十条: subject, reason, proposal, proposer). A topic must still be open;
 * residents always propose online as themselves. Answers with similar suggestions and, when the text
 * reads like a personal claim or a court matter, a hint of where it belongs.
 */
export async function createSuggestion(deps: Deps, ctx: RequestContext, body: CreateInput) {
  requirePermission(ctx.actor, 'suggestion.submit');
  const tenantId = requireTenant(ctx.actor);
  const staff = ctx.actor.permissions.has('suggestion.read');
  const input: CreateInput = staff
    ? body
    : {
        ...body,
        channel: 'online',
        pointId: undefined,
        mailboxId: undefined,
        visitId: undefined,
        householdId: undefined,
      };
  if (input.topicId !== undefined) {
    const topic = await deps.db
      .selectFrom('suggestion_topics')
      .select(['status', 'deadline'])
      .where('tenant_id', '=', tenantId)
      .where('id', '=', input.topicId)
      .executeTakeFirst();
    if (!topic || topic.status === 'draft')
      throw invalidField('body.topicId', '没有这个征集议题', 'No such topic call');
    if (topic.status === 'closed' || new Date(topic.deadline).getTime() < deps.clock.now().getTime())
      throw conflict('该专项征集已截止', 'This topic call has closed', [
        { path: 'body.topicId', message: '该专项征集已截止' },
      ]);
  }
  await requireInTenant(deps.db, 'suggestion_points', tenantId, input.pointId, 'body.pointId');
  await requireInTenant(deps.db, 'suggestion_mailboxes', tenantId, input.mailboxId, 'body.mailboxId');
  await requireInTenant(deps.db, 'suggestion_visits', tenantId, input.visitId, 'body.visitId');
  const created = await deps.db.transaction().execute(async (trx) => {
    const result = await insertSuggestion(trx, deps, ctx, tenantId, input);
    await publish(trx, { tenantId, topic: 'suggestions', data: { id: result.id } });
    return result;
  });
  const text = `${input.subject}\n${input.reason}\n${input.proposal}`;
  const similar = await findSimilar(deps, ctx, { text, excludeId: created.id, limit: 5 });
  return {
    id: created.id,
    status: 'registered' as const,
    dueAt: created.dueAt,
    similar,
    redirectHint: redirectHint(text),
  };
}
