// A clustering run as a picture: the sampled cadres on the first two principal components of their
// scaled capability gaps, one colour per cluster. Loaded for the run shown only (a few thousand points).
import { useMemo } from 'react';
import { useQuery } from 'urql';

import { ClusterPicture } from '../api/operations';
import { useI18n } from '../i18n';
import { LazyChart as Chart, type ChartOption } from '../ui/LazyChart';
import { ErrorBox } from '../ui/Problems';

// Distinguishable for the common colour-vision deficiencies (Okabe-Ito).
const COLOURS = ['#0072b2', '#e69f00', '#009e73', '#cc79a7', '#56b4e9', '#d55e00', '#f0e442', '#000000'];

export function ClusterScatter({ runId, clusterName }: { runId: string; clusterName(index: number): string }) {
  const { t, number } = useI18n();
  const [{ data, error, fetching }] = useQuery({ query: ClusterPicture, variables: { id: runId } });
  const projection = data?.clusteringRun?.projection;
  const option = useMemo<ChartOption | null>(() => {
    if (!projection) return null;
    const clusters = [...new Set(projection.points.map((p) => p.cluster))].sort((a, b) => a - b);
    const axis = (n: number) => t('clusters.axis', { n, share: `${number(projection.explainedVariance[n - 1] * 100, 1)}%` });
    return {
      tooltip: { trigger: 'item', formatter: (p: { data: [number, number, string] }) => p.data[2] },
      legend: { top: 0 },
      grid: { left: 16, right: 24, top: 40, bottom: 16, outerBoundsMode: 'same', outerBoundsContain: 'all' },
      xAxis: { type: 'value', name: axis(1), nameLocation: 'middle', nameGap: 28, scale: true },
      yAxis: { type: 'value', name: axis(2), nameLocation: 'middle', nameGap: 36, scale: true },
      series: clusters.map((cluster) => ({
        type: 'scatter',
        name: clusterName(cluster),
        symbolSize: 6,
        itemStyle: { color: COLOURS[cluster % COLOURS.length], opacity: 0.75 },
        data: projection.points.filter((p) => p.cluster === cluster).map((p) => [p.x, p.y, p.cadreId]),
      })),
    };
  }, [projection, clusterName, number, t]);
  return (
    <div className="card" data-testid="cluster-picture">
      <h2>{t('clusters.picture')}</h2>
      {fetching && !data && <p aria-live="polite">{t('common.loading')}</p>}
      <ErrorBox error={error} />
      {data && !projection && <p className="empty">{t('clusters.noPicture')}</p>}
      {option && projection && (
        <>
          <Chart option={option} label={t('clusters.picture')} height={420} />
          <p className="note" data-testid="cluster-picture-points">
            {t('clusters.points', {
              count: number(projection.points.length, 0),
              share: `${number((projection.explainedVariance[0] + projection.explainedVariance[1]) * 100, 1)}%`,
            })}
          </p>
        </>
      )}
    </div>
  );
}
