// Two versions of a unit's list side by side, as the API's diff reports them: what was added,
// removed and changed (each field before and after), and changes to the list's header. The parent
// keys it by the versions it has, so a new version resets the choice to the two latest.
import { useState } from 'react';
import { useQuery } from 'urql';

import { ListDiff as ListDiffQuery } from '../api/operations';
import { useI18n } from '../i18n';
import { ErrorBox } from '../ui/Problems';

interface Side {
  name?: string;
  weight?: number;
  target?: number | null;
}

interface Line {
  key: string;
  indicator: string;
  field: string;
  before: string;
  after: string;
  change: 'added' | 'removed' | 'changed';
}

function shown(value: unknown): string {
  if (value == null) return '–';
  return typeof value === 'string' ? value : JSON.stringify(value);
}

function itemText(item: Side, t: ReturnType<typeof useI18n>['t']): string {
  return `${item.name ?? ''} · ${t('unit.weight')} ${shown(item.weight)}${item.target == null ? '' : ` · ${t('diff.target')} ${item.target}`}`;
}

export function ListDiff({ unitId, year, versions }: { unitId: string; year: number; versions: number[] }) {
  const { t } = useI18n();
  const ordered = [...versions].sort((a, b) => a - b);
  const [from, setFrom] = useState(ordered[ordered.length - 2]);
  const [to, setTo] = useState(ordered[ordered.length - 1]);
  const [{ data, error, fetching }] = useQuery({
    query: ListDiffQuery,
    variables: { unitId, year, fromVersion: from, toVersion: to },
    pause: from == null || to == null,
  });
  const diff = data?.indicatorListDiff;
  const lines: Line[] = diff
    ? [
        ...diff.headerChanges.map((c) => ({ key: `h-${c.field}`, indicator: t('diff.header'), field: c.field, before: shown(c.before), after: shown(c.after), change: 'changed' as const })),
        ...diff.removed.map((i) => ({ key: `r-${i.indicatorCode}`, indicator: i.indicatorCode, field: t('diff.removed'), before: itemText(i, t), after: '–', change: 'removed' as const })),
        ...diff.added.map((i) => ({ key: `a-${i.indicatorCode}`, indicator: i.indicatorCode, field: t('diff.added'), before: '–', after: itemText(i, t), change: 'added' as const })),
        ...diff.changed.flatMap((c) =>
          c.changes.map((f) => ({ key: `c-${c.indicatorCode}-${f.field}`, indicator: c.indicatorCode, field: f.field, before: shown(f.before), after: shown(f.after), change: 'changed' as const })),
        ),
      ]
    : [];
  const choice = (label: string, value: number, onChange: (v: number) => void) => (
    <label>
      {label}
      <select value={value} onChange={(event) => onChange(Number(event.target.value))}>
        {ordered.map((v) => (
          <option key={v} value={v}>
            v{v}
          </option>
        ))}
      </select>
    </label>
  );
  return (
    <div className="card" data-testid="list-diff">
      <h2>{t('diff.title')}</h2>
      <div className="inline-form">
        {choice(t('diff.from'), from, setFrom)}
        {choice(t('diff.to'), to, setTo)}
      </div>
      {fetching && <p aria-live="polite">{t('common.loading')}</p>}
      <ErrorBox error={error} />
      {diff && (
        <div className="table-scroll">
          <table className="diff">
            <caption>{t('diff.caption', { from: diff.fromVersion, to: diff.toVersion })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('common.indicator')}</th>
                <th scope="col">{t('common.field')}</th>
                <th scope="col">v{diff.fromVersion}</th>
                <th scope="col">v{diff.toVersion}</th>
              </tr>
            </thead>
            <tbody>
              {lines.length === 0 ? (
                <tr>
                  <td colSpan={4} className="empty">
                    {t('diff.same')}
                  </td>
                </tr>
              ) : (
                lines.map((line) => (
                  <tr key={line.key} className={`diff-${line.change}`}>
                    <th scope="row">{line.indicator}</th>
                    <td>{line.field}</td>
                    <td className="before">{line.before}</td>
                    <td className="after">{line.after}</td>
                  </tr>
                ))
              )}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
