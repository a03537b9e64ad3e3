import { useEffect, useMemo, useRef } from 'react';
import type { EChartsOption } from 'echarts';
import { ScatterChart } from 'echarts/charts';
import { AriaComponent, GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import type { Analysis } from './opinion.api.ts';

// Only the scatter and its parts: the rest of ECharts stays out of this page's chunk.
echarts.use([ScatterChart, AriaComponent, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

// dark enough for white text on the group tags (WCAG AA contrast)
export const GROUP_COLOURS = ['#0958d9', '#ad4e00', '#237804', '#9e1068', '#531dab'];

/**
 * The participants as anonymous points on the first two principal components, coloured by group.
 * Screen readers hear `label` (the groups and their sizes in words).
 */
export function OpinionScatter({
  analysis,
  label,
  groupName,
}: {
  analysis: Analysis;
  label: string;
  groupName: (id: number, size: number) => string;
}) {
  const ref = useRef<HTMLDivElement>(null);
  const option = useMemo<EChartsOption>(
    () => ({
      aria: { enabled: false },
      tooltip: { show: false },
      legend: { top: 0 },
      grid: { left: 24, right: 24, top: 40, bottom: 24 },
      xAxis: { type: 'value', axisLabel: { show: false }, splitLine: { show: false } },
      yAxis: { type: 'value', axisLabel: { show: false }, splitLine: { show: false } },
      series: analysis.groups.map((g, i) => ({
        type: 'scatter',
        name: groupName(g.id, g.size),
        symbolSize: 8,
        itemStyle: { color: GROUP_COLOURS[i % GROUP_COLOURS.length], opacity: 0.75 },
        data: analysis.points.filter((p) => p.groupId === g.id).map((p) => [p.x, p.y]),
      })),
    }),
    [analysis, groupName],
  );
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
    <div role="img" aria-label={label} data-testid="opinion-scatter">
      <div ref={ref} style={{ height: 360 }} aria-hidden />
    </div>
  );
}
