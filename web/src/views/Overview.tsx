// The organisation department's city overview for a period: units ranked within their peer
// groups, grades against the excellent quota, red and black lists, anomalies, supervisory
// interviews due and data completeness.
import { useMemo, useState } from 'react';
import { useQuery } from 'urql';

import { CityOverview } from '../api/operations';
import type { CityOverviewQuery } from '../gql/graphql';
import { useI18n } from '../i18n';
import type { MessageKey } from '../i18n/messages';
import { Link } from '../router';
import { LazyChart as Chart, type ChartOption } from '../ui/LazyChart';
import { DataTable } from '../ui/DataTable';
import { PeriodField } from '../ui/PeriodField';
import { ErrorBox } from '../ui/Problems';
import { useCategoryName } from '../ui/categories';
import { AttainmentHeatMap } from './AttainmentHeatMap';
import { FollowUps } from './FollowUps';

const GRADES = ['excellent', 'competent', 'basically_competent', 'incompetent'] as const;
const GRADE_COLOURS = ['#2e7d32', '#1565c0', '#ef6c00', '#c62828'];
type UnitScoreRow = CityOverviewQuery['unitScores'][number];

export function Overview({ initialPeriod }: { initialPeriod: string }) {
  const { t, number, dateTime } = useI18n();
  const [period, setPeriod] = useState(initialPeriod);
  const [{ data, fetching, error }] = useQuery({ query: CityOverview, variables: { period, limit: 500 } });
  const names = useMemo(() => new Map(data?.units.map((u) => [u.id, u.name]) ?? []), [data]);
  const name = (id: string) => names.get(id) ?? id;
  const categoryName = useCategoryName();
  const groups = useMemo(() => {
    const byGroup = new Map<string, UnitScoreRow[]>();
    for (const score of data?.unitScores ?? []) byGroup.set(score.unitCategory, [...(byGroup.get(score.unitCategory) ?? []), score]);
    return [...byGroup.entries()].sort(([a], [b]) => a.localeCompare(b));
  }, [data]);
  const distribution = useMemo<ChartOption>(
    () => ({
      tooltip: { trigger: 'axis' },
      legend: { top: 0 },
      grid: { left: 40, right: 16, top: 40, bottom: 60 },
      xAxis: { type: 'category', data: groups.map(([g]) => categoryName(g)), axisLabel: { rotate: 30 } },
      yAxis: { type: 'value', minInterval: 1 },
      series: [
        ...GRADES.map((grade, i) => ({
          name: t(`grade.${grade}` as MessageKey),
          type: 'bar',
          stack: 'grades',
          itemStyle: { color: GRADE_COLOURS[i] },
          data: groups.map(([, rows]) => rows.filter((r) => r.grade === grade).length),
        })),
        {
          name: t('overview.quota'),
          type: 'line',
          symbol: 'diamond',
          symbolSize: 12,
          lineStyle: { type: 'dashed' },
          itemStyle: { color: '#6a1b9a' },
          data: groups.map(([, rows]) => rows[0]?.excellentPlaces ?? 0),
        },
      ],
    }),
    [groups, t, categoryName],
  );
  const red = data?.periodLists.filter((e) => e.listName === 'red') ?? [];
  const black = data?.periodLists.filter((e) => e.listName === 'black') ?? [];

  return (
    <section aria-labelledby="overview-title">
      <h1 id="overview-title">{t('overview.title')}</h1>
      <PeriodField value={period} onChange={setPeriod} />
      {fetching && <p aria-live="polite">{t('common.loading')}</p>}
      <ErrorBox error={error} />
      {data && (
        <>
          <p className="figure">
            {t('overview.roster')}: <strong>{number(data.scoringRosterSize, 0)}</strong>
          </p>
          <div className="card">
            <h2>{t('overview.distribution')}</h2>
            {groups.length ? <Chart option={distribution} label={t('overview.distribution')} /> : <p className="empty">{t('common.empty')}</p>}
          </div>
          <AttainmentHeatMap key={period} period={period} categories={groups.map(([g]) => g)} name={name} categoryName={categoryName} />
          <div className="card" data-testid="rankings">
            <h2>{t('overview.rankings')}</h2>
            {groups.length === 0 && <p className="empty">{t('common.empty')}</p>}
            {groups.map(([group, rows]) => (
              <DataTable
                key={group}
                caption={`${t('overview.peerGroup')}: ${categoryName(group)}`}
                exportName={`rankings-${period}-${group}`}
                rows={rows}
                rowKey={(r) => r.unitId}
                columns={[
                  { header: t('common.rank'), value: (r) => r.rank, numeric: true },
                  { header: t('common.unit'), value: (r) => name(r.unitId), render: (r) => <Link to={`/units/${r.unitId}?period=${period}`}>{name(r.unitId)}</Link> },
                  { header: t('common.score'), value: (r) => r.score, render: (r) => number(r.score, 2), numeric: true },
                  { header: t('common.grade'), value: (r) => t(`grade.${r.grade}` as MessageKey) },
                ]}
              />
            ))}
          </div>
          <div className="card two-columns">
            <h2>{t('overview.lists')}</h2>
            {[
              [t('overview.red'), red],
              [t('overview.black'), black],
            ].map(([caption, rows]) => (
              <DataTable
                key={caption as string}
                caption={caption as string}
                exportName={`${caption as string}-${period}`}
                rows={rows as typeof red}
                rowKey={(r) => r.unitId}
                columns={[
                  { header: t('common.unit'), value: (r) => name(r.unitId) },
                  { header: t('common.reason'), value: (r) => r.reasons.join('; ') },
                ]}
              />
            ))}
          </div>
          <div className="card">
            <h2>{t('overview.anomalies')}</h2>
            <DataTable
              caption={t('overview.anomalies')}
              exportName={`anomalies-${period}`}
              rows={data.anomalies}
              rowKey={(r) => r.anomalyId}
              columns={[
                { header: t('common.unit'), value: (r) => name(r.unitId) },
                { header: t('common.rule'), value: (r) => `${r.kind}: ${r.rule}` },
                { header: t('common.reason'), value: (r) => r.detail },
                { header: t('scoring.startedAt'), value: (r) => dateTime(r.detectedAt) },
              ]}
            />
          </div>
          <FollowUps period={period} name={name} categoryName={categoryName} />
        </>
      )}
    </section>
  );
}
