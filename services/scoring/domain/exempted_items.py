"""Which items of a run the approved exemptions cover, as the engine's mask and the exemption each
item's breakdown names.

An exemption names a subject and an indicator. A unit's item is covered by the unit's own
exemptions and by those of its cadres: the deduction is an item of the unit's list, the only one
there is, and a cadre's work is judged by that list (the subject keeps the unit the cadre belonged
to when applying).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from services.scoring.domain.engine import ItemTable
from services.scoring.domain.exemptions import Exemption, applies
from services.scoring.domain.inputs import Numbering


@dataclass(frozen=True)
class ExemptedItems:
    exemption: np.ndarray  # per item: index into `ids`, -1 where no exemption covers it
    ids: tuple[str, ...]

    @property
    def mask(self) -> np.ndarray:
        return self.exemption >= 0

    def named(self, where: np.ndarray) -> list[str | None]:
        """The exemption id of each item where `where` holds, else None."""
        ids = np.array((*self.ids, None), dtype=object)
        named: list[str | None] = ids[np.where(where & self.mask, self.exemption, -1)].tolist()
        return named


def _precedence(exemption: Exemption) -> tuple[bool, str]:
    """When several cover one item, the unit's own exemption is named before its cadres'."""
    return exemption.subject.kind != "unit", exemption.id


def covered_items(
    items: ItemTable,
    units: Numbering,
    indicators: Numbering,
    exemptions: Sequence[Exemption],
    period: str,
) -> ExemptedItems:
    """`units` and `indicators` number the run's unit ids and indicator codes as `items` refers to them."""
    applying = sorted((e for e in exemptions if applies(e, period)), key=_precedence)
    unit = np.array([units.get(e.subject.unit_id) for e in applying], np.int64)
    indicator = np.array([indicators.get(e.indicator_code) for e in applying], np.int64)
    # One integer per (unit, indicator) pair; exemptions for units or indicators not in the run drop out.
    width = max(len(indicators), 1)
    in_run = np.flatnonzero((unit >= 0) & (indicator >= 0))
    # np.unique keeps the first of equal keys, the one `_precedence` puts first.
    keys, first = np.unique(unit[in_run] * width + indicator[in_run], return_index=True)
    chosen = in_run[first]
    exemption = np.full(len(items), -1, np.int64)
    if len(keys):
        item_keys = items.unit * width + items.indicator
        position = np.minimum(np.searchsorted(keys, item_keys), len(keys) - 1)
        found = keys[position] == item_keys
        exemption[found] = chosen[position[found]]
    return ExemptedItems(exemption, tuple(e.id for e in applying))
