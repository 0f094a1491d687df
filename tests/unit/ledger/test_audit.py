"""The audit of a whole log, on an in-memory log that signs a checkpoint per append as the service does."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from services.scoring.ledger.domain.audit import StoredLog, audit
from services.scoring.ledger.domain.checkpoint import Checkpoint, CheckpointSigner, SignedCheckpoint
from services.scoring.ledger.domain.hashing import leaf_hash, leaf_hashes
from services.scoring.ledger.domain.leaves import leaf_bytes
from services.scoring.ledger.domain.storage import nodes_to_store
from services.scoring.ledger.domain.tree import extend

SIGNER = CheckpointSigner(Ed25519PrivateKey.generate())
KEYS = {SIGNER.key_id: SIGNER.public_key}
START = datetime(2025, 12, 31, tzinfo=UTC)


def build(appends: list[int]) -> StoredLog:
    """A log of appends of the given sizes, each signed, with its stored subtrees."""
    datas: list[bytes] = []
    checkpoints: list[SignedCheckpoint] = []
    nodes: dict = {}
    size, frontier = 0, {}
    for number, count in enumerate(appends):
        batch = [
            leaf_bytes(
                "observation_revision",
                f"OBS-{size + i}",
                {"value": size + i},
                "2025-12-31T00:00:00",
            )
            for i in range(count)
        ]
        extension = extend(size, frontier, leaf_hashes(batch))
        nodes.update({(level, index): digest for level, index, digest in nodes_to_store(extension)})
        datas += batch
        size, frontier = extension.size, extension.frontier
        checkpoints.append(
            SIGNER.sign(Checkpoint(size, extension.root, START + timedelta(minutes=number)))
        )
    return StoredLog(
        indices=list(range(size)),
        datas=datas,
        recorded_hashes=leaf_hashes(datas),
        checkpoints=checkpoints,
        stored_nodes=nodes,
    )


APPENDS = [1, 1, 3, 10, 1, 20, 4]


def findings(log: StoredLog) -> list[tuple[str, int | None]]:
    return [(finding.problem, finding.leaf_index) for finding in audit(log, KEYS).findings]


def test_an_untouched_log_is_intact() -> None:
    report = audit(build(APPENDS), KEYS, every_checkpoint=True)
    assert (
        report.intact and report.verified_size == 40 and report.checkpoints_verified == len(APPENDS)
    )


def test_a_record_altered_in_place_is_named() -> None:
    log = build(APPENDS)
    datas = list(log.datas)
    datas[21] = datas[21].replace(b'"value":21', b'"value":99')
    report = audit(replace(log, datas=datas), KEYS)
    altered = [f for f in report.findings if f.problem == "altered_leaf"]
    assert [(f.leaf_index, f.record) for f in altered] == [(21, "observation_revision OBS-21")]
    assert report.verified_size == 16


def rewritten(index: int) -> StoredLog:
    """The log with one record changed and its recorded hash rewritten to match."""
    log = build(APPENDS)
    datas, hashes = list(log.datas), list(log.recorded_hashes)
    datas[index] = datas[index].replace(f'"value":{index}'.encode(), b'"value":-1')
    hashes[index] = leaf_hash(datas[index])
    return replace(log, datas=datas, recorded_hashes=hashes)


def test_a_record_altered_with_its_hash_is_bounded_by_the_first_failing_checkpoint() -> None:
    report = audit(rewritten(4), KEYS)
    mismatch = next(f for f in report.findings if f.problem == "checkpoint_mismatch")
    assert "one of leaves 2 to 4" in mismatch.message and "OBS-4" in mismatch.message
    assert report.verified_size == 2


def test_a_single_record_append_names_exactly_the_record() -> None:
    mismatch = next(
        f for f in audit(rewritten(15), KEYS).findings if f.problem == "checkpoint_mismatch"
    )
    assert "leaf 15 was changed" in mismatch.message and "OBS-15" in mismatch.message


def test_deleted_leaves_are_named() -> None:
    log = build(APPENDS)
    keep = [i for i in range(40) if i != 7]
    gapped = replace(
        log,
        indices=keep,
        datas=[log.datas[i] for i in keep],
        recorded_hashes=[log.recorded_hashes[i] for i in keep],
    )
    assert ("missing_leaf", 7) in findings(gapped)
    truncated = replace(
        log, indices=list(range(30)), datas=log.datas[:30], recorded_hashes=log.recorded_hashes[:30]
    )
    message = next(
        f.message for f in audit(truncated, KEYS).findings if f.problem == "checkpoint_mismatch"
    )
    assert "leaves 30 to 35 were removed" in message


def test_a_log_cut_back_together_with_its_checkpoints_is_caught_by_a_checkpoint_kept_elsewhere() -> (
    None
):
    log = build(APPENDS)
    kept_elsewhere = log.checkpoints[-1]
    cut = build(APPENDS[:-1])
    assert audit(cut, KEYS).intact
    report = audit(replace(cut, checkpoints=[*cut.checkpoints, kept_elsewhere]), KEYS)
    assert [f.problem for f in report.findings] == ["checkpoint_mismatch"]


def test_leaves_slipped_in_after_the_last_checkpoint_are_unsigned() -> None:
    log = build(APPENDS)
    extra = leaf_bytes("published_score", "U-0001/2025", {"total": 100}, "2025-12-31T00:00:00")
    grown = replace(
        log,
        indices=[*log.indices, 40],
        datas=[*log.datas, extra],
        recorded_hashes=[*log.recorded_hashes, leaf_hash(extra)],
    )
    report = audit(grown, KEYS)
    assert [(f.problem, f.leaf_index) for f in report.findings] == [("unsigned_leaves", 40)]
    assert "published_score U-0001/2025" in report.findings[0].message


def test_a_forged_checkpoint_is_reported_and_not_trusted() -> None:
    log = build(APPENDS)
    forged = SignedCheckpoint(
        Checkpoint(41, bytes(32), START), key_id=SIGNER.key_id, signature=bytes(64)
    )
    report = audit(replace(log, checkpoints=[*log.checkpoints, forged]), KEYS)
    assert [f.problem for f in report.findings] == ["bad_checkpoint"]
    assert report.verified_size == 40


def test_a_stored_subtree_rewritten_is_reported() -> None:
    log = build(APPENDS)
    nodes = dict(log.stored_nodes)
    nodes[(4, 1)] = bytes(32)
    assert findings(replace(log, stored_nodes=nodes)) == [("altered_node", 16)]
