"""Commands on units, cadres and unit categories: each runs in one unit of work."""

from __future__ import annotations

from schemas.events import CadreRegistered, UnitRegistered
from services.common.errors import Conflict, NotFound, ValidationFailed, invalid
from services.common.unit_of_work import UnitOfWork
from services.indicator.adapters import library, repository
from services.indicator.domain.categories import UnitCategory, check_configuration
from services.indicator.domain.units import Cadre, Unit, unknown_category


def unit_registered(unit: Unit) -> UnitRegistered:
    return UnitRegistered(
        unit_id=unit.id,
        name=unit.name,
        district=unit.district,
        parent_unit_id=unit.parent_id,
        category=unit.category,
        temporary=unit.temporary,
    )


async def register_unit(uow: UnitOfWork, unit: Unit) -> Unit:
    if await repository.get_unit(uow.session, unit.id):
        raise Conflict(f"unit {unit.id!r} already exists")
    if problem := unknown_category(unit.category, await library.categories(uow.session)):
        raise ValidationFailed(problem)
    if unit.parent_id and not await repository.get_unit(uow.session, unit.parent_id):
        raise invalid("parentId", "exists", f"no unit {unit.parent_id!r}", unit.parent_id)
    await repository.add_units(uow.session, [unit])
    await uow.emit(unit_registered(unit), key=unit.id)
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
            cadre_id=cadre.id,
            name=cadre.name,
            unit_id=cadre.unit_id,
            unit_category=unit.category,
            position_level=cadre.position_level,
        ),
        key=cadre.id,
    )
    return cadre


async def configure_category(uow: UnitOfWork, category: UnitCategory) -> UnitCategory:
    """Renames or adds one of the department's configurable categories."""
    existing = await library.categories(uow.session)
    configured = UnitCategory(
        category.code, category.name.strip(), category.name_en.strip(), configurable=True
    )
    check_configuration(configured, existing)
    if any(c.name == configured.name and c.code != configured.code for c in existing.values()):
        raise invalid(
            "name",
            "unique",
            f"another category is already called {configured.name}",
            configured.name,
        )
    await library.save_category(uow.session, configured, position=len(existing))
    return configured


async def remove_category(uow: UnitOfWork, code: str) -> None:
    existing = await library.categories(uow.session)
    if code not in existing:
        raise NotFound(f"no unit category {code!r}")
    if not existing[code].configurable:
        raise invalid(
            "code", "fixed", "this category is fixed by the reform and cannot be removed", code
        )
    if await library.category_in_use(uow.session, code):
        raise Conflict(f"units of category {code!r} exist; move them to another category first")
    await library.remove_category(uow.session, code)
