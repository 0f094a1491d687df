// A trainer's completion report for a cadre seated in a cohort: the same report a provider sends on
// development.completions.v1, so the API checks it the same way and the form shows what it refuses.
import { useState, type FormEvent } from 'react';
import { useMutation } from 'urql';

import { RecordCompletion } from '../api/operations';
import { useI18n } from '../i18n';
import { ErrorBox } from '../ui/Problems';

interface Seat {
  id: string;
  cadreId: string;
}

export interface Completed {
  id: string;
  cadreId: string;
  status: string;
  passed?: boolean | null;
}

const today = () => new Date().toISOString().slice(0, 10);

export function CompletionForm({ cohortId, seats, onRecorded }: { cohortId: string; seats: Seat[]; onRecorded(completed: Completed): void }) {
  const { t } = useI18n();
  const [result, record] = useMutation(RecordCompletion);
  const [enrolmentId, setEnrolmentId] = useState(seats[0]?.id ?? '');
  const [attendance, setAttendance] = useState('100');
  const [score, setScore] = useState('');
  const [passed, setPassed] = useState(true);
  const [completedOn, setCompletedOn] = useState(today);
  const chosen = seats.some((s) => s.id === enrolmentId) ? enrolmentId : (seats[0]?.id ?? '');
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    // The form asks for a percentage; the report carries the share (0.95 = 95%).
    const recorded = await record({
      enrolmentId: chosen,
      attendanceRate: Number(attendance) / 100,
      resultScore: Number(score),
      passed,
      completedOn,
    });
    // The form goes once its cohort has no one left to complete, so the outcome is shown above it.
    if (recorded.data) onRecorded(recorded.data.recordCompletion);
  };
  const id = (name: string) => `completion-${cohortId}-${name}`;
  return (
    <form className="inline-form completion" onSubmit={submit} aria-label={`${t('trainer.complete')} ${cohortId}`}>
      <label htmlFor={id('cadre')}>
        {t('role.cadre')}
        <select id={id('cadre')} value={chosen} onChange={(e) => setEnrolmentId(e.target.value)}>
          {seats.map((s) => (
            <option key={s.id} value={s.id}>
              {s.cadreId}
            </option>
          ))}
        </select>
      </label>
      <label htmlFor={id('attendance')}>
        {t('trainer.attendance')}
        <input id={id('attendance')} className="short" inputMode="decimal" value={attendance} onChange={(e) => setAttendance(e.target.value)} required />
      </label>
      <label htmlFor={id('score')}>
        {t('trainer.result')}
        <input id={id('score')} className="short" inputMode="decimal" value={score} onChange={(e) => setScore(e.target.value)} required />
      </label>
      <label htmlFor={id('on')}>
        {t('trainer.completedOn')}
        <input id={id('on')} type="date" value={completedOn} onChange={(e) => setCompletedOn(e.target.value)} required />
      </label>
      <label className="check" htmlFor={id('passed')}>
        <input id={id('passed')} type="checkbox" checked={passed} onChange={(e) => setPassed(e.target.checked)} />
        {t('trainer.passed')}
      </label>
      <button type="submit" disabled={!chosen || result.fetching}>
        {t('trainer.complete')}
      </button>
      <div className="form-outcome">
        <ErrorBox error={result.error} />
      </div>
    </form>
  );
}
