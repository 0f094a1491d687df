// A unit's list versions and the weight editor of its draft: the running sum of the scored
// weights is shown, and publishing is refused until it is exactly 100. Imports show row errors.
import { useEffect, useMemo, useState, type FormEvent } from 'react';
import { useMutation, useQuery } from 'urql';

import { DraftList, EditDraft, ImportLists, ListVersions, PublishList } from '../api/operations';
import { useI18n } from '../i18n';
import { DataTable } from '../ui/DataTable';
import { fileToBase64 } from '../ui/files';
import { ErrorBox } from '../ui/Problems';
import { ListDiff } from './ListDiff';

const SCORED = 'scored';

export function Catalogue() {
  const { t, number } = useI18n();
  const [unitId, setUnitId] = useState('');
  const [year, setYear] = useState(new Date().getFullYear());
  const [opened, setOpened] = useState<{ unitId: string; year: number } | null>(null);
  const [{ data, fetching, error }, reload] = useQuery({
    query: ListVersions,
    variables: opened ?? { unitId: '', year },
    pause: !opened,
  });
  const versions = data?.indicatorListVersions ?? [];
  const draft = versions.find((v) => v.status === 'draft');
  const [weights, setWeights] = useState<Record<string, number>>({});
  useEffect(() => setWeights(Object.fromEntries(draft?.items.map((i) => [i.indicatorCode, i.weight]) ?? [])), [draft]);
  const sum = useMemo(
    () => Math.round((draft?.items.filter((i) => i.kind === SCORED).reduce((n, i) => n + (weights[i.indicatorCode] ?? 0), 0) ?? 0) * 1000) / 1000,
    [draft, weights],
  );
  const [drafted, draftList] = useMutation(DraftList);
  const [saved, save] = useMutation(EditDraft);
  const [published, publish] = useMutation(PublishList);
  const [imported, importLists] = useMutation(ImportLists);
  const [refused, setRefused] = useState(false);

  const open = (event: FormEvent) => {
    event.preventDefault();
    setRefused(false);
    setOpened({ unitId: unitId.trim(), year });
  };
  const saveWeights = async () => {
    if (!opened || !draft) return;
    const set = draft.items.map((i) => ({ indicatorCode: i.indicatorCode, weight: weights[i.indicatorCode] ?? 0, target: i.target }));
    await save({ ...opened, set });
    reload({ requestPolicy: 'network-only' });
  };
  const tryPublish = async () => {
    if (!opened || !draft) return;
    if (sum !== 100) {
      setRefused(true);
      return;
    }
    setRefused(false);
    const result = await save({ ...opened, set: draft.items.map((i) => ({ indicatorCode: i.indicatorCode, weight: weights[i.indicatorCode] ?? 0, target: i.target })) });
    if (!result.error) await publish(opened);
    reload({ requestPolicy: 'network-only' });
  };
  const newDraft = async () => {
    if (!opened) return;
    await draftList(opened);
    reload({ requestPolicy: 'network-only' });
  };
  const upload = async (file: File | undefined) => {
    if (!file) return;
    await importLists({ file: { filename: file.name, contentBase64: await fileToBase64(file) } });
  };

  return (
    <section aria-labelledby="catalogue-title">
      <h1 id="catalogue-title">{t('catalogue.title')}</h1>
      <form className="inline-form" onSubmit={open}>
        <label>
          {t('common.unit')}
          <input name="unitId" value={unitId} onChange={(e) => setUnitId(e.target.value)} required />
        </label>
        <label>
          {t('common.year')}
          <input name="year" type="number" value={year} onChange={(e) => setYear(Number(e.target.value))} required />
        </label>
        <button type="submit">{t('catalogue.open')}</button>
      </form>
      {fetching && <p aria-live="polite">{t('common.loading')}</p>}
      <ErrorBox error={error ?? drafted.error} />
      {opened && data && (
        <>
          <DataTable
            caption={t('catalogue.versions')}
            exportName={`versions-${opened.unitId}-${opened.year}`}
            rows={versions}
            rowKey={(v) => v.id}
            columns={[
              { header: t('unit.listVersion'), value: (v) => v.version, numeric: true },
              { header: t('common.status'), value: (v) => v.status },
              { header: t('catalogue.sum'), value: (v) => v.totalWeight, numeric: true },
            ]}
          />
          {versions.length >= 2 && (
            <ListDiff key={versions.map((v) => v.version).join(',')} unitId={opened.unitId} year={opened.year} versions={versions.map((v) => v.version)} />
          )}
          {!draft && (
            <p>
              {t('catalogue.noDraft')}{' '}
              <button type="button" onClick={newDraft}>
                {t('catalogue.draft')}
              </button>
            </p>
          )}
          {draft && (
            <div className="card">
              <h2>
                {t('catalogue.draft')} v{draft.version}
              </h2>
              <div className="table-scroll">
                <table>
                  <caption>{t('unit.weight')}</caption>
                  <thead>
                    <tr>
                      <th scope="col">{t('common.indicator')}</th>
                      <th scope="col">{t('catalogue.kind')}</th>
                      <th scope="col">{t('catalogue.origin')}</th>
                      <th scope="col" className="num">
                        {t('unit.weight')}
                      </th>
                    </tr>
                  </thead>
                  <tbody>
                    {draft.items.map((item) => (
                      <tr key={item.indicatorCode}>
                        <td>
                          {item.name} <small>{item.indicatorCode}</small>
                        </td>
                        <td>{item.kind}</td>
                        <td>{item.origin}</td>
                        <td className="num">
                          <input
                            type="number"
                            step="any"
                            aria-label={`${t('unit.weight')} ${item.indicatorCode}`}
                            data-code={item.indicatorCode}
                            value={weights[item.indicatorCode] ?? 0}
                            disabled={item.kind !== SCORED}
                            onChange={(e) => setWeights({ ...weights, [item.indicatorCode]: Number(e.target.value) })}
                          />
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
              <p className={sum === 100 ? 'sum ok' : 'sum bad'} data-testid="weight-sum" aria-live="polite">
                {t('catalogue.sum')}: <strong>{number(sum, 3)}</strong>
              </p>
              {refused && (
                <p className="error" role="alert">
                  {t('catalogue.mustBe100', { sum: number(sum, 3) })}
                </p>
              )}
              <div className="actions">
                <button type="button" className="secondary" onClick={saveWeights}>
                  {t('catalogue.save')}
                </button>
                <button type="button" onClick={tryPublish}>
                  {t('catalogue.publish')}
                </button>
              </div>
              <ErrorBox error={saved.error ?? published.error} />
            </div>
          )}
          {published.data && (
            <p className="success" role="status">
              {t('catalogue.published', { version: published.data.publishIndicatorList.version })}
            </p>
          )}
        </>
      )}
      <div className="card">
        <h2>{t('catalogue.import')}</h2>
        <label className="file">
          {t('catalogue.import')}
          <input type="file" accept=".csv,.xlsx" onChange={(e) => upload(e.target.files?.[0])} />
        </label>
        <ErrorBox error={imported.error} />
        {imported.data && !imported.data.importIndicatorLists.applied && (
          <DataTable
            caption={t('catalogue.importErrors')}
            exportName="import-errors"
            rows={imported.data.importIndicatorLists.errors}
            rowKey={(_, i) => String(i)}
            columns={[
              { header: t('common.row'), value: (e) => e.row, numeric: true },
              { header: t('common.column'), value: (e) => e.column },
              { header: t('common.rule'), value: (e) => e.rule },
              { header: t('common.reason'), value: (e) => e.reason },
              { header: t('common.value'), value: (e) => (e.value == null ? null : JSON.stringify(e.value)) },
            ]}
          />
        )}
        {imported.data?.importIndicatorLists.applied && (
          <p className="success" role="status">
            {t('catalogue.importApplied', { rows: imported.data.importIndicatorLists.rows })}
          </p>
        )}
      </div>
    </section>
  );
}
