"""Registering a city's units from a file: all of them, or none."""

from __future__ import annotations

from schemas.rule_codes import RuleCode
from services.common.errors import FieldProblem
from services.indicator.domain.layouts import UNIT_LAYOUT, unit_from_row
from services.indicator.domain.tabular import Table
from services.indicator.domain.units import Unit
from services.indicator.service_layer.handlers import unit_registered
from services.indicator.service_layer.import_reports import (
    ImportReport,
    applied,
    parse_rows,
    refused,
)
from services.indicator.service_layer.unit_of_work import IndicatorUnitOfWork


def _above(unit: Unit, by_id: dict[str, Unit]) -> tuple[int, bool]:
    """How many of the file's units stand above this one, and whether its parents form a cycle."""
    steps, seen, current = 0, {unit.id}, unit
    while current.parent_id in by_id:
        current = by_id[current.parent_id]
        if current.id in seen:
            return steps, True
        seen.add(current.id)
        steps += 1
    return steps, False


async def import_units(uow: IndicatorUnitOfWork, table: Table) -> ImportReport:
    categories = await uow.library.categories()
    names = {
        **{c.code: c.code for c in categories.values()},
        **{c.name: c.code for c in categories.values()},
    }
    parsed = parse_rows(
        table, UNIT_LAYOUT, lambda row, cells, index: unit_from_row(row, cells, index, names)
    )
    rows: list[tuple[int, Unit]] = parsed.values
    ids = {u.id for _, u in rows}
    parents = {u.parent_id for _, u in rows if u.parent_id} - ids
    existing = await uow.units.by_id(ids | parents)
    problems: list[FieldProblem] = []
    first_row: dict[str, int] = {}
    for row, unit in rows:
        if unit.id in existing:
            problems.append(
                FieldProblem(
                    "id", RuleCode.new_unit, f"unit {unit.id} is already registered", unit.id, row
                )
            )
        elif unit.id in first_row:
            problems.append(
                FieldProblem(
                    "id",
                    RuleCode.unique_in_file,
                    f"unit {unit.id} is already in row {first_row[unit.id]}",
                    unit.id,
                    row,
                )
            )
        first_row.setdefault(unit.id, row)
        if unit.parent_id and unit.parent_id not in ids and unit.parent_id not in existing:
            problems.append(
                FieldProblem(
                    "parentId",
                    RuleCode.exists,
                    f"no unit {unit.parent_id!r}, neither registered nor in the file",
                    unit.parent_id,
                    row,
                )
            )
    by_id = {u.id: u for _, u in rows}
    problems.extend(
        FieldProblem(
            "parentId",
            RuleCode.no_cycle,
            f"unit {unit.id}'s parents form a cycle",
            unit.parent_id,
            row,
        )
        for row, unit in rows
        if _above(unit, by_id)[1]
    )
    if report := refused(table, UNIT_LAYOUT, parsed, problems):
        return report
    ordered = sorted((u for _, u in rows), key=lambda u: _above(u, by_id)[0])
    await uow.units.add(ordered)
    await uow.emit_many([(unit_registered(u), u.id) for u in ordered])
    return applied(table, written=len(ordered))
