// One unit: its score, every contribution (rule, observation revision, list version, exemption)
// and the monthly values of its indicators as trend lines.
import { useMemo, useState } from 'react';
import { useQuery } from 'urql';

import { UnitPage as UnitPageQuery } from '../api/operations';
import { useI18n } from '../i18n';
import type { MessageKey } from '../i18n/messages';
import { LazyChart as Chart, type ChartOption } from '../ui/LazyChart';
import { DataTable } from '../ui/DataTable';
import { PeriodField } from '../ui/PeriodField';
import { ErrorBox } from '../ui/Problems';

const MONTH = /^\d{4}-\d{2}$/;

export function UnitPage({ unitId, initialPeriod }: { unitId: string; initialPeriod: string }) {
  const { t, number } = useI18n();
  const [period, setPeriod] = useState(initialPeriod);
  const year = Number(period.slice(0, 4));
  const [{ data, fetching, error }] = useQuery({ query: UnitPageQuery, variables: { unitId, period, year } });
  const itemNames = useMemo(() => new Map(data?.indicatorList?.items.map((i) => [i.indicatorCode, i.name]) ?? []), [data]);
  const trend = useMemo<ChartOption | null>(() => {
    const monthly = (data?.unit?.observations ?? []).filter((o) => MONTH.test(o.period) && o.period.startsWith(String(year)));
    if (!monthly.length) return null;
    const months = [...new Set(monthly.map((o) => o.period))].sort();
    const codes = [...new Set(monthly.map((o) => o.indicatorCode))].sort();
    return {
      tooltip: { trigger: 'axis' },
      legend: { type: 'scroll', top: 0 },
      grid: { left: 48, right: 16, top: 48, bottom: 32 },
      xAxis: { type: 'category', data: months },
      yAxis: { type: 'value' },
      series: codes.map((code) => ({
        name: itemNames.get(code) ?? code,
        type: 'line',
        data: months.map((m) => monthly.find((o) => o.indicatorCode === code && o.period === m)?.value ?? null),
      })),
    };
  }, [data, year, itemNames]);
  const score = data?.unitScore;

  return (
    <section aria-labelledby="unit-title">
      <h1 id="unit-title">
        {t('unit.title')}: {data?.unit?.name ?? unitId}
      </h1>
      <PeriodField value={period} onChange={setPeriod} />
      {fetching && <p aria-live="polite">{t('common.loading')}</p>}
      <ErrorBox error={error} />
      {data && !score && <p className="empty">{t('common.empty')}</p>}
      {score && (
        <>
          <dl className="figures">
            <div>
              <dt>{t('common.score')}</dt>
              <dd data-testid="unit-score">{number(score.score, 2)}</dd>
            </div>
            <div>
              <dt>{t('common.grade')}</dt>
              <dd>{t(`grade.${score.grade}` as MessageKey)}</dd>
            </div>
            <div>
              <dt>{t('common.rank')}</dt>
              <dd>
                {score.rank}/{score.peerGroupSize}
              </dd>
            </div>
            <div>
              <dt>{t('unit.weightedSum')}</dt>
              <dd>{number(score.weightedSum, 2)}</dd>
            </div>
            <div>
              <dt>{t('unit.deductions')}</dt>
              <dd>{number(score.deductions, 2)}</dd>
            </div>
            <div>
              <dt>{t('unit.satisfaction')}</dt>
              <dd>{number(score.satisfaction, 1)}</dd>
            </div>
            <div>
              <dt>{t('unit.listVersion')}</dt>
              <dd>{score.listVersion}</dd>
            </div>
          </dl>
          <div className="card">
            <h2>{t('unit.breakdown')}</h2>
            <DataTable
              caption={t('unit.breakdown')}
              exportName={`breakdown-${unitId}-${period}`}
              rows={score.breakdown}
              rowKey={(r) => r.indicatorCode}
              columns={[
                { header: t('common.indicator'), value: (r) => itemNames.get(r.indicatorCode) ?? r.indicatorCode },
                { header: t('common.rule'), value: (r) => `${r.rule} (${r.aggregate})` },
                { header: t('unit.weight'), value: (r) => r.weight, numeric: true },
                { header: t('unit.target'), value: (r) => r.target, render: (r) => number(r.target, 2), numeric: true },
                { header: t('common.value'), value: (r) => r.value, render: (r) => number(r.value, 2), numeric: true },
                { header: t('unit.points'), value: (r) => r.points, render: (r) => number(r.points, 2), numeric: true },
                { header: t('unit.deducted'), value: (r) => r.deducted, render: (r) => number(r.deducted, 2), numeric: true },
                { header: t('unit.effect'), value: (r) => (r.exemptionId ? `${r.effect} (${r.exemptionId})` : r.effect) },
                { header: t('unit.revision'), value: (r) => (r.observationRevision == null ? null : `r${r.observationRevision} ×${r.observationsUsed}`) },
                { header: t('unit.listVersion'), value: (r) => r.listVersion, numeric: true },
              ]}
            />
          </div>
        </>
      )}
      {trend && (
        <div className="card">
          <h2>{t('unit.trend')}</h2>
          <Chart option={trend} label={t('unit.trend')} />
        </div>
      )}
    </section>
  );
}
