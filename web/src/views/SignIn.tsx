// Sign-in: demo identities from the development token endpoint on a local stack, OpenID Connect
// (authorization code with PKCE) everywhere else.
import { useState, type FormEvent } from 'react';

import { startSignIn, type OidcSettings } from '../auth/oidc';
import { useSession, type Role } from '../auth/session';
import { useI18n } from '../i18n';
import type { MessageKey } from '../i18n/messages';
import { ErrorBox } from '../ui/Problems';

export interface ClientConfig {
  appEnv: string;
  devSignIn: boolean;
  oidc: OidcSettings | null;
}

// Ids of the demo city (services/indicator/demo/city.py: 马颈坳镇 and its principal).
const IDENTITIES: { id: string; role: Role; unitId?: string; cadreId?: string }[] = [
  { id: 'admin', role: 'admin' },
  { id: 'assessor', role: 'assessor' },
  { id: 'reporter', role: 'unit_reporter', unitId: 'JS-MAJINGAO' },
  { id: 'cadre', role: 'cadre', cadreId: 'C-0001' },
  { id: 'trainer', role: 'trainer' },
  { id: 'citizen', role: 'public_evaluator' },
];

export function SignIn({ config }: { config: ClientConfig }) {
  const { t } = useI18n();
  const { signIn, expired } = useSession();
  const [choice, setChoice] = useState('admin');
  const [unitId, setUnitId] = useState('JS-MAJINGAO');
  const [cadreId, setCadreId] = useState('C-0001');
  const [problem, setProblem] = useState<Error | null>(null);
  const identity = IDENTITIES.find((i) => i.id === choice)!;

  const devSignIn = async (event: FormEvent) => {
    event.preventDefault();
    setProblem(null);
    const response = await fetch('/dev/token', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ role: identity.role, unitId: identity.unitId && unitId, cadreId: identity.cadreId && cadreId }),
    });
    const body = (await response.json()) as { token?: string; error?: string };
    if (!response.ok || !body.token) setProblem(new Error(body.error ?? `HTTP ${response.status}`));
    else signIn(body.token);
  };
  const oidcSignIn = () => config.oidc && startSignIn(config.oidc).catch((error: Error) => setProblem(error));

  return (
    <section aria-labelledby="signin-title" className="narrow">
      <h1 id="signin-title">{t('signIn.title')}</h1>
      {expired && (
        <p className="error" role="alert">
          {t('signIn.expired')}
        </p>
      )}
      {config.devSignIn && (
        <form className="entry" onSubmit={devSignIn}>
          <p className="note">{t('signIn.devHint')}</p>
          <label>
            {t('signIn.identity')}
            <select name="identity" value={choice} onChange={(e) => setChoice(e.target.value)}>
              {IDENTITIES.map((i) => (
                <option key={i.id} value={i.id}>
                  {t(`role.${i.role}` as MessageKey)}
                  {i.unitId ? ` · ${i.unitId}` : ''}
                  {i.cadreId ? ` · ${i.cadreId}` : ''}
                </option>
              ))}
            </select>
          </label>
          {identity.unitId && (
            <label>
              {t('common.unit')}
              <input name="unitId" value={unitId} onChange={(e) => setUnitId(e.target.value)} required />
            </label>
          )}
          {identity.cadreId && (
            <label>
              {t('role.cadre')}
              <input name="cadreId" value={cadreId} onChange={(e) => setCadreId(e.target.value)} required />
            </label>
          )}
          <button type="submit">{t('signIn.submit')}</button>
        </form>
      )}
      {config.oidc && (
        <p>
          <button type="button" onClick={oidcSignIn}>
            {t('signIn.oidc')}
          </button>
        </p>
      )}
      {!config.devSignIn && !config.oidc && <p className="error">{t('signIn.noMethod')}</p>}
      <ErrorBox error={problem} />
    </section>
  );
}
