import { Button } from 'antd';
import {
  BankOutlined,
  BellOutlined,
  BulbOutlined,
  CheckCircleOutlined,
  ClockCircleOutlined,
  ExclamationCircleOutlined,
  HomeOutlined,
  InboxOutlined,
  InfoCircleOutlined,
  SafetyOutlined,
} from '@ant-design/icons';
import type { ParseKeys } from 'i18next';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { dateFormatter } from '../../components/format.ts';
import { STREET_TIME_ZONE } from '../../components/streetClock.ts';
import { useYuan } from '../../components/money.ts';
import type { Stage } from '../../../contract/households.ts';
import type { PortalSection } from '../../../contract/portal.ts';
import { navigation } from '../../app/navigation.ts';
import { hasPermission, useMe } from '../../app/session.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { FullPageSpin } from '../../components/FullPageSpin.tsx';
import { Page } from '../../components/Page.tsx';
import { Stages, useStageLabel } from '../households/labels.tsx';
import {
  useMarkAllNoticesRead,
  useMarkNoticeRead,
  usePortalHome,
  type PortalHome,
  type PortalItem,
} from './portal.api.ts';
import { statusKey } from './portalStatus.ts';
import './portal.css';

/** The anti-fraud lessons page, once the anti-fraud module registers it. */
const ANTI_FRAUD_PATH = '/my/anti-fraud';

const sectionOrder: readonly Exclude<PortalSection, 'notices'>[] = [
  'awaiting',
  'bookings',
  'meetings',
  'mine',
  'drafts',
  'topics',
  'lessons',
];

const toneIcons = {
  action: ExclamationCircleOutlined,
  progress: ClockCircleOutlined,
  done: CheckCircleOutlined,
  info: InfoCircleOutlined,
} as const;

/** A key of the portal namespace built from a record's code; the record's own words if unknown. */
function useWord() {
  const { t, i18n } = useTranslation();
  return (key: string, fallback: string) => {
    const full = `portal.${key}`;
    return i18n.exists(full) ? t(full as ParseKeys) : fallback;
  };
}

function useFormatDate() {
  const { i18n } = useTranslation();
  const lang = i18n.resolvedLanguage === 'en' ? 'en' : 'zh';
  const dateOnly = dateFormatter(lang, { month: 'long', day: 'numeric', timeZone: 'UTC' });
  const date = dateFormatter(lang, {
    year: 'numeric',
    month: 'long',
    day: 'numeric',
    timeZone: STREET_TIME_ZONE,
  });
  const dateTime = dateFormatter(lang, {
    month: 'long',
    day: 'numeric',
    weekday: 'short',
    hour: '2-digit',
    minute: '2-digit',
    timeZone: STREET_TIME_ZONE,
  });
  return (value: string, withTime = false) => {
    // A calendar day (a move on 2026-03-20) has no time zone to convert.
    if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return dateOnly.format(new Date(`${value}T00:00:00Z`));
    return (withTime ? dateTime : date).format(new Date(value));
  };
}

/** 我的首页: a resident's one page for everything that concerns their household. */
export function PortalPage() {
  const { t } = useTranslation();
  const home = usePortalHome();
  if (home.isPending) return <FullPageSpin />;
  if (!home.data) {
    return (
      <Page title={t('portal.title')}>
        <ErrorAlert error={home.error} title={t('portal.loadFailed')} onRetry={() => void home.refetch()} />
      </Page>
    );
  }
  return <Portal home={home.data} />;
}

function Portal({ home }: { home: PortalHome }) {
  const { t } = useTranslation();
  return (
    <Page title={t('portal.title')} intro={t('portal.intro')}>
      <div className="gz-portal">
        <p className="gz-portal-greeting">{t('portal.greeting', { name: home.displayName })}</p>
        {home.household ? <HouseholdCard household={home.household} /> : <NoHousehold />}
        <Notices home={home} />
        {sectionOrder
          // Lessons appear when the street's anti-fraud work has published some.
          .filter((section) => section !== 'lessons' || home.lessons.length > 0)
          .map((section) => (
            <Section key={section} section={section} items={home[section]} />
          ))}
        <QuickLinks />
      </div>
    </Page>
  );
}

function NoHousehold() {
  const { t } = useTranslation();
  return (
    <section className="gz-portal-card" aria-labelledby="portal-household">
      <h2 id="portal-household">{t('portal.household.title')}</h2>
      <p>{t('portal.noHousehold')}</p>
      <Link to="/activate" className="gz-portal-act">
        {t('portal.activate')}
      </Link>
    </section>
  );
}

