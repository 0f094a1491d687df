// Hive Gateway configuration. Every setting comes from the environment (docs/conventions.md);
// start it with `node gateway/serve.mjs supergraph` (see README.md).
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

import { maxAliasesPlugin } from '@escape.tech/graphql-armor-max-aliases';
import {
  createInlineSigningKeyProvider,
  createRemoteJwksSigningKeyProvider,
  defineConfig,
  Logger,
  type ExtractTokenFunction,
  type GatewayPlugin,
  type GetSigningKeyFunction,
  type TransportEntryAdditions,
} from '@graphql-hive/gateway';
import { GraphQLError, type ExecutionResult } from 'graphql';

import { parseClaimMapping, platformClaims } from '../schemas/identity/claim-mapping.mjs';
import { graphqlEndpoint, SUBGRAPHS } from './subgraphs.mjs';

const env = process.env;
const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');

const LOCAL_JWT_SECRET = 'local-development-secret-not-for-production-use';
const CORRELATION_HEADER = 'x-correlation-id';
// Why a caller reads cadres' personal data; each subgraph checks it and writes it to its access
// log (services/common/personal_data/writer.py).
const PURPOSE_HEADER = 'x-access-purpose';
// A caller-supplied id ends up in every service's logs and in Kafka headers, so only plain,
// short ids are taken over; anything else is replaced by a fresh one.
const ACCEPTABLE_CORRELATION_ID = /^[A-Za-z0-9._:-]{1,128}$/;
// Claims the subgraphs' authorisation relies on (docs/conventions.md, "Tokens"); a token
// without them is refused here already.
const REQUIRED_CLAIMS = ['sub', 'role', 'exp'];
const ROLES = new Set(['admin', 'assessor', 'unit_reporter', 'cadre', 'trainer', 'public_evaluator']);
// The subgraphs' limit (services/common/limits.py, MAX_BODY_BYTES): a 16 MiB file in base64 and
// the rest of the request. A body without Content-Length is cut by Hive Gateway itself at
// 25,000,000 bytes, which this configuration cannot change.
const MAX_BODY_BYTES = 24_000_000;

type Algorithm = 'HS256' | 'RS256';
type Claims = Record<string, unknown>;
type SigningKeyProviders = [GetSigningKeyFunction, ...GetSigningKeyFunction[]];

function positiveInteger(variable: string, fallback: number, max = Number.MAX_SAFE_INTEGER): number {
  const raw = env[variable];
  if (!raw) return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1 || value > max) {
    throw new Error(`${variable} must be an integer from 1 to ${max}, got "${raw}"`);
  }
  return value;
}

// JWT_LEEWAY_SECONDS as the subgraphs read it: 0 to 300, default 30.
function leeway(): number {
  const raw = env.JWT_LEEWAY_SECONDS;
  if (!raw) return 30;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0 || value > 300) {
    throw new Error(`JWT_LEEWAY_SECONDS must be an integer from 0 to 300, got "${raw}"`);
  }
  return value;
}

function appEnvironment(): 'development' | 'production' {
  const value = env.APP_ENV || 'development';
  if (value !== 'development' && value !== 'production') {
    throw new Error(`APP_ENV must be "development" or "production", got "${value}"`);
  }
  return value;
}

function jwtAlgorithm(): Algorithm {
  const value = env.JWT_ALGORITHM || 'HS256';
  if (value !== 'HS256' && value !== 'RS256') {
    throw new Error(`JWT_ALGORITHM must be HS256 or RS256, got "${value}"`);
  }
  return value;
}

function signingKeyProviders(algorithm: Algorithm, development: boolean): SigningKeyProviders {
  if (algorithm === 'HS256') {
    const secret = env.JWT_SECRET || LOCAL_JWT_SECRET;
    if (!development && secret === LOCAL_JWT_SECRET) {
      throw new Error('APP_ENV=production with HS256 needs JWT_SECRET: the built-in secret is public');
    }
    return [createInlineSigningKeyProvider(secret)];
  }
  const providers: GetSigningKeyFunction[] = [];
  if (env.JWT_JWKS_URL) {
    providers.push(
      createRemoteJwksSigningKeyProvider({
        jwksUri: env.JWT_JWKS_URL,
        cache: true,
        rateLimit: true,
        jwksRequestsPerMinute: 10,
      }),
    );
  }
  if (env.JWT_PUBLIC_KEY) {
    // Keys passed through single-line environment values often arrive with literal "\n".
    providers.push(createInlineSigningKeyProvider(env.JWT_PUBLIC_KEY.replace(/\\n/g, '\n')));
  }
  if (providers.length === 0) {
    throw new Error('JWT_ALGORITHM=RS256 needs JWT_PUBLIC_KEY or JWT_JWKS_URL');
  }
  return providers as SigningKeyProviders;
}

