"""Cascaded targets: a city target split onto units, whose parts add up."""

from __future__ import annotations

from decimal import Decimal

import strawberry
from strawberry.types import Info

from services.common.graphql import roles
from services.indicator.domain import access
from services.indicator.domain import cascade as domain
from services.indicator.entrypoints.graphql.context import reads, unit_of_work
from services.indicator.service_layer import cascade_commands as commands


@strawberry.type
class TargetAllocation:
    unit_id: strawberry.ID
    amount: Decimal


@strawberry.type(
    description="A city target (or a unit's part of one) and how it is split onto units."
)
class TargetCascade:
    code: str
    name: str
    year: int
    indicator_code: str | None
    unit_of_measure: str
    total: Decimal
    parent_code: str | None
    parent_unit_id: strawberry.ID | None
    allocations: list[TargetAllocation]

    @classmethod
    def from_domain(cls, c: domain.TargetCascade) -> TargetCascade:
        return cls(
            code=c.code,
            name=c.name,
            year=c.year,
            indicator_code=c.indicator_code,
            unit_of_measure=c.unit_of_measure,
            total=c.total,
            parent_code=c.parent_code,
            parent_unit_id=c.parent_unit_id,
            allocations=[
                TargetAllocation(unit_id=strawberry.ID(a.unit_id), amount=a.amount)
                for a in c.allocations
            ],
        )


@strawberry.input
class TargetAllocationInput:
    unit_id: strawberry.ID
    amount: Decimal


@strawberry.input
class TargetCascadeInput:
    code: str
    name: str
    year: int
    total: Decimal
    unit_of_measure: str
    allocations: list[TargetAllocationInput]
    indicator_code: str | None = None
    parent_code: str | None = strawberry.field(
        default=None, description="Splits the parent's part for parentUnitId"
    )
    parent_unit_id: strawberry.ID | None = None

    def to_domain(self) -> domain.TargetCascade:
        return domain.TargetCascade(
            code=self.code,
            name=self.name,
            year=self.year,
            total=self.total,
            unit_of_measure=self.unit_of_measure,
            allocations=tuple(domain.Allocation(a.unit_id, a.amount) for a in self.allocations),
            indicator_code=self.indicator_code,
            parent_code=self.parent_code,
            parent_unit_id=self.parent_unit_id,
        )


@strawberry.type
class CascadeQueries:
    @strawberry.field(extensions=roles(*access.CATALOGUE_READERS))
    async def target_cascade(self, info: Info, code: str) -> TargetCascade | None:
        async with reads(info) as catalogue:
            found = await catalogue.cascades.get(code)
        return TargetCascade.from_domain(found) if found else None

    @strawberry.field(extensions=roles(*access.CATALOGUE_READERS))
    async def target_cascades(
        self,
        info: Info,
        year: int | None = None,
        indicator_code: str | None = None,
        parent_code: str | None = None,
    ) -> list[TargetCascade]:
        async with reads(info) as catalogue:
            found = await catalogue.cascades.find(year, indicator_code, parent_code)
        return [TargetCascade.from_domain(c) for c in found]


@strawberry.type
class CascadeMutations:
    @strawberry.mutation(
        extensions=roles(*access.EDITORS),
        description=(
            "Splits a target onto units (or a unit's part onto its sub-units); the parts must add up exactly."
        ),
    )
    async def cascade_target(self, info: Info, input: TargetCascadeInput) -> TargetCascade:
        async with unit_of_work(info) as uow:
            stored = await commands.cascade_target(uow, input.to_domain())
        return TargetCascade.from_domain(stored)
