#!/usr/bin/env node
// A real OpenID Connect provider (oidc-provider, OpenID Certified) for the local stack and the
// tests: the console signs in here with the authorization code flow and PKCE, and the gateway and
// subgraphs verify its RS256 access tokens against its JWKS. Its login page accepts any password:
// it stands in for a department's provider in tests and must never face real users.
//
// Settings (environment): OIDC_PROVIDER_PORT, OIDC_ISSUER (its public URL), OIDC_AUDIENCE (the
// platform API, the `aud` of access tokens), OIDC_CLIENT_ID, OIDC_REDIRECT_URIS (comma-separated),
// OIDC_KEYS_FILE (where signing keys persist), OIDC_ACCESS_TOKEN_TTL (seconds).
// POST /-/rotate-signing-key rotates the signing key (see keys.mjs).
import { createServer } from 'node:http';

import Provider from 'oidc-provider';

import { loadKeys, rotateKeys } from './keys.mjs';
import { account } from './people.mjs';

const env = process.env;

function integer(name, fallback, min, max) {
  const raw = env[name];
  if (!raw) return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new Error(`${name} must be an integer from ${min} to ${max}, got "${raw}"`);
  }
  return value;
}

function required(name) {
  const value = env[name];
  if (!value) throw new Error(`${name} is required`);
  return value;
}

const port = integer('OIDC_PROVIDER_PORT', 4009, 1, 65535);
const issuer = env.OIDC_ISSUER || `http://127.0.0.1:${port}`;
const audience = env.OIDC_AUDIENCE || 'cadre-platform-api';
const clientId = env.OIDC_CLIENT_ID || 'cadre-console';
const redirectUris = required('OIDC_REDIRECT_URIS').split(',').map((uri) => uri.trim()).filter(Boolean);
const keysFile = required('OIDC_KEYS_FILE');
const accessTokenTtl = integer('OIDC_ACCESS_TOKEN_TTL', 3600, 10, 86400);
// A retired key stays published while a token it signed may still be presented (plus clock skew).
const keyLifetime = accessTokenTtl + 300;
// The platform's API as a resource server: the access token's audience and the only scope it grants.
const API = 'urn:cadre-platform:api';
const API_SCOPE = 'platform';

function configuration(keys) {
  return {
    clients: [
      {
        client_id: clientId,
        token_endpoint_auth_method: 'none',
        grant_types: ['authorization_code'],
        response_types: ['code'],
        redirect_uris: redirectUris,
        post_logout_redirect_uris: redirectUris,
      },
    ],
    jwks: { keys },
    findAccount: (_ctx, id) => account(id),
    claims: { openid: ['sub'], profile: ['name'], groups: ['groups'] },
    scopes: ['openid', 'profile', 'groups'],
    pkce: { required: () => true },
    features: {
      devInteractions: { enabled: true },
      resourceIndicators: {
        enabled: true,
        defaultResource: () => API,
        useGrantedResource: () => true,
        getResourceServerInfo: (_ctx, resource) => {
          if (resource !== API) throw new Provider.errors.InvalidTarget();
          return {
            scope: API_SCOPE,
            audience,
            accessTokenTTL: accessTokenTtl,
            accessTokenFormat: 'jwt',
            jwt: { sign: { alg: 'RS256' } },
          };
        },
      },
    },
    // The groups travel in the access token, which is all the platform sees of a person.
    extraTokenClaims: async (_ctx, token) => {
      if (token.kind !== 'AccessToken' || !token.accountId) return undefined;
      const person = account(token.accountId);
      return person ? { groups: (await person.claims()).groups } : undefined;
    },
    ttl: {
      AccessToken: accessTokenTtl,
      AuthorizationCode: 60,
      IdToken: accessTokenTtl,
      Interaction: 600,
      Session: 8 * 3600,
      Grant: 8 * 3600,
    },
    renderError: (ctx, out) => {
      ctx.type = 'json';
      ctx.body = out;
    },
  };
}

function log(msg, extra = {}) {
  console.log(JSON.stringify({ level: 'info', msg, ...extra }));
}

// A rotation builds a provider around the new key set and swaps it in; sessions and grants live
// in the in-memory adapter, which every instance shares, so a sign-in under way goes on.
let provider = new Provider(issuer, configuration(loadKeys(keysFile, keyLifetime)));
let handle = provider.callback();

function rotate(response) {
  const keys = rotateKeys(keysFile, keyLifetime);
  provider = new Provider(issuer, configuration(keys));
  handle = provider.callback();
  log('signing key rotated', { signingKid: keys[0].kid, publishedKids: keys.map((key) => key.kid) });
  response.writeHead(200, { 'content-type': 'application/json' });
  response.end(JSON.stringify({ signing_kid: keys[0].kid, published_kids: keys.map((key) => key.kid) }));
}

const server = createServer((request, response) => {
  if (request.url === '/-/rotate-signing-key' && request.method === 'POST') return rotate(response);
  if (request.url === '/-/healthz') {
    response.writeHead(200, { 'content-type': 'application/json' });
    return response.end('{"status":"ok"}');
  }
  return handle(request, response);
});

server.listen(port, '127.0.0.1', () => log('OpenID Connect provider listening', { issuer, clientId, redirectUris }));

for (const signal of ['SIGTERM', 'SIGINT']) {
  process.on(signal, () => server.close(() => process.exit(0)));
}
