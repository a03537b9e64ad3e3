/** What the work-order files share: labels, the SLA in force, the order's event trail and household timeline. */
import type { Transaction } from 'kysely';
import type { ClosureCodes, OrderCategories, OrderSources } from '../../../contract/safety.ts';
import type { DB } from '../../db/schema.ts';
import type { Executor } from '../../db/database.ts';
import { type Recipient } from '../../platform/notifications.ts';
import { addTimelineEvent } from '../households/index.ts';
import {
  DEFAULT_SLA,
  type OrderAction,
  type OrderStatus,
  type Priority,
  type SlaMinutes,
} from './safety.rules.ts';

export const LIVE_TOPIC = 'safety.work_orders';

export type Source = (typeof OrderSources)[number];
export type Category = (typeof OrderCategories)[number];
export type ClosureCode = (typeof ClosureCodes)[number];

export const STATUS_ZH: Record<OrderStatus, string> = {
  pending: '待派单',
  dispatched: '已派单',
  in_progress: '处置中',
  to_verify: '待核查',
  closed: '已结案',
  cancelled: '已撤销',
};
export const STATUS_EN: Record<OrderStatus, string> = {
  pending: 'awaiting dispatch',
  dispatched: 'dispatched',
  in_progress: 'in progress',
  to_verify: 'awaiting verification',
  closed: 'closed',
  cancelled: 'cancelled',
};
export const ACTION_ZH: Record<OrderAction, string> = {
  dispatch: '派单',
  accept: '接单',
  feedback: '提交反馈',
  close: '核查结案',
  reject: '退回重办',
  cancel: '撤销',
};
export const PRIORITY_ZH: Record<Priority, string> = {
  urgent: '紧急',
  high: '高',
  normal: '一般',
  low: '低',
};

export async function slaOf(db: Executor, tenantId: number): Promise<Record<Priority, SlaMinutes>> {
  const rows = await db.selectFrom('safety_sla').selectAll().where('tenant_id', '=', tenantId).execute();
  const out = { ...DEFAULT_SLA };
  for (const r of rows)
    out[r.priority as Priority] = { acceptMinutes: r.accept_minutes, resolveMinutes: r.resolve_minutes };
  return out;
}

export async function recordEvent(
  trx: Transaction<DB>,
  e: {
    tenantId: number;
    orderId: number;
    action: string;
    from: string | null;
    to: string | null;
    actorId: number | null;
    note?: string | null;
    detail?: unknown;
    at: Date;
  },
): Promise<void> {
  await trx
    .insertInto('safety_work_order_events')
    .values({
      tenant_id: e.tenantId,
      work_order_id: e.orderId,
      action: e.action,
      from_status: e.from,
      to_status: e.to,
      actor_id: e.actorId,
      note: e.note ?? null,
      detail: JSON.stringify(e.detail ?? {}),
      at: e.at,
    })
    .execute();
}

export async function onHouseholdTimeline(
  trx: Transaction<DB>,
  order: { tenantId: number; id: number; householdId: number | null; title: string },
  status: OrderStatus | 'registered',
  at: Date,
  actorId: number | null,
): Promise<void> {
  if (order.householdId === null) return;
  await addTimelineEvent(trx, {
    tenantId: order.tenantId,
    householdId: order.householdId,
    occurredAt: at,
    module: 'safety',
    kind: 'safety_work_order',
    params: { orderId: order.id, status, orderTitle: order.title },
    detail: { workOrderId: order.id },
    actorId,
  });
}

export const recipients = (users: Array<{ id: number }>): Recipient[] => users.map((u) => ({ userId: u.id }));
