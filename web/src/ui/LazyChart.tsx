// ECharts loads with the first chart shown, not with the sign-in page or the forms.
import { lazy, Suspense } from 'react';

import type { ChartOption } from './chart-option';

const Chart = lazy(() => import('./Chart'));

export function LazyChart(props: { option: ChartOption; label: string; height?: number }) {
  return (
    <Suspense fallback={<div className="chart" role="img" aria-label={props.label} />}>
      <Chart {...props} />
    </Suspense>
  );
}

export type { ChartOption };
