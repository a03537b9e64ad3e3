/** Reminders on settled cases (confirmation window, performance, return visit) and their periodic sweep. */
import { requirePermission, requireTenant } from '../../access/access.ts';
import { DAY, HOUR } from '../../platform/clock.ts';
import type { RequestContext } from '../../platform/context.ts';
import type { Deps } from '../../platform/deps.ts';
import type { PeriodicTask } from '../../platform/jobs.ts';
import { notify, type Recipient } from '../../platform/notifications.ts';
import { streetDate } from '../../platform/streetTime.ts';
import { confirmationDueOn, daysBetween, type Terms } from './mediation.common.ts';

type ReminderKind = 'judicial_confirmation' | 'performance_due' | 'return_visit';
interface ReminderItem {
  caseId: number;
  caseNo: string;
  kind: ReminderKind;
  message: string;
  dueOn: string;
  overdue: boolean;
}
interface SettledCase {
  id: number;
  case_no: string;
  status: string;
  agreement: unknown;
  agreement_effective_at: string | null;
  confirmation_applied_at: string | null;
  closed_at: string | null;
}

/** Days after closing a settled case by which a return visit (回访) is due. */
const RETURN_VISIT_DAYS = 15;
/** The confirmation reminder starts this many days before the 30-day window closes. */
const CONFIRMATION_WARN_DAYS = 7;

/**
 * What is due on settled cases today: the confirmation window closing within 7 days (or passed),
 * performance deadlines reached without a performed follow-up, no return visit 15 days after closing.
 */
export function dueReminders(
  rows: readonly SettledCase[],
  followups: ReadonlyArray<{ case_id: number; kind: string; performed: boolean | null }>,
  today: string,
): ReminderItem[] {
  const items: ReminderItem[] = [];
  for (const r of rows) {
    if (!r.closed_at) continue;
    const f = followups.filter((x) => x.case_id === r.id);
    if (r.status === 'agreed' && r.agreement_effective_at && !r.confirmation_applied_at) {
      const dueOn = confirmationDueOn(r.agreement_effective_at);
      const left = daysBetween(today, dueOn);
      if (left <= CONFIRMATION_WARN_DAYS)
        items.push({
          caseId: r.id,
          caseNo: r.case_no,
          kind: 'judicial_confirmation',
          message:
            left < 0
              ? `司法确认申请期限已过（${dueOn}）`
              : `距司法确认申请期限还有 ${left} 天（${dueOn} 前由双方共同申请）`,
          dueOn,
          overdue: left < 0,
        });
    }
    const terms = r.agreement as Terms | null;
    if (
      terms &&
      daysBetween(today, terms.performBy) <= 0 &&
      !f.some((x) => x.kind === 'performance' && x.performed)
    )
      items.push({
        caseId: r.id,
        caseNo: r.case_no,
        kind: 'performance_due',
        message: `协议履行期限 ${terms.performBy} 已到，请跟进履行情况`,
        dueOn: terms.performBy,
        overdue: daysBetween(today, terms.performBy) < 0,
      });
    const visitDue = streetDate(new Date(new Date(r.closed_at).getTime() + RETURN_VISIT_DAYS * DAY));
    if (!f.some((x) => x.kind === 'return_visit') && daysBetween(today, visitDue) <= 0)
      items.push({
        caseId: r.id,
        caseNo: r.case_no,
        kind: 'return_visit',
        message: `调解结案已满 ${RETURN_VISIT_DAYS} 天，请进行回访`,
        dueOn: visitDue,
        overdue: daysBetween(today, visitDue) < 0,
      });
  }
  items.sort((a, b) => a.dueOn.localeCompare(b.dueOn));
  return items;
}

const settledColumns = [
  'c.id',
  'c.case_no',
  'c.title',
  'c.status',
  'c.agreement',
  'c.agreement_effective_at',
  'c.confirmation_applied_at',
  'c.closed_at',
] as const;

