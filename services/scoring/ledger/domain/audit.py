"""Checks a whole log from scratch, trusting nothing but the checkpoint signing keys.

Every leaf hash is recomputed from the leaf's bytes and the tree rebuilt; each signed checkpoint
must match the rebuilt tree at its size. Findings name the records concerned: a leaf whose bytes
no longer match the hash recorded at append time is named exactly; when the recorded hashes were
rewritten too, the first checkpoint that fails bounds the change to the leaves it added, which
is the records of one append for a log that signs a checkpoint per append.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

from services.scoring.ledger.domain.checkpoint import SignedCheckpoint, checkpoint_valid
from services.scoring.ledger.domain.hashing import HASH_SIZE, leaf_hashes
from services.scoring.ledger.domain.leaves import describe
from services.scoring.ledger.domain.tree import Extension, Node, root_at, tree_of

MISSING = b"\x00" * HASH_SIZE
NAMED_AT_MOST = 20


@dataclass(frozen=True)
class Finding:
    problem: str
    message: str
    leaf_index: int | None = None
    record: str | None = None


@dataclass(frozen=True, repr=False)
class StoredLog:
    """A log as read back: leaves in index order (with their recorded hashes) and its checkpoints."""

    indices: Sequence[int]
    datas: Sequence[bytes]
    recorded_hashes: Sequence[bytes]
    checkpoints: Sequence[SignedCheckpoint]
    stored_nodes: Mapping[Node, bytes] = field(default_factory=dict)

    def __repr__(self) -> str:
        # A million leaves printed whole would take seconds (asyncio prints task results in errors).
        return f"StoredLog({len(self.indices)} leaves, {len(self.checkpoints)} checkpoints)"


@dataclass
class AuditReport:
    leaves: int
    checkpoints: int
    verified_size: int = 0
    checkpoints_verified: int = 0
    findings: list[Finding] = field(default_factory=list)

    @property
    def intact(self) -> bool:
        return not self.findings


def _names(log: StoredLog, positions: Sequence[int]) -> str:
    shown = [f"leaf {log.indices[p]} ({describe(log.datas[p])})" for p in positions[:NAMED_AT_MOST]]
    more = f" and {len(positions) - NAMED_AT_MOST} more" if len(positions) > NAMED_AT_MOST else ""
    return ", ".join(shown) + more


def _positions_by_index(log: StoredLog) -> dict[int, int]:
    return {index: position for position, index in enumerate(log.indices)}


def _gaps(log: StoredLog, size: int) -> list[Finding]:
    if len(log.indices) == size and (not size or log.indices[-1] == size - 1):
        return []
    present = set(log.indices)
    missing = [index for index in range(size) if index not in present]
    return [
        Finding("missing_leaf", f"leaf {index} is missing: deleted from the log", leaf_index=index)
        for index in missing[:NAMED_AT_MOST]
    ] + (
        [Finding("missing_leaf", f"{len(missing) - NAMED_AT_MOST} more leaves are missing")]
        if len(missing) > NAMED_AT_MOST
        else []
    )


def _altered(log: StoredLog, computed: Sequence[bytes]) -> list[Finding]:
    return [
        Finding(
            "altered_leaf",
            f"leaf {log.indices[position]} ({describe(log.datas[position])}) was altered: its content no longer "
            "matches the hash recorded when it was appended",
            leaf_index=log.indices[position],
            record=describe(log.datas[position]),
        )
        for position, (mine, recorded) in enumerate(zip(computed, log.recorded_hashes))
        if mine != recorded
    ]


class _Signatures:
    """Verifies checkpoint signatures on demand, once each, noting every one that fails.

    Signature checks cost far more than hashing, and a log signs a checkpoint per append, so the
    audit checks the ones its conclusions rest on (or all of them when asked).
    """

    def __init__(self, keys: dict[str, Ed25519PublicKey]):
        self._keys = keys
        self._known: dict[int, bool] = {}
        self.findings: list[Finding] = []

    def genuine(self, signed: SignedCheckpoint) -> bool:
        if id(signed) not in self._known:
            valid = checkpoint_valid(signed, self._keys)
            self._known[id(signed)] = valid
            if not valid:
                self.findings.append(
                    Finding(
                        "bad_checkpoint",
                        f"checkpoint of size {signed.tree_size} signed at {signed.checkpoint.signed_at.isoformat()} "
                        f"does not verify with the trusted keys (key {signed.key_id}): forged or altered",
                    )
                )
        return self._known[id(signed)]

    @property
    def checked(self) -> int:
        return len(self._known)


def _mismatch(
    log: StoredLog, tree: Extension, first: SignedCheckpoint, verified: int, later: int
) -> Finding:
    if first.tree_size > tree.size:
        message = (
            f"checkpoint of size {first.tree_size} was signed but the log holds {tree.size} leaves: "
            f"leaves {tree.size} to {first.tree_size - 1} were removed"
        )
    else:
        positions = _positions_by_index(log)
        changed = [positions[i] for i in range(verified, first.tree_size) if i in positions]
        span = (
            f"leaf {verified} was"
            if first.tree_size - verified == 1
            else f"one of leaves {verified} to {first.tree_size - 1} was"
        )
        message = (
            f"checkpoint of size {first.tree_size} signed at {first.checkpoint.signed_at.isoformat()} does "
            f"not match the log: {span} changed, removed or reordered: {_names(log, changed)}"
        )
    if later:
        message += f"; {later} later checkpoints do not match either"
    return Finding("checkpoint_mismatch", message, leaf_index=verified)


def _stored_nodes(tree: Extension, stored: Mapping[Node, bytes]) -> list[Finding]:
    findings = []
    for (level, index), digest in sorted(stored.items()):
        first, hashes = tree.new_nodes(level)
        mine = hashes[index - first] if first <= index < first + len(hashes) else None
        if mine != digest:
            width = 1 << level
            findings.append(
                Finding(
                    "altered_node",
                    f"the stored subtree hash (level {level}, index {index}) and leaves {index * width} to "
                    f"{(index + 1) * width - 1} disagree: one of them was changed, and proofs through it fail",
                    leaf_index=index * width,
                )
            )
    return findings


def _unsigned(log: StoredLog, verified_upto: int, size: int) -> list[Finding]:
    if size <= verified_upto:
        return []
    positions = _positions_by_index(log)
    tail = [positions[i] for i in range(verified_upto, size) if i in positions]
    return [
        Finding(
            "unsigned_leaves",
            f"leaves {verified_upto} to {size - 1} are covered by no signed checkpoint, so they were written "
            f"outside the service: {_names(log, tail)}",
            leaf_index=verified_upto,
        )
    ]


def audit(
    log: StoredLog, keys: dict[str, Ed25519PublicKey], every_checkpoint: bool = False
) -> AuditReport:
    size = (log.indices[-1] + 1) if log.indices else 0
    computed = leaf_hashes(log.datas)
    report = AuditReport(leaves=len(log.indices), checkpoints=len(log.checkpoints))
    report.findings += _gaps(log, size)
    report.findings += _altered(log, computed)
    if len(log.indices) == size:
        by_index = computed
    else:
        by_index = [MISSING] * size
        for index, digest in zip(log.indices, computed):
            by_index[index] = digest
    tree = tree_of(by_index)
    signatures = _Signatures(keys)
    ordered = sorted(log.checkpoints, key=lambda c: c.tree_size)
    if every_checkpoint:
        for checkpoint in ordered:
            signatures.genuine(checkpoint)

    def matches(checkpoint: SignedCheckpoint) -> bool:
        return (
            checkpoint.tree_size <= tree.size
            and root_at(tree, checkpoint.tree_size) == checkpoint.root_hash
        )

    failing = [c for c in ordered if not matches(c)]
    first = next((c for c in failing if signatures.genuine(c)), None)
    limit = first.tree_size if first else size + 1
    report.verified_size = next(
        (
            c.tree_size
            for c in reversed(ordered)
            if c.tree_size < limit and matches(c) and signatures.genuine(c)
        ),
        0,
    )
    latest = next((c.tree_size for c in reversed(ordered) if signatures.genuine(c)), 0)
    report.checkpoints_verified = signatures.checked
    report.findings += signatures.findings
    if first is not None:
        later = sum(1 for c in failing if c.tree_size > first.tree_size)
        report.findings.append(_mismatch(log, tree, first, report.verified_size, later))
    report.findings += _stored_nodes(tree, log.stored_nodes)
    report.findings += _unsigned(log, latest, size)
    return report
