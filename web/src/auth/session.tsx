// The signed-in identity: the token lives in memory only (never in storage) and the session ends
// when the token expires.
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';

import { parseClaimMapping, platformClaims } from '../../../schemas/identity/claim-mapping.mjs';

export type Role = 'admin' | 'assessor' | 'unit_reporter' | 'cadre' | 'trainer' | 'public_evaluator';

export interface Claims {
  sub: string;
  role: Role;
  exp: number;
  unit_id?: string;
  cadre_id?: string;
}

export interface Session {
  token: string;
  claims: Claims;
}

interface SessionContext {
  session: Session | null;
  expired: boolean;
  /** `claimMapping` for a provider's token, whose groups stand for the platform's claims. */
  signIn(token: string, claimMapping?: object): void;
  signOut(): void;
}

const Context = createContext<SessionContext | null>(null);

export function decodeClaims(token: string): Claims {
  const payload = token.split('.')[1];
  if (!payload) throw new Error('not a JWT');
  const text = atob(payload.replace(/-/g, '+').replace(/_/g, '/'));
  const bytes = Uint8Array.from(text, (c) => c.charCodeAt(0));
  return JSON.parse(new TextDecoder().decode(bytes)) as Claims;
}

// With the gateway's rules (schemas/identity/claim-mapping.mjs): a token that maps to no platform
// identity throws here, with the reason, instead of opening an empty console.
function sessionClaims(token: string, claimMapping?: object): Claims {
  const claims = decodeClaims(token);
  if (!claimMapping) return claims;
  const raw = claims as unknown as Record<string, unknown>;
  return { ...claims, ...platformClaims(parseClaimMapping(claimMapping), raw) } as Claims;
}

export function SessionProvider({ children }: { children: ReactNode }) {
  const [session, setSession] = useState<Session | null>(null);
  const [expired, setExpired] = useState(false);
  const signIn = useCallback((token: string, claimMapping?: object) => {
    const claims = sessionClaims(token, claimMapping);
    setExpired(false);
    setSession({ token, claims });
  }, []);
  const signOut = useCallback(() => setSession(null), []);

  useEffect(() => {
    if (!session) return;
    const left = session.claims.exp * 1000 - Date.now();
    const timer = setTimeout(() => {
      setSession(null);
      setExpired(true);
    }, Math.max(left, 0));
    return () => clearTimeout(timer);
  }, [session]);

  const value = useMemo(() => ({ session, expired, signIn, signOut }), [session, expired, signIn, signOut]);
  return <Context.Provider value={value}>{children}</Context.Provider>;
}

export function useSession(): SessionContext {
  const value = useContext(Context);
  if (!value) throw new Error('useSession outside SessionProvider');
  return value;
}
