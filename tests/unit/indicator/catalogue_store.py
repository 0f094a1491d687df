"""An in-memory catalogue the handler tests start from: a township with two sub-units, a library
of four scored indicators and a red line, and common indicators for townships."""

from __future__ import annotations

from typing import Any

from services.indicator.domain.lists import CommonIndicator, Item
from services.indicator.domain.tabular import Table
from services.indicator.domain.units import Unit
from tests.unit.indicator.fakes import FakeUnitOfWork, Store
from tests.unit.indicator.fixtures import TOWNSHIP, red_line, scored

VILLAGE_A = Unit("JS-MAJINGAO-A", "甲村", "township", parent_id=TOWNSHIP.id)
VILLAGE_B = Unit("JS-MAJINGAO-B", "乙村", "township", parent_id=TOWNSHIP.id)
YEAR = 2026
SCORED = ("EC-1", "EC-2", "EC-3", "EC-4")
COMMON = CommonIndicator("township", "EC-1", 20.0, 10.0)


def catalogue() -> Store:
    store = Store()
    for ind in [scored(code) for code in SCORED] + [red_line()]:
        store.indicators[ind.code] = ind
    for unit in (TOWNSHIP, VILLAGE_A, VILLAGE_B):
        store.units[unit.id] = unit
    store.commons["township"] = [COMMON]
    return store


def uow(store: Store) -> FakeUnitOfWork:
    return FakeUnitOfWork(store)


def items_summing(total: float = 100.0) -> list[Item]:
    """EC-1 at its common weight, EC-2 and EC-3 sharing the rest, and the red line."""
    rest = total - COMMON.weight
    return [
        Item("EC-1", COMMON.weight, 10.0),
        Item("EC-2", rest / 2, 10.0),
        Item("EC-3", rest / 2, 10.0),
        Item(red_line().code, 0.0),
    ]


def table(headers: list[str], *rows: list[Any]) -> Table:
    return Table(headers=headers, rows=[(n, list(r)) for n, r in enumerate(rows, start=2)])
