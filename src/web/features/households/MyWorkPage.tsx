import { useEffect, useRef } from 'react';
import { Alert, Card, Col, Empty, Row, Statistic } from 'antd';
import { BarChart } from 'echarts/charts';
import { GridComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { FullPageSpin } from '../../components/FullPageSpin.tsx';
import { Page } from '../../components/Page.tsx';
import { ConcernStatusTag } from './ConcernsCard.tsx';
import { HouseholdTable } from './HouseholdsPage.tsx';
import { useMyWork, type MyWork } from './households.api.ts';
import { Stages, useStageLabel } from './labels.tsx';
import './households.css';

echarts.use([BarChart, GridComponent, TooltipComponent, SVGRenderer]);

/** 我的包干: my households, whom to call back, what is due, and where my households stand. */
export function MyWorkPage() {
  const { t } = useTranslation();
  const work = useMyWork();
  if (work.isPending) return <FullPageSpin />;
  if (!work.data) {
    return (
      <Page title={t('households.myWork.title')}>
        <ErrorAlert error={work.error} title={t('errors.loadFailed')} onRetry={() => void work.refetch()} />
      </Page>
    );
  }
  const w = work.data;
  const stats: Array<[string, number, string]> = [
    [t('households.myWork.households'), w.households, '/households?mine=1'],
    [t('households.myWork.overdue'), w.overdueFollowUps.length, '/households?mine=1&overdue=1'],
    [t('households.myWork.dueThisWeek'), w.dueThisWeek.length, '#due-week'],
    [t('households.myWork.openConcerns'), w.openConcerns.length, '#open-concerns'],
  ];
  return (
    <Page title={t('households.myWork.title')} intro={t('households.myWork.intro')}>
      {w.offlineCopy ? (
        <Alert
          type="warning"
          showIcon
          className="gz-hh-offline"
          title={t('offline.copyShown')}
          action={<Link to="/field">{t('offline.openField')}</Link>}
        />
      ) : null}
      <Row gutter={[12, 12]} className="gz-hh-stats">
        {stats.map(([label, value, to]) => (
          <Col key={label} xs={12} md={6}>
            <Card size="small">
              <Statistic title={label} value={value} />
              {to.startsWith('/') ? (
                <Link to={to}>{t('households.myWork.view')}</Link>
              ) : (
                <a href={to}>{t('households.myWork.view')}</a>
              )}
            </Card>
          </Col>
        ))}
      </Row>
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={12}>
          <Card title={<h2 className="gz-section-title">{t('households.myWork.overdueTitle')}</h2>}>
            <HouseholdTable
              rows={w.overdueFollowUps}
              total={w.overdueFollowUps.length}
              loading={false}
              compact
            />
          </Card>
        </Col>
        <Col xs={24} xl={12}>
          <Card id="due-week" title={<h2 className="gz-section-title">{t('households.myWork.dueTitle')}</h2>}>
            <HouseholdTable rows={w.dueThisWeek} total={w.dueThisWeek.length} loading={false} compact />
          </Card>
        </Col>
        <Col xs={24} xl={12}>
          <Card
            id="open-concerns"
            title={<h2 className="gz-section-title">{t('households.myWork.concernsTitle')}</h2>}
          >
            {w.openConcerns.length === 0 ? (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('households.concerns.empty')} />
            ) : (
              <ul className="gz-hh-items">
                {w.openConcerns.map((c) => (
                  <li key={c.id} className="gz-hh-item">
                    <ConcernStatusTag concern={c} />
                    <Link to={`/households/${c.householdId}`}>{c.content}</Link>
                    {c.dueDate ? (
                      <p className="gz-hh-meta">{t('households.concerns.due', { date: c.dueDate })}</p>
                    ) : null}
                  </li>
                ))}
              </ul>
            )}
          </Card>
        </Col>
        <Col xs={24} xl={12}>
          <Card title={<h2 className="gz-section-title">{t('households.myWork.stagesTitle')}</h2>}>
            <StageChart counts={w.stageCounts} />
          </Card>
        </Col>
      </Row>
    </Page>
  );
}

function StageChart({ counts }: { counts: MyWork['stageCounts'] }) {
  const { t } = useTranslation();
  const stageLabel = useStageLabel();
  const ref = useRef<HTMLDivElement>(null);
  const byStage = new Map(counts.map((c) => [c.stage, c.count]));
  const rows = Stages.map((s) => ({ stage: s, label: stageLabel(s), count: byStage.get(s) ?? 0 }));
  const summary = rows
    .filter((r) => r.count > 0)
    .map((r) => t('households.myWork.stageCount', { stage: r.label, n: r.count }))
    .join('，');
  const key = JSON.stringify(rows);

  useEffect(() => {
    const el = ref.current;
    if (!el) return undefined;
    const data = JSON.parse(key) as typeof rows;
    const chart = echarts.init(el, undefined, { renderer: 'svg' });
    chart.setOption({
      grid: { left: 8, right: 24, top: 8, bottom: 8, containLabel: true },
      tooltip: { trigger: 'axis' },
      xAxis: { type: 'value', minInterval: 1 },
      yAxis: { type: 'category', inverse: true, data: data.map((r) => r.label) },
      series: [
        {
          type: 'bar',
          data: data.map((r) => r.count),
          itemStyle: { color: '#31a354' },
          label: { show: true, position: 'right' },
        },
      ],
    });
    const observer = new ResizeObserver(() => chart.resize());
    observer.observe(el);
    return () => {
      observer.disconnect();
      chart.dispose();
    };
  }, [key]);

  return (
    <div
      ref={ref}
      className="gz-hh-chart"
      role="img"
      aria-label={
        summary ? t('households.myWork.chartLabel', { summary }) : t('households.myWork.noHouseholds')
      }
    />
  );
}
