// OpenID Connect authorization code with PKCE (RFC 7636) against the configured provider. Only the
// verifier and state cross the redirect (sessionStorage); the token stays in memory.
export interface OidcSettings {
  issuer: string;
  clientId: string;
  redirectUri: string;
  scope: string;
  // schemas/identity/claim-mapping.json or a department's own (OIDC_CLAIM_MAPPING).
  claimMapping: object;
}

interface Discovery {
  authorization_endpoint: string;
  token_endpoint: string;
}

const PENDING = 'oidc.pending';

function randomText(bytes = 32): string {
  return base64url(crypto.getRandomValues(new Uint8Array(bytes)));
}

function base64url(bytes: Uint8Array): string {
  return btoa(String.fromCharCode(...bytes)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

async function discover(issuer: string): Promise<Discovery> {
  const response = await fetch(`${issuer.replace(/\/$/, '')}/.well-known/openid-configuration`);
  if (!response.ok) throw new Error(`OpenID discovery failed: ${response.status}`);
  return (await response.json()) as Discovery;
}

export async function startSignIn(settings: OidcSettings): Promise<void> {
  const { authorization_endpoint } = await discover(settings.issuer);
  const verifier = randomText();
  const state = randomText(16);
  const challenge = base64url(new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier))));
  sessionStorage.setItem(PENDING, JSON.stringify({ verifier, state }));
  const url = new URL(authorization_endpoint);
  url.search = new URLSearchParams({
    response_type: 'code',
    client_id: settings.clientId,
    redirect_uri: settings.redirectUri,
    scope: settings.scope,
    state,
    code_challenge: challenge,
    code_challenge_method: 'S256',
  }).toString();
  window.location.assign(url.toString());
}

/** The access token for the code the provider sent back, or null when this is no callback. */
export async function finishSignIn(settings: OidcSettings, location: Location): Promise<string | null> {
  const params = new URLSearchParams(location.search);
  const code = params.get('code');
  if (!code) return null;
  const pending = JSON.parse(sessionStorage.getItem(PENDING) || 'null') as { verifier: string; state: string } | null;
  sessionStorage.removeItem(PENDING);
  if (!pending || pending.state !== params.get('state')) throw new Error('OpenID Connect state mismatch');
  const { token_endpoint } = await discover(settings.issuer);
  const response = await fetch(token_endpoint, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'authorization_code',
      code,
      redirect_uri: settings.redirectUri,
      client_id: settings.clientId,
      code_verifier: pending.verifier,
    }),
  });
  if (!response.ok) throw new Error(`token exchange failed: ${response.status}`);
  const body = (await response.json()) as { access_token?: string };
  if (!body.access_token) throw new Error('the provider returned no access token');
  window.history.replaceState(null, '', '/');
  return body.access_token;
}
