// What the overview asks the organisation department to follow up: supervisory interviews due and
// units whose data are incomplete. A query of its own, so the rankings do not wait for it.
import { useMemo } from 'react';
import { useQuery } from 'urql';

import { OverviewFollowUps } from '../api/operations';
import { useI18n } from '../i18n';
import { DataTable } from '../ui/DataTable';
import { ErrorBox } from '../ui/Problems';

// Rows drawn on the page; the API's answer holds every unit, and the counts say how many there are.
const SHOWN = 20;

export function FollowUps({ period, name, categoryName }: { period: string; name(unitId: string): string; categoryName(code: string): string }) {
  const { t, number } = useI18n();
  const [{ data, error, fetching }] = useQuery({ query: OverviewFollowUps, variables: { period } });
  const incomplete = useMemo(() => data?.dataCompleteness.filter((u) => u.reported < u.items) ?? [], [data]);
  const total = data?.dataCompleteness.length ?? 0;
  return (
    <>
      {fetching && !data && <p aria-live="polite">{t('common.loading')}</p>}
      <ErrorBox error={error} />
      {data && (
        <div className="card" data-testid="interviews-due">
          <h2>
            {t('overview.interviews')} <small>({number(data.interviewsDue.length, 0)})</small>
          </h2>
          <p className="note">{t('overview.interviewsHelp')}</p>
          {data.interviewsDue.length > SHOWN && <p className="note">{t('overview.firstShown', { shown: SHOWN, total: number(data.interviewsDue.length, 0) })}</p>}
          <DataTable
            caption={t('overview.interviews')}
            exportName={`interviews-${period}`}
            rows={data.interviewsDue.slice(0, SHOWN)}
            rowKey={(r) => r.eventId}
            columns={[
              { header: t('overview.month'), value: (r) => r.period },
              { header: t('common.unit'), value: (r) => name(r.unitId) },
              { header: t('common.indicator'), value: (r) => r.indicatorCode },
              { header: t('overview.actual'), value: (r) => r.actual ?? null, render: (r) => number(r.actual, 2), numeric: true },
              { header: t('overview.planned'), value: (r) => r.planned ?? null, render: (r) => number(r.planned, 2), numeric: true },
              { header: t('overview.shortfall'), value: (r) => r.shortfall ?? null, render: (r) => number(r.shortfall, 2), numeric: true },
            ]}
          />
        </div>
      )}
      {data && (
        <div className="card" data-testid="completeness">
          <h2>{t('overview.completeness')}</h2>
          <p className="note">{t('overview.completenessHelp')}</p>
          <p className="figure">{t('overview.completeUnits', { complete: number(total - incomplete.length, 0), total: number(total, 0) })}</p>
          {incomplete.length > SHOWN && <p className="note">{t('overview.firstShown', { shown: SHOWN, total: number(incomplete.length, 0) })}</p>}
          <DataTable
            caption={t('overview.completeness')}
            exportName={`completeness-${period}`}
            rows={incomplete.slice(0, SHOWN)}
            rowKey={(r) => r.unitId}
            columns={[
              { header: t('common.unit'), value: (r) => name(r.unitId) },
              { header: t('overview.peerGroup'), value: (r) => categoryName(r.unitCategory) },
              { header: t('overview.reported'), value: (r) => r.reported, numeric: true },
              { header: t('overview.items'), value: (r) => r.items, numeric: true },
              { header: t('overview.share'), value: (r) => r.share, render: (r) => `${number(r.share * 100, 1)}%`, numeric: true },
              { header: t('overview.missing'), value: (r) => r.missing.join(', ') },
            ]}
          />
        </div>
      )}
    </>
  );
}
