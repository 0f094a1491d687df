// Path-based routes without a library: the console has a dozen pages.
import { createContext, useCallback, useContext, useEffect, useState, type ReactNode, type MouseEvent } from 'react';

interface Router {
  path: string;
  navigate(path: string): void;
}

const Context = createContext<Router>({ path: '/', navigate: () => undefined });

export function RouterProvider({ children }: { children: ReactNode }) {
  const [path, setPath] = useState(window.location.pathname + window.location.search);
  useEffect(() => {
    const onPop = () => setPath(window.location.pathname + window.location.search);
    window.addEventListener('popstate', onPop);
    return () => window.removeEventListener('popstate', onPop);
  }, []);
  const navigate = useCallback((next: string) => {
    window.history.pushState(null, '', next);
    setPath(next);
    window.scrollTo(0, 0);
  }, []);
  return <Context.Provider value={{ path, navigate }}>{children}</Context.Provider>;
}

export function useRouter(): Router {
  return useContext(Context);
}

export function Link({ to, children, className }: { to: string; children: ReactNode; className?: string }) {
  const { navigate, path } = useRouter();
  const onClick = (event: MouseEvent<HTMLAnchorElement>) => {
    if (event.metaKey || event.ctrlKey || event.shiftKey || event.button !== 0) return;
    event.preventDefault();
    navigate(to);
  };
  const current = path.split('?')[0] === to.split('?')[0];
  return (
    <a href={to} onClick={onClick} className={className} aria-current={current ? 'page' : undefined}>
      {children}
    </a>
  );
}

export function queryParam(path: string, name: string): string | null {
  return new URLSearchParams(path.split('?')[1] || '').get(name);
}
