/** The reminder and escalation sweep over late work orders (a periodic task). */
import { writeAudit } from '../../platform/audit.ts';
import type { Deps } from '../../platform/deps.ts';
import { publish } from '../../platform/events.ts';
import type { PeriodicTask } from '../../platform/jobs.ts';
import { notify } from '../../platform/notifications.ts';
import { usersWith } from './safety.access.ts';
import { escalationTarget, type OrderStatus, type Priority, type SlaMinutes } from './safety.rules.ts';
import { LIVE_TOPIC, recipients, recordEvent, slaOf, STATUS_ZH } from './safety.order-common.ts';

const systemCtx = { actor: null, ip: null, userAgent: 'safety.escalation' };

/**
 * Reminds and escalates late work orders. For each open order whose deadline has passed, the
 * escalation level it should have reached is computed from the clock; only levels not reached yet
 * notify anyone (level 1: reminder to the assignee, or the dispatchers when nobody is assigned;
 * level 2: the duty dispatchers; level 3: the street's leaders). Running it twice changes nothing.
 */
export async function escalateLateOrders(deps: Deps): Promise<{ reminded: number; escalated: number }> {
  const now = deps.clock.now();
  const late = await deps.db
    .selectFrom('safety_work_orders')
    .select(['tenant_id', 'id'])
    .where((eb) =>
      eb.or([
        eb.and([
          eb('status', 'in', ['pending', 'dispatched']),
          eb.or([eb('accept_due_at', '<', now.toISOString()), eb('resolve_due_at', '<', now.toISOString())]),
        ]),
        eb.and([eb('status', '=', 'in_progress'), eb('resolve_due_at', '<', now.toISOString())]),
      ]),
    )
    .where('escalation_level', '<', 3)
    .orderBy('tenant_id')
    .orderBy('id')
    .limit(2000)
    .execute();
  let reminded = 0;
  let escalated = 0;
  const slaCache = new Map<number, Record<Priority, SlaMinutes>>();
  for (const { tenant_id: tenantId, id } of late) {
    await deps.db.transaction().execute(async (trx) => {
      const o = await trx
        .selectFrom('safety_work_orders')
        .selectAll()
        .where('tenant_id', '=', tenantId)
        .where('id', '=', id)
        .forUpdate()
        .executeTakeFirst();
      if (!o) return;
      if (!slaCache.has(tenantId)) slaCache.set(tenantId, await slaOf(trx, tenantId));
      const status = o.status as OrderStatus;
      const target = escalationTarget(
        { status, acceptDueAt: new Date(o.accept_due_at), resolveDueAt: new Date(o.resolve_due_at) },
        slaCache.get(tenantId)![o.priority as Priority],
        now,
      );
      if (target <= o.escalation_level) return;
      const from = o.escalation_level;
      await trx
        .updateTable('safety_work_orders')
        .set({ escalation_level: target, escalated_at: now })
        .where('tenant_id', '=', tenantId)
        .where('id', '=', id)
        .execute();
      const stage = status === 'in_progress' ? '办结' : '响应';
      const link = `/safety/work-orders/${id}`;
      if (from < 1) {
        const to = o.assignee_id
          ? [{ userId: o.assignee_id }]
          : recipients(await usersWith(trx, tenantId, 'safety.dispatch'));
        await notify(trx, deps, {
          tenantId,
          recipients: to,
          topic: 'safety.work_order.reminder',
          title: `工单已超过${stage}时限`,
          body: `#${id} ${o.title}（${STATUS_ZH[status]}），请尽快处理`,
          link,
        });
        await recordEvent(trx, {
          tenantId,
          orderId: id,
          action: 'remind',
          from: status,
          to: status,
          actorId: null,
          note: `超过${stage}时限，已提醒`,
          detail: { level: 1 },
          at: now,
        });
        reminded++;
      }
      if (target >= 2) {
        const to = recipients(await usersWith(trx, tenantId, 'safety.dispatch'));
        if (target >= 3) to.push(...recipients(await usersWith(trx, tenantId, 'safety.manage')));
        await notify(trx, deps, {
          tenantId,
          recipients: to,
          topic: 'safety.work_order.escalated',
          title: `工单超时升级（${target} 级）`,
          body: `#${id} ${o.title}（${STATUS_ZH[status]}）已超过${stage}时限，请值班领导督办`,
          link,
        });
        await recordEvent(trx, {
          tenantId,
          orderId: id,
          action: 'escalate',
          from: status,
          to: status,
          actorId: null,
          note: `超时升级至 ${target} 级`,
          detail: { level: target },
          at: now,
        });
        escalated++;
      }
      await writeAudit(trx, deps.clock, systemCtx, {
        tenantId,
        action: 'safety.work_order.escalate',
        entityType: 'safety_work_order',
        entityId: id,
        payload: { from, to: target, status },
      });
      await publish(trx, { tenantId, topic: LIVE_TOPIC, data: { id, status, escalationLevel: target } });
    });
  }
  return { reminded, escalated };
}

export const escalationTask: PeriodicTask = {
  name: 'safety.escalate',
  everyMs: 60_000,
  run: (deps) => escalateLateOrders(deps).then(() => undefined),
};
