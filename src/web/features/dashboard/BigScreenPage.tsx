import { useEffect, useMemo, useState } from 'react';
import { Button, Space } from 'antd';
import { FullscreenExitOutlined, FullscreenOutlined, RollbackOutlined } from '@ant-design/icons';
import type { EChartsOption } from 'echarts';
import { useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import {
  cardLabels,
  figureLabel,
  formatFigure,
  phaseLabels,
  type Card,
  type Dashboard,
  type Figure,
} from '../../../contract/dashboard.ts';
import { ButtonLink } from '../../components/ButtonLink.tsx';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { FullPageSpin } from '../../components/FullPageSpin.tsx';
import { useDateTimeFormat } from '../../components/format.ts';
import { usePageTitle } from '../../components/usePageTitle.ts';
import { useDashboard, useLiveDashboard } from './dashboard.api.ts';
import { describeSeries, EChart, seriesOption, useLang } from './parts.tsx';
import { hasDenominator } from '../../components/ratio.ts';
import './dashboard.css';

const HEADLINE: Array<[string, string]> = [
  ['households', 'households'],
  ['households', 'visitRate'],
  ['outcome', 'signingRate'],
  ['outcome', 'successRate'],
  ['outcome', 'beautificationRate'],
  ['households', 'openConcerns'],
  ['households', 'overdueFollowUps'],
];

function cardOf(d: Dashboard, key: string): Card | undefined {
  for (const phase of d.phases) for (const c of phase.cards) if (c.key === key) return c;
  return undefined;
}

function figureOf(d: Dashboard, card: string, key: string): Figure | undefined {
  return cardOf(d, card)?.figures.find((f) => f.key === key);
}

/** The stage funnel: households that have reached each stage (at it or past it). */
function funnelOption(stages: Figure[], lang: 'zh' | 'en'): EChartsOption {
  const reached = stages.map((_, i) => stages.slice(i).reduce((n, f) => n + (f.value ?? 0), 0));
  return {
    tooltip: {},
    series: [
      {
        type: 'funnel',
        sort: 'none',
        left: '4%',
        width: '92%',
        top: 8,
        bottom: 8,
        minSize: '8%',
        gap: 2,
        label: {
          show: true,
          position: 'inside',
          color: '#fff',
          fontSize: 18,
          formatter: (p) => `${String(p.name)}  ${Number(p.value)}`,
        },
        itemStyle: { borderWidth: 0 },
        color: [
          '#1d4ed8',
          '#2563eb',
          '#3b82f6',
          '#0ea5e9',
          '#06b6d4',
          '#14b8a6',
          '#10b981',
          '#22c55e',
          '#84cc16',
          '#65a30d',
        ],
        data: stages.map((f, i) => ({ name: figureLabel(f, lang), value: reached[i] })),
      },
    ],
  };
}

/** The screen takes the one-screen layout of dashboard.css (same query): charts then fill their panels. */
const FITTED = '(min-width: 1200px) and (min-height: 850px)';

function useFitsScreen(): boolean {
  const [fits, setFits] = useState(() => window.matchMedia(FITTED).matches);
  useEffect(() => {
    const query = window.matchMedia(FITTED);
    const onChange = () => setFits(query.matches);
    query.addEventListener('change', onChange);
    return () => query.removeEventListener('change', onChange);
  }, []);
  return fits;
}

/** 数据大屏: the whole process for a TV in the office — dark, large type, updated live. */
export function BigScreenPage() {
  const { t } = useTranslation();
  const lang = useLang();
  const format = useDateTimeFormat();
  const [params] = useSearchParams();
  const estateId = Number(params.get('estateId')) || undefined;
  const board = useDashboard({ estateId });
  const [fullscreen, setFullscreen] = useState(false);
  const [pulse, setPulse] = useState(0);
  const fitted = useFitsScreen();
  useLiveDashboard(() => setPulse((n) => n + 1));
  const d = board.data;
  usePageTitle(t('dashboard.bigscreen.title'));
  useEffect(() => {
    const onChange = () => setFullscreen(document.fullscreenElement !== null);
    document.addEventListener('fullscreenchange', onChange);
    return () => document.removeEventListener('fullscreenchange', onChange);
  }, []);
  const stages = useMemo(
    () => cardOf(d ?? ({ phases: [] } as unknown as Dashboard), 'households')?.series ?? [],
    [d],
  );
  const rounds = useMemo(
    () => cardOf(d ?? ({ phases: [] } as unknown as Dashboard), 'rounds')?.series ?? [],
    [d],
  );

  if (board.isPending) return <FullPageSpin />;
  if (!d) {
    return (
      <main className="gz-db-screen">
        <ErrorAlert error={board.error} />
      </main>
    );
  }
  const toggle = () => {
    if (document.fullscreenElement) void document.exitFullscreen();
    else void document.documentElement.requestFullscreen?.();
  };
  const scopeName = `${d.tenant.name}${d.estate ? ` · ${d.estate.name}` : ''}`;
  const headline = HEADLINE.flatMap(([card, key]) => {
    const f = figureOf(d, card, key);
    return f ? [{ card, f }] : [];
  });
  const lower = d.phases.map((phase) => ({
    key: phase.key,
    cards: phase.cards.filter((c) => !['households', 'outcome'].includes(c.key)),
  }));
  const funnelTitle = t('dashboard.bigscreen.funnel');
  const roundsTitle = t('dashboard.bigscreen.rounds');

  return (
    <main className="gz-db-screen">
      <header className="gz-db-screen-header">
        <div>
          <div className="gz-db-screen-scope">{scopeName}</div>
          <h1 className="gz-db-screen-title">{t('dashboard.bigscreen.title')}</h1>
        </div>
        <Space>
          <ButtonLink
            to={`/dashboard${estateId ? `?estateId=${estateId}` : ''}`}
            size="large"
            ghost
            icon={<RollbackOutlined aria-hidden />}
          >
            {t('dashboard.bigscreen.exit')}
          </ButtonLink>
          <Button
            size="large"
            ghost
            icon={fullscreen ? <FullscreenExitOutlined aria-hidden /> : <FullscreenOutlined aria-hidden />}
            onClick={toggle}
          >
            {fullscreen ? t('dashboard.bigscreen.exitFullscreen') : t('dashboard.bigscreen.fullscreen')}
          </Button>
        </Space>
      </header>

      <section className="gz-db-screen-kpis" aria-live="polite">
        {headline.map(({ card, f }) => (
          <div key={`${card}-${f.key}`} className="gz-db-screen-kpi">
            <div className="gz-db-screen-kpi-label">{figureLabel(f, lang)}</div>
            <div className="gz-db-screen-kpi-value" data-testid={`screen-${card}-${f.key}`}>
              {formatFigure(f)}
            </div>
            {f.kind === 'rate' && hasDenominator(f.of) ? (
              <div className="gz-db-screen-kpi-detail" data-testid={`screen-${card}-${f.key}-detail`}>
                {f.count} / {f.of}
              </div>
            ) : null}
          </div>
        ))}
      </section>

      <section className="gz-db-screen-charts">
        <div className="gz-db-screen-panel">
          <h2 className="gz-db-screen-panel-title">{funnelTitle}</h2>
          <div className="gz-db-screen-chart">
            <EChart
              option={funnelOption(stages, lang)}
              height={fitted ? '100%' : 400}
              label={describeSeries(funnelTitle, stages, lang)}
            />
          </div>
        </div>
        <div className="gz-db-screen-panel">
          <h2 className="gz-db-screen-panel-title">{roundsTitle}</h2>
          <div className="gz-db-screen-chart">
            <EChart
              option={seriesOption(rounds, lang, true)}
              height={fitted ? '100%' : 400}
              label={describeSeries(roundsTitle, rounds, lang)}
            />
          </div>
        </div>
      </section>

      <section className="gz-db-screen-phases">
        {lower.map((phase) => (
          <div key={phase.key} className="gz-db-screen-panel">
            <h2 className="gz-db-screen-panel-title">{phaseLabels[phase.key][lang]}</h2>
            {phase.cards.map((card) => (
              <div key={card.key} className="gz-db-screen-card">
                <h3 className="gz-db-screen-card-title">{cardLabels[card.key][lang]}</h3>
                <dl className="gz-db-screen-list">
                  {card.figures.slice(0, 5).map((f) => (
                    <div key={`${f.key}-${f.label ?? ''}`}>
                      <dt>{figureLabel(f, lang)}</dt>
                      <dd data-testid={`screen-${card.key}-${f.key}`}>{formatFigure(f)}</dd>
                    </div>
                  ))}
                </dl>
              </div>
            ))}
          </div>
        ))}
      </section>

      <footer className="gz-db-screen-footer">
        <span className={`gz-db-live${pulse % 2 ? ' gz-db-live-pulse' : ''}`} aria-hidden>
          ●
        </span>{' '}
        {t('dashboard.bigscreen.live')} ·{' '}
        <span data-testid="screen-updated">
          {t('dashboard.bigscreen.updatedAt', { time: format(d.generatedAt) })}
        </span>
      </footer>
    </main>
  );
}
