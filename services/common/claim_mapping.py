"""How an OpenID Connect provider's groups become the platform's claims.

The table is schemas/identity/claim-mapping.json (or a department's own, in
OIDC_CLAIM_MAPPING); the gateway and the console apply the same rules in
schemas/identity/claim-mapping.mjs, and a unit test holds the two to the same answers.

A person signs in with exactly one platform role: several role groups would leave it to chance
which one the platform applies, so such a token is refused, as is one whose unit reporter or
cadre lacks the one unit or cadre they answer for.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

DEFAULT_MAPPING_FILE = (
    Path(__file__).resolve().parents[2] / "schemas" / "identity" / "claim-mapping.json"
)
ROLES = frozenset({"admin", "assessor", "unit_reporter", "cadre", "trainer", "public_evaluator"})


class ClaimMappingError(ValueError):
    """The provider's claims do not make one platform identity; the message says why."""


@dataclass(frozen=True)
class ClaimMapping:
    groups_claim: str
    roles: dict[str, str]
    unit_group_prefix: str
    cadre_group_prefix: str

    @classmethod
    def parse(cls, text: str) -> ClaimMapping:
        try:
            raw = json.loads(text)
            mapping = cls(
                groups_claim=str(raw["groups_claim"]),
                roles={str(group): str(role) for group, role in raw["roles"].items()},
                unit_group_prefix=str(raw["unit_group_prefix"]),
                cadre_group_prefix=str(raw["cadre_group_prefix"]),
            )
        except (ValueError, KeyError, AttributeError, TypeError) as error:
            raise ValueError(f"OIDC_CLAIM_MAPPING is not a claim mapping: {error!r}") from None
        unknown = sorted(set(mapping.roles.values()) - ROLES)
        if unknown:
            raise ValueError(f"OIDC_CLAIM_MAPPING maps groups to unknown roles {unknown}")
        return mapping

    @classmethod
    def load(cls, setting: str | None) -> ClaimMapping:
        """The setting holds the mapping's JSON itself; empty means the project's file."""
        if setting and setting.strip():
            return cls.parse(setting)
        return cls.parse(DEFAULT_MAPPING_FILE.read_text(encoding="utf-8"))

    def platform_claims(self, claims: dict[str, Any]) -> dict[str, str]:
        """`role`, and `unit_id` or `cadre_id` where the role needs one, from the groups."""
        groups = claims.get(self.groups_claim)
        if not isinstance(groups, list) or not all(isinstance(g, str) for g in groups):
            raise ClaimMappingError(f"claim {self.groups_claim!r} must be a list of group names")
        roles = sorted({self.roles[g] for g in groups if g in self.roles})
        if not roles:
            raise ClaimMappingError("no group of the token grants a platform role")
        if len(roles) > 1:
            raise ClaimMappingError(
                f"the token's groups grant several roles {', '.join(roles)}; one is allowed"
            )
        role = roles[0]
        mapped = {"role": role}
        if role == "unit_reporter":
            mapped["unit_id"] = _one_suffix(groups, self.unit_group_prefix, "unit reporter")
        if role == "cadre":
            mapped["cadre_id"] = _one_suffix(groups, self.cadre_group_prefix, "cadre")
        return mapped


def _one_suffix(groups: list[str], prefix: str, what: str) -> str:
    found = sorted(
        {g[len(prefix) :] for g in groups if g.startswith(prefix) and len(g) > len(prefix)}
    )
    if len(found) != 1:
        raise ClaimMappingError(
            f"a {what} needs exactly one group {prefix}<id>, the token has {len(found)}"
        )
    return found[0]
