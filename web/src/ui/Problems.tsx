// What the API refused, as it said it: the message, and each problem (row, field, rule, value).
import type { CombinedError } from 'urql';

import { useI18n } from '../i18n';

interface Problem {
  field?: string;
  rule?: string;
  message?: string;
  value?: unknown;
  row?: number;
}

export function problemsOf(error: CombinedError): Problem[] {
  return error.graphQLErrors.flatMap((e) => (e.extensions?.problems as Problem[] | undefined) ?? []);
}

export function ErrorBox({ error, title }: { error?: CombinedError | Error | null; title?: string }) {
  const { t } = useI18n();
  if (!error) return null;
  const graphql = 'graphQLErrors' in error ? error : null;
  const messages = graphql
    ? graphql.graphQLErrors.length
      ? graphql.graphQLErrors.map((e) => `${e.message}${e.extensions?.code ? ` (${String(e.extensions.code)})` : ''}`)
      : [graphql.networkError?.message ?? graphql.message]
    : [error.message];
  const problems = graphql ? problemsOf(graphql) : [];
  return (
    <div className="error" role="alert">
      <strong>{title ?? t('common.error')}</strong>
      <ul>
        {messages.map((m) => (
          <li key={m}>{m}</li>
        ))}
      </ul>
      {problems.length > 0 && (
        <table className="problems">
          <thead>
            <tr>
              <th scope="col">{t('common.row')}</th>
              <th scope="col">{t('common.field')}</th>
              <th scope="col">{t('common.rule')}</th>
              <th scope="col">{t('common.reason')}</th>
              <th scope="col">{t('common.value')}</th>
            </tr>
          </thead>
          <tbody>
            {problems.map((p, i) => (
              <tr key={i}>
                <td>{p.row ?? '–'}</td>
                <td>{p.field}</td>
                <td>{p.rule}</td>
                <td>{p.message}</td>
                <td>{p.value == null ? '–' : JSON.stringify(p.value)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
