// Tokens for the sign-in page of a local stack: HS256 with the stack's secret and the claims of
// docs/conventions.md ("Tokens"). The server mounts this only when APP_ENV=development.
import { createHmac } from 'node:crypto';

export const ROLES = ['admin', 'assessor', 'unit_reporter', 'cadre', 'trainer', 'public_evaluator'];
const TTL_SECONDS = 8 * 3600;
const ID = /^[A-Za-z0-9._-]{1,64}$/;

const base64url = (value) => Buffer.from(value).toString('base64url');

export function mintToken(settings, { role, unitId, cadreId }) {
  if (!ROLES.includes(role)) throw new RangeError(`unknown role "${role}"`);
  if (role === 'unit_reporter' && !ID.test(unitId ?? '')) throw new RangeError('a unit reporter needs a unit id');
  if (role === 'cadre' && !ID.test(cadreId ?? '')) throw new RangeError('a cadre needs a cadre id');
  const now = Math.floor(Date.now() / 1000);
  const claims = {
    sub: (role === 'cadre' && cadreId) || (role === 'unit_reporter' && unitId) || `local-${role}`,
    role,
    iss: settings.jwtIssuer,
    aud: settings.jwtAudience,
    iat: now,
    exp: now + TTL_SECONDS,
  };
  if (role === 'unit_reporter') claims.unit_id = unitId;
  if (role === 'cadre') claims.cadre_id = cadreId;
  const unsigned = `${base64url(JSON.stringify({ alg: 'HS256', typ: 'JWT' }))}.${base64url(JSON.stringify(claims))}`;
  const signature = createHmac('sha256', settings.jwtSecret).update(unsigned).digest('base64url');
  return { token: `${unsigned}.${signature}`, expiresAt: claims.exp };
}
