"""Checking a stored access log against its hash chain (pure).

Append-only is enforced by PostgreSQL (see tables.py); the chain is the evidence that it held:
a row changed, removed or inserted behind the database's back shows up as a broken link.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from services.common.personal_data.reads import GENESIS, AccessEntry, chained


@dataclass(frozen=True)
class StoredEntry:
    seq: int
    entry: AccessEntry
    previous_hash: bytes
    entry_hash: bytes


@dataclass
class ChainReport:
    entries: int = 0
    head: bytes = GENESIS
    problems: list[str] = field(default_factory=list)

    @property
    def intact(self) -> bool:
        return not self.problems


def verify_chain(stored: Iterable[StoredEntry], head_seq: int, head_hash: bytes) -> ChainReport:
    """Checks every link in seq order, and that the chain ends at the recorded head."""
    report = ChainReport()
    previous = GENESIS
    for row in sorted(stored, key=lambda r: r.seq):
        report.entries += 1
        if row.seq != report.entries:
            report.problems.append(f"entry {report.entries} is missing (found seq {row.seq})")
            report.entries = row.seq
        if row.previous_hash != previous:
            report.problems.append(f"entry {row.seq} does not follow the entry before it")
        if row.entry_hash != chained(row.previous_hash, row.entry.digest()):
            report.problems.append(f"entry {row.seq} was changed after it was written")
        previous = row.entry_hash
    report.head = previous
    if (report.entries, previous) != (head_seq, head_hash):
        report.problems.append(
            f"the log ends at entry {report.entries} but its head records entry {head_seq}"
            if report.entries != head_seq
            else "the last entry is not the head the log recorded"
        )
    return report
