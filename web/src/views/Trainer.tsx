// A trainer's programmes: cohorts with rosters and waitlists, completions of seated cadres, and the
// return-to-post evaluation of cadres kept off post.
import { useState } from 'react';
import { useMutation, useQuery } from 'urql';

import { Programmes, RecordEvaluation } from '../api/operations';
import { useI18n } from '../i18n';
import { DataTable } from '../ui/DataTable';
import { ErrorBox } from '../ui/Problems';
import { CompletionForm, type Completed } from './CompletionForm';

export function Trainer() {
  const { t, dateTime, number } = useI18n();
  const [{ data, fetching, error }, reload] = useQuery({ query: Programmes });
  const [recorded, record] = useMutation(RecordEvaluation);
  const [scores, setScores] = useState<Record<string, string>>({});
  const [completed, setCompleted] = useState<Completed | null>(null);
  const evaluate = async (enrolmentId: string, passed: boolean) => {
    const score = scores[enrolmentId] ? Number(scores[enrolmentId]) : null;
    await record({ enrolmentId, passed, score });
    reload({ requestPolicy: 'network-only' });
  };
  return (
    <section aria-labelledby="trainer-title">
      <h1 id="trainer-title">{t('trainer.title')}</h1>
      <p className="note">{t('trainer.completionsNote')}</p>
      {fetching && !data && <p aria-live="polite">{t('common.loading')}</p>}
      <ErrorBox error={error} />
      <ErrorBox error={recorded.error} />
      {recorded.data && (
        <p className="success" role="status" data-testid="evaluation-recorded">
          {t('trainer.recorded', {
            status: `${recorded.data.recordEvaluation.status}, ${recorded.data.recordEvaluation.evaluationPassed ? t('trainer.pass') : t('trainer.fail')}`,
          })}
        </p>
      )}
      {completed && (
        <p className="success" role="status" data-testid="completion-recorded">
          {t('trainer.completionRecorded', {
            cadre: completed.cadreId,
            status: `${completed.status}, ${completed.passed ? t('trainer.pass') : t('trainer.fail')}`,
          })}
        </p>
      )}
      {data?.programmes.length === 0 && <p className="empty">{t('common.empty')}</p>}
      {data?.programmes.map((programme) => (
        <div className="card" key={programme.id}>
          <h2>
            {programme.name} <small>{programme.kind}</small>
          </h2>
          {programme.cohorts.map((cohort) => (
            <details
              key={cohort.id}
              // Open while someone in it awaits a report, and still open once the last report is in.
              open={cohort.enrolments.some((e) => e.offPost || e.status === 'enrolled' || e.id === completed?.id)}
            >
              <summary>
                {cohort.name} · {dateTime(cohort.startsOn).split(' ')[0]} · {t('trainer.seats', { taken: cohort.seatsTaken, capacity: cohort.capacity })}
              </summary>
              <DataTable
                caption={`${t('trainer.roster')} ${cohort.name}`}
                exportName={`roster-${cohort.id}`}
                rows={cohort.enrolments}
                rowKey={(e) => e.id}
                columns={[
                  { header: t('role.cadre'), value: (e) => e.cadreId },
                  { header: t('common.status'), value: (e) => e.status },
                  { header: t('trainer.result'), value: (e) => e.resultScore, render: (e) => number(e.resultScore, 1), numeric: true },
                  {
                    header: t('trainer.evaluate'),
                    value: (e) => (e.evaluationPassed == null ? null : String(e.evaluationPassed)),
                    render: (e) =>
                      programme.fullTime && e.offPost ? (
                        <span className="actions">
                          <input
                            className="short"
                            inputMode="decimal"
                            aria-label={`${t('common.score')} ${e.cadreId}`}
                            value={scores[e.id] ?? ''}
                            onChange={(event) => setScores({ ...scores, [e.id]: event.target.value })}
                          />
                          <button type="button" onClick={() => evaluate(e.id, true)} data-enrolment={e.id}>
                            {t('trainer.pass')}
                          </button>
                          <button type="button" className="secondary" onClick={() => evaluate(e.id, false)}>
                            {t('trainer.fail')}
                          </button>
                        </span>
                      ) : e.evaluationPassed == null ? (
                        '–'
                      ) : e.evaluationPassed ? (
                        t('trainer.pass')
                      ) : (
                        t('trainer.fail')
                      ),
                  },
                ]}
              />
              {cohort.enrolments.some((e) => e.status === 'enrolled') && (
                <CompletionForm
                  cohortId={cohort.id}
                  seats={cohort.enrolments.filter((e) => e.status === 'enrolled')}
                  onRecorded={(done) => {
                    setCompleted(done);
                    reload({ requestPolicy: 'network-only' });
                  }}
                />
              )}
              {cohort.waitlist.length > 0 && (
                <DataTable
                  caption={`${t('trainer.waitlist')} ${cohort.name}`}
                  exportName={`waitlist-${cohort.id}`}
                  rows={cohort.waitlist}
                  rowKey={(e) => e.id}
                  columns={[
                    { header: '#', value: (e) => e.waitlistPosition, numeric: true },
                    { header: t('role.cadre'), value: (e) => e.cadreId },
                  ]}
                />
              )}
            </details>
          ))}
        </div>
      ))}
    </section>
  );
}
