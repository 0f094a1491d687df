"""What changed between two versions of a unit's list."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class FieldChange:
    field: str
    before: Any
    after: Any


@dataclass(frozen=True)
class ItemChange:
    indicator_code: str
    changes: tuple[FieldChange, ...]


@dataclass(frozen=True)
class ListDiff:
    added: tuple[dict[str, Any], ...]
    removed: tuple[dict[str, Any], ...]
    changed: tuple[ItemChange, ...]
    header: tuple[FieldChange, ...] = ()

    @property
    def unchanged(self) -> bool:
        return not (self.added or self.removed or self.changed or self.header)


def diff_items(
    before: Sequence[dict[str, Any]],
    after: Sequence[dict[str, Any]],
    header_before: dict[str, Any] | None = None,
    header_after: dict[str, Any] | None = None,
) -> ListDiff:
    """Items added, removed and changed (field by field), in the newer version's order."""
    old = {item["indicator_code"]: item for item in before}
    new = {item["indicator_code"]: item for item in after}
    changed = []
    for code, item in new.items():
        if code in old:
            fields = tuple(
                FieldChange(name, old[code].get(name), value)
                for name, value in item.items()
                if old[code].get(name) != value
            )
            if fields:
                changed.append(ItemChange(code, fields))
    header = tuple(
        FieldChange(name, (header_before or {}).get(name), value)
        for name, value in (header_after or {}).items()
        if (header_before or {}).get(name) != value
    )
    return ListDiff(
        added=tuple(item for code, item in new.items() if code not in old),
        removed=tuple(item for code, item in old.items() if code not in new),
        changed=tuple(changed),
        header=header,
    )
