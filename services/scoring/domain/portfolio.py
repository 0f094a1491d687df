"""Which of a unit's item results reach which cadre: only what the cadre answers for.

The principal answers for the whole unit (every item, share 1). Anyone else answers for the list
dimensions and indicators of their portfolio for the year, each with a share of responsibility; an
indicator named on its own overrides the share its dimension gives it. A cadre with no portfolio gets
no unit evidence at all: working in a unit is not evidence of a capability.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from services.scoring.domain.capabilities import ItemTags
from services.scoring.domain.engine import RED_LINE, SCORED, ItemScores, ItemTable
from services.scoring.domain.portrait import SourceRecords

PRINCIPAL = 0  # index of "principal" in competency.POSITION_LEVELS


@dataclass(frozen=True)
class Portfolios:
    """Pairs (cadre, dimension, share) and (cadre, indicator, share) for the run's year."""

    dimension_cadre: np.ndarray
    dimension: np.ndarray
    dimension_share: np.ndarray
    indicator_cadre: np.ndarray
    indicator: np.ndarray
    indicator_share: np.ndarray

    @classmethod
    def empty(cls) -> Portfolios:
        ints, floats = np.zeros(0, np.int64), np.zeros(0, float)
        return cls(ints, ints, floats, ints, ints, floats)


def _expand(keys_of_items: np.ndarray, pair_key: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """For each pair, the items with its key: returns (pair index, item index) of every match."""
    order = np.argsort(keys_of_items, kind="stable")
    sorted_keys = keys_of_items[order]
    start = np.searchsorted(sorted_keys, pair_key, "left")
    stop = np.searchsorted(sorted_keys, pair_key, "right")
    sizes = stop - start
    pair = np.repeat(np.arange(len(pair_key)), sizes)
    offset = np.arange(sizes.sum()) - np.repeat(np.cumsum(sizes) - sizes, sizes)
    return pair, order[np.repeat(start, sizes) + offset]


def answered_items(
    items: ItemTable,
    cadre_unit: np.ndarray,
    cadre_level: np.ndarray,
    portfolios: Portfolios,
    n_dimensions: int,
    n_indicators: int,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Triples (cadre, item, share) of the items each cadre answers for, one per (cadre, item)."""
    unit_of = np.maximum(cadre_unit, 0)
    principals = np.flatnonzero((cadre_level == PRINCIPAL) & (cadre_unit >= 0))
    p_pair, p_item = _expand(items.unit, cadre_unit[principals])
    parts = [(principals[p_pair], p_item, np.ones(len(p_item)), np.zeros(len(p_item), np.int8))]
    dimension_key = items.unit * n_dimensions + items.dimension
    c = portfolios.dimension_cadre
    keep = (cadre_unit[c] >= 0) & (cadre_level[c] != PRINCIPAL)
    pair, item = _expand(dimension_key, (unit_of[c] * n_dimensions + portfolios.dimension)[keep])
    parts.append(
        (c[keep][pair], item, portfolios.dimension_share[keep][pair], np.ones(len(item), np.int8))
    )
    indicator_key = items.unit * n_indicators + items.indicator
    c = portfolios.indicator_cadre
    keep = (cadre_unit[c] >= 0) & (cadre_level[c] != PRINCIPAL)
    pair, item = _expand(indicator_key, (unit_of[c] * n_indicators + portfolios.indicator)[keep])
    parts.append(
        (
            c[keep][pair],
            item,
            portfolios.indicator_share[keep][pair],
            np.full(len(item), 2, np.int8),
        )
    )
    cadre = np.concatenate([p[0] for p in parts])
    item = np.concatenate([p[1] for p in parts])
    share = np.concatenate([p[2] for p in parts])
    precedence = np.concatenate([p[3] for p in parts])
    # One triple per (cadre, item): the most specific entry wins (indicator over dimension).
    order = np.lexsort((-precedence, item, cadre))
    cadre, item, share = cadre[order], item[order], share[order]
    first = np.ones(len(cadre), bool)
    first[1:] = (cadre[1:] != cadre[:-1]) | (item[1:] != item[:-1])
    return cadre[first], item[first], share[first]


def portfolio_records(
    items: ItemTable,
    scores: ItemScores,
    tags: ItemTags,
    capability_of_tag: np.ndarray,
    answered: tuple[np.ndarray, np.ndarray, np.ndarray],
) -> tuple[SourceRecords, np.ndarray]:
    """The portfolio source's rows, one per (cadre, observed item, capability of the model), and
    the item behind each row (for the breakdown). `capability_of_tag` maps the run's capability
    numbers to the portrait's, -1 where the portrait has none."""
    cadre, item, share = answered
    kind = items.take("kind")
    # Only observed scored items and red lines are evidence, as for unit profiles.
    counts = ((kind == SCORED) | (kind == RED_LINE)) & scores.observed
    keep = counts[item] & (share > 0)
    cadre, item, share = cadre[keep], item[keep], share[keep]
    tag_pair, tag_row = _expand(tags.item, item)
    capability = capability_of_tag[tags.capability[tag_row]]
    known = capability >= 0
    rows = tag_pair[known]
    row_item = item[rows]
    weight = items.take("weight")[row_item]
    weight = np.where(weight > 0, weight, 1.0) * share[rows]
    records = SourceRecords(
        cadre=cadre[rows],
        capability=capability[known],
        value=100.0 * np.minimum(scores.fraction[row_item], 1.0),
        weight=weight,
        count=np.ones(len(rows), np.int64),
    )
    return records, row_item
