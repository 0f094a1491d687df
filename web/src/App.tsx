// The console's shell: sign-in, the navigation of the signed-in role, and the routes.
import { lazy, Suspense, useEffect, useMemo, useState } from 'react';
import { Provider } from 'urql';

import { makeClient } from './api/client';
import { finishSignIn } from './auth/oidc';
import { useSession, type Role } from './auth/session';
import { useI18n } from './i18n';
import type { MessageKey } from './i18n/messages';
import { Link, queryParam, useRouter } from './router';
import { ErrorBox } from './ui/Problems';
import { DEFAULT_PERIOD } from './ui/PeriodField';
import { Overview } from './views/Overview';
import { SignIn, type ClientConfig } from './views/SignIn';

// Each view but the overview (the first view of the organisation department) loads when first
// opened, so the first view's JavaScript carries only itself and the shell.
const CadrePage = lazy(() => import('./views/CadrePage').then((m) => ({ default: m.CadrePage })));
const Cases = lazy(() => import('./views/Cases').then((m) => ({ default: m.Cases })));
const Catalogue = lazy(() => import('./views/Catalogue').then((m) => ({ default: m.Catalogue })));
const Citizen = lazy(() => import('./views/Citizen').then((m) => ({ default: m.Citizen })));
const Clusters = lazy(() => import('./views/Clusters').then((m) => ({ default: m.Clusters })));
const Ledger = lazy(() => import('./views/Ledger').then((m) => ({ default: m.Ledger })));
const Reporter = lazy(() => import('./views/Reporter').then((m) => ({ default: m.Reporter })));
const Scoring = lazy(() => import('./views/Scoring').then((m) => ({ default: m.Scoring })));
const Trainer = lazy(() => import('./views/Trainer').then((m) => ({ default: m.Trainer })));
const TrainingEffect = lazy(() => import('./views/TrainingEffect').then((m) => ({ default: m.TrainingEffect })));
const UnitPage = lazy(() => import('./views/UnitPage').then((m) => ({ default: m.UnitPage })));

const NAVIGATION: Record<Role, [string, MessageKey][]> = {
  admin: [
    ['/overview', 'nav.overview'],
    ['/catalogue', 'nav.catalogue'],
    ['/scoring', 'nav.scoring'],
    ['/cases', 'nav.cases'],
    ['/ledger', 'nav.ledger'],
    ['/effect', 'nav.effect'],
    ['/clusters', 'nav.clusters'],
  ],
  assessor: [
    ['/overview', 'nav.overview'],
    ['/catalogue', 'nav.catalogue'],
    ['/scoring', 'nav.scoring'],
    ['/cases', 'nav.cases'],
    ['/ledger', 'nav.ledger'],
    ['/effect', 'nav.effect'],
    ['/clusters', 'nav.clusters'],
  ],
  unit_reporter: [['/reporter', 'nav.reporter']],
  cadre: [['/cadre', 'nav.cadre']],
  trainer: [
    ['/trainer', 'nav.trainer'],
    ['/effect', 'nav.effect'],
    ['/clusters', 'nav.clusters'],
  ],
  public_evaluator: [['/citizen', 'nav.citizen']],
};

function currentQuarter(): string {
  const now = new Date();
  return `${now.getFullYear()}-Q${Math.floor(now.getMonth() / 3) + 1}`;
}

function Routes({ role, unitId, cadreId }: { role: Role; unitId?: string; cadreId?: string }) {
  const { path } = useRouter();
  const route = path.split('?')[0];
  const unit = route.match(/^\/units\/([^/]+)$/);
  if (unit) return <UnitPage unitId={decodeURIComponent(unit[1])} initialPeriod={queryParam(path, 'period') ?? '2025'} />;
  const cadre = route.match(/^\/cadres\/([^/]+)$/);
  if (cadre) return <CadrePage cadreId={decodeURIComponent(cadre[1])} />;
  switch (route) {
    case '/overview':
      return <Overview initialPeriod={queryParam(path, 'period') ?? DEFAULT_PERIOD} />;
    case '/catalogue':
      return <Catalogue />;
    case '/scoring':
      return <Scoring />;
    case '/cases':
      return <Cases />;
    case '/ledger':
      return <Ledger />;
    case '/clusters':
      return <Clusters />;
    case '/effect':
      return <TrainingEffect initialProgramme={queryParam(path, 'programme') ?? ''} />;
    case '/reporter':
      return <Reporter unitId={queryParam(path, 'unit') ?? unitId ?? ''} />;
    case '/cadre':
      return <CadrePage cadreId={cadreId ?? queryParam(path, 'id') ?? ''} />;
    case '/trainer':
      return <Trainer />;
    case '/citizen':
      return <Citizen initialUnit={queryParam(path, 'unit') ?? ''} period={queryParam(path, 'period') ?? currentQuarter()} />;
    default:
      return <Home role={role} />;
  }
}

function Home({ role }: { role: Role }) {
  const { navigate } = useRouter();
  useEffect(() => navigate(NAVIGATION[role][0][0]), [role, navigate]);
  return null;
}

export function App() {
  const { t, locale, setLocale } = useI18n();
  const { session, signIn, signOut } = useSession();
  const [config, setConfig] = useState<ClientConfig | null>(null);
  const [problem, setProblem] = useState<Error | null>(null);
  useEffect(() => {
    fetch('/config.json')
      .then((r) => r.json() as Promise<ClientConfig>)
      .then(async (loaded) => {
        setConfig(loaded);
        if (loaded.oidc) {
          const token = await finishSignIn(loaded.oidc, window.location);
          if (token) signIn(token, loaded.oidc.claimMapping);
        }
      })
      .catch((error: Error) => setProblem(error));
  }, [signIn]);
  const client = useMemo(() => (session ? makeClient(session.token) : null), [session]);
  const role = session?.claims.role;

  return (
    <>
      <a className="skip" href="#main">
        {t('app.skip')}
      </a>
      <header className="top">
        <span className="brand">{t('app.title')}</span>
        {role && (
          <nav aria-label={t('nav.main')}>
            {NAVIGATION[role].map(([to, label]) => (
              <Link key={to} to={to}>
                {t(label)}
              </Link>
            ))}
          </nav>
        )}
        <span className="session">
          {role && (
            <span className="who">
              {t(`role.${role}` as MessageKey)} · {session?.claims.sub}
            </span>
          )}
          <button type="button" className="secondary" lang={locale === 'en' ? 'zh-CN' : 'en'} onClick={() => setLocale(locale === 'en' ? 'zh-CN' : 'en')}>
            {t('nav.language')}
          </button>
          {role && (
            <button type="button" className="secondary" onClick={signOut}>
              {t('nav.signOut')}
            </button>
          )}
        </span>
      </header>
      <main id="main">
        <ErrorBox error={problem} />
        {!session && config && <SignIn config={config} />}
        {session && client && role && (
          <Provider value={client}>
            <Suspense fallback={<p aria-live="polite">{t('common.loading')}</p>}>
              <Routes role={role} unitId={session.claims.unit_id} cadreId={session.claims.cadre_id} />
            </Suspense>
          </Provider>
        )}
      </main>
    </>
  );
}
