// The public evaluator's one page: a unit, an invitation code, a satisfaction from 0 to 100.
import { useState, type FormEvent } from 'react';
import { useMutation } from 'urql';

import { SubmitPublicEvaluation } from '../api/operations';
import { useI18n } from '../i18n';
import { ErrorBox } from '../ui/Problems';

export function Citizen({ initialUnit, period }: { initialUnit: string; period: string }) {
  const { t } = useI18n();
  const [unitId, setUnitId] = useState(initialUnit);
  const [code, setCode] = useState('');
  const [satisfaction, setSatisfaction] = useState(80);
  const [result, submit] = useMutation(SubmitPublicEvaluation);
  const send = async (event: FormEvent) => {
    event.preventDefault();
    await submit({ input: { unitId: unitId.trim(), period, respondentToken: code.trim(), satisfaction } });
  };
  return (
    <section aria-labelledby="citizen-title" className="narrow">
      <h1 id="citizen-title">{t('citizen.title')}</h1>
      <form className="entry" onSubmit={send}>
        <label>
          {t('citizen.unit')}
          <input name="unitId" value={unitId} onChange={(e) => setUnitId(e.target.value)} required />
        </label>
        <label>
          {t('common.period')}
          <input name="period" value={period} readOnly />
        </label>
        <label>
          {t('citizen.code')}
          <input name="code" value={code} onChange={(e) => setCode(e.target.value)} required autoComplete="off" />
        </label>
        <label htmlFor="satisfaction">
          {t('citizen.satisfaction')}: <span aria-hidden="true">{satisfaction}</span>
        </label>
        <input
          id="satisfaction"
          type="range"
          name="satisfaction"
          min={0}
          max={100}
          step={1}
          value={satisfaction}
          aria-label={t('citizen.satisfaction')}
          onChange={(e) => setSatisfaction(Number(e.target.value))}
        />
        <button type="submit" disabled={result.fetching}>
          {t('common.submit')}
        </button>
      </form>
      {result.data && !result.fetching && (
        <p className="success" role="status">
          {t('citizen.thanks')}
        </p>
      )}
      <ErrorBox error={result.error} />
    </section>
  );
}
