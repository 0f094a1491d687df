// The console server's settings, all from the environment (README.md, "Web console").
import { readFileSync } from 'node:fs';

const LOCAL_JWT_SECRET = 'local-development-secret-not-for-production-use';

function port(raw, fallback) {
  const value = Number(raw || fallback);
  if (!Number.isInteger(value) || value < 1 || value > 65535) throw new Error(`WEB_PORT must be a port number, got "${raw}"`);
  return value;
}

// The table that turns a provider token's groups into the platform's role (docs/identity.md): a
// department's own in OIDC_CLAIM_MAPPING, else the project's. The console only shows the role's
// pages with it; the gateway and the subgraphs decide what the token may do.
function claimMapping(env) {
  const text = env.OIDC_CLAIM_MAPPING?.trim() || readFileSync(new URL('../../schemas/identity/claim-mapping.json', import.meta.url), 'utf8');
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new Error(`OIDC_CLAIM_MAPPING is not JSON: ${error.message}`);
  }
}

export function loadSettings(env = process.env) {
  const appEnv = env.APP_ENV || 'development';
  if (appEnv !== 'development' && appEnv !== 'production') {
    throw new Error(`APP_ENV must be "development" or "production", got "${appEnv}"`);
  }
  const settings = {
    appEnv,
    host: env.WEB_HOST || '127.0.0.1',
    port: port(env.WEB_PORT, 4005),
    gatewayUrl: env.GATEWAY_URL || 'http://127.0.0.1:4000/graphql',
    dist: env.WEB_DIST || new URL('../dist/', import.meta.url).pathname,
    jwtSecret: env.JWT_SECRET || LOCAL_JWT_SECRET,
    jwtIssuer: env.JWT_ISSUER || 'cadre-platform',
    jwtAudience: env.JWT_AUDIENCE || 'cadre-platform',
    oidc: {
      issuer: env.OIDC_ISSUER || '',
      clientId: env.OIDC_CLIENT_ID || '',
      redirectUri: env.OIDC_REDIRECT_URI || '',
      scope: env.OIDC_SCOPE || 'openid',
      claimMapping: env.OIDC_ISSUER ? claimMapping(env) : null,
    },
  };
  if (appEnv === 'production' && !(settings.oidc.issuer && settings.oidc.clientId && settings.oidc.redirectUri)) {
    throw new Error('APP_ENV=production needs OIDC_ISSUER, OIDC_CLIENT_ID and OIDC_REDIRECT_URI: the console signs in only through OpenID Connect');
  }
  return settings;
}
