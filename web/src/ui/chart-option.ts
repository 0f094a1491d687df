// Chart options as ECharts takes them, without importing ECharts itself.
import type { EChartsCoreOption } from 'echarts/core';

export type ChartOption = EChartsCoreOption;
