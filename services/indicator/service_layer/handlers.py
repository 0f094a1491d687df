"""The event table and the commands on units, cadres and unit categories (one unit of work each).

The indicator service is where the catalogue starts: it consumes no event today, so
EVENT_HANDLERS is empty, and the service joins no consumer group (entrypoints/consumers.py).
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping
from typing import Any

from schemas.envelope import EventPayload
from schemas.events import CadreRegistered, UnitRegistered
from schemas.rule_codes import RuleCode
from services.common.errors import Conflict, NotFound, ValidationFailed, invalid
from services.indicator.domain.categories import UnitCategory, check_configuration
from services.indicator.domain.units import Cadre, Unit, unknown_category
from services.indicator.service_layer.unit_of_work import IndicatorUnitOfWork

EventHandler = Callable[..., Awaitable[Any]]

EVENT_HANDLERS: Mapping[type[EventPayload], EventHandler] = {}


def unit_registered(unit: Unit) -> UnitRegistered:
    return UnitRegistered(
        unit_id=unit.id,
        name=unit.name,
        district=unit.district,
        parent_unit_id=unit.parent_id,
        category=unit.category,
        temporary=unit.temporary,
    )


async def register_unit(uow: IndicatorUnitOfWork, unit: Unit) -> Unit:
    if await uow.units.get(unit.id):
        raise Conflict(f"unit {unit.id!r} already exists")
    if problem := unknown_category(unit.category, set(await uow.library.categories())):
        raise ValidationFailed(problem)
    if unit.parent_id and not await uow.units.get(unit.parent_id):
        raise invalid("parentId", RuleCode.exists, f"no unit {unit.parent_id!r}", unit.parent_id)
    await uow.units.add([unit])
    await uow.emit(unit_registered(unit), key=unit.id)
    return unit


async def register_cadre(uow: IndicatorUnitOfWork, cadre: Cadre) -> Cadre:
    if await uow.cadres.get(cadre.id):
        raise Conflict(f"cadre {cadre.id!r} already exists")
    unit = await uow.units.get(cadre.unit_id)
    if unit is None:
        raise invalid("unitId", RuleCode.exists, f"no unit {cadre.unit_id!r}", cadre.unit_id)
    await uow.cadres.add(cadre)
    await uow.emit(
        CadreRegistered(
            cadre_id=cadre.id,
            name=cadre.name,
            unit_id=cadre.unit_id,
            unit_category=unit.category,
            position_level=cadre.position_level,
        ),
        key=cadre.id,
    )
    return cadre


async def configure_category(uow: IndicatorUnitOfWork, category: UnitCategory) -> UnitCategory:
    """Renames or adds one of the department's configurable categories."""
    existing = await uow.library.categories()
    configured = UnitCategory(
        category.code, category.name.strip(), category.name_en.strip(), configurable=True
    )
    check_configuration(configured, existing)
    if any(c.name == configured.name and c.code != configured.code for c in existing.values()):
        raise invalid(
            "name",
            RuleCode.unique,
            f"another category is already called {configured.name}",
            configured.name,
        )
    await uow.library.save_category(configured, position=len(existing))
    return configured


async def remove_category(uow: IndicatorUnitOfWork, code: str) -> None:
    existing = await uow.library.categories()
    if code not in existing:
        raise NotFound(f"no unit category {code!r}")
    if not existing[code].configurable:
        raise invalid(
            "code",
            RuleCode.fixed,
            "this category is fixed by the reform and cannot be removed",
            code,
        )
    if await uow.units.in_category(code):
        raise Conflict(f"units of category {code!r} exist; move them to another category first")
    await uow.library.remove_category(code)
