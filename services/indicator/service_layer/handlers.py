"""Commands of the indicator service: each runs in one unit of work."""

from __future__ import annotations

from schemas.events import CadreRegistered, UnitRegistered
from services.common.errors import Conflict, invalid
from services.common.unit_of_work import UnitOfWork
from services.indicator.adapters import repository
from services.indicator.domain.units import Cadre, Unit


async def register_unit(uow: UnitOfWork, unit: Unit) -> Unit:
    if await repository.get_unit(uow.session, unit.id):
        raise Conflict(f"unit {unit.id!r} already exists")
    if unit.parent_id and not await repository.get_unit(uow.session, unit.parent_id):
        raise invalid("parentId", "exists", f"no unit {unit.parent_id!r}", unit.parent_id)
    await repository.add_unit(uow.session, unit)
    await uow.emit(
        UnitRegistered(
            unit_id=unit.id, name=unit.name, district=unit.district, parent_unit_id=unit.parent_id,
            category=unit.category, temporary=unit.temporary,
        ),
        key=unit.id,
    )
    return unit


async def register_cadre(uow: UnitOfWork, cadre: Cadre) -> Cadre:
    if await repository.get_cadre(uow.session, cadre.id):
        raise Conflict(f"cadre {cadre.id!r} already exists")
    unit = await repository.get_unit(uow.session, cadre.unit_id)
    if unit is None:
        raise invalid("unitId", "exists", f"no unit {cadre.unit_id!r}", cadre.unit_id)
    await repository.add_cadre(uow.session, cadre)
    await uow.emit(
        CadreRegistered(
            cadre_id=cadre.id, name=cadre.name, unit_id=cadre.unit_id, unit_category=unit.category,
            position_level=cadre.position_level,
        ),
        key=cadre.id,
    )
    return cadre