/** The acting mediator's reminders, computed from the clock. */
export async function reminders(deps: Deps, ctx: RequestContext) {
  const tenantId = requireTenant(ctx.actor);
  requirePermission(ctx.actor, 'mediation.handle');
  const rows = await deps.db
    .selectFrom('mediation_cases as c')
    .innerJoin('mediation_members as m', (j) =>
      j.onRef('m.tenant_id', '=', 'c.tenant_id').onRef('m.case_id', '=', 'c.id'),
    )
    .select(settledColumns)
    .where('c.tenant_id', '=', tenantId)
    .where('m.user_id', '=', ctx.actor.userId)
    .where('m.role', '=', 'mediator')
    .where('c.status', 'in', ['agreed', 'oral_agreed'])
    .where('c.closed_at', 'is not', null)
    .execute();
  if (rows.length === 0) return { items: [], total: 0 };
  const followups = await deps.db
    .selectFrom('mediation_followups')
    .select(['case_id', 'kind', 'performed'])
    .where('tenant_id', '=', tenantId)
    .where(
      'case_id',
      'in',
      rows.map((r) => r.id),
    )
    .execute();
  const items = dueReminders(rows, followups, streetDate(deps.clock.now()));
  return { items, total: items.length };
}

/**
 * The reminder sweep (a periodic task): every reminder that has come due is sent once through the
 * notification outbox to the case's mediators; the judicial-confirmation reminder (第三十三条) also
 * reaches the parties — residents with an account in-app, others by SMS to their stored phone. The
 * reminder is sent again once when it becomes overdue.
 */
export async function sendDueReminders(deps: Deps): Promise<{ sent: number }> {
  const rows = await deps.db
    .selectFrom('mediation_cases as c')
    .select([...settledColumns, 'c.tenant_id'])
    .where('c.status', 'in', ['agreed', 'oral_agreed'])
    .where('c.closed_at', 'is not', null)
    .execute();
  if (rows.length === 0) return { sent: 0 };
  const today = streetDate(deps.clock.now());
  let sent = 0;
  const byTenant = new Map<number, typeof rows>();
  for (const r of rows) byTenant.set(r.tenant_id, [...(byTenant.get(r.tenant_id) ?? []), r]);
  for (const [tenantId, cases] of byTenant) {
    const followups = await deps.db
      .selectFrom('mediation_followups')
      .select(['case_id', 'kind', 'performed'])
      .where('tenant_id', '=', tenantId)
      .where(
        'case_id',
        'in',
        cases.map((c) => c.id),
      )
      .execute();
    for (const item of dueReminders(cases, followups, today)) {
      const c = cases.find((x) => x.id === item.caseId)!;
      sent += await deps.db.transaction().execute(async (trx) => {
        const fresh = await trx
          .insertInto('mediation_reminders_sent')
          .values({
            tenant_id: tenantId,
            case_id: item.caseId,
            kind: item.overdue ? `${item.kind}:overdue` : item.kind,
            due_on: item.dueOn,
            sent_at: deps.clock.now(),
          })
          .onConflict((oc) => oc.columns(['tenant_id', 'case_id', 'kind', 'due_on']).doNothing())
          .returning('case_id')
          .executeTakeFirst();
        if (!fresh) return 0;
        const mediators = await trx
          .selectFrom('mediation_members')
          .select('user_id')
          .where('tenant_id', '=', tenantId)
          .where('case_id', '=', item.caseId)
          .where('role', '=', 'mediator')
          .execute();
        const recipients: Recipient[] = mediators.map((m) => ({ userId: m.user_id }));
        if (item.kind === 'judicial_confirmation' && !item.overdue) {
          const parties = await trx
            .selectFrom('mediation_parties as p')
            .leftJoin('users as u', (j) =>
              j
                .onRef('u.tenant_id', '=', 'p.tenant_id')
                .onRef('u.household_id', '=', 'p.household_id')
                .on('u.role', '=', 'resident')
                .on('u.disabled', '=', false),
            )
            .select(['p.name', 'p.contact_enc', 'u.id as user_id'])
            .where('p.tenant_id', '=', tenantId)
            .where('p.case_id', '=', item.caseId)
            .execute();
          for (const p of parties)
            if (p.user_id !== null) recipients.push({ userId: p.user_id });
            else if (p.contact_enc) recipients.push({ phoneCipher: p.contact_enc, name: p.name });
        }
        await notify(trx, deps, {
          tenantId,
          recipients,
          topic: `mediation.reminder.${item.kind}`,
          title: `调解案件 ${c.case_no}「${c.title}」`,
          body: item.message,
          link: `/mediation/cases/${item.caseId}`,
        });
        return 1;
      });
    }
  }
  return { sent };
}

export const reminderTask: PeriodicTask = {
  name: 'mediation.reminders',
  everyMs: HOUR,
  run: (deps) => sendDueReminders(deps).then(() => undefined),
};