// People's tokens from an OpenID Connect provider (docs/identity.md), beside the platform's own:
// RS256 only, verified against the provider's JWKS, groups mapped to platform claims.
interface IdentityProvider {
  issuer: string;
  audience: string;
  jwksUrl: string;
  mapping: ReturnType<typeof parseClaimMapping>;
  // Key ids the provider's JWKS has answered for: a token that names the provider as issuer must
  // have been checked with one of them, never with the platform's own key.
  kids: Set<string>;
}

function identityProvider(): IdentityProvider | null {
  if (!env.OIDC_ISSUER) return null;
  if (!env.OIDC_JWKS_URL) throw new Error("OIDC_ISSUER needs OIDC_JWKS_URL: the provider's keys verify its tokens");
  return {
    issuer: env.OIDC_ISSUER,
    audience: env.OIDC_AUDIENCE || 'cadre-platform-api',
    jwksUrl: env.OIDC_JWKS_URL,
    // The setting holds a department's table itself; without it, the project's file.
    mapping: parseClaimMapping(
      env.OIDC_CLAIM_MAPPING?.trim() || readFileSync(resolve(repoRoot, 'schemas/identity/claim-mapping.json'), 'utf8'),
    ),
    kids: new Set(),
  };
}

// Asked first for a token with a key id. An unknown kid (the provider rotated its key) makes the
// client fetch the JWKS again, at most 10 times a minute; a kid the provider does not know falls
// through to the platform's own keys, which cannot verify an RS256 token they did not sign.
function providerSigningKey(provider: IdentityProvider): GetSigningKeyFunction {
  const remote = createRemoteJwksSigningKeyProvider({
    jwksUri: provider.jwksUrl,
    cache: true,
    rateLimit: true,
    jwksRequestsPerMinute: 10,
    timeout: 5000,
  });
  return async (kid) => {
    // A token without a key id is the platform's own; an empty key sends the plugin on to its keys.
    if (!kid) return '';
    const key = await remote(kid);
    if (key) provider.kids.add(kid);
    return key;
  };
}

function tokenHeader(request: Request | undefined): { alg?: string; kid?: string } {
  const token = (request?.headers.get('authorization') || '').trim().split(/\s+/)[1] || '';
  try {
    return JSON.parse(Buffer.from(token.split('.')[0], 'base64url').toString('utf8'));
  } catch {
    return {};
  }
}

function audiences(payload: Claims): unknown[] {
  return Array.isArray(payload.aud) ? payload.aud : [payload.aud];
}

// The JWT plugin checks signature, issuer and audience against both issuers' lists; here each
// issuer is held to its own algorithm, key and audience, and a provider's token gets its claims.
function platformPayload(payload: Claims, request: Request | undefined): Claims {
  const header = tokenHeader(request);
  if (provider && payload.iss === provider.issuer) {
    if (header.alg !== 'RS256' || !header.kid || !provider.kids.has(header.kid)) {
      throw unauthenticated("Token was not signed with the identity provider's key");
    }
    if (!audiences(payload).includes(provider.audience)) throw unauthenticated('Token has the wrong audience');
    try {
      return { ...payload, ...platformClaims(provider.mapping, payload) };
    } catch (error) {
      throw unauthenticated(`Token does not map to a platform identity: ${(error as Error).message}`);
    }
  }
  if (header.alg !== algorithm || (header.kid && provider?.kids.has(header.kid))) {
    throw unauthenticated("Token was not signed with the platform's key");
  }
  if (!audiences(payload).includes(platformAudience)) throw unauthenticated('Token has the wrong audience');
  return payload;
}

// The checked-in supergraph carries the dev stack's subgraph URLs; the environment wins, so the
// same file serves every stack and every cluster.
function subgraphLocations(): TransportEntryAdditions {
  const entries: TransportEntryAdditions = {};
  for (const { name, urlVariable } of SUBGRAPHS) {
    const baseUrl = env[urlVariable];
    if (baseUrl) entries[name] = { location: graphqlEndpoint(baseUrl) };
  }
  return entries;
}

