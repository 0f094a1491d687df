// How an OpenID Connect provider's groups become the platform's claims, for the gateway (which
// refuses a token that maps to no identity) and the console (which shows the role's pages). The
// subgraphs apply the same rules in services/common/claim_mapping.py, from the same table
// (claim-mapping.json here, or OIDC_CLAIM_MAPPING); a unit test holds the two to the same answers.
// No Node or browser API here: both load it.

const ROLES = new Set(['admin', 'assessor', 'unit_reporter', 'cadre', 'trainer', 'public_evaluator']);

export class ClaimMappingError extends Error {}

// `text` is the table's JSON, or the table itself as the console receives it in /config.json.
export function parseClaimMapping(text) {
  let raw = text;
  try {
    if (typeof text === 'string') raw = JSON.parse(text);
  } catch (error) {
    throw new Error(`OIDC_CLAIM_MAPPING is not a claim mapping: ${error.message}`);
  }
  const mapping = {
    groupsClaim: raw?.groups_claim,
    roles: raw?.roles,
    unitGroupPrefix: raw?.unit_group_prefix,
    cadreGroupPrefix: raw?.cadre_group_prefix,
  };
  const texts = [mapping.groupsClaim, mapping.unitGroupPrefix, mapping.cadreGroupPrefix];
  if (texts.some((value) => typeof value !== 'string') || typeof mapping.roles !== 'object' || !mapping.roles) {
    throw new Error('OIDC_CLAIM_MAPPING is not a claim mapping: it needs groups_claim, roles, unit_group_prefix, cadre_group_prefix');
  }
  const unknown = [...new Set(Object.values(mapping.roles))].filter((role) => !ROLES.has(role)).sort();
  if (unknown.length > 0) throw new Error(`OIDC_CLAIM_MAPPING maps groups to unknown roles ${unknown.join(', ')}`);
  return mapping;
}

function oneSuffix(groups, prefix, what) {
  const found = [...new Set(groups.filter((g) => g.startsWith(prefix) && g.length > prefix.length).map((g) => g.slice(prefix.length)))];
  if (found.length !== 1) {
    throw new ClaimMappingError(`a ${what} needs exactly one group ${prefix}<id>, the token has ${found.length}`);
  }
  return found[0];
}

// `role`, and `unit_id` or `cadre_id` where the role needs one; one role per person, as the
// subgraphs require.
export function platformClaims(mapping, claims) {
  const groups = claims?.[mapping.groupsClaim];
  if (!Array.isArray(groups) || !groups.every((g) => typeof g === 'string')) {
    throw new ClaimMappingError(`claim '${mapping.groupsClaim}' must be a list of group names`);
  }
  const roles = [...new Set(groups.filter((g) => Object.hasOwn(mapping.roles, g)).map((g) => mapping.roles[g]))].sort();
  if (roles.length === 0) throw new ClaimMappingError('no group of the token grants a platform role');
  if (roles.length > 1) throw new ClaimMappingError(`the token's groups grant several roles ${roles.join(', ')}; one is allowed`);
  const [role] = roles;
  const mapped = { role };
  if (role === 'unit_reporter') mapped.unit_id = oneSuffix(groups, mapping.unitGroupPrefix, 'unit reporter');
  if (role === 'cadre') mapped.cadre_id = oneSuffix(groups, mapping.cadreGroupPrefix, 'cadre');
  return mapped;
}
