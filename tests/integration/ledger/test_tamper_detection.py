"""Changes made straight in the database, behind the service, are found and the records named."""

from __future__ import annotations

import json

import pytest

from services.scoring import ledger
from services.scoring.ledger.adapters.log_files import checkpoint_json
from tests.integration.ledger.conftest import ScratchLog


async def fill(log: ScratchLog, count: int = 12) -> None:
    for i in range(count):
        await log.record(
            "observation_revision", f"OBS-U-0001-IND-07-{i}", {"value": 90 + i, "revision": 1}
        )


def report(result) -> dict:
    assert result.returncode in (0, 1), result.stderr
    return json.loads(result.stdout)


async def test_an_untouched_log_verifies(scratch_log: ScratchLog) -> None:
    await fill(scratch_log)
    result = report(scratch_log.audit("--json", "--every-checkpoint"))
    assert result["intact"] and result["leaves"] == 12 and result["verified_size"] == 12
    assert result["checkpoints_verified"] == 12


async def test_a_record_altered_in_the_database_is_named(scratch_log: ScratchLog) -> None:
    await fill(scratch_log)
    await scratch_log.tamper(
        "UPDATE ledger_leaves SET leaf_data = convert_to(replace(convert_from(leaf_data, 'UTF8'), "
        "'\"value\":97', '\"value\":99'), 'UTF8') WHERE leaf_index = 7"
    )
    result = scratch_log.audit()
    assert result.returncode == 1
    assert "leaf 7 (observation_revision OBS-U-0001-IND-07-7) was altered" in result.stdout


async def test_a_record_altered_with_its_recorded_hash_is_still_named(
    scratch_log: ScratchLog,
) -> None:
    await fill(scratch_log)
    await scratch_log.tamper(
        "UPDATE ledger_leaves SET leaf_data = convert_to(replace(convert_from(leaf_data, 'UTF8'), "
        "'\"value\":95', '\"value\":99'), 'UTF8') WHERE leaf_index = 5"
    )
    await scratch_log.tamper(
        "UPDATE ledger_leaves SET leaf_hash = sha256('\\x00'::bytea || leaf_data) WHERE leaf_index = 5"
    )
    findings = report(scratch_log.audit("--json"))["findings"]
    mismatch = next(f for f in findings if f["problem"] == "checkpoint_mismatch")
    assert "leaf 5 was changed" in mismatch["message"]
    assert "OBS-U-0001-IND-07-5" in mismatch["message"]


async def test_a_deleted_record_is_named_and_the_log_refuses_further_appends(
    scratch_log: ScratchLog,
) -> None:
    await fill(scratch_log)
    await scratch_log.tamper("DELETE FROM ledger_leaves WHERE leaf_index = 3")
    result = scratch_log.audit()
    assert result.returncode == 1 and "leaf 3 is missing" in result.stdout
    with pytest.raises(ledger.LedgerIntegrityError, match="changed outside the service"):
        await scratch_log.record("observation_revision", "OBS-after", {"value": 1})


async def test_a_log_cut_back_with_its_checkpoints_is_caught_by_a_checkpoint_kept_outside(
    scratch_log: ScratchLog, tmp_path
) -> None:
    await fill(scratch_log)
    async with scratch_log.sessions() as session:
        kept = await ledger.signed_checkpoint(session, None)
    outside = tmp_path / "checkpoint.json"
    outside.write_text(json.dumps(checkpoint_json(kept)))
    await scratch_log.tamper("DELETE FROM ledger_leaves WHERE leaf_index >= 10")
    await scratch_log.tamper("DELETE FROM ledger_checkpoints WHERE tree_size > 10")
    assert scratch_log.audit().returncode == 0
    result = scratch_log.audit("--checkpoint", str(outside))
    assert result.returncode == 1 and "leaves 10 to 11 were removed" in result.stdout


async def test_an_exported_log_is_audited_offline(scratch_log: ScratchLog, tmp_path) -> None:
    await fill(scratch_log, 5)
    exported = tmp_path / "log.jsonl"
    done = scratch_log.verifier(
        "export",
        "--database-url",
        scratch_log.database_url,
        "--schema",
        scratch_log.schema,
        "--out",
        str(exported),
    )
    assert done.returncode == 0, done.stderr
    assert (
        scratch_log.verifier(
            "audit", "--public-key", str(scratch_log.public_key), "--log", str(exported)
        ).returncode
        == 0
    )
    lines = exported.read_text().splitlines()
    leaf = json.loads(lines[3])
    leaf["hash"] = "00" * 32
    lines[3] = json.dumps(leaf)
    exported.write_text("\n".join(lines) + "\n")
    result = scratch_log.verifier(
        "audit", "--public-key", str(scratch_log.public_key), "--log", str(exported)
    )
    assert (
        result.returncode == 1
        and "leaf 2 (observation_revision OBS-U-0001-IND-07-2)" in result.stdout
    )
