// A table with a caption, an empty state and an .xlsx export of exactly what it shows.
import type { ReactNode } from 'react';

import { useI18n } from '../i18n';
import { download, type Cell } from './xlsx';

export interface Column<Row> {
  header: string;
  value(row: Row): Cell;
  render?(row: Row): ReactNode;
  numeric?: boolean;
}

interface Props<Row> {
  caption: string;
  rows: readonly Row[];
  columns: Column<Row>[];
  rowKey(row: Row, index: number): string;
  exportName?: string;
}

export function DataTable<Row>({ caption, rows, columns, rowKey, exportName }: Props<Row>) {
  const { t } = useI18n();
  const exportRows = () =>
    download(`${exportName || caption}.xlsx`, caption, [columns.map((c) => c.header), ...rows.map((r) => columns.map((c) => c.value(r)))]);
  return (
    <div className="table-block">
      <div className="table-tools">
        <button type="button" className="secondary" onClick={exportRows} disabled={rows.length === 0}>
          {t('common.export')}
        </button>
      </div>
      {/* Focusable so that a table wider than the screen can be scrolled from the keyboard. */}
      <div className="table-scroll" tabIndex={0} role="region" aria-label={caption}>
        <table>
          <caption>{caption}</caption>
          <thead>
            <tr>
              {columns.map((c) => (
                <th key={c.header} scope="col" className={c.numeric ? 'num' : undefined}>
                  {c.header}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.length === 0 ? (
              <tr>
                <td colSpan={columns.length} className="empty">
                  {t('common.empty')}
                </td>
              </tr>
            ) : (
              rows.map((row, i) => (
                <tr key={rowKey(row, i)}>
                  {columns.map((c) => (
                    <td key={c.header} className={c.numeric ? 'num' : undefined}>
                      {c.render ? c.render(row) : (c.value(row) ?? '–')}
                    </td>
                  ))}
                </tr>
              ))
            )}
          </tbody>
        </table>
      </div>
    </div>
  );
}
