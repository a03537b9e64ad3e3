import { useEffect, useState } from 'react';
import { Button } from 'antd';
import { FullscreenExitOutlined, FullscreenOutlined } from '@ant-design/icons';
import { useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { useDateTimeFormat } from '../../components/format.ts';
import { FullPageSpin } from '../../components/FullPageSpin.tsx';
import { usePageTitle } from '../../components/usePageTitle.ts';
import { BuildingBars, RateGauge } from './charts.tsx';
import { useProgress, useRound } from './renewal.api.ts';
import { pct } from './shared.tsx';
import { hasDenominator } from '../../components/ratio.ts';
import { useLiveRound } from './useLiveRound.ts';
import './renewal.css';

/** 大屏: the round's progress for a TV in the office, readable from across the room, updated live. */
export function RoundScreenPage() {
  const { t } = useTranslation();
  const id = Number(useParams().id);
  const round = useRound(id);
  const progress = useProgress(id);
  const formatDate = useDateTimeFormat();
  const [fullscreen, setFullscreen] = useState(false);
  const [updatedAt, setUpdatedAt] = useState<string | null>(null);
  usePageTitle(round.data?.title ?? t('renewal.rounds.screen'));
  useLiveRound(id);

  useEffect(() => {
    if (progress.dataUpdatedAt) setUpdatedAt(new Date(progress.dataUpdatedAt).toISOString());
  }, [progress.dataUpdatedAt]);
  useEffect(() => {
    const onChange = () => setFullscreen(document.fullscreenElement !== null);
    document.addEventListener('fullscreenchange', onChange);
    return () => document.removeEventListener('fullscreenchange', onChange);
  }, []);

  if (round.isPending || progress.isPending) return <FullPageSpin />;
  if (!round.data || !progress.data) {
    return (
      <main className="gz-rn-screen">
        <ErrorAlert error={round.error ?? progress.error} title={t('errors.loadFailed')} />
      </main>
    );
  }
  const r = round.data;
  const p = progress.data;
  const toggle = () => {
    if (document.fullscreenElement) void document.exitFullscreen();
    else void document.documentElement.requestFullscreen?.();
  };
  return (
    <main className="gz-rn-screen">
      <header className="gz-rn-screen-header">
        <div>
          <div className="gz-rn-screen-estate">
            {r.estateName} · {t(`renewal.kind.${r.kind}`)}
          </div>
          <h1 className="gz-rn-screen-title">{r.title}</h1>
        </div>
        <Button
          size="large"
          ghost
          icon={fullscreen ? <FullscreenExitOutlined aria-hidden /> : <FullscreenOutlined aria-hidden />}
          onClick={toggle}
        >
          {fullscreen ? t('renewal.round.exitFullscreen') : t('renewal.round.fullscreen')}
        </Button>
      </header>
      <section className="gz-rn-screen-top">
        <div className="gz-rn-screen-rate">
          <div className="gz-rn-screen-label">{t('renewal.round.rate')}</div>
          <div
            className={`gz-rn-screen-number${p.thresholdReached ? ' gz-rn-screen-number-ok' : ''}`}
            data-testid="screen-rate"
            aria-live="polite"
          >
            {pct(p.rate)}
          </div>
          {hasDenominator(p.eligible) ? (
            <div className="gz-rn-screen-counts">
              {t('renewal.rounds.counts', { agreed: p.agreed, eligible: p.eligible })}
            </div>
          ) : null}
          <div className="gz-rn-screen-effective">
            {p.effectiveAt
              ? t('renewal.round.effectiveAt', { time: formatDate(p.effectiveAt) })
              : t('renewal.round.notEffective', { n: p.threshold })}
          </div>
        </div>
        <div className="gz-rn-screen-gauge">
          <RateGauge
            rate={p.rate}
            threshold={p.threshold}
            label={`${t('renewal.round.rate')} ${pct(p.rate)}`}
          />
        </div>
        <dl className="gz-rn-screen-stats">
          <div>
            <dt>{t('renewal.round.agreed')}</dt>
            <dd>{p.agreed}</dd>
          </div>
          <div>
            <dt>{t('renewal.round.disagreed')}</dt>
            <dd>{p.disagreed}</dd>
          </div>
          <div>
            <dt>{t('renewal.round.undecided')}</dt>
            <dd>{p.undecided}</dd>
          </div>
          <div>
            <dt>{t('renewal.round.unanswered')}</dt>
            <dd>{p.unanswered}</dd>
          </div>
        </dl>
      </section>
      <section className="gz-rn-screen-bars">
        <h2 className="gz-rn-screen-label">{t('renewal.round.byBuilding')}</h2>
        <BuildingBars
          dark
          height={420}
          buildings={p.buildings}
          threshold={p.threshold}
          thresholdLabel={t('renewal.round.thresholdLine', { n: p.threshold })}
          label={`${t('renewal.round.byBuilding')}: ${p.buildings.map((b) => `${b.name} ${pct(b.rate)}`).join('，')}`}
        />
      </section>
      <footer className="gz-rn-screen-footer">
        <span className="gz-rn-live" aria-hidden>
          ●
        </span>{' '}
        {t('renewal.round.live')} · {t('renewal.round.updatedAt', { time: formatDate(updatedAt) })}
      </footer>
    </main>
  );
}