function HouseholdCard({ household: h }: { household: NonNullable<PortalHome['household']> }) {
  const { t } = useTranslation();
  const stageLabel = useStageLabel();
  const current = Stages.indexOf(h.stage);
  return (
    <section className="gz-portal-card gz-portal-stage" aria-labelledby="portal-household">
      <h2 id="portal-household">{t('portal.household.title')}</h2>
      <p className="gz-portal-address">
        <HomeOutlined aria-hidden /> {h.estateName} {h.buildingNumber}
        {h.room}
      </p>
      <p className="gz-portal-now" data-testid="portal-stage">
        <strong>{t('portal.household.stageNow', { stage: stageLabel(h.stage) })}</strong>
        <span>（{t('portal.household.step', { step: h.step, steps: h.steps })}）</span>
      </p>
      <p className="gz-portal-next" data-testid="portal-next">
        {h.nextStage ? (
          <strong>{t('portal.household.next', { stage: stageLabel(h.nextStage) })}</strong>
        ) : (
          <strong>{t('portal.household.finished')}</strong>
        )}{' '}
        {t(`portal.next.${h.stage}`)}
      </p>
      <ol className="gz-portal-steps">
        {Stages.map((stage: Stage, i) => {
          const state = i < current ? 'passed' : i === current ? 'current' : 'ahead';
          const Icon = state === 'passed' ? CheckCircleOutlined : state === 'current' ? HomeOutlined : null;
          return (
            <li
              key={stage}
              className={`gz-portal-step gz-portal-step-${state}`}
              aria-current={state === 'current' ? 'step' : undefined}
            >
              {Icon ? <Icon aria-hidden /> : <span className="gz-portal-step-dot" aria-hidden />}
              <span>{stageLabel(stage)}</span>
              <span className="gz-portal-step-state">（{t(`portal.household.${state}`)}）</span>
            </li>
          );
        })}
      </ol>
      {h.assignees.length > 0 ? (
        <p>
          {t('portal.household.assignees', {
            names: h.assignees.map((a) => (a.orgUnit ? `${a.name}（${a.orgUnit}）` : a.name)).join('、'),
          })}
        </p>
      ) : null}
      <Link to="/my-home" className="gz-portal-act">
        {t('portal.household.openHome')}
      </Link>
    </section>
  );
}

function Section({ section, items }: { section: Exclude<PortalSection, 'notices'>; items: PortalItem[] }) {
  const { t } = useTranslation();
  const id = `portal-${section}`;
  return (
    <section className="gz-portal-card" aria-labelledby={id} data-testid={id}>
      <h2 id={id}>
        {t(`portal.sections.${section}`)}
        {items.length > 0 ? (
          <span className="gz-portal-count">{t('portal.count', { n: items.length })}</span>
        ) : null}
      </h2>
      {items.length === 0 ? (
        <p className="gz-portal-empty">{t(`portal.empty.${section}`)}</p>
      ) : (
        <ul className="gz-portal-items">
          {items.map((item) => (
            <Item key={`${item.kind}-${item.id}`} item={item} />
          ))}
        </ul>
      )}
    </section>
  );
}

/** One line of detail in words: when, where, which version, how much. */
function useDetail() {
  const { t } = useTranslation();
  const yuan = useYuan();
  const word = useWord();
  const format = useFormatDate();
  return (item: PortalItem): string[] => {
    const parts: string[] = [];
    const at = item.at;
    switch (item.kind) {
      case 'plan':
      case 'drawing':
        if (item.detail) parts.push(t('portal.detail.version', { v: item.detail }));
        break;
      case 'move':
        if (at)
          parts.push(`${format(at)} ${item.detail ? word(`move.${item.detail}`, item.detail) : ''}`.trim());
        break;
      case 'storage':
        if (item.detail) parts.push(t('portal.detail.slots', { n: item.detail }));
        break;
      case 'consultation':
        if (item.detail) parts.push(t('portal.detail.quote', { amount: yuan(item.detail) }));
        break;
      case 'meeting':
        if (at) parts.push(t('portal.detail.when', { date: format(at, true) }));
        if (item.detail) parts.push(item.detail);
        break;
      case 'draft':
        if (item.detail) parts.push(t('portal.detail.articles', { n: item.detail }));
        break;
      case 'topic':
        if (at) parts.push(t('portal.detail.deadline', { date: format(at) }));
        break;
      case 'suggestion':
        if (at) parts.push(format(at));
        if (item.detail) parts.push(t('portal.detail.answeredBy', { who: item.detail }));
        break;
      case 'round':
        if (item.detail) parts.push(word(`roundKind.${item.detail}`, item.detail));
        if (at) parts.push(format(at));
        break;
      case 'rental':
        if (at) parts.push(format(at));
        if (item.detail) parts.push(t('portal.detail.contract', { no: item.detail }));
        break;
      case 'opinion':
        // the street's answer to the opinion (adopted / not, and why) in its own words
        if (item.detail) parts.push(item.detail);
        break;
      case 'lesson':
        if (item.detail)
          parts.push(t('portal.detail.minutes', { n: Math.max(1, Math.round(Number(item.detail) / 60)) }));
        break;
      case 'concern':
      case 'case':
      case 'notice':
        if (at) parts.push(format(at));
        if (item.detail) parts.push(item.detail);
        break;
    }
    return parts;
  };
}

