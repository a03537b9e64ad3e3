import { useEffect, useRef, useState } from 'react';
import { Alert, Button, Card as AntCard, Progress, Space, Tag } from 'antd';
import { DownloadOutlined, FileExcelOutlined, FilePdfOutlined } from '@ant-design/icons';
import { BarChart, FunnelChart } from 'echarts/charts';
import { GridComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import type { EChartsOption } from 'echarts';
import { Link, useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import {
  cardLabels,
  figureLabel,
  formatFigure,
  type Card,
  type Figure,
  type ReportBody,
} from '../../../contract/dashboard.ts';
import { useJob } from '../../api/jobs.ts';
import { hasPermission, useMeQuery } from '../../app/session.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { currentLanguage } from '../../i18n/index.ts';
import { hasDenominator } from '../../components/ratio.ts';
import { useRequestReport } from './dashboard.api.ts';

echarts.use([BarChart, FunnelChart, GridComponent, TooltipComponent, SVGRenderer]);

export function useLang(): 'zh' | 'en' {
  useTranslation(); // re-render on a language switch
  return currentLanguage();
}

/** The figure's link, when the viewer may open the page it leads to. */
export function useFigureHref(): (f: Pick<Figure, 'link'>) => string | null {
  const me = useMeQuery().data;
  return (f) => (f.link && me && hasPermission(me, f.link.permission) ? f.link.href : null);
}

/** One ECharts chart for the component's life; clicking an item follows its link. */
export function EChart({
  option,
  height,
  label,
  onItemClick,
}: {
  option: EChartsOption;
  /** Pixels, or '100%' of a container that sets the height (the big screen's fitted panels). */
  height: number | '100%';
  label: string;
  onItemClick?: (index: number) => void;
}) {
  const ref = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);
  const click = useRef(onItemClick);
  useEffect(() => {
    click.current = onItemClick;
  });
  useEffect(() => {
    if (!ref.current) return undefined;
    const instance = echarts.init(ref.current, undefined, { renderer: 'svg' });
    chart.current = instance;
    instance.on('click', (params) => click.current?.(params.dataIndex));
    const observer = new ResizeObserver(() => instance.resize());
    observer.observe(ref.current);
    return () => {
      observer.disconnect();
      instance.dispose();
      chart.current = null;
    };
  }, []);
  useEffect(() => {
    chart.current?.setOption(option, { notMerge: true });
  }, [option]);
  // The numbers are spoken from our own label; the drawing itself is hidden from screen readers.
  return (
    <div role="img" aria-label={label} style={height === '100%' ? { height } : undefined}>
      <div ref={ref} style={{ height, width: '100%' }} aria-hidden />
    </div>
  );
}

/** Horizontal bars of a card's series: counts to scale, rates on 0–100 %. */
export function seriesOption(series: Figure[], lang: 'zh' | 'en', dark = false): EChartsOption {
  const rates = series.every((f) => f.kind === 'rate');
  const text = dark ? '#e6edf7' : '#1f2937';
  const size = dark ? 20 : 12;
  return {
    grid: { left: 8, right: 64, top: 8, bottom: 8, containLabel: true },
    tooltip: {},
    xAxis: {
      type: 'value',
      max: rates ? 1 : undefined,
      minInterval: rates ? undefined : 1,
      axisLabel: { show: false },
      splitLine: { show: false },
    },
    yAxis: {
      type: 'category',
      inverse: true,
      data: series.map((f) => figureLabel(f, lang)),
      axisLabel: { color: text, fontSize: size, width: dark ? 220 : 130, overflow: 'truncate' },
    },
    series: [
      {
        type: 'bar',
        data: series.map((f) => f.value ?? 0),
        itemStyle: { color: dark ? '#60a5fa' : '#1f5fbf' },
        cursor: 'pointer',
        label: {
          show: true,
          position: 'right',
          color: text,
          fontSize: size,
          formatter: (p) => formatFigure(series[p.dataIndex]!),
        },
      },
    ],
  };
}

export function describeSeries(title: string, series: Figure[], lang: 'zh' | 'en'): string {
  return `${title}${lang === 'zh' ? '：' : ': '}${series.map((f) => `${figureLabel(f, lang)} ${formatFigure(f)}`).join(lang === 'zh' ? '，' : ', ')}`;
}

/** A figure: its value, linked to the records behind it when the viewer may open them. */
export function FigureTile({ figure, testId }: { figure: Figure; testId?: string }) {
  const lang = useLang();
  const hrefOf = useFigureHref();
  const href = hrefOf(figure);
  const value = formatFigure(figure);
  const detail =
    figure.kind === 'rate' && hasDenominator(figure.of) ? `${figure.count} / ${figure.of}` : null;
  return (
    <div className="gz-db-figure">
      <div className="gz-db-figure-label">{figureLabel(figure, lang)}</div>
      <div className="gz-db-figure-value" data-testid={testId}>
        {href ? <Link to={href}>{value}</Link> : value}
      </div>
      {detail ? <div className="gz-db-figure-detail">{detail}</div> : null}
    </div>
  );
}

export function DashboardCard({ card, estateSelected }: { card: Card; estateSelected: boolean }) {
  const { t } = useTranslation();
  const lang = useLang();
  const navigate = useNavigate();
  const hrefOf = useFigureHref();
  const title = cardLabels[card.key][lang];
  const cardHref = card.link ? hrefOf(card) : null;
  return (
    <AntCard
      className="gz-db-card"
      title={
        <Space wrap>
          <h3 className="gz-db-card-title">{title}</h3>
          {card.scope === 'street' && estateSelected ? <Tag>{t('dashboard.streetWide')}</Tag> : null}
        </Space>
      }
      extra={cardHref ? <Link to={cardHref}>{t('dashboard.open')}</Link> : null}
    >
      <div className="gz-db-figures">
        {card.figures.map((f) => (
          <FigureTile key={`${f.key}-${f.label ?? ''}`} figure={f} testId={`figure-${card.key}-${f.key}`} />
        ))}
      </div>
      {card.series.length ? (
        <EChart
          option={seriesOption(card.series, lang)}
          height={Math.max(80, card.series.length * 26 + 16)}
          label={describeSeries(title, card.series, lang)}
          onItemClick={(i) => {
            const href = hrefOf(card.series[i]!);
            if (href) void navigate(href);
          }}
        />
      ) : null}
    </AntCard>
  );
}

/** Export buttons: the report is made in the background; progress shows, then a download link. */
export function ReportButtons({ body }: { body: Omit<ReportBody, 'format'> }) {
  const { t } = useTranslation();
  const request = useRequestReport();
  const [jobId, setJobId] = useState<number | null>(null);
  const job = useJob(jobId);
  const start = (format: ReportBody['format']) => {
    request.mutate({ ...body, format }, { onSuccess: (r) => setJobId(r.jobId) });
  };
  const j = job.data;
  const busy = request.isPending || (j !== undefined && (j.status === 'queued' || j.status === 'running'));
  return (
    <div className="gz-db-report">
      <Space wrap>
        <Button icon={<FileExcelOutlined aria-hidden />} onClick={() => start('xlsx')} disabled={busy}>
          {t('dashboard.export.xlsx')}
        </Button>
        <Button icon={<FilePdfOutlined aria-hidden />} onClick={() => start('pdf')} disabled={busy}>
          {t('dashboard.export.pdf')}
        </Button>
      </Space>
      <ErrorAlert error={request.error ?? job.error} />
      {j ? (
        <div className="gz-db-report-status" role="status" aria-live="polite" data-testid="report-status">
          {j.status === 'queued' ? t('dashboard.export.queued') : null}
          {j.status === 'running'
            ? t('dashboard.export.running', { done: j.progressDone, total: j.progressTotal })
            : null}
          {j.status === 'queued' || j.status === 'running' ? (
            <Progress
              percent={j.progressTotal ? Math.round((100 * j.progressDone) / j.progressTotal) : 0}
              size="small"
              aria-label={t('dashboard.export.running', { done: j.progressDone, total: j.progressTotal })}
            />
          ) : null}
          {j.status === 'done' && j.downloadUrl ? (
            <Space>
              <span>{t('dashboard.export.done')}</span>
              <Button
                type="primary"
                icon={<DownloadOutlined aria-hidden />}
                href={j.downloadUrl}
                data-testid="report-download"
              >
                {t('dashboard.export.download')}
              </Button>
            </Space>
          ) : null}
          {j.status === 'failed' ? (
            <Alert type="error" showIcon message={t('dashboard.export.failed', { error: j.error ?? '' })} />
          ) : null}
        </div>
      ) : null}
    </div>
  );
}
