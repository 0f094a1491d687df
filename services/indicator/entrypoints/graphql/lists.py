"""Units' indicator lists: versions by unit and year, diffs, and the commands that change them."""

from __future__ import annotations

import datetime

import strawberry
from strawberry.scalars import JSON
from strawberry.types import Info

from services.common.graphql import principal_of, roles
from services.indicator.domain import access
from services.indicator.domain.diff import ListDiff
from services.indicator.domain.lists import Item, scored_weight_total
from services.indicator.entrypoints.graphql.context import reads, unit_of_work
from services.indicator.service_layer import list_commands as commands
from services.indicator.service_layer import list_views
from services.indicator.service_layer.list_views import ListView
from services.indicator.service_layer.unit_of_work import CatalogueReads


@strawberry.type(description="One indicator of a list version, as scoring scores it.")
class IndicatorListItem:
    indicator_code: str
    name: str
    dimension: str
    kind: str
    direction: str
    unit_of_measure: str
    weight: float
    target: float | None
    rule: JSON
    data_source: str
    source_system: str | None
    frequency: str
    capability_tags: list[str]
    min_value: float | None
    max_value: float | None
    origin: str = strawberry.field(description="common (of the unit's category) or individual")
    on_site_check: bool
    assessed_at_year_end: bool

    @classmethod
    def from_snapshot(cls, item: dict) -> IndicatorListItem:
        return cls(
            indicator_code=item["indicator_code"],
            name=item["name"],
            dimension=item["dimension"],
            kind=item["kind"],
            direction=item["direction"],
            unit_of_measure=item["unit_of_measure"],
            weight=item["weight"],
            target=item.get("target"),
            rule=item["rule"],
            data_source=item["data_source"],
            source_system=item.get("source_system"),
            frequency=item["frequency"],
            capability_tags=list(item.get("capability_tags", ())),
            min_value=item.get("min_value"),
            max_value=item.get("max_value"),
            origin=item.get("origin", "individual"),
            on_site_check=item.get("on_site_check", False),
            assessed_at_year_end=item.get("assessed_at_year_end", True),
        )


@strawberry.type(
    description="A version of a unit's annual list: draft, published (in force) or superseded."
)
class IndicatorList:
    id: strawberry.ID
    unit_id: strawberry.ID
    year: int
    version: int
    status: str
    scheme_code: str | None
    effective_from: datetime.date | None
    effective_to: datetime.date | None
    supersedes_version: int | None
    created_at: datetime.datetime
    published_at: datetime.datetime | None
    items: list[IndicatorListItem]

    @strawberry.field(description="Sum of the scored indicators' weights (100 once publishable).")
    def total_weight(self) -> float:
        return scored_weight_total({"weight": i.weight, "kind": i.kind} for i in self.items)

    @classmethod
    def from_view(cls, view: ListView) -> IndicatorList:
        s = view.stored
        return cls(
            id=strawberry.ID(s.id),
            unit_id=strawberry.ID(s.unit_id),
            year=s.year,
            version=s.version,
            status=s.status,
            scheme_code=s.scheme_code,
            effective_from=s.effective_from,
            effective_to=s.effective_to,
            supersedes_version=s.supersedes_version,
            created_at=s.created_at,
            published_at=s.published_at,
            items=[IndicatorListItem.from_snapshot(i) for i in view.items],
        )


@strawberry.type
class IndicatorFieldChange:
    field: str
    before: JSON | None
    after: JSON | None


@strawberry.type
class IndicatorListItemChange:
    indicator_code: str
    changes: list[IndicatorFieldChange]


@strawberry.type(description="What changed from one version of a unit's list to another.")
class IndicatorListDiff:
    unit_id: strawberry.ID
    year: int
    from_version: int
    to_version: int
    added: list[IndicatorListItem]
    removed: list[IndicatorListItem]
    changed: list[IndicatorListItemChange]
    header_changes: list[IndicatorFieldChange]

    @classmethod
    def from_domain(
        cls, unit_id: str, year: int, from_version: int, to_version: int, diff: ListDiff
    ) -> IndicatorListDiff:
        def change(c) -> IndicatorFieldChange:
            return IndicatorFieldChange(field=c.field, before=_json(c.before), after=_json(c.after))

        return cls(
            unit_id=strawberry.ID(unit_id),
            year=year,
            from_version=from_version,
            to_version=to_version,
            added=[IndicatorListItem.from_snapshot(i) for i in diff.added],
            removed=[IndicatorListItem.from_snapshot(i) for i in diff.removed],
            changed=[
                IndicatorListItemChange(
                    indicator_code=c.indicator_code, changes=[change(f) for f in c.changes]
                )
                for c in diff.changed
            ],
            header_changes=[change(c) for c in diff.header],
        )


