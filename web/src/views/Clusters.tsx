// The capability-gap clusters of a clustering run: cadres on two principal components coloured by
// cluster, each cluster's size as a bar, its share of each position level, its mean gaps and its
// recommendation. Administrators can cluster a period again.
import { useMemo, useState, type FormEvent } from 'react';
import { useMutation, useQuery } from 'urql';

import { ClusteringRuns, RetrainClustering } from '../api/operations';
import { useSession } from '../auth/session';
import { useI18n } from '../i18n';
import { DataTable } from '../ui/DataTable';
import { LazyChart as Chart, type ChartOption } from '../ui/LazyChart';
import { DEFAULT_PERIOD } from '../ui/PeriodField';
import { ErrorBox } from '../ui/Problems';
import { ClusterScatter } from './ClusterScatter';

export function Clusters() {
  const { t, number, dateTime } = useI18n();
  const { session } = useSession();
  const [{ data, error, fetching }, reload] = useQuery({ query: ClusteringRuns });
  const [retrained, retrain] = useMutation(RetrainClustering);
  const [chosen, setChosen] = useState<string | null>(null);
  const [period, setPeriod] = useState(DEFAULT_PERIOD);
  const runs = data?.clusteringRuns ?? [];
  const run = runs.find((r) => r.id === chosen) ?? runs[0];
  const clusterName = (index: number) => t('clusters.cluster', { index: index + 1 });
  const sizes = useMemo<ChartOption>(
    () => ({
      tooltip: { trigger: 'axis' },
      grid: { left: 48, right: 16, top: 24, bottom: 32 },
      xAxis: { type: 'category', data: run?.clusters.map((c) => t('clusters.cluster', { index: c.index + 1 })) ?? [] },
      yAxis: { type: 'value', minInterval: 1, name: t('clusters.size') },
      series: [{ type: 'bar', name: t('clusters.size'), itemStyle: { color: '#0b4f9c' }, label: { show: true, position: 'top' }, data: run?.clusters.map((c) => c.size) ?? [] }],
    }),
    [run, t],
  );
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const result = await retrain({ period: period.trim() || null });
    if (result.data) setChosen(result.data.retrainClustering.id);
    reload({ requestPolicy: 'network-only' });
  };
  const percent = (share: number) => `${number(share * 100, 1)}%`;

  return (
    <section aria-labelledby="clusters-title">
      <h1 id="clusters-title">{t('clusters.title')}</h1>
      <p className="note">{t('clusters.help')}</p>
      {session?.claims.role === 'admin' && (
        <form className="inline-form" onSubmit={submit}>
          <label>
            {t('common.period')}
            <input className="short" value={period} onChange={(event) => setPeriod(event.target.value)} />
          </label>
          <button type="submit" disabled={retrained.fetching}>
            {t('clusters.retrain')}
          </button>
        </form>
      )}
      <ErrorBox error={retrained.error} />
      {retrained.data && (
        <p className={retrained.data.retrainClustering.status === 'completed' ? 'success' : 'error'} role="status" data-testid="clustering-finished">
          {retrained.data.retrainClustering.message}
        </p>
      )}
      {fetching && !data && <p aria-live="polite">{t('common.loading')}</p>}
      <ErrorBox error={error} />
      {data && runs.length === 0 && <p className="empty">{t('clusters.none')}</p>}
      {run && (
        <>
          <div className="inline-form">
            <label>
              {t('clusters.run')}
              <select value={run.id} onChange={(event) => setChosen(event.target.value)}>
                {runs.map((r) => (
                  <option key={r.id} value={r.id}>
                    {r.period ?? '–'} · {dateTime(r.startedAt)} · {r.status}
                  </option>
                ))}
              </select>
            </label>
          </div>
          <dl className="figures" data-testid="clustering-run">
            <div>
              <dt>{t('common.period')}</dt>
              <dd>{run.period ?? '–'}</dd>
            </div>
            <div>
              <dt>{t('clusters.cadres')}</dt>
              <dd>{number(run.cadreCount, 0)}</dd>
            </div>
            <div>
              <dt>{t('clusters.k')}</dt>
              <dd>{run.k ?? '–'}</dd>
            </div>
            <div>
              <dt>{t('clusters.silhouette')}</dt>
              <dd>{number(run.silhouette, 3)}</dd>
            </div>
          </dl>
          {run.status !== 'completed' && (
            <p className="error" role="status">
              {run.message}
            </p>
          )}
          {run.clusters.length > 0 && <ClusterScatter key={run.id} runId={run.id} clusterName={clusterName} />}
          {run.clusters.length > 0 && (
            <div className="card">
              <h2>{t('clusters.sizes')}</h2>
              <Chart option={sizes} label={t('clusters.sizes')} height={260} />
              <DataTable
                caption={t('clusters.recommendations')}
                exportName={`clusters-${run.id}`}
                rows={run.clusters}
                rowKey={(c) => String(c.index)}
                columns={[
                  { header: t('clusters.name'), value: (c) => clusterName(c.index) },
                  { header: t('clusters.size'), value: (c) => c.size, numeric: true },
                  { header: t('clusters.share'), value: (c) => c.share, render: (c) => percent(c.share), numeric: true },
                  { header: t('clusters.defining'), value: (c) => c.definingCapabilities.join(', ') || '–' },
                  { header: t('clusters.recommendation'), value: (c) => c.recommendation },
                ]}
              />
            </div>
          )}
          {run.clusters.map((c) => (
            <details className="card" key={c.index}>
              <summary>
                {clusterName(c.index)} · {t('clusters.size')} {c.size}
              </summary>
              <p>{c.recommendation}</p>
              <DataTable
                caption={`${clusterName(c.index)}: ${t('clusters.levelShares')}`}
                exportName={`cluster-${c.index + 1}-levels`}
                rows={c.levelShares}
                rowKey={(l) => l.positionLevel}
                columns={[
                  { header: t('effect.level'), value: (l) => l.positionLevel },
                  { header: t('clusters.levelShare'), value: (l) => l.share, render: (l) => percent(l.share), numeric: true },
                ]}
              />
              <DataTable
                caption={`${clusterName(c.index)}: ${t('clusters.meanGaps')}`}
                exportName={`cluster-${c.index + 1}-gaps`}
                rows={c.meanGaps}
                rowKey={(g) => g.capability}
                columns={[
                  { header: t('effect.capability'), value: (g) => g.capability },
                  { header: t('clusters.meanGap'), value: (g) => g.meanGap, render: (g) => number(g.meanGap, 2), numeric: true },
                ]}
              />
            </details>
          ))}
        </>
      )}
    </section>
  );
}
