// Types of claim-mapping.mjs for the console's TypeScript.
export interface ClaimMapping {
  groupsClaim: string;
  roles: Record<string, string>;
  unitGroupPrefix: string;
  cadreGroupPrefix: string;
}

export interface PlatformClaims {
  role: string;
  unit_id?: string;
  cadre_id?: string;
}

export class ClaimMappingError extends Error {}

export function parseClaimMapping(text: string | object): ClaimMapping;

export function platformClaims(mapping: ClaimMapping, claims: Record<string, unknown>): PlatformClaims;
