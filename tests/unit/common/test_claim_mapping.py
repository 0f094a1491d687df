"""The provider's groups become platform claims by one table and the same rules at the gateway
and the console (schemas/identity/claim-mapping.mjs, run here under node) and at the subgraphs
(Python)."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from services.common.claim_mapping import DEFAULT_MAPPING_FILE, ClaimMapping, ClaimMappingError

ROOT = Path(__file__).resolve().parents[3]
MAPPING = ClaimMapping.load("")

# (groups claim, platform claims or the start of the refusal)
CASES: list[tuple[object, dict | str]] = [
    (["cadre-platform-admins"], {"role": "admin"}),
    (["mail-users", "cadre-platform-assessors"], {"role": "assessor"}),
    (["cadre-platform-trainers", "cadre-platform-unit:JS-1"], {"role": "trainer"}),
    (["cadre-platform-public-evaluators"], {"role": "public_evaluator"}),
    (
        ["cadre-platform-unit-reporters", "cadre-platform-unit:JS-MAJINGAO"],
        {"role": "unit_reporter", "unit_id": "JS-MAJINGAO"},
    ),
    (
        ["cadre-platform-cadres", "cadre-platform-cadre:C-0001"],
        {"role": "cadre", "cadre_id": "C-0001"},
    ),
    # The same role twice is still one role.
    (["cadre-platform-admins", "cadre-platform-admins"], {"role": "admin"}),
    (["cadre-platform-unit-reporters"], "a unit reporter needs exactly one group"),
    (
        ["cadre-platform-unit-reporters", "cadre-platform-unit:A", "cadre-platform-unit:B"],
        "a unit reporter needs exactly one group",
    ),
    (["cadre-platform-cadres", "cadre-platform-cadre:"], "a cadre needs exactly one group"),
    (["cadre-platform-admins", "cadre-platform-cadres"], "the token's groups grant several roles"),
    (["mail-users"], "no group of the token grants a platform role"),
    ([], "no group of the token grants a platform role"),
    (["__proto__", "toString"], "no group of the token grants a platform role"),
    ("cadre-platform-admins", "claim 'groups' must be a list of group names"),
    ([1, "cadre-platform-admins"], "claim 'groups' must be a list of group names"),
    (None, "claim 'groups' must be a list of group names"),
]


def python_answer(groups: object) -> dict | str:
    claims = {} if groups is None else {"groups": groups}
    try:
        return MAPPING.platform_claims(claims)
    except ClaimMappingError as error:
        return str(error)


def gateway_answers(cases: list[object]) -> list[dict | str]:
    script = """
      import { readFileSync } from 'node:fs';
      import { parseClaimMapping, platformClaims } from './schemas/identity/claim-mapping.mjs';
      const mapping = parseClaimMapping(readFileSync(process.argv[1], 'utf8'));
      const cases = JSON.parse(process.argv[2]);
      console.log(JSON.stringify(cases.map((groups) => {
        try { return platformClaims(mapping, groups === null ? {} : { groups }); }
        catch (error) { return error.message; }
      })));
    """
    done = subprocess.run(
        ["node", "--input-type=module", "-e", script, str(DEFAULT_MAPPING_FILE), json.dumps(cases)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )
    return list(json.loads(done.stdout))


def test_gateway_and_subgraphs_map_every_case_alike_and_as_expected():
    assert shutil.which("node"), "node (Node 20) runs the gateway and is needed here"
    groups = [case for case, _ in CASES]
    from_gateway = gateway_answers(groups)
    for (case, expected), gateway in zip(CASES, from_gateway, strict=True):
        python = python_answer(case)
        if isinstance(expected, dict):
            assert python == gateway == expected, case
        else:
            assert isinstance(python, str) and python.startswith(expected), (case, python)
            assert python == gateway, (case, python, gateway)


@pytest.mark.parametrize(
    "text, reason",
    [
        ("not json", "not a claim mapping"),
        ('{"groups_claim": "groups"}', "not a claim mapping"),
        (
            '{"groups_claim": "g", "roles": {"x": "root"}, "unit_group_prefix": "u:", '
            '"cadre_group_prefix": "c:"}',
            "unknown roles",
        ),
    ],
)
def test_a_broken_mapping_setting_is_refused_at_start(text, reason):
    with pytest.raises(ValueError, match=reason):
        ClaimMapping.load(text)


def test_a_department_mapping_replaces_the_project_table():
    own = ClaimMapping.load(
        '{"groups_claim": "roles", "roles": {"HR-Leiter": "admin"}, '
        '"unit_group_prefix": "unit/", "cadre_group_prefix": "cadre/"}'
    )
    assert own.platform_claims({"roles": ["HR-Leiter"]}) == {"role": "admin"}
    with pytest.raises(ClaimMappingError):
        own.platform_claims({"groups": ["cadre-platform-admins"]})