function Item({ item }: { item: PortalItem }) {
  const { t, i18n } = useTranslation();
  const statusWord = (it: PortalItem) =>
    i18n.exists(statusKey(it.kind, it.status)) ? t(statusKey(it.kind, it.status) as ParseKeys) : it.status;
  const word = useWord();
  const detail = useDetail();
  const Icon = toneIcons[item.tone];
  const title = item.kind === 'move' ? word(`move.${item.title}`, item.title) : item.title;
  const action = item.link ? word(`act.${item.kind}`, t('portal.act.notice')) : null;
  return (
    <li className={`gz-portal-item gz-portal-tone-${item.tone}`} data-kind={item.kind}>
      <p className="gz-portal-item-head">
        <Icon aria-hidden />
        <span className="gz-portal-tone">{t(`portal.tone.${item.tone}`)}</span>
        <span className="gz-portal-kind">{word(`kind.${item.kind}`, item.kind)}</span>
      </p>
      <p className="gz-portal-item-title">{title}</p>
      <p className="gz-portal-item-status">
        <strong>{statusWord(item)}</strong>
        {detail(item).map((part) => (
          <span key={part}> · {part}</span>
        ))}
      </p>
      {item.link && action ? (
        <Link to={item.link} className="gz-portal-act" aria-label={`${action}：${title}`}>
          {action}
        </Link>
      ) : null}
    </li>
  );
}

function Notices({ home }: { home: PortalHome }) {
  const { t } = useTranslation();
  const format = useFormatDate();
  const markRead = useMarkNoticeRead();
  const markAll = useMarkAllNoticesRead();
  const word = useWord();
  return (
    <section className="gz-portal-card" aria-labelledby="portal-notices" data-testid="portal-notices">
      <h2 id="portal-notices">
        <BellOutlined aria-hidden /> {t('portal.sections.notices')}
        {home.unreadNotices > 0 ? (
          <span className="gz-portal-count">{t('portal.unread', { n: home.unreadNotices })}</span>
        ) : null}
      </h2>
      <ErrorAlert error={markRead.error ?? markAll.error} />
      {home.notices.length === 0 ? (
        <p className="gz-portal-empty">{t('portal.empty.notices')}</p>
      ) : (
        <ul className="gz-portal-items">
          {home.notices.map((n) => {
            const unread = n.status === 'unread';
            const Icon = unread ? ExclamationCircleOutlined : CheckCircleOutlined;
            return (
              <li key={`${n.kind}-${n.id}`} className={`gz-portal-item gz-portal-tone-${n.tone}`}>
                <p className="gz-portal-item-head">
                  <Icon aria-hidden />
                  <span className="gz-portal-tone">{word(`status.${n.status}`, n.status)}</span>
                  {n.at ? <span className="gz-portal-kind">{format(n.at, true)}</span> : null}
                </p>
                <p className="gz-portal-item-title">{n.title}</p>
                {n.detail ? <p className="gz-portal-item-status">{n.detail}</p> : null}
                <div className="gz-portal-buttons">
                  {n.link ? (
                    <Link
                      to={n.link}
                      className="gz-portal-act"
                      onClick={() => {
                        if (unread) markRead.mutate(n.id);
                      }}
                    >
                      {t('portal.act.notice')}
                    </Link>
                  ) : null}
                  {unread ? (
                    <Button
                      size="large"
                      loading={markRead.isPending && markRead.variables === n.id}
                      onClick={() => markRead.mutate(n.id)}
                      aria-label={`${t('portal.markRead')}：${n.title}`}
                    >
                      {t('portal.markRead')}
                    </Button>
                  ) : null}
                </div>
              </li>
            );
          })}
        </ul>
      )}
      {home.notices.some((n) => n.kind === 'notice' && n.status === 'unread') ? (
        <Button size="large" loading={markAll.isPending} onClick={() => markAll.mutate()}>
          {t('portal.markAllRead')}
        </Button>
      ) : null}
    </section>
  );
}

function QuickLinks() {
  const { t } = useTranslation();
  const me = useMe();
  const links = [
    { to: '/my-home', icon: HomeOutlined, label: t('portal.quick.myHome'), permission: 'self.read' as const },
    {
      to: '/my-move',
      icon: InboxOutlined,
      label: t('portal.quick.myMove'),
      permission: 'relocation.book' as const,
    },
    {
      to: '/suggest',
      icon: BulbOutlined,
      label: t('portal.quick.suggest'),
      permission: 'suggestion.submit' as const,
    },
    {
      to: '/legislation',
      icon: BankOutlined,
      label: t('portal.quick.legislation'),
      permission: 'legislation.read' as const,
    },
    ...(navigation.some((item) => item.path === ANTI_FRAUD_PATH)
      ? [
          {
            to: ANTI_FRAUD_PATH,
            icon: SafetyOutlined,
            label: t('portal.quick.antiFraud'),
            permission: 'safety.report' as const,
          },
        ]
      : []),
  ].filter((link) => hasPermission(me, link.permission));
  return (
    <section className="gz-portal-card" aria-labelledby="portal-quick">
      <h2 id="portal-quick">{t('portal.quick.title')}</h2>
      <ul className="gz-portal-quick">
        {links.map((link) => (
          <li key={link.to}>
            <Link to={link.to} className="gz-portal-quick-link">
              <link.icon aria-hidden />
              <span>{link.label}</span>
            </Link>
          </li>
        ))}
      </ul>
    </section>
  );
}
