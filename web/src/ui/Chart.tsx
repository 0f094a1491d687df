// Apache ECharts from echarts/core with only the charts the console draws (the full bundle is 1.3 MB).
import { BarChart, HeatmapChart, LineChart, RadarChart, ScatterChart } from 'echarts/charts';
import { GridComponent, LegendComponent, RadarComponent, TooltipComponent, VisualMapComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';

import type { ChartOption } from './chart-option';

echarts.use([BarChart, HeatmapChart, LineChart, RadarChart, ScatterChart, GridComponent, LegendComponent, RadarComponent, TooltipComponent, VisualMapComponent, CanvasRenderer]);


const FONT = '"Noto Sans CJK SC", "Noto Sans SC", "PingFang SC", "Microsoft YaHei", sans-serif';

export default function Chart({ option, label, height = 320 }: { option: ChartOption; label: string; height?: number }) {
  const element = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!element.current) return;
    const chart = echarts.init(element.current, undefined, { renderer: 'canvas', height });
    const target = element.current;
    // Tests and the benchmark wait for this mark: the chart has drawn.
    chart.on('finished', () => target.setAttribute('data-rendered', 'true'));
    chart.setOption({ textStyle: { fontFamily: FONT }, animation: false, ...option });
    const resize = () => chart.resize();
    window.addEventListener('resize', resize);
    return () => {
      window.removeEventListener('resize', resize);
      chart.dispose();
    };
  }, [option, height]);
  return <div ref={element} className="chart" style={{ height }} role="img" aria-label={label} />;
}
