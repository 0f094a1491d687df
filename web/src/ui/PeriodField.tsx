// The period every view reads (2025, 2025-Q2, 2025-03), applied on submit.
import { useState, type FormEvent } from 'react';

import { useI18n } from '../i18n';

export function PeriodField({ value, onChange, label }: { value: string; onChange(period: string): void; label?: string }) {
  const { t } = useI18n();
  const [draft, setDraft] = useState(value);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onChange(draft.trim());
  };
  return (
    <form className="inline-form" onSubmit={submit}>
      <label>
        {label ?? t('common.period')}
        <input value={draft} onChange={(e) => setDraft(e.target.value)} pattern="\d{4}(-Q[1-4]|-\d{2})?" required />
      </label>
      <button type="submit">{t('common.load')}</button>
    </form>
  );
}

export const DEFAULT_PERIOD = '2025';
