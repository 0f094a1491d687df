"""Signed checkpoints and the leaf format."""

from __future__ import annotations

import base64
from dataclasses import replace
from datetime import UTC, datetime

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from services.common.errors import ValidationFailed
from services.scoring.ledger.adapters.log_files import checkpoint_from_json, checkpoint_json
from services.scoring.ledger.domain.checkpoint import Checkpoint, CheckpointSigner, checkpoint_valid
from services.scoring.ledger.domain.leaves import check_reference, leaf_bytes, read_leaf
from services.scoring.ledger.domain.signatures import (
    key_id,
    load_public_key,
    public_key_pem,
    raw_public_key,
)

SIGNER = CheckpointSigner(Ed25519PrivateKey.generate())
KEYS = {SIGNER.key_id: SIGNER.public_key}
CHECKPOINT = Checkpoint(
    tree_size=1_341_600, root_hash=bytes(range(32)), signed_at=datetime.now(UTC)
)


def test_a_signed_checkpoint_verifies_only_as_signed() -> None:
    signed = SIGNER.sign(CHECKPOINT)
    assert checkpoint_valid(signed, KEYS)
    assert not checkpoint_valid(
        replace(signed, checkpoint=replace(CHECKPOINT, tree_size=1_341_599)), KEYS
    )
    assert not checkpoint_valid(
        replace(signed, checkpoint=replace(CHECKPOINT, root_hash=bytes(32))), KEYS
    )
    other = CheckpointSigner(Ed25519PrivateKey.generate())
    assert not checkpoint_valid(replace(other.sign(CHECKPOINT), key_id=SIGNER.key_id), KEYS)
    assert not checkpoint_valid(other.sign(CHECKPOINT), KEYS)


def test_a_public_key_loads_from_pem_base64_or_hex_with_one_key_id() -> None:
    raw = raw_public_key(SIGNER.public_key)
    for text in (public_key_pem(SIGNER.public_key), base64.b64encode(raw).decode(), raw.hex()):
        assert key_id(load_public_key(text)) == SIGNER.key_id
    with pytest.raises(ValueError):
        load_public_key("not a key")


def test_a_leaf_is_the_same_bytes_whatever_the_key_order() -> None:
    first = leaf_bytes(
        "published_score",
        "U-0001/2025",
        {"total": 91.5, "grade": "excellent"},
        "2025-12-31T00:00:00",
    )
    second = leaf_bytes(
        "published_score",
        "U-0001/2025",
        {"grade": "excellent", "total": 91.5},
        "2025-12-31T00:00:00",
    )
    assert first == second
    record = read_leaf(first)
    assert (record.kind, record.record_id, record.content) == (
        "published_score",
        "U-0001/2025",
        {"grade": "excellent", "total": 91.5},
    )


def test_a_reference_on_two_lines_is_refused() -> None:
    with pytest.raises(ValidationFailed) as refused:
        check_reference("observation_revision", "OBS-1\nforged line")
    assert refused.value.problems[0].field == "recordId"
    with pytest.raises(ValidationFailed):
        check_reference("Observation Revision", "OBS-1")


def test_a_checkpoint_kept_from_the_event_or_from_graphql_reads_the_same() -> None:
    signed = SIGNER.sign(CHECKPOINT)
    event = {
        "payload": {
            "tree_size": signed.tree_size,
            "root_hash": signed.root_hash.hex(),
            "signature": signed.signature.hex(),
            "key_id": signed.key_id,
            "signed_at": CHECKPOINT.signed_at.isoformat(),
        }
    }
    assert checkpoint_from_json(event) == signed
    assert checkpoint_from_json(checkpoint_json(signed)) == signed
