import { useEffect, useRef } from 'react';
import * as echarts from 'echarts';

/** One ECharts chart that follows its option and its container's size; its numbers are in `label`. */
export function Chart({ option, label }: { option: echarts.EChartsOption; label: string }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!ref.current) return;
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
      <div ref={ref} className="gz-af-chart" aria-hidden />
    </div>
  );
}
