"""Units, cadres (the entities other subgraphs extend) and unit categories."""

from __future__ import annotations

import strawberry
from strawberry.types import Info

from services.common.graphql import principal_of, roles
from services.indicator.domain import access
from services.indicator.domain import units as domain
from services.indicator.domain.categories import UnitCategory as DomainCategory
from services.indicator.entrypoints.graphql.context import reads, unit_of_work
from services.indicator.service_layer import handlers


@strawberry.type(
    description="One of the nine unit categories; two of them the department configures."
)
class UnitCategory:
    code: str
    name: str
    name_en: str
    configurable: bool

    @classmethod
    def from_domain(cls, category: DomainCategory) -> UnitCategory:
        return cls(
            code=category.code,
            name=category.name,
            name_en=category.name_en,
            configurable=category.configurable,
        )


@strawberry.federation.type(
    keys=["id"], description="A work unit assessed with its own indicator list."
)
class Unit:
    id: strawberry.ID
    name: str
    category: str
    district: str | None
    parent_id: strawberry.ID | None
    temporary: bool

    @classmethod
    def from_domain(cls, unit: domain.Unit) -> Unit:
        return cls(
            id=strawberry.ID(unit.id),
            name=unit.name,
            category=unit.category,
            district=unit.district,
            parent_id=unit.parent_id,
            temporary=unit.temporary,
        )

    @classmethod
    async def resolve_reference(cls, info: Info, id: strawberry.ID) -> Unit | None:
        access.require_unit_reader(principal_of(info), id)
        async with reads(info) as catalogue:
            unit = await catalogue.units.get(id)
        return cls.from_domain(unit) if unit else None


@strawberry.federation.type(
    keys=["id"], description="A cadre (public official) and the position held."
)
class Cadre:
    id: strawberry.ID
    name: str
    unit_id: strawberry.ID
    position_level: str

    @classmethod
    def from_domain(cls, cadre: domain.Cadre) -> Cadre:
        return cls(
            id=strawberry.ID(cadre.id),
            name=cadre.name,
            unit_id=cadre.unit_id,
            position_level=cadre.position_level,
        )

    @classmethod
    async def resolve_reference(cls, info: Info, id: strawberry.ID) -> Cadre | None:
        return await _visible_cadre(info, id)

    @strawberry.field
    async def unit(self, info: Info) -> Unit | None:
        async with reads(info) as catalogue:
            unit = await catalogue.units.get(self.unit_id)
        return Unit.from_domain(unit) if unit else None

    @strawberry.field(
        description="True where the cadre holds a principal or deputy position: they lead the unit."
    )
    def leads_unit(self) -> bool:
        return self.position_level in domain.LEADING_LEVELS


async def _visible_cadre(info: Info, cadre_id: str) -> Cadre | None:
    principal = principal_of(info)
    access.require_cadre_reader(principal, cadre_id)
    async with reads(info) as catalogue:
        cadre = await catalogue.cadres.get(cadre_id)
    if cadre is None:
        return None
    access.require_unit_reader(principal, cadre.unit_id)
    return Cadre.from_domain(cadre)


@strawberry.input
class UnitInput:
    id: strawberry.ID
    name: str
    category: str
    district: str | None = None
    parent_id: strawberry.ID | None = None
    temporary: bool = False


@strawberry.input
class CadreInput:
    id: strawberry.ID
    name: str
    unit_id: strawberry.ID
    position_level: str


@strawberry.input
class UnitCategoryInput:
    code: str
    name: str
    name_en: str


@strawberry.type
class UnitQueries:
    @strawberry.field(extensions=roles(*access.CATALOGUE_READERS))
    async def unit(self, info: Info, id: strawberry.ID) -> Unit | None:
        return await Unit.resolve_reference(info, id)

    @strawberry.field(extensions=roles(*access.UNIT_LISTERS))
    async def units(
        self,
        info: Info,
        category: str | None = None,
        district: str | None = None,
        temporary: bool | None = None,
        parent_id: strawberry.ID | None = None,
        limit: int = 100,
        offset: int = 0,
    ) -> list[Unit]:
        async with reads(info) as catalogue:
            found = await catalogue.units.find(
                category=category,
                district=district,
                temporary=temporary,
                parent_id=parent_id,
                limit=limit,
                offset=offset,
            )
        return [Unit.from_domain(u) for u in found]

    @strawberry.field(extensions=roles(*access.CATALOGUE_READERS))
    async def cadre(self, info: Info, id: strawberry.ID) -> Cadre | None:
        return await _visible_cadre(info, id)

    @strawberry.field(extensions=roles(*access.CADRE_LISTERS))
    async def cadres(
        self, info: Info, unit_id: strawberry.ID | None = None, limit: int = 100, offset: int = 0
    ) -> list[Cadre]:
        unit_id = access.cadres_unit_filter(principal_of(info), unit_id)
        async with reads(info) as catalogue:
            found = await catalogue.cadres.find(unit_id, limit, offset)
        return [Cadre.from_domain(c) for c in found]

    @strawberry.field(extensions=roles(*access.CATALOGUE_READERS))
    async def unit_categories(self, info: Info) -> list[UnitCategory]:
        async with reads(info) as catalogue:
            found = await catalogue.library.categories()
        return [UnitCategory.from_domain(c) for c in found.values()]


@strawberry.type
class UnitMutations:
    @strawberry.mutation(extensions=roles(*access.EDITORS))
    async def register_unit(self, info: Info, input: UnitInput) -> Unit:
        unit = domain.Unit(
            id=input.id,
            name=input.name,
            category=input.category,
            district=input.district,
            parent_id=input.parent_id,
            temporary=input.temporary,
        )
        async with unit_of_work(info) as uow:
            await handlers.register_unit(uow, unit)
        return Unit.from_domain(unit)

    @strawberry.mutation(extensions=roles(*access.EDITORS))
    async def register_cadre(self, info: Info, input: CadreInput) -> Cadre:
        cadre = domain.Cadre(
            id=input.id, name=input.name, unit_id=input.unit_id, position_level=input.position_level
        )
        async with unit_of_work(info) as uow:
            await handlers.register_cadre(uow, cadre)
        return Cadre.from_domain(cadre)

    @strawberry.mutation(
        extensions=roles(*access.EDITORS),
        description="Renames or adds a configurable unit category.",
    )
    async def configure_unit_category(self, info: Info, input: UnitCategoryInput) -> UnitCategory:
        async with unit_of_work(info) as uow:
            configured = await handlers.configure_category(
                uow, DomainCategory(input.code, input.name, input.name_en, True)
            )
        return UnitCategory.from_domain(configured)

    @strawberry.mutation(
        extensions=roles(*access.EDITORS),
        description="Removes an unused configurable unit category.",
    )
    async def remove_unit_category(self, info: Info, code: str) -> bool:
        async with unit_of_work(info) as uow:
            await handlers.remove_category(uow, code)
        return True
