import { useEffect, useRef } from 'react';
import { BarChart, GaugeChart } from 'echarts/charts';
import { GridComponent, MarkLineComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import type { EChartsOption } from 'echarts';
import { barPercent, pct } from '../../components/ratio.ts';

echarts.use([BarChart, GaugeChart, GridComponent, MarkLineComponent, TooltipComponent, SVGRenderer]);

/** One chart instance for the component's life; a new option (a live update) is merged into it. */
function EChart({ option, height }: { option: EChartsOption; height: number }) {
  const ref = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);
  useEffect(() => {
    if (!ref.current) return undefined;
    const instance = echarts.init(ref.current, undefined, { renderer: 'svg' });
    chart.current = instance;
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
  return <div ref={ref} style={{ height, width: '100%' }} aria-hidden />;
}

export interface BuildingBar {
  name: string;
  rate: number | null;
  agreed: number;
  eligible: number;
}

/** Per-building rate bars with the % on each bar and the threshold as a dashed line. */
export function BuildingBars({
  buildings,
  threshold,
  thresholdLabel,
  label,
  dark = false,
  height,
}: {
  buildings: BuildingBar[];
  threshold: number;
  thresholdLabel: string;
  label: string;
  dark?: boolean;
  height?: number;
}) {
  const text = dark ? '#e6edf7' : '#1f2937';
  const font = dark ? 22 : 12;
  // On a phone the buildings are listed top to bottom so the labels never overlap.
  const horizontal = window.innerWidth < 700;
  const category = {
    type: 'category' as const,
    data: buildings.map((b) => b.name),
    axisLabel: { color: text, fontSize: horizontal ? 14 : font, interval: 0 },
    ...(horizontal ? { inverse: true } : {}),
  };
  const value = {
    type: 'value' as const,
    max: 100,
    axisLabel: { color: text, fontSize: horizontal ? 12 : font, formatter: '{value}%' },
  };
  const option: EChartsOption = {
    animationDuration: 300,
    grid: { left: 8, right: horizontal ? 56 : 16, top: dark ? 48 : 32, bottom: 8, containLabel: true },
    tooltip: { trigger: 'axis' },
    xAxis: horizontal ? value : category,
    yAxis: horizontal ? category : value,
    series: [
      {
        type: 'bar',
        barMaxWidth: 64,
        data: buildings.map((b) => ({
          value: barPercent(b.rate),
          itemStyle: { color: b.rate !== null && b.rate * 100 >= threshold ? '#16a34a' : '#2563eb' },
        })),
        label: {
          show: true,
          position: horizontal ? 'right' : 'top',
          color: text,
          fontSize: horizontal ? 14 : dark ? 26 : 12,
          fontWeight: 'bold',
          formatter: (p) => pct(buildings[p.dataIndex]?.rate ?? null),
        },
        markLine: {
          symbol: 'none',
          silent: true,
          lineStyle: { color: '#f59e0b', type: 'dashed', width: dark ? 3 : 2 },
          label: {
            position: 'insideEndTop',
            formatter: thresholdLabel,
            color: dark ? '#fbbf24' : '#b45309',
            fontSize: horizontal ? 12 : font,
          },
          data: [horizontal ? { xAxis: threshold } : { yAxis: threshold }],
        },
      },
    ],
  };
  return (
    <div role="img" aria-label={label}>
      <EChart option={option} height={horizontal ? 60 + buildings.length * 30 : (height ?? 260)} />
    </div>
  );
}

/** A gauge of the overall rate (a fraction) for the big screen. */
export function RateGauge({
  rate,
  threshold,
  label,
}: {
  rate: number | null;
  threshold: number;
  label: string;
}) {
  const option: EChartsOption = {
    series: [
      {
        type: 'gauge',
        min: 0,
        max: 100,
        progress: {
          show: true,
          width: 28,
          itemStyle: { color: rate !== null && rate * 100 >= threshold ? '#22c55e' : '#3b82f6' },
        },
        axisLine: {
          lineStyle: {
            width: 28,
            color: [
              [threshold / 100, '#334155'],
              [1, '#14532d'],
            ],
          },
        },
        axisTick: { show: false },
        splitLine: { length: 12, lineStyle: { color: '#94a3b8', width: 2 } },
        axisLabel: { color: '#cbd5e1', fontSize: 18, distance: 36 },
        pointer: { show: false },
        detail: { show: false },
        data: [{ value: barPercent(rate) }],
      },
    ],
  };
  return (
    <div role="img" aria-label={label}>
      <EChart option={option} height={380} />
    </div>
  );
}
