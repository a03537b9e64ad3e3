import { Card, Col, Row, Statistic } from 'antd';
import type { EChartsOption } from 'echarts';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { Page } from '../../components/Page.tsx';
import type { SuggestionChannel, SuggestionStatus } from '../../../contract/suggestions.ts';
import { channelLabel, statusLabel } from './labels.ts';
import { Chart } from '../../components/Chart.tsx';
import { useFigures, type SuggestionFigures } from './suggestions.api.ts';

type Counts = SuggestionFigures['byStatus'];

function bar(title: string, rows: Counts): EChartsOption {
  return {
    aria: { enabled: true },
    title: { text: title, left: 'center', textStyle: { fontSize: 16 } },
    tooltip: {},
    grid: { left: 140, right: 24, top: 48, bottom: 24 },
    xAxis: { type: 'value', minInterval: 1 },
    yAxis: { type: 'category', data: rows.map((r) => r.label), inverse: true },
    series: [{ type: 'bar', data: rows.map((r) => r.count), label: { show: true, position: 'right' } }],
  };
}

/** The chart's numbers as text, for screen readers (colour and shape are never the only carrier). */
function describe(title: string, rows: Counts): string {
  return `${title}：${rows.map((r) => `${r.label} ${r.count}`).join('，')}`;
}

/** 建议统计 (staff): by status, channel, topic and point; on-time rate; adoption — all from records. */
export function FiguresPage() {
  const { t } = useTranslation();
  const figures = useFigures();
  const f = figures.data;
  const byStatus = f?.byStatus.map((r) => ({ ...r, label: statusLabel(t, r.key as SuggestionStatus) })) ?? [];
  const byChannel =
    f?.byChannel.map((r) => ({ ...r, label: channelLabel(t, r.key as SuggestionChannel) })) ?? [];
  return (
    <Page title={t('suggestions.figures.title')} intro={t('suggestions.figures.intro')}>
      <ErrorAlert error={figures.error} onRetry={() => void figures.refetch()} />
      {f ? (
        <Row gutter={[16, 16]}>
          {[
            { key: 'total', value: f.total },
            {
              key: 'onTime',
              value: f.onTime.rate === null ? '—' : `${Math.round(f.onTime.rate * 1000) / 10}%`,
            },
            { key: 'overdue', value: f.overdueOpen },
            { key: 'adopted', value: f.adopted },
            { key: 'inProjects', value: f.inProjects },
            { key: 'projects', value: f.projects },
            { key: 'rating', value: f.averageRating ?? '—' },
          ].map((s) => (
            <Col key={s.key} xs={12} md={6} lg={3}>
              <Card>
                <Statistic title={t(`suggestions.figures.${s.key as 'total'}`)} value={s.value} />
              </Card>
            </Col>
          ))}
          <Col xs={24} lg={12}>
            <Card>
              <Chart
                height={320}
                label={describe(t('suggestions.figures.byStatus'), byStatus)}
                option={bar(t('suggestions.figures.byStatus'), byStatus)}
              />
            </Card>
          </Col>
          <Col xs={24} lg={12}>
            <Card>
              <Chart
                height={320}
                label={describe(t('suggestions.figures.byChannel'), byChannel)}
                option={{
                  aria: { enabled: true },
                  title: {
                    text: t('suggestions.figures.byChannel'),
                    left: 'center',
                    textStyle: { fontSize: 16 },
                  },
                  tooltip: {},
                  series: [
                    {
                      type: 'pie',
                      radius: ['35%', '65%'],
                      label: { formatter: '{b}：{c}' },
                      data: byChannel.map((r) => ({ name: r.label, value: r.count })),
                    },
                  ],
                }}
              />
            </Card>
          </Col>
          <Col xs={24} lg={12}>
            <Card>
              <Chart
                height={320}
                label={describe(t('suggestions.figures.byTopic'), f.byTopic)}
                option={bar(t('suggestions.figures.byTopic'), f.byTopic)}
              />
            </Card>
          </Col>
          <Col xs={24} lg={12}>
            <Card>
              <Chart
                height={320}
                label={describe(t('suggestions.figures.byPoint'), f.byPoint)}
                option={bar(t('suggestions.figures.byPoint'), f.byPoint.slice(0, 12))}
              />
            </Card>
          </Col>
        </Row>
      ) : null}
    </Page>
  );
}