// Browser origins allowed to call with credentials (CORS_ALLOWED_ORIGINS, comma-separated); none
// by default: the console is served from the gateway's own origin.
function corsOrigins(): string[] {
  return (env.CORS_ALLOWED_ORIGINS || '')
    .split(',')
    .map((origin) => origin.trim())
    .filter(Boolean);
}

function refusal(
  fetchAPI: { Response: typeof Response },
  status: number,
  code: string,
  message: string,
): Response {
  return new fetchAPI.Response(JSON.stringify({ errors: [{ message, extensions: { code } }] }), {
    status,
    headers: { 'content-type': 'application/json' },
  });
}

// Only JSON POSTs (and GET queries, which Hive Gateway already refuses for mutations) reach
// GraphQL. A cross-site page can send a form or text/plain POST without a CORS preflight, but
// not application/json; origins outside CORS_ALLOWED_ORIGINS fail that preflight. This is the
// CSRF defence, the same as every subgraph's (services/common/request_guard.py).
function useJsonPostsOnly(): GatewayPlugin {
  return {
    onRequest({ request, url, endResponse, fetchAPI }) {
      if (url.pathname !== '/graphql' || request.method !== 'POST') return;
      const mediaType = (request.headers.get('content-type') || '').split(';')[0].trim().toLowerCase();
      if (mediaType !== 'application/json') {
        endResponse(
          refusal(fetchAPI, 415, 'UNSUPPORTED_MEDIA_TYPE', 'GraphQL requests must have Content-Type: application/json.'),
        );
        return;
      }
      const declared = request.headers.get('content-length');
      if (declared != null && (!/^\d+$/.test(declared) || Number(declared) > MAX_BODY_BYTES)) {
        endResponse(
          refusal(fetchAPI, 413, 'PAYLOAD_TOO_LARGE', `The request body is larger than ${MAX_BODY_BYTES} bytes.`),
        );
      }
    },
  };
}

// A subgraph that cannot reach its database answers SERVICE_UNAVAILABLE with HTTP 503; the
// gateway keeps the error and the status, so that clients know to retry rather than report a bug.
function useRetryableUnavailable(): GatewayPlugin {
  return {
    onExecutionResult({ result, setResult }) {
      if (!result || Symbol.asyncIterator in result) return;
      const single = result as ExecutionResult;
      const unavailable = single.errors?.some(
        (error) => error.extensions?.code === 'SERVICE_UNAVAILABLE',
      );
      if (!unavailable) return;
      setResult({
        ...single,
        extensions: { ...single.extensions, http: { status: 503, headers: { 'retry-after': '5' } } },
      });
    },
  };
}

function unauthenticated(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'UNAUTHENTICATED', http: { status: 401 } } });
}

// The auth scheme is case-insensitive (RFC 9110), as the subgraphs treat it.
const bearerToken: ExtractTokenFunction = ({ request }) => {
  const header = request?.headers.get('authorization');
  if (!header) return undefined;
  const [scheme, token, ...rest] = header.trim().split(/\s+/);
  if (scheme.toLowerCase() !== 'bearer' || !token || rest.length > 0) {
    throw unauthenticated("The Authorization header must be 'Bearer <token>'");
  }
  return { prefix: scheme, token };
};

// Runs right after the JWT plugin has verified the token and before the document is parsed or
// validated, so a refused caller learns nothing about the schema.
function useRequiredClaims(): GatewayPlugin {
  return {
    onRequestParse({ request, serverContext }) {
      const verified = (serverContext as { jwt?: { payload?: Claims } }).jwt?.payload;
      const payload = verified ? platformPayload(verified, request) : undefined;
      const missing = REQUIRED_CLAIMS.filter((claim) => payload?.[claim] == null);
      if (missing.length > 0) {
        throw unauthenticated(`Token lacks required claim(s): ${missing.join(', ')}`);
      }
      if (!ROLES.has(String(payload?.role))) {
        throw unauthenticated("Token carries an unknown role");
      }
      // As the subgraphs (services/common/auth.py): a token issued in the future beyond the
      // allowed clock skew is refused; the JWT library itself does not look at `iat`.
      const issuedAt = payload?.iat;
      if (issuedAt != null) {
        if (typeof issuedAt !== 'number') throw unauthenticated('Token has an invalid iat claim');
        if (issuedAt > Date.now() / 1000 + leewaySeconds) {
          throw unauthenticated('Token is not yet valid (iat)');
        }
      }
    },
  };
}

