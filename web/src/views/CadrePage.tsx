// A cadre's own total and breakdown, capability radar against the peer group, enrolments, and an
// appeal. Opening another cadre's page shows what the API answers (it refuses).
import { useState, type FormEvent } from 'react';
import { useMutation, useQuery } from 'urql';

import { CadrePage as CadreQuery, SubmitAppeal } from '../api/operations';
import { useI18n } from '../i18n';
import type { MessageKey } from '../i18n/messages';
import { LazyChart as Chart } from '../ui/LazyChart';
import { DataTable } from '../ui/DataTable';
import { DEFAULT_PERIOD, PeriodField } from '../ui/PeriodField';
import { ErrorBox } from '../ui/Problems';
import { useCategoryName } from '../ui/categories';

export function CadrePage({ cadreId }: { cadreId: string }) {
  const { t, number } = useI18n();
  const [period, setPeriod] = useState(DEFAULT_PERIOD);
  const [{ data, fetching, error }] = useQuery({ query: CadreQuery, variables: { cadreId, period } });
  const [appeal, submit] = useMutation(SubmitAppeal);
  const [reasons, setReasons] = useState('');
  const score = data?.cadreScore;
  const forbidden = error?.graphQLErrors.some((e) => e.extensions?.code === 'FORBIDDEN');
  const sendAppeal = async (event: FormEvent) => {
    event.preventDefault();
    await submit({ input: { cadreId, period, reasons } });
  };
  const capabilities = score?.capabilities ?? [];
  const categoryName = useCategoryName();
  // The peer group reads "category/position level"; the category is shown by name.
  const peerGroupName = (group: string) => {
    const [category, ...rest] = group.split('/');
    return [categoryName(category), ...rest].join('/');
  };
  return (
    <section aria-labelledby="cadre-title">
      <h1 id="cadre-title">
        {t('cadre.title')}: {data?.cadre?.name ?? cadreId}
      </h1>
      <PeriodField value={period} onChange={setPeriod} />
      {fetching && <p aria-live="polite">{t('common.loading')}</p>}
      <ErrorBox error={error} title={forbidden ? t('cadre.forbidden') : undefined} />
      {data && !score && !error && <p className="empty">{t('common.empty')}</p>}
      {score && (
        <>
          <dl className="figures">
            <div>
              <dt>{t('cadre.total')}</dt>
              <dd data-testid="cadre-total">{number(score.total, 2)}</dd>
            </div>
            <div>
              <dt>{t('common.grade')}</dt>
              <dd>{t(`grade.${score.grade}` as MessageKey)}</dd>
            </div>
            <div>
              <dt>{t('common.rank')}</dt>
              <dd>
                {score.rank}/{score.peerGroupSize} <small>{peerGroupName(score.peerGroup)}</small>
              </dd>
            </div>
          </dl>
          <div className="card">
            <h2>{t('cadre.components')}</h2>
            <DataTable
              caption={t('cadre.components')}
              exportName={`cadre-${cadreId}-${period}`}
              rows={score.components}
              rowKey={(c) => c.name}
              columns={[
                { header: t('common.field'), value: (c) => c.name },
                { header: t('common.score'), value: (c) => c.score, render: (c) => number(c.score, 2), numeric: true },
                { header: t('unit.weight'), value: (c) => c.weight, render: (c) => number(c.weight, 3), numeric: true },
                { header: t('unit.points'), value: (c) => c.weighted, render: (c) => number(c.weighted, 2), numeric: true },
                { header: t('catalogue.origin'), value: (c) => c.source },
              ]}
            />
          </div>
          {score.unitScore && (
            <div className="card">
              <h2>{t('unit.breakdown')}</h2>
              <DataTable
                caption={t('unit.breakdown')}
                exportName={`unit-breakdown-${score.unitScore.unitId}-${period}`}
                rows={score.unitScore.breakdown}
                rowKey={(r) => r.indicatorCode}
                columns={[
                  { header: t('common.indicator'), value: (r) => r.indicatorCode },
                  { header: t('common.rule'), value: (r) => r.rule },
                  { header: t('unit.weight'), value: (r) => r.weight, numeric: true },
                  { header: t('common.value'), value: (r) => r.value, render: (r) => number(r.value, 2), numeric: true },
                  { header: t('unit.points'), value: (r) => r.points, render: (r) => number(r.points, 2), numeric: true },
                  { header: t('unit.deducted'), value: (r) => r.deducted, render: (r) => number(r.deducted, 2), numeric: true },
                  { header: t('unit.revision'), value: (r) => r.observationRevision, numeric: true },
                  { header: t('unit.listVersion'), value: (r) => r.listVersion, numeric: true },
                ]}
              />
            </div>
          )}
          {capabilities.length > 0 && (
            <div className="card" data-testid="capability-radar">
              <h2>{t('cadre.radar')}</h2>
              {/* A radar needs three axes; with fewer capabilities the table alone shows them. */}
              {capabilities.length > 2 && (
                <Chart
                  label={t('cadre.radar')}
                  option={{
                    legend: { bottom: 0 },
                    tooltip: {},
                    radar: { indicator: capabilities.map((c) => ({ name: c.capability, max: 100 })), radius: '62%' },
                    series: [
                      {
                        type: 'radar',
                        data: [
                          { name: t('cadre.self'), value: capabilities.map((c) => c.score), itemStyle: { color: '#0b4f9c' }, areaStyle: { opacity: 0.15 } },
                          {
                            name: t('cadre.median'),
                            value: capabilities.map((c) => c.peerMedian ?? 0),
                            itemStyle: { color: '#b35900' },
                            lineStyle: { type: 'dashed' },
                          },
                        ],
                      },
                    ],
                  }}
                />
              )}
              <DataTable
                caption={t('cadre.radar')}
                exportName={`capabilities-${cadreId}-${period}`}
                rows={capabilities}
                rowKey={(c) => c.capability}
                columns={[
                  { header: t('cadre.capability'), value: (c) => c.capability },
                  { header: t('cadre.self'), value: (c) => c.score, render: (c) => number(c.score, 1), numeric: true },
                  { header: t('cadre.median'), value: (c) => c.peerMedian ?? null, render: (c) => number(c.peerMedian, 1), numeric: true },
                  { header: t('cadre.percentile'), value: (c) => c.peerPercentile, render: (c) => number(c.peerPercentile, 0), numeric: true },
                  { header: t('cadre.peers'), value: (c) => c.peers, numeric: true },
                ]}
              />
            </div>
          )}
          <div className="card">
            <h2>{t('cadre.appeal')}</h2>
            <form className="entry" onSubmit={sendAppeal}>
              <label>
                {t('cadre.appealReasons')}
                <textarea value={reasons} onChange={(e) => setReasons(e.target.value)} required rows={3} />
              </label>
              <button type="submit">{t('common.submit')}</button>
            </form>
            <ErrorBox error={appeal.error} />
            {appeal.data && (
              <p className="success" role="status">
                {t('cadre.appealSent', { status: appeal.data.submitAppeal.status })}
              </p>
            )}
          </div>
        </>
      )}
      {data?.cadre && (
        <div className="card">
          <h2>{t('cadre.enrolments')}</h2>
          <DataTable
            caption={t('cadre.enrolments')}
            exportName={`enrolments-${cadreId}`}
            rows={data.cadre.enrolments}
            rowKey={(e) => e.id}
            columns={[
              { header: t('trainer.title'), value: (e) => e.programmeId },
              { header: t('common.status'), value: (e) => (e.waitlistPosition ? `${e.status} #${e.waitlistPosition}` : e.status) },
              { header: t('common.indicator'), value: (e) => e.capability },
            ]}
          />
        </div>
      )}
    </section>
  );
}
