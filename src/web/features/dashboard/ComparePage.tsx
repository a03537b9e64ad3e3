import { Card, Col, Empty, Row, Table } from 'antd';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { figureLabels, formatFigure, type Comparison, type Figure } from '../../../contract/dashboard.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { useDateTimeFormat } from '../../components/format.ts';
import { Page } from '../../components/Page.tsx';
import { useComparison } from './dashboard.api.ts';
import { describeSeries, EChart, ReportButtons, seriesOption, useLang } from './parts.tsx';
import './dashboard.css';

type Row = { key: string; label: string; cells: Array<Figure | undefined> };

/** 街道对比: the granted streets side by side — a table of every figure and one bar chart per figure. */
export function ComparePage() {
  const { t } = useTranslation();
  const lang = useLang();
  const format = useDateTimeFormat();
  const compare = useComparison(true);
  const c: Comparison | undefined = compare.data;
  const rows: Row[] =
    c?.keys.map((key) => ({
      key,
      label: figureLabels[key]?.[lang] ?? key,
      cells: c.streets.map((s) => s.figures.find((f) => f.key === key)),
    })) ?? [];
  return (
    <Page title={t('dashboard.compare.title')} intro={t('dashboard.compare.intro')}>
      <ErrorAlert error={compare.error} onRetry={() => void compare.refetch()} />
      {c && c.streets.length === 0 ? <Empty description={t('dashboard.compare.none')} /> : null}
      {c && c.streets.length ? (
        <>
          <div className="gz-db-toolbar">
            <span className="gz-db-generated">
              {t('dashboard.generatedAt', { time: format(c.generatedAt) })}
            </span>
            <ReportButtons body={{ kind: 'compare' }} />
          </div>
          <Table<Row>
            rowKey="key"
            pagination={false}
            size="middle"
            scroll={{ x: true }}
            dataSource={rows}
            columns={[
              { title: t('dashboard.compare.figure'), dataIndex: 'label', fixed: 'left' },
              ...c.streets.map((s, i) => ({
                key: String(s.tenantId),
                title: (
                  <Link to={s.link} aria-label={`${t('dashboard.compare.open')}：${s.name}`}>
                    {s.name}
                  </Link>
                ),
                align: 'right' as const,
                render: (_: unknown, r: Row) => (r.cells[i] ? formatFigure(r.cells[i]) : '—'),
              })),
            ]}
          />
          <Row gutter={[16, 16]} className="gz-db-compare-charts">
            {rows.map((r) => {
              const series = c.streets.map((s, i) => ({
                ...(r.cells[i] ?? {
                  key: r.key,
                  value: null,
                  kind: 'count' as const,
                  count: null,
                  of: null,
                  link: null,
                }),
                label: s.name,
              }));
              return (
                <Col key={r.key} xs={24} md={12} xl={8}>
                  <Card size="small" title={<h2 className="gz-db-card-title">{r.label}</h2>}>
                    <EChart
                      option={seriesOption(series, lang)}
                      height={Math.max(80, series.length * 30 + 16)}
                      label={describeSeries(r.label, series, lang)}
                    />
                  </Card>
                </Col>
              );
            })}
          </Row>
        </>
      ) : null}
    </Page>
  );
}
