// Training effect per programme: for each capability it addresses, the change of enrolled cadres
// between two periods against comparable cadres (same peer group) not enrolled.
import { useState, type FormEvent } from 'react';
import { useQuery } from 'urql';

import { ProgrammeNames, TrainingEffect as TrainingEffectQuery } from '../api/operations';
import { useI18n } from '../i18n';
import { DataTable } from '../ui/DataTable';
import { ErrorBox } from '../ui/Problems';
import { useCategoryName } from '../ui/categories';

interface Asked {
  programmeId: string;
  beforePeriod: string;
  afterPeriod: string;
}

export function TrainingEffect({ initialProgramme }: { initialProgramme: string }) {
  const { t, number } = useI18n();
  const categoryName = useCategoryName();
  const [programmes] = useQuery({ query: ProgrammeNames });
  const [programmeId, setProgrammeId] = useState(initialProgramme);
  const [beforePeriod, setBefore] = useState('2024');
  const [afterPeriod, setAfter] = useState('2025');
  const [asked, setAsked] = useState<Asked | null>(null);
  const [{ data, error, fetching }] = useQuery({ query: TrainingEffectQuery, variables: asked ?? { programmeId: '', beforePeriod: '', afterPeriod: '' }, pause: !asked });
  const chosen = programmeId || programmes.data?.programmes[0]?.id || '';
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setAsked({ programmeId: chosen, beforePeriod: beforePeriod.trim(), afterPeriod: afterPeriod.trim() });
  };
  const signed = (value: number | null | undefined) => (value == null ? '–' : `${value > 0 ? '+' : ''}${number(value, 2)}`);
  const report = data?.trainingEffect;
  return (
    <section aria-labelledby="effect-title">
      <h1 id="effect-title">{t('effect.title')}</h1>
      <p className="note">{t('effect.help')}</p>
      <ErrorBox error={programmes.error} />
      <form className="inline-form" onSubmit={submit}>
        <label>
          {t('effect.programme')}
          <select aria-label={t('effect.programme')} value={chosen} onChange={(event) => setProgrammeId(event.target.value)}>
            {programmes.data?.programmes.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('effect.before')}
          <input className="short" value={beforePeriod} onChange={(event) => setBefore(event.target.value)} required />
        </label>
        <label>
          {t('effect.after')}
          <input className="short" value={afterPeriod} onChange={(event) => setAfter(event.target.value)} required />
        </label>
        <button type="submit" disabled={!chosen}>
          {t('common.load')}
        </button>
      </form>
      {fetching && <p aria-live="polite">{t('common.loading')}</p>}
      <ErrorBox error={error} />
      {report && (
        <div className="card" data-testid="training-effect">
          <h2>
            {report.programme.name} · {report.beforePeriod} → {report.afterPeriod}
          </h2>
          {report.capabilities.length === 0 && <p className="empty">{t('effect.noCapabilities')}</p>}
          {report.capabilities.map((c) => (
            <div key={c.capability}>
              <DataTable
                caption={`${t('effect.capability')}: ${c.capability}`}
                exportName={`training-effect-${report.programme.id}-${c.capability}`}
                rows={[c]}
                rowKey={(r) => r.capability}
                columns={[
                  { header: t('effect.did'), value: (r) => r.differenceInDifferences, render: (r) => signed(r.differenceInDifferences), numeric: true },
                  { header: t('effect.enrolled'), value: (r) => r.enrolledCount, numeric: true },
                  { header: t('effect.comparison'), value: (r) => r.comparisonCount, numeric: true },
                  { header: t('effect.unmatched'), value: (r) => r.unmatchedEnrolledCount, numeric: true },
                ]}
              />
              {c.differenceInDifferences == null && <p className="note">{t('effect.notComparable')}</p>}
              <DataTable
                caption={`${t('effect.peerGroups')}: ${c.capability}`}
                exportName={`training-effect-groups-${report.programme.id}-${c.capability}`}
                rows={c.peerGroups}
                rowKey={(g) => `${g.unitCategory}-${g.positionLevel}`}
                columns={[
                  { header: t('common.category'), value: (g) => categoryName(g.unitCategory) },
                  { header: t('effect.level'), value: (g) => g.positionLevel },
                  { header: t('effect.enrolled'), value: (g) => g.enrolledCount, numeric: true },
                  { header: t('effect.enrolledBefore'), value: (g) => g.enrolledBefore, render: (g) => number(g.enrolledBefore, 2), numeric: true },
                  { header: t('effect.enrolledAfter'), value: (g) => g.enrolledAfter, render: (g) => number(g.enrolledAfter, 2), numeric: true },
                  { header: t('effect.comparison'), value: (g) => g.comparisonCount, numeric: true },
                  { header: t('effect.comparisonBefore'), value: (g) => g.comparisonBefore, render: (g) => number(g.comparisonBefore, 2), numeric: true },
                  { header: t('effect.comparisonAfter'), value: (g) => g.comparisonAfter, render: (g) => number(g.comparisonAfter, 2), numeric: true },
                  { header: t('effect.did'), value: (g) => g.differenceInDifferences, render: (g) => signed(g.differenceInDifferences), numeric: true },
                ]}
              />
            </div>
          ))}
        </div>
      )}
    </section>
  );
}
