import { useState } from 'react';
import { Card, Col, Row, Segmented, Statistic } from 'antd';
import { useTranslation } from 'react-i18next';
import { Chart, CountBars, type CountRows } from '../../components/Chart.tsx';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { Page } from '../../components/Page.tsx';
import { SafetyTabs } from './common.tsx';
import { useFigures, type SafetyFigures } from './safety.api.ts';
import { hasDenominator } from '../../components/ratio.ts';
import { dateFormatter } from '../../components/format.ts';
import { STREET_TIME_ZONE } from '../../components/streetClock.ts';

type Rows = CountRows;

/** 平安六防统计: work orders, response times, false-alarm rate and patrol coverage, from records. */
export function FiguresPage() {
  const { t, i18n } = useTranslation();
  // a week's Monday on the street's calendar, in the interface language's order (05/03, 03/05)
  const weekDay = dateFormatter(i18n.resolvedLanguage === 'en' ? 'en' : 'zh', {
    month: '2-digit',
    day: '2-digit',
    timeZone: STREET_TIME_ZONE,
  });
  const weekLabel = (at: string) => weekDay.format(new Date(at));
  const [days, setDays] = useState(30);
  const figures = useFigures(days);
  const f = figures.data;
  const minutes = (n: number | null) =>
    n === null ? '—' : t('safety.figures.minutes', { n: Math.round(n) });
  const pct = (n: number | null) => (n === null ? '—' : `${Math.round(n * 1000) / 10}%`);
  const rows = (
    list: SafetyFigures['bySource'],
    prefix: 'source' | 'status' | 'priority' | 'closure',
  ): Rows =>
    list.map((r) => ({ label: t(`safety.${prefix}.${r.key}` as 'safety.source.alarm'), count: r.count }));

  return (
    <Page
      title={t('safety.figures.title')}
      intro={t('safety.figures.intro', { days })}
      actions={
        <Segmented
          aria-label={t('safety.figures.days')}
          value={days}
          onChange={(v) => setDays(Number(v))}
          options={[7, 30, 90].map((d) => ({ value: d, label: `${d} 天` }))}
        />
      }
    >
      <SafetyTabs />
      <ErrorAlert error={figures.error} onRetry={() => void figures.refetch()} />
      {f ? (
        <>
          <Row gutter={[16, 16]}>
            {[
              { key: 'total', value: f.total },
              { key: 'open', value: f.open },
              { key: 'overdue', value: f.overdue },
              { key: 'acceptP50', value: minutes(f.acceptP50) },
              { key: 'acceptP90', value: minutes(f.acceptP90) },
              { key: 'closeP50', value: minutes(f.closeP50) },
              { key: 'closeP90', value: minutes(f.closeP90) },
              { key: 'falseAlarm', value: pct(f.falseAlarmRate) },
              {
                key: 'coverage',
                value: hasDenominator(f.patrol.planned)
                  ? `${pct(f.patrol.rate)}（${f.patrol.done}/${f.patrol.planned}）`
                  : '—',
              },
            ].map((s) => (
              <Col key={s.key} xs={12} md={8} lg={6} xl={4}>
                <Card>
                  <Statistic title={t(`safety.figures.${s.key as 'total'}`)} value={s.value} />
                </Card>
              </Col>
            ))}
          </Row>
          <Row gutter={[16, 16]} style={{ marginTop: 16 }}>
            {(
              [
                ['bySource', rows(f.bySource, 'source')],
                ['byStatus', rows(f.byStatus, 'status')],
                ['byPriority', rows(f.byPriority, 'priority')],
                ['byClosure', rows(f.byClosure, 'closure')],
              ] as const
            ).map(([key, data]) => (
              <Col key={key} xs={24} lg={12}>
                <Card title={t(`safety.figures.${key}`)}>
                  <CountBars title={t(`safety.figures.${key}`)} rows={data} height={280} />
                </Card>
              </Col>
            ))}
            <Col xs={24} lg={12}>
              <Card title={t('safety.figures.weeks')}>
                <Chart
                  label={`${t('safety.figures.weeks')}：${f.patrolWeeks.map((w) => `${w.weekStart.slice(5, 10)} ${w.done}/${w.planned}`).join('，')}`}
                  option={{
                    aria: { enabled: true },
                    tooltip: { trigger: 'axis' },
                    legend: { top: 0 },
                    grid: { left: 40, right: 16, top: 32, bottom: 24 },
                    xAxis: {
                      type: 'category',
                      data: f.patrolWeeks.map((w) => weekLabel(w.weekStart)),
                    },
                    yAxis: { type: 'value', minInterval: 1 },
                    series: [
                      {
                        name: t('safety.figures.planned'),
                        type: 'bar',
                        data: f.patrolWeeks.map((w) => w.planned),
                      },
                      { name: t('safety.figures.done'), type: 'bar', data: f.patrolWeeks.map((w) => w.done) },
                    ],
                  }}
                />
              </Card>
            </Col>
            <Col xs={24} lg={12}>
              <Card title={t('safety.figures.registers')}>
                <Row gutter={[16, 16]}>
                  {(['buildingsHigh', 'rentalFlagged', 'merchantsHigh', 'chargingHigh'] as const).map((k) => (
                    <Col key={k} span={12}>
                      <Statistic title={t(`safety.figures.${k}`)} value={f.registers[k]} />
                    </Col>
                  ))}
                </Row>
              </Card>
            </Col>
          </Row>
        </>
      ) : null}
    </Page>
  );
}
