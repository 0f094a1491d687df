"""The service's own tables are held to the ledger: rows changed, slipped in or removed behind the
service's back are named by the verifier, and a rogue authorisation is not obeyed."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest

from services.common.auth import Principal, Role
from services.scoring import ledger
from services.scoring.domain.cases import Subject
from services.scoring.domain.exemptions import EvidenceItem, ExemptionCategory
from services.scoring.service_layer import approvals, exemptions, period_locks
from tests.integration.ledger.conftest import ScratchLog
from tests.integration.ledger.parties import Party

ADMIN = Principal(subject="organisation-department", role=Role.ADMIN)
ASSESSOR = Principal(subject="assessor-zhao", role=Role.ASSESSOR)
REPORTER = Principal(subject="reporter-1", role=Role.UNIT_REPORTER, unit_id="U-INVEST")


async def a_world(log: ScratchLog) -> dict:
    """A rejected exemption, a registered key and a locked period, each made through the service."""
    await log.tamper(
        "INSERT INTO unit_roster (unit_id, name, category) VALUES ('U-INVEST', 'Investment bureau', "
        "'municipal_department')"
    )
    category = ExemptionCategory(
        code="investment_compliant_below_expectation",
        name="Investment compliant",
        description="Procedure compliant, result below expectation.",
    )
    async with log.unit_of_work() as uow:
        await exemptions.save_category(uow, category, ADMIN)
        applied = await exemptions.apply(
            uow,
            Subject(unit_id="U-INVEST"),
            "2025",
            category.code,
            "IND-NEW-INDUSTRY-PROJECTS",
            "The investor withdrew after due diligence was complete.",
            [EvidenceItem("minutes.pdf", "cd" * 32)],
            REPORTER,
        )
    async with log.unit_of_work() as uow:
        rejected = await exemptions.decide(
            uow, applied.id, False, "The approval procedure skipped a step.", ASSESSOR
        )
    async with log.unit_of_work() as uow:
        key = await approvals.register_key(
            uow, "assessor office", "assessor", Party.new("assessor").public_key, None, ADMIN
        )
        await period_locks.lock_period(uow, "2025", "annual evaluation published", ADMIN)
    return {"exemption": rejected.id, "key": key.key_id}


def findings(log: ScratchLog) -> list[dict]:
    result = log.audit("--rows", "--json")
    assert result.returncode in (0, 1), result.stderr
    return json.loads(result.stdout)["findings"]


async def test_rows_changed_added_or_removed_behind_the_service_are_named(scratch_logs) -> None:
    log = await scratch_logs(service_tables=True)
    made = await a_world(log)
    assert findings(log) == []

    await log.tamper(f"UPDATE exemptions SET status = 'approved' WHERE id = '{made['exemption']}'")
    rogue = Party.new("discipline_inspection")
    await log.tamper(
        "INSERT INTO approval_keys (key_id, holder, role, public_key, registered_by, registered_at) "
        f"VALUES ('rogue-key', 'nobody', 'discipline_inspection', '{rogue.public_key}', 'x', now())"
    )
    await log.tamper("DELETE FROM period_locks WHERE period = '2025'")
    named = {(f["problem"], f["record"]): f["message"] for f in findings(log)}
    assert "status is 'approved' but leaf" in named[("altered_row", made["exemption"])]
    assert ("unrecorded_row", "rogue-key") in named
    assert "removed outside the service" in named[("removed_row", "2025")]


async def test_an_authorisation_written_into_the_database_is_not_obeyed(scratch_logs) -> None:
    log = await scratch_logs(service_tables=True)
    await a_world(log)
    content = {"value": 99.0, "unit_of_measure": "%"}
    await log.tamper(
        "INSERT INTO locked_change_authorisations (id, change_kind, record_id, period, content, reason, digest, "
        "signatures, authorised_by, authorised_role, authorised_at, leaf_index) VALUES ('LC-rogue', 'observation', "
        f"'U-INVEST/IND-NEW-INDUSTRY-PROJECTS/2025', '2025', '{json.dumps(content)}', 'beautify', 'x', '[]', 'x', "
        f"'admin', '{datetime.now(UTC).isoformat()}', 1)"
    )
    with pytest.raises(
        ledger.LedgerIntegrityError, match="LC-rogue does not match its ledger leaf"
    ):
        async with log.unit_of_work() as uow:
            await period_locks.guard(
                uow, "observation", [("U-INVEST/IND-NEW-INDUSTRY-PROJECTS/2025", "2025", content)]
            )
