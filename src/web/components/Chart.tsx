import { useEffect, useMemo, useRef } from 'react';
import type { EChartsOption } from 'echarts';
import { BarChart, LineChart, PieChart } from 'echarts/charts';
import {
  AriaComponent,
  GridComponent,
  LegendComponent,
  TitleComponent,
  TooltipComponent,
} from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';

// Only what the pages draw with this component (bars, lines, pies and their parts): the whole of
// ECharts is over 1 MB, these are a fraction, and they load with the first page that shows a chart.
echarts.use([
  BarChart,
  LineChart,
  PieChart,
  AriaComponent,
  GridComponent,
  LegendComponent,
  TitleComponent,
  TooltipComponent,
  CanvasRenderer,
]);

/**
 * One ECharts chart that follows its option and its container's width. Screen readers hear `label`
 * (the figures in words, written by the page); ECharts' own generated description stays hidden.
 */
export function Chart({
  option,
  label,
  height = 280,
}: {
  option: EChartsOption;
  label: string;
  height?: number;
}) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!ref.current) return undefined;
    const chart = echarts.init(ref.current);
    chart.setOption(option);
    const observer = new ResizeObserver(() => chart.resize());
    observer.observe(ref.current);
    return () => {
      observer.disconnect();
      chart.dispose();
    };
  }, [option]);
  return (
    <div role="img" aria-label={label}>
      <div ref={ref} style={{ height }} aria-hidden />
    </div>
  );
}

export type CountRows = Array<{ label: string; count: number }>;

/** Counts by category as horizontal bars with their numbers; the spoken label lists every count. */
export function CountBars({ title, rows, height }: { title: string; rows: CountRows; height?: number }) {
  // rows arrive as a new array on every render; the chart is redrawn only when their content changes
  const key = JSON.stringify(rows);
  const option = useMemo<EChartsOption>(() => {
    const counted = JSON.parse(key) as CountRows;
    return {
      aria: { enabled: true },
      tooltip: {},
      grid: { left: 110, right: 32, top: 16, bottom: 24 },
      xAxis: { type: 'value', minInterval: 1 },
      yAxis: { type: 'category', data: counted.map((r) => r.label), inverse: true },
      series: [{ type: 'bar', data: counted.map((r) => r.count), label: { show: true, position: 'right' } }],
    };
  }, [key]);
  return (
    <Chart
      option={option}
      label={`${title}：${rows.map((r) => `${r.label} ${r.count}`).join('，')}`}
      height={height ?? Math.max(120, 48 + rows.length * 36)}
    />
  );
}