// One id follows a request through the gateway, every subgraph it reaches (which put it on the
// events they emit) and back to the caller in the response header.
const correlationIds = new WeakMap<Request, string>();

function useCorrelationId(): GatewayPlugin {
  return {
    onRequest({ request, serverContext }) {
      const offered = request.headers.get(CORRELATION_HEADER);
      const id = offered && ACCEPTABLE_CORRELATION_ID.test(offered) ? offered : randomUUID();
      correlationIds.set(request, id);
      const context = serverContext as { log?: { child(attrs: Record<string, unknown>): unknown } };
      if (context.log) context.log = context.log.child({ correlationId: id }) as typeof context.log;
    },
    onResponse({ request, response }) {
      const id = correlationIds.get(request);
      if (id) response.headers.set(CORRELATION_HEADER, id);
    },
  };
}

const development = appEnvironment() === 'development';
const algorithm = jwtAlgorithm();
// The same variables and defaults as the subgraphs' own limits (services/common/settings.py).
const maxDepth = positiveInteger('GRAPHQL_MAX_DEPTH', 12);
const maxTokens = positiveInteger('GRAPHQL_MAX_TOKENS', 2000);
const maxAliases = positiveInteger('GRAPHQL_MAX_ALIASES', 15);
const leewaySeconds = leeway();
const allowedOrigins = corsOrigins();
const provider = identityProvider();
const platformIssuer = env.JWT_ISSUER || 'cadre-platform';
const platformAudience = env.JWT_AUDIENCE || 'cadre-platform';
const keyProviders = signingKeyProviders(algorithm, development);

export const gatewayConfig = defineConfig({
  supergraph: env.SUPERGRAPH_PATH || resolve(repoRoot, 'schemas/exported/supergraph.graphql'),
  transportEntries: subgraphLocations(),
  port: positiveInteger('GATEWAY_PORT', 4000, 65535),
  disableWebsockets: true,
  // Without configured origins no CORS header is sent at all, so browsers keep other sites out;
  // never the default, which reflects any Origin with credentials.
  cors:
    allowedOrigins.length > 0
      ? {
          origin: allowedOrigins,
          credentials: true,
          methods: ['POST'],
          allowedHeaders: ['authorization', 'content-type', CORRELATION_HEADER, PURPOSE_HEADER],
        }
      : false,
  // Level and format come from LOG_LEVEL and LOG_JSON (see serve.mjs); debug logs of subgraph
  // requests would otherwise print every caller's bearer token.
  logging: new Logger({
    redact: { paths: ['headers.authorization', '*.headers.authorization'], censor: '[redacted]' },
  }),

  jwt: {
    signingKeyProviders: provider ? [providerSigningKey(provider), ...keyProviders] : keyProviders,
    tokenLookupLocations: [bearerToken],
    tokenVerification: {
      algorithms: provider ? [...new Set<Algorithm>([algorithm, 'RS256'])] : [algorithm],
      issuer: provider ? [platformIssuer, provider.issuer] : platformIssuer,
      audience: provider ? [platformAudience, provider.audience] : platformAudience,
    },
    reject: { missingToken: true, invalidToken: true },
    // The subgraphs verify the original Authorization header themselves (propagated below)
    // instead of trusting claims the gateway would copy into the request.
    forward: { payload: false, token: false },
  },
  propagateHeaders: {
    fromClientToSubgraphs: ({ request }) => ({
      authorization: request.headers.get('authorization'),
      [CORRELATION_HEADER]: correlationIds.get(request),
      [PURPOSE_HEADER]: request.headers.get(PURPOSE_HEADER),
    }),
  },
  requestId: false,

  maxDepth,
  maxTokens,
  blockFieldSuggestions: !development,
  disableIntrospection: development ? undefined : { disableIf: () => true },
  batching: false,
  maskedErrors: true,
  graphiql: development,
  landingPage: development,

  plugins: () => [
    useJsonPostsOnly(),
    useRetryableUnavailable(),
    useCorrelationId(),
    useRequiredClaims(),
    maxAliasesPlugin({ n: maxAliases }),
  ],
});
