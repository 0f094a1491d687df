"""GraphQL fuzzing generated from the schema (schemathesis, its GraphQL support): every query and
mutation of the gateway and of each subgraph, with arguments drawn from their types, a fixed seed
and a fixed budget of examples. No answer may be a 5xx or an internal error: a bad argument is
the client's mistake and gets a validation error naming it.

Mutations change data, so the fuzzing runs against the attack tests' own stack, never the one the
rest of the suite reads."""

from __future__ import annotations

import time
from collections import Counter
from dataclasses import dataclass, field

import pytest
import schemathesis
from hypothesis import HealthCheck, Phase, given, seed, settings

from services.common.auth import Role
from tests.integration.attacks.scalars import register
from tests.support import token

register()

SEED = 20_261_202
EXAMPLES_PER_OPERATION = 20
INTERNAL_MESSAGES = frozenset({"Internal error.", "Unexpected error."})
ENDPOINTS = ("gateway", "indicator", "scoring", "development")


@dataclass
class Tally:
    examples: int = 0
    statuses: Counter = field(default_factory=Counter)
    failures: list[str] = field(default_factory=list)

    def record(self, label: str, body: dict | None, status: int, sent: object) -> None:
        self.examples += 1
        self.statuses[status] += 1
        errors = (body or {}).get("errors") or []
        internal = [
            e
            for e in errors
            if e.get("message") in INTERNAL_MESSAGES
            or (e.get("extensions") or {}).get("code") == "INTERNAL_SERVER_ERROR"
        ]
        if status >= 500 or internal:
            self.failures.append(f"{label}: HTTP {status} {internal or body} for {sent}")


def url_of(own_settings, where: str) -> str:
    if where == "gateway":
        return own_settings.gateway_url
    return own_settings.service_url(where).rstrip("/") + "/graphql"


def fuzz_operation(operation, headers: dict[str, str], tally: Tally) -> None:
    @seed(SEED)
    @settings(
        max_examples=EXAMPLES_PER_OPERATION,
        database=None,
        deadline=None,
        phases=[Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    @given(case=operation.as_strategy())
    def fuzz(case) -> None:
        response = case.call(headers=headers, timeout=30)
        try:
            body = response.json()
        except ValueError:
            body = {"raw": response.text[:200]}
        tally.record(
            operation.label,
            body if isinstance(body, dict) else None,
            response.status_code,
            case.body,
        )

    fuzz()


@pytest.mark.parametrize("where", ENDPOINTS)
def test_fuzzed_operations_get_no_5xx_and_no_internal_error(own_settings, where):
    began = time.monotonic()
    headers = {"authorization": f"Bearer {token(own_settings, Role.ADMIN)}"}
    schema = schemathesis.graphql.from_url(url_of(own_settings, where), headers=headers, timeout=30)
    tally = Tally()
    operations = [result.ok() for result in schema.get_all_operations()]
    assert operations, f"{where}: the schema has no operations to fuzz"
    for operation in operations:
        fuzz_operation(operation, headers, tally)
    print(
        f"\nfuzzing {where}: {len(operations)} operations, {tally.examples} examples, "
        f"statuses {dict(tally.statuses)}, {len(tally.failures)} failing; "
        f"{time.monotonic() - began:.1f}s"
    )
    assert not tally.failures, "\n".join(tally.failures[:20])
