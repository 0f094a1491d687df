"""What one request read of cadres' personal data, and the access-log entry it becomes.

Pure: no I/O. Resolvers note reads as they return data (`RequestReads.note`); when the operation
has finished, the reads become one `AccessEntry` (one row, one insert), however many cadres a page
named. A cadre reading their own data is not logged: the log answers "who else read my data".
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime

from services.common.auth import Principal, Role

# The kinds of personal data whose reads are logged. `export` is a whole-record download.
KINDS = ("scores", "portrait", "evaluations", "enrolments", "export")
GENESIS = bytes(32)  # the "previous hash" of the first entry of a log


@dataclass(frozen=True)
class Read:
    """One field read for some cadres: `field` is `Type.field` as in the subgraph's schema."""

    kind: str
    field: str
    cadre_ids: tuple[str, ...]

    def as_json(self) -> dict:
        return {"kind": self.kind, "field": self.field, "cadreIds": list(self.cadre_ids)}


@dataclass
class RequestReads:
    """The reads of one request, grouped by (kind, field) so a page of 500 rows is one item."""

    _cadres: dict[tuple[str, str], set[str]] = field(default_factory=dict)

    def note(self, kind: str, field: str, cadre_ids: Iterable[str | None]) -> None:
        if kind not in KINDS:
            raise ValueError(f"unknown kind of personal data {kind!r} (known: {', '.join(KINDS)})")
        named = {str(c) for c in cadre_ids if c}
        if named:
            self._cadres.setdefault((kind, field), set()).update(named)

    def by_others_than(self, principal: Principal) -> list[Read]:
        """The reads someone other than the cadre concerned made, in a stable order."""
        own = principal.cadre_id if principal.role is Role.CADRE else None
        found = []
        for (kind, name), cadres in sorted(self._cadres.items()):
            others = tuple(sorted(c for c in cadres if c != own))
            if others:
                found.append(Read(kind, name, others))
        return found


@dataclass(frozen=True)
class AccessEntry:
    """One request's reads: who (subject, role), what (reads), when (at) and why (operation,
    and the purpose the caller stated, if any)."""

    at: datetime
    subject: str
    role: str
    operation: str
    purpose: str | None
    reads: tuple[Read, ...]

    @property
    def cadre_ids(self) -> list[str]:
        return sorted({c for read in self.reads for c in read.cadre_ids})

    def content(self) -> dict:
        return {
            "at": self.at.astimezone(UTC).isoformat(),
            "subject": self.subject,
            "role": self.role,
            "operation": self.operation,
            "purpose": self.purpose,
            "reads": [read.as_json() for read in self.reads],
        }

    def digest(self) -> bytes:
        """SHA-256 of the canonical JSON of the content; the chain links these digests."""
        return hashlib.sha256(canonical_json(self.content())).digest()

    def for_cadre(self, cadre_id: str) -> tuple[Read, ...]:
        """The part of the entry about one cadre: never the other cadres the same request read."""
        return tuple(
            Read(r.kind, r.field, (cadre_id,)) for r in self.reads if cadre_id in r.cadre_ids
        )


def entry_of(
    reads: RequestReads,
    principal: Principal,
    operation: str | None,
    purpose: str | None,
    at: datetime,
) -> AccessEntry | None:
    """The entry to log for a finished request, or None when it read nobody else's data."""
    found = reads.by_others_than(principal)
    if not found:
        return None
    return AccessEntry(
        at=at,
        subject=principal.subject,
        role=principal.role.value,
        operation=operation or "anonymous",
        purpose=purpose,
        reads=tuple(found),
    )


def canonical_json(value: object) -> bytes:
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()


def chained(previous_hash: bytes, digest: bytes) -> bytes:
    """An entry's hash: it commits to its own content and, through the previous hash, to every
    entry before it, so a changed or removed row breaks every hash after it."""
    return hashlib.sha256(previous_hash + digest).digest()
