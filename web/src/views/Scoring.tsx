// Start a scoring run, watch it finish, and read the cadres' ranking it produced.
import { useState } from 'react';
import { useMutation, useQuery } from 'urql';

import { Rankings, RunScoring, ScoringRuns } from '../api/operations';
import { useI18n } from '../i18n';
import type { MessageKey } from '../i18n/messages';
import { DataTable } from '../ui/DataTable';
import { DEFAULT_PERIOD, PeriodField } from '../ui/PeriodField';
import { ErrorBox } from '../ui/Problems';

export function Scoring() {
  const { t, number, dateTime } = useI18n();
  const [period, setPeriod] = useState(DEFAULT_PERIOD);
  const [runs, reloadRuns] = useQuery({ query: ScoringRuns });
  const [ranking, reloadRanking] = useQuery({ query: Rankings, variables: { period } });
  const [run, start] = useMutation(RunScoring);
  const startRun = async () => {
    await start({ period });
    reloadRuns({ requestPolicy: 'network-only' });
    reloadRanking({ requestPolicy: 'network-only' });
  };
  const summary = run.data?.runScoring;
  return (
    <section aria-labelledby="scoring-title">
      <h1 id="scoring-title">{t('scoring.title')}</h1>
      <PeriodField value={period} onChange={setPeriod} />
      <div className="actions">
        <button type="button" onClick={startRun} disabled={run.fetching}>
          {t('scoring.start')} ({period})
        </button>
      </div>
      {run.fetching && (
        <p role="status" aria-live="polite">
          {t('scoring.running')}
        </p>
      )}
      <ErrorBox error={run.error} />
      {summary && !run.fetching && (
        <p className="success" role="status" data-testid="run-finished">
          {t('scoring.finished', { units: summary.units, cadres: summary.cadres, seconds: number(summary.seconds, 2) })}
        </p>
      )}
      <div className="card">
        <h2>{t('scoring.runs')}</h2>
        <ErrorBox error={runs.error} />
        <DataTable
          caption={t('scoring.runs')}
          exportName="scoring-runs"
          rows={runs.data?.scoringRuns ?? []}
          rowKey={(r) => r.runId}
          columns={[
            { header: t('common.period'), value: (r) => r.period },
            { header: t('scoring.startedAt'), value: (r) => dateTime(r.startedAt) },
            { header: t('scoring.seconds'), value: (r) => r.seconds, render: (r) => number(r.seconds, 2), numeric: true },
            { header: t('common.unit'), value: (r) => r.units, numeric: true },
            { header: t('role.cadre'), value: (r) => r.cadres, numeric: true },
            { header: t('scoring.requestedBy'), value: (r) => r.requestedBy },
          ]}
        />
      </div>
      <div className="card" data-testid="cadre-rankings">
        <h2>{t('scoring.rankings')}</h2>
        <ErrorBox error={ranking.error} />
        <DataTable
          caption={`${t('scoring.rankings')} ${period}`}
          exportName={`cadre-rankings-${period}`}
          rows={ranking.data?.rankings ?? []}
          rowKey={(r) => r.cadreId}
          columns={[
            { header: t('overview.peerGroup'), value: (r) => r.peerGroup },
            { header: t('common.rank'), value: (r) => `${r.rank}/${r.peerGroupSize}` },
            { header: t('role.cadre'), value: (r) => r.cadreId },
            { header: t('common.score'), value: (r) => r.total, render: (r) => number(r.total, 2), numeric: true },
            { header: t('common.grade'), value: (r) => t(`grade.${r.grade}` as MessageKey) },
          ]}
        />
      </div>
    </section>
  );
}
