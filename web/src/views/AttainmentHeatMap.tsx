// A unit x indicator heat map of attainment for a period: the share of each scored indicator's
// weight a unit earned, from its score's breakdown. Loaded on request and per peer group, so the
// overview's first view does not wait for every unit's breakdown.
import { useMemo, useState } from 'react';
import { useQuery } from 'urql';

import { AttainmentBreakdown } from '../api/operations';
import { useI18n } from '../i18n';
import { DataTable } from '../ui/DataTable';
import { LazyChart as Chart, type ChartOption } from '../ui/LazyChart';
import { ErrorBox } from '../ui/Problems';

const SCORED = 'scored';
const MAX_UNITS = 500;

export function AttainmentHeatMap({
  period,
  categories,
  name,
  categoryName,
}: {
  period: string;
  categories: string[];
  name(unitId: string): string;
  categoryName(code: string): string;
}) {
  const { t, number } = useI18n();
  const [category, setCategory] = useState(categories[0] ?? '');
  const [shown, setShown] = useState(false);
  const chosen = categories.includes(category) ? category : (categories[0] ?? '');
  const [{ data, error, fetching }] = useQuery({
    query: AttainmentBreakdown,
    variables: { period, unitCategory: chosen || null, limit: MAX_UNITS },
    pause: !shown || !chosen,
  });
  const grid = useMemo(() => {
    const units = data?.unitScores.map((s) => s.unitId) ?? [];
    const indicators = [...new Set(data?.unitScores.flatMap((s) => s.breakdown.filter((b) => b.kind === SCORED).map((b) => b.indicatorCode)))].sort();
    const cells = new Map<string, number>();
    for (const score of data?.unitScores ?? []) for (const item of score.breakdown) if (item.kind === SCORED) cells.set(`${score.unitId} ${item.indicatorCode}`, item.fraction);
    return { units, indicators, cells };
  }, [data]);
  const option = useMemo<ChartOption>(
    () => ({
      tooltip: { position: 'top' },
      // The colour scale sits above the plot: below it, it ran into the rotated indicator codes.
      grid: { left: 8, right: 24, top: 64, bottom: 8, outerBoundsMode: 'same', outerBoundsContain: 'axisLabel' },
      xAxis: { type: 'category', data: grid.indicators, axisLabel: { rotate: 45, fontSize: 10 }, splitArea: { show: true } },
      yAxis: { type: 'category', data: grid.units.map(name), inverse: true, axisLabel: { fontSize: 11 } },
      visualMap: { min: 0, max: 100, calculable: true, orient: 'horizontal', left: 'center', top: 0, itemHeight: 160, text: ['100%', '0%'], inRange: { color: ['#b2182b', '#fddbc7', '#f7f7f7', '#d1e5f0', '#2166ac'] } },
      series: [
        {
          type: 'heatmap',
          name: t('heat.attainment'),
          data: grid.units.flatMap((unit, y) =>
            grid.indicators.map((indicator, x) => {
              const fraction = grid.cells.get(`${unit} ${indicator}`);
              return [x, y, fraction == null ? '-' : Math.round(fraction * 1000) / 10];
            }),
          ),
          label: { show: grid.indicators.length <= 12, fontSize: 10 },
        },
      ],
    }),
    [grid, name, t],
  );
  return (
    <div className="card" data-testid="attainment-heat-map">
      <h2>{t('heat.title')}</h2>
      <p className="note">{t('heat.help')}</p>
      <div className="inline-form">
        <label>
          {t('overview.peerGroup')}
          <select value={chosen} onChange={(event) => setCategory(event.target.value)}>
            {categories.map((c) => (
              <option key={c} value={c}>
                {categoryName(c)}
              </option>
            ))}
          </select>
        </label>
        {!shown && (
          <button type="button" onClick={() => setShown(true)} disabled={!chosen}>
            {t('heat.show')}
          </button>
        )}
      </div>
      {fetching && <p aria-live="polite">{t('common.loading')}</p>}
      <ErrorBox error={error} />
      {shown && data && grid.units.length === 0 && <p className="empty">{t('common.empty')}</p>}
      {shown && data && grid.units.length > 0 && (
        <>
          <Chart option={option} label={t('heat.chart', { category: categoryName(chosen), period })} height={Math.max(240, 28 * grid.units.length + 150)} />
          <details>
            <summary>{t('heat.table')}</summary>
            <DataTable
              caption={t('heat.chart', { category: categoryName(chosen), period })}
              exportName={`attainment-${chosen}-${period}`}
              rows={grid.units}
              rowKey={(u) => u}
              columns={[
                { header: t('common.unit'), value: (u) => name(u) },
                ...grid.indicators.map((indicator) => ({
                  header: indicator,
                  value: (u: string) => grid.cells.get(`${u} ${indicator}`) ?? null,
                  render: (u: string) => {
                    const fraction = grid.cells.get(`${u} ${indicator}`);
                    return fraction == null ? '–' : `${number(fraction * 100, 1)}%`;
                  },
                  numeric: true,
                })),
              ]}
            />
          </details>
        </>
      )}
    </div>
  );
}