def _json(value):
    return value.isoformat() if isinstance(value, datetime.date) else value


@strawberry.input
class IndicatorListItemInput:
    indicator_code: str
    weight: float = 0.0
    target: float | None = None

    def to_domain(self) -> Item:
        return Item(self.indicator_code, self.weight, self.target)


async def _require_list_reader(info: Info, catalogue: CatalogueReads, unit_id: str) -> None:
    principal = principal_of(info)
    cadre = None
    if access.needs_cadre_to_read_lists(principal):
        cadre = await catalogue.cadres.get(principal.cadre_id)
    access.require_list_reader(principal, unit_id, cadre)


@strawberry.type
class ListQueries:
    @strawberry.field(
        extensions=roles(*access.LIST_READERS),
        description="A unit's list for a year: the version given, or without one the version in force.",
    )
    async def indicator_list(
        self, info: Info, unit_id: strawberry.ID, year: int, version: int | None = None
    ) -> IndicatorList | None:
        async with reads(info) as catalogue:
            await _require_list_reader(info, catalogue, unit_id)
            view = await list_views.list_version(catalogue, unit_id, year, version)
        return IndicatorList.from_view(view) if view else None

    @strawberry.field(
        extensions=roles(*access.LIST_READERS),
        description="Every version of a unit's lists, newest first.",
    )
    async def indicator_list_versions(
        self, info: Info, unit_id: strawberry.ID, year: int | None = None
    ) -> list[IndicatorList]:
        async with reads(info) as catalogue:
            await _require_list_reader(info, catalogue, unit_id)
            found = await list_views.list_versions(catalogue, unit_id, year)
        return [IndicatorList.from_view(v) for v in found]

    @strawberry.field(extensions=roles(*access.LIST_READERS))
    async def indicator_list_diff(
        self, info: Info, unit_id: strawberry.ID, year: int, from_version: int, to_version: int
    ) -> IndicatorListDiff:
        async with reads(info) as catalogue:
            await _require_list_reader(info, catalogue, unit_id)
            diff = await list_views.list_diff(catalogue, unit_id, year, from_version, to_version)
        return IndicatorListDiff.from_domain(unit_id, year, from_version, to_version, diff)


@strawberry.type
class ListMutations:
    @strawberry.mutation(
        extensions=roles(*access.EDITORS),
        description=(
            "Opens the next version of a unit's list as a draft: from the items given, else a copy of the version in "
            "force, else the category's common indicators (common ones are always added)."
        ),
    )
    async def draft_indicator_list(
        self,
        info: Info,
        unit_id: strawberry.ID,
        year: int,
        scheme_code: str | None = None,
        items: list[IndicatorListItemInput] | None = None,
    ) -> IndicatorList:
        async with unit_of_work(info) as uow:
            stored = await commands.draft_list(
                uow,
                unit_id,
                year,
                scheme_code,
                None if items is None else [i.to_domain() for i in items],
            )
            view = await list_views.view_of(uow, stored)
        return IndicatorList.from_view(view)

    @strawberry.mutation(
        extensions=roles(*access.EDITORS),
        description="Sets items (weight, target), removes individual ones.",
    )
    async def edit_indicator_list_draft(
        self,
        info: Info,
        unit_id: strawberry.ID,
        year: int,
        set: list[IndicatorListItemInput] | None = None,
        remove: list[str] | None = None,
        scheme_code: str | None = None,
    ) -> IndicatorList:
        async with unit_of_work(info) as uow:
            stored = await commands.edit_draft(
                uow, unit_id, year, [i.to_domain() for i in set or []], remove or [], scheme_code
            )
            view = await list_views.view_of(uow, stored)
        return IndicatorList.from_view(view)

    @strawberry.mutation(extensions=roles(*access.EDITORS))
    async def discard_indicator_list_draft(
        self, info: Info, unit_id: strawberry.ID, year: int
    ) -> bool:
        async with unit_of_work(info) as uow:
            await commands.discard_draft(uow, unit_id, year)
        return True

    @strawberry.mutation(
        extensions=roles(*access.EDITORS),
        description=(
            "Publishes the unit's draft (immutable from then on), ends the version in force the day before, and "
            "emits IndicatorListPublished. effectiveFrom defaults to the start of the year, or today within it."
        ),
    )
    async def publish_indicator_list(
        self,
        info: Info,
        unit_id: strawberry.ID,
        year: int,
        effective_from: datetime.date | None = None,
    ) -> IndicatorList:
        async with unit_of_work(info) as uow:
            stored = await commands.publish_list(uow, unit_id, year, effective_from)
            view = await list_views.view_of(uow, stored)
        return IndicatorList.from_view(view)
