// A unit reporter's month: one field per manually reported indicator of the list in force, with
// its unit of measure and range; the API's row errors come back beside the form. Also file upload.
import { useState, type FormEvent } from 'react';
import { useMutation, useQuery } from 'urql';

import { ImportObservations, ReportObservations, ReporterForm } from '../api/operations';
import { useI18n } from '../i18n';
import { fileToBase64 } from '../ui/files';
import { ErrorBox } from '../ui/Problems';

function frequencyOf(period: string): string {
  if (/^\d{4}-\d{2}$/.test(period)) return 'monthly';
  if (/^\d{4}-Q[1-4]$/.test(period)) return 'quarterly';
  return 'annual';
}

function thisMonth(): string {
  const now = new Date();
  return `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}`;
}

export function Reporter({ unitId }: { unitId: string }) {
  const { t, number } = useI18n();
  const [period, setPeriod] = useState(thisMonth());
  const year = Number(period.slice(0, 4)) || new Date().getFullYear();
  const [{ data, fetching, error }] = useQuery({ query: ReporterForm, variables: { unitId, year } });
  const items = (data?.indicatorList?.items ?? []).filter((i) => i.dataSource === 'manual_report' && i.frequency === frequencyOf(period));
  const [values, setValues] = useState<Record<string, string>>({});
  const [reported, report] = useMutation(ReportObservations);
  const [imported, importFile] = useMutation(ImportObservations);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const inputs = items
      .filter((i) => values[i.indicatorCode]?.trim())
      .map((i) => ({ unitId, indicatorCode: i.indicatorCode, period, value: Number(values[i.indicatorCode]), unitOfMeasure: i.unitOfMeasure }));
    await report({ inputs });
  };
  const upload = async (file: File | undefined) => {
    if (file) await importFile({ fileName: file.name, contentBase64: await fileToBase64(file) });
  };
  const range = (low?: number | null, high?: number | null) => (low == null && high == null ? '' : `${number(low ?? -Infinity)} – ${high == null ? '∞' : number(high)}`);

  return (
    <section aria-labelledby="reporter-title">
      <h1 id="reporter-title">
        {t('reporter.title')} · {unitId}
      </h1>
      <form className="entry" onSubmit={submit} noValidate>
        <label>
          {t('reporter.month')}
          <input name="period" value={period} onChange={(e) => setPeriod(e.target.value)} />
        </label>
        {fetching && <p aria-live="polite">{t('common.loading')}</p>}
        <ErrorBox error={error} />
        {data && items.length === 0 && <p className="empty">{t('reporter.noItems')}</p>}
        {items.map((item) => (
          <label key={item.indicatorCode} className="entry-row">
            <span>
              {item.name} <small>{item.indicatorCode}</small>
            </span>
            <span className="entry-input">
              <input
                inputMode="decimal"
                name={item.indicatorCode}
                value={values[item.indicatorCode] ?? ''}
                onChange={(e) => setValues({ ...values, [item.indicatorCode]: e.target.value })}
              />
              <span className="unit">{item.unitOfMeasure}</span>
            </span>
            <small>
              {range(item.minValue, item.maxValue) && `${t('reporter.range')}: ${range(item.minValue, item.maxValue)}`}
              {item.target != null && ` · ${t('unit.target')}: ${number(item.target)}`}
            </small>
          </label>
        ))}
        {items.length > 0 && <button type="submit">{t('reporter.submit')}</button>}
      </form>
      <ErrorBox error={reported.error} title={t('reporter.problems')} />
      {reported.data && (
        <p className="success" role="status">
          {t('reporter.accepted', { count: reported.data.reportObservations.length })}
        </p>
      )}
      <div className="card">
        <h2>{t('reporter.upload')}</h2>
        <label className="file">
          {t('reporter.upload')}
          <input type="file" accept=".csv,.xlsx" onChange={(e) => upload(e.target.files?.[0])} />
        </label>
        <ErrorBox error={imported.error} title={t('reporter.problems')} />
        {imported.data && (
          <p className="success" role="status">
            {t('reporter.accepted', { count: imported.data.importObservations.accepted })}
          </p>
        )}
      </div>
    </section>
  );
}
