import { useMemo } from 'react';
import { Card, Col, Row, Statistic, Table } from 'antd';
import type * as echarts from 'echarts';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { Chart } from '../../components/Chart.tsx';
import { useKindLabel } from './common.tsx';
import { useFigures, useIngestStats, type DeviceKind, type IotFigures } from './iot.api.ts';
import './iot.css';

export function FiguresTab() {
  const { t } = useTranslation();
  const kindLabel = useKindLabel();
  const figures = useFigures();
  const stats = useIngestStats();
  const f = figures.data;
  const byKind = useMemo<echarts.EChartsOption | null>(
    () =>
      f === undefined
        ? null
        : {
            aria: { enabled: true },
            tooltip: {},
            grid: { left: 150, right: 32, top: 16, bottom: 24 },
            xAxis: { type: 'value', minInterval: 1 },
            yAxis: { type: 'category', inverse: true, data: f.byKind.map((k) => kindLabel(k.kind)) },
            series: [
              { type: 'bar', data: f.byKind.map((k) => k.total), label: { show: true, position: 'right' } },
            ],
          },
    [f, kindLabel],
  );
  const perDay = useMemo<echarts.EChartsOption | null>(
    () =>
      f === undefined
        ? null
        : {
            aria: { enabled: true },
            tooltip: { trigger: 'axis' },
            grid: { left: 40, right: 16, top: 16, bottom: 32 },
            xAxis: { type: 'category', data: f.perDay.map((d) => d.day.slice(5)) },
            yAxis: { type: 'value', minInterval: 1 },
            series: [{ type: 'bar', data: f.perDay.map((d) => d.total) }],
          },
    [f],
  );
  return (
    <>
      <ErrorAlert error={figures.error ?? stats.error} title={t('errors.loadFailed')} />
      <FigureCards f={f} />
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={12}>
          <h3 className="gz-section-title">{t('iot.figures.byKind')}</h3>
          {byKind ? (
            <Chart
              height={260}
              option={byKind}
              label={`${t('iot.figures.byKind')}：${f!.byKind.map((k) => `${kindLabel(k.kind)} ${k.total}`).join('，')}`}
            />
          ) : null}
        </Col>
        <Col xs={24} lg={12}>
          <h3 className="gz-section-title">{t('iot.figures.perDay')}</h3>
          {perDay ? (
            <Chart
              height={260}
              option={perDay}
              label={`${t('iot.figures.perDay')}：${f!.perDay.map((d) => `${d.day} ${d.total}`).join('，')}`}
            />
          ) : null}
        </Col>
      </Row>
      <h3 className="gz-section-title">{t('iot.figures.ingest')}</h3>
      <Table
        rowKey="kind"
        size="small"
        pagination={false}
        loading={stats.isPending}
        dataSource={stats.data?.byKind ?? []}
        columns={[
          { title: t('iot.device.kind'), dataIndex: 'kind', render: (k: DeviceKind) => kindLabel(k) },
          { title: t('iot.figures.messages'), dataIndex: 'messages', align: 'right' },
          { title: t('iot.figures.malformed'), dataIndex: 'malformed', align: 'right' },
          { title: t('iot.figures.rejected'), dataIndex: 'rejected', align: 'right' },
        ]}
        summary={() =>
          stats.data ? (
            <Table.Summary.Row>
              <Table.Summary.Cell index={0}>Σ</Table.Summary.Cell>
              <Table.Summary.Cell index={1} align="right">
                {stats.data.messages}
              </Table.Summary.Cell>
              <Table.Summary.Cell index={2} align="right">
                {stats.data.malformed}
              </Table.Summary.Cell>
              <Table.Summary.Cell index={3} align="right">
                {stats.data.rejected}
              </Table.Summary.Cell>
            </Table.Summary.Row>
          ) : null
        }
      />
    </>
  );
}

/** The four headline figures: open, unacknowledged, the last 30 days, mean time to acknowledge. */
function FigureCards({ f }: { f: IotFigures | undefined }) {
  const { t } = useTranslation();
  return (
    <Row gutter={[12, 12]}>
      <Col xs={12} md={6}>
        <Card size="small">
          <Statistic title={t('iot.figures.open')} value={f?.openAlarms ?? '—'} />
        </Card>
      </Col>
      <Col xs={12} md={6}>
        <Card size="small">
          <Statistic title={t('iot.figures.unack')} value={f?.unacknowledged ?? '—'} />
        </Card>
      </Col>
      <Col xs={12} md={6}>
        <Card size="small">
          <Statistic title={t('iot.figures.last30')} value={f?.alarmsLast30Days ?? '—'} />
        </Card>
      </Col>
      <Col xs={12} md={6}>
        <Card size="small">
          <Statistic
            title={t('iot.figures.mtta')}
            value={
              f?.meanMinutesToAcknowledge === null || f === undefined
                ? '—'
                : t('iot.figures.minutes', { n: f.meanMinutesToAcknowledge })
            }
          />
        </Card>
      </Col>
    </Row>
  );
}
