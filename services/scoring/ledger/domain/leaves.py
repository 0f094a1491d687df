"""The bytes of a leaf: what the log hashes and what a verifier reads back.

A short header of lines (format, kind, record id, time recorded) and then the record's content
as canonical JSON: keys sorted, no spaces, no NaN. The same record always gives the same bytes,
so anyone can recompute a leaf's hash from what it says, and the database can index the kind and
record id straight from the header.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Any
from uuid import UUID

from services.common.errors import FieldProblem, ValidationFailed

LEAF_FORMAT = "cadre-ledger-leaf/1"
KIND_PATTERN = re.compile(r"^[a-z][a-z0-9_]{0,39}$")
# Record ids are printed in reports and indexed from the header: one line, no control characters.
RECORD_ID_PATTERN = re.compile(r"^[^\x00-\x1f\x7f]{1,200}$")


def _plain(value: Any) -> Any:
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, UUID):
        return str(value)
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, set | frozenset):
        return sorted(value)
    raise TypeError(f"a ledger record cannot hold a {type(value).__name__}")


_ENCODER = json.JSONEncoder(
    sort_keys=True, separators=(",", ":"), ensure_ascii=False, allow_nan=False, default=_plain
)


def canonical_json(value: Any) -> str:
    return _ENCODER.encode(value)


def check_reference(kind: str, record_id: str) -> None:
    problems = []
    if not KIND_PATTERN.match(kind or ""):
        problems.append(
            FieldProblem(
                "kind", "pattern", "a record kind is lower-case letters, digits and '_'", kind
            )
        )
    if not RECORD_ID_PATTERN.match(record_id or ""):
        problems.append(
            FieldProblem(
                "recordId", "pattern", "a record id is 1 to 200 characters on one line", record_id
            )
        )
    if problems:
        raise ValidationFailed(problems)


def leaf_bytes(kind: str, record_id: str, content: Any, recorded_at: str) -> bytes:
    """The leaf of one record; `recorded_at` is an ISO timestamp, one per append."""
    return f"{LEAF_FORMAT}\n{kind}\n{record_id}\n{recorded_at}\n{_ENCODER.encode(content)}".encode()


@dataclass(frozen=True)
class LeafRecord:
    kind: str
    record_id: str
    recorded_at: str
    content: Any


def read_leaf(data: bytes) -> LeafRecord:
    """The record a leaf holds; ValueError when the bytes are not a leaf of this format."""
    parts = data.decode().split("\n", 4)
    if len(parts) != 5 or parts[0] != LEAF_FORMAT:
        raise ValueError("not a ledger leaf of format " + LEAF_FORMAT)
    return LeafRecord(
        kind=parts[1], record_id=parts[2], recorded_at=parts[3], content=json.loads(parts[4])
    )


def describe(data: bytes) -> str:
    """`kind record-id` for reports, even when the bytes were damaged."""
    parts = data.decode(errors="replace").split("\n", 3)
    return (
        f"{parts[1]} {parts[2]}"
        if len(parts) > 3 and parts[0] == LEAF_FORMAT
        else "unreadable leaf"
    )
