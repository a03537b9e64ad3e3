import { sql } from 'kysely';
import type { Card, CardKey, Figure, FigureLink } from '../../../contract/dashboard.ts';
import type { RequestContext } from '../../platform/context.ts';
import type { Deps } from '../../platform/deps.ts';
import { figures as antifraudFigures } from '../antifraud/index.ts';
import { figures as iotFigures } from '../iot/index.ts';
import { safetyFigures } from '../safety/index.ts';

/**
 * Cards of the safety (六防, 物联网) and anti-fraud modules, from their own figure functions. A card
 * is left out, and named in `unavailable`, while its module's tables are not in the database.
 */

const SAFETY_DAYS = 30;

function figure(
  key: string,
  value: number | null,
  kind: Figure['kind'],
  link: FigureLink,
  extra: Partial<Figure> = {},
): Figure {
  return { key, label: null, value, kind, count: null, of: null, link, ...extra };
}

export async function extraCards(
  deps: Deps,
  fctx: RequestContext,
): Promise<{ cards: Card[]; unavailable: CardKey[] }> {
  const present = await tablesPresent(deps, [
    'iot_alarms',
    'safety_work_orders',
    'antifraud_visits',
    'antifraud_rounds',
  ]);
  const unavailable: CardKey[] = [];
  const cards: Card[] = [];
  if (present.has('iot_alarms') && present.has('safety_work_orders')) {
    const [iot, safety] = await Promise.all([iotFigures(deps, fctx), safetyFigures(deps, fctx, SAFETY_DAYS)]);
    const alarms = { href: '/iot', permission: ['safety.read' as const] };
    const orders = { href: '/safety', permission: ['safety.read' as const, 'safety.handle' as const] };
    cards.push({
      key: 'safety',
      scope: 'street',
      link: orders,
      figures: [
        figure('alarms', iot.alarmsLast30Days, 'count', alarms),
        figure('openAlarms', iot.openAlarms, 'count', alarms),
        figure('openWorkOrders', safety.open, 'count', orders),
        figure('overdueWorkOrders', safety.overdue, 'count', orders),
        // the module's rate over closed alarm orders; its counts are not exposed, so none are shown
        figure('falseAlarmRate', safety.falseAlarmRate, 'rate', orders),
      ],
      series: iot.byKind.map((k) => figure(`alarm_${k.kind}`, k.total, 'count', alarms)),
    });
  } else unavailable.push('safety');
  if (present.has('antifraud_visits') && present.has('antifraud_rounds')) {
    const f = await antifraudFigures(deps, fctx);
    const page = { href: '/anti-fraud/rounds', permission: ['antifraud.manage' as const] };
    const latest = f.rounds.at(-1);
    cards.push({
      key: 'antifraud',
      scope: 'street',
      link: page,
      figures: [
        figure('watchList', f.entries, 'count', {
          href: '/anti-fraud/list',
          permission: ['antifraud.manage'],
        }),
        figure('faceToFaceRate', latest?.inPersonRate ?? null, 'rate', page, {
          label: null,
          count: latest?.inPerson ?? null,
          of: latest?.targets ?? null,
        }),
        figure('visitRounds', f.rounds.length, 'count', page),
      ],
      // the face-to-face rate of every visit round, in order
      series: f.rounds.map((r) =>
        figure('round', r.inPersonRate, 'rate', page, { label: r.name, count: r.inPerson, of: r.targets }),
      ),
    });
  } else unavailable.push('antifraud');
  return { cards, unavailable };
}

async function tablesPresent(deps: Deps, names: string[]): Promise<Set<string>> {
  const r = await sql<{ name: string }>`
    select table_name as name from information_schema.tables
     where table_schema = current_schema() and table_name in (${sql.join(names)})`.execute(deps.db);
  return new Set(r.rows.map((x) => x.name));
}
