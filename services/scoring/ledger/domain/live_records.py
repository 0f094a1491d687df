"""Do the service's tables still say what the ledger recorded? A row changed, added or removed
behind the service's back (an observation "beautified", an approval key slipped in, a lock lifted)
disagrees with the latest leaf about its record, and is named."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from services.scoring.ledger.domain.audit import Finding
from services.scoring.ledger.domain.leaves import LEAF_FORMAT, read_leaf


@dataclass(frozen=True)
class LiveSource:
    """One kind of record: its rows as the table holds them now, and where the ledger keeps each field.

    `fields` maps a column to a path in the leaf content ("decision.by"). `present` says whether the
    latest leaf means the row should exist (a lock lifted, for instance, leaves no row).
    """

    kind: str
    rows: Mapping[str, Mapping[str, Any]]
    fields: Mapping[str, str]
    present: Callable[[dict[str, Any]], bool] = field(default=lambda content: True)


def latest_leaves(
    datas: Iterable[bytes], indices: Sequence[int], kinds: set[str]
) -> dict[tuple[str, str], tuple[int, bytes]]:
    """The last leaf of every record of the given kinds, read from the header lines only."""
    latest: dict[tuple[str, str], tuple[int, bytes]] = {}
    prefix = (LEAF_FORMAT + "\n").encode()
    for index, data in zip(indices, datas):
        if not data.startswith(prefix):
            continue
        _, kind, record_id, _ = data.split(b"\n", 3)
        kind_text = kind.decode()
        if kind_text in kinds:
            latest[(kind_text, record_id.decode())] = (index, data)
    return latest


def _at(content: Any, path: str) -> Any:
    for part in path.split("."):
        content = content.get(part) if isinstance(content, dict) else None
    return content


def check(source: LiveSource, latest: Mapping[tuple[str, str], tuple[int, bytes]]) -> list[Finding]:
    findings = []
    recorded = {
        record_id: value for (kind, record_id), value in latest.items() if kind == source.kind
    }
    for record_id, row in source.rows.items():
        if record_id not in recorded:
            findings.append(
                Finding(
                    "unrecorded_row",
                    f"{source.kind} {record_id} is in the tables but was never "
                    "recorded in the ledger: written outside the service",
                    record=record_id,
                )
            )
            continue
        index, data = recorded[record_id]
        content = read_leaf(data).content
        differing = [
            f"{column} is {row[column]!r} but leaf {index} says {_at(content, path)!r}"
            for column, path in source.fields.items()
            if row[column] != _at(content, path)
        ]
        if differing:
            findings.append(
                Finding(
                    "altered_row",
                    f"{source.kind} {record_id} was changed outside the service: "
                    + "; ".join(differing),
                    leaf_index=index,
                    record=record_id,
                )
            )
    for record_id, (index, data) in recorded.items():
        if record_id not in source.rows and source.present(read_leaf(data).content):
            findings.append(
                Finding(
                    "removed_row",
                    f"{source.kind} {record_id} (leaf {index}) is gone from the "
                    "tables: removed outside the service",
                    leaf_index=index,
                    record=record_id,
                )
            )
    return findings
