"""The indicator subgraph: units and cadres (entities other subgraphs extend)."""

from __future__ import annotations

import strawberry
from strawberry.types import Info

from services.common.auth import Role
from services.common.graphql import federation_schema, principal_of, roles
from services.common.settings import PlatformSettings
from services.indicator.adapters import repository
from services.indicator.domain import units as domain
from services.indicator.service_layer import handlers

READERS = (Role.ADMIN, Role.ASSESSOR, Role.TRAINER, Role.UNIT_REPORTER, Role.CADRE)


@strawberry.federation.type(keys=["id"], description="A work unit assessed with its own indicator list.")
class Unit:
    id: strawberry.ID
    name: str
    category: str
    district: str | None
    parent_id: strawberry.ID | None
    temporary: bool

    @classmethod
    def from_domain(cls, unit: domain.Unit) -> "Unit":
        return cls(
            id=strawberry.ID(unit.id), name=unit.name, category=unit.category, district=unit.district,
            parent_id=unit.parent_id, temporary=unit.temporary,
        )

    @classmethod
    async def resolve_reference(cls, info: Info, id: strawberry.ID) -> "Unit | None":
        principal_of(info).require_unit(id)
        async with info.context.platform.session_factory() as session:
            unit = await repository.get_unit(session, id)
        return cls.from_domain(unit) if unit else None


@strawberry.federation.type(keys=["id"], description="A cadre (public official) and the position held.")
class Cadre:
    id: strawberry.ID
    name: str
    unit_id: strawberry.ID
    position_level: str

    @classmethod
    def from_domain(cls, cadre: domain.Cadre) -> "Cadre":
        return cls(id=strawberry.ID(cadre.id), name=cadre.name, unit_id=cadre.unit_id, position_level=cadre.position_level)

    @classmethod
    async def resolve_reference(cls, info: Info, id: strawberry.ID) -> "Cadre | None":
        return await _visible_cadre(info, id)

    @strawberry.field
    async def unit(self, info: Info) -> Unit | None:
        async with info.context.platform.session_factory() as session:
            unit = await repository.get_unit(session, self.unit_id)
        return Unit.from_domain(unit) if unit else None


async def _visible_cadre(info: Info, cadre_id: str) -> Cadre | None:
    principal = principal_of(info)
    principal.require_cadre(cadre_id)
    async with info.context.platform.session_factory() as session:
        cadre = await repository.get_cadre(session, cadre_id)
    if cadre is None:
        return None
    principal.require_unit(cadre.unit_id)
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


@strawberry.type
class Query:
    @strawberry.field(extensions=roles(*READERS))
    async def unit(self, info: Info, id: strawberry.ID) -> Unit | None:
        return await Unit.resolve_reference(info, id)

    @strawberry.field(extensions=roles(Role.ADMIN, Role.ASSESSOR, Role.TRAINER))
    async def units(self, info: Info, limit: int = 100, offset: int = 0) -> list[Unit]:
        async with info.context.platform.session_factory() as session:
            return [Unit.from_domain(u) for u in await repository.list_units(session, min(limit, 1000), offset)]

    @strawberry.field(extensions=roles(*READERS))
    async def cadre(self, info: Info, id: strawberry.ID) -> Cadre | None:
        return await _visible_cadre(info, id)

    @strawberry.field(extensions=roles(Role.ADMIN, Role.ASSESSOR, Role.TRAINER, Role.UNIT_REPORTER))
    async def cadres(
        self, info: Info, unit_id: strawberry.ID | None = None, limit: int = 100, offset: int = 0
    ) -> list[Cadre]:
        principal = principal_of(info)
        if principal.role is Role.UNIT_REPORTER:
            unit_id = principal.unit_id
        async with info.context.platform.session_factory() as session:
            found = await repository.list_cadres(session, unit_id, min(limit, 1000), offset)
        return [Cadre.from_domain(c) for c in found]


@strawberry.type
class Mutation:
    @strawberry.mutation(extensions=roles(Role.ADMIN))
    async def register_unit(self, info: Info, input: UnitInput) -> Unit:
        unit = domain.Unit(
            id=input.id, name=input.name, category=input.category, district=input.district,
            parent_id=input.parent_id, temporary=input.temporary,
        )
        async with info.context.platform.unit_of_work() as uow:
            await handlers.register_unit(uow, unit)
        return Unit.from_domain(unit)

    @strawberry.mutation(extensions=roles(Role.ADMIN))
    async def register_cadre(self, info: Info, input: CadreInput) -> Cadre:
        cadre = domain.Cadre(id=input.id, name=input.name, unit_id=input.unit_id, position_level=input.position_level)
        async with info.context.platform.unit_of_work() as uow:
            await handlers.register_cadre(uow, cadre)
        return Cadre.from_domain(cadre)


def build_schema(settings: PlatformSettings) -> strawberry.federation.Schema:
    return federation_schema(settings, query=Query, mutation=Mutation, types=[Unit, Cadre])
