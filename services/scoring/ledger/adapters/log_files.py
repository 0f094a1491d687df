"""Files a verifier reads: an exported log (JSON lines) and proofs as the GraphQL API returns them."""

from __future__ import annotations

import base64
import json
from collections.abc import Iterable
from datetime import datetime
from pathlib import Path
from typing import Any, TextIO

from services.scoring.ledger.domain.audit import StoredLog
from services.scoring.ledger.domain.checkpoint import ORIGIN, Checkpoint, SignedCheckpoint

EXPORT_FORMAT = "cadre-ledger-export/1"


def checkpoint_json(signed: SignedCheckpoint) -> dict[str, Any]:
    return {
        "treeSize": signed.tree_size,
        "rootHash": signed.root_hash.hex(),
        "signedAt": signed.checkpoint.signed_at.isoformat(),
        "keyId": signed.key_id,
        "signature": base64.b64encode(signed.signature).decode(),
    }


def checkpoint_from_json(data: dict[str, Any]) -> SignedCheckpoint:
    """A checkpoint as `ledgerCheckpoint` returns it, as exported, or as a CheckpointSigned event (the
    envelope or its payload); the signature is checked later."""
    data = data.get("payload", data)

    def field(camel: str, snake: str) -> Any:
        return data[camel] if camel in data else data[snake]

    signature = field("signature", "signature")
    return SignedCheckpoint(
        Checkpoint(
            tree_size=int(field("treeSize", "tree_size")),
            root_hash=bytes.fromhex(field("rootHash", "root_hash")),
            signed_at=datetime.fromisoformat(field("signedAt", "signed_at")),
        ),
        key_id=field("keyId", "key_id"),
        signature=bytes.fromhex(signature)
        if len(signature) == 128
        else base64.b64decode(signature),
    )


def write_export(
    out: TextIO,
    indices: Iterable[int],
    datas: Iterable[bytes],
    hashes: Iterable[bytes],
    checkpoints: Iterable[SignedCheckpoint],
) -> int:
    out.write(json.dumps({"format": EXPORT_FORMAT, "origin": ORIGIN}) + "\n")
    count = 0
    for index, data, digest in zip(indices, datas, hashes):
        out.write(
            json.dumps(
                {"leaf": index, "data": base64.b64encode(data).decode(), "hash": digest.hex()}
            )
            + "\n"
        )
        count += 1
    for signed in checkpoints:
        out.write(json.dumps({"checkpoint": checkpoint_json(signed)}) + "\n")
    return count


def read_export(path: Path) -> StoredLog:
    indices, datas, hashes, checkpoints = [], [], [], []
    with path.open() as lines:
        header = json.loads(next(lines))
        if header.get("format") != EXPORT_FORMAT:
            raise ValueError(f"{path} is not a ledger export of format {EXPORT_FORMAT}")
        for line in lines:
            item = json.loads(line)
            if "leaf" in item:
                indices.append(int(item["leaf"]))
                datas.append(base64.b64decode(item["data"]))
                hashes.append(bytes.fromhex(item["hash"]))
            else:
                checkpoints.append(checkpoint_from_json(item["checkpoint"]))
    order = sorted(range(len(indices)), key=indices.__getitem__)
    return StoredLog(
        indices=[indices[i] for i in order],
        datas=[datas[i] for i in order],
        recorded_hashes=[hashes[i] for i in order],
        checkpoints=checkpoints,
    )


def read_response(path: Path, field: str) -> dict[str, Any]:
    """A GraphQL result saved to a file: the whole response or just the field's object."""
    data = json.loads(path.read_text())
    if "data" in data:
        data = data["data"]
    return data.get(field, data)
