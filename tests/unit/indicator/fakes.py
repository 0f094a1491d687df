"""In-memory fakes of the indicator repositories and unit of work (service_layer/unit_of_work.py).

They keep what the PostgreSQL ones keep, in dicts; a unit of work commits by keeping its changes
and rolls back by restoring a copy taken when it began.
"""

from __future__ import annotations

import copy
from collections.abc import AsyncIterator, Iterable, Sequence
from contextlib import asynccontextmanager
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime

from schemas.envelope import Envelope, EventPayload
from services.indicator.bootstrap import IndicatorService, bootstrap
from services.indicator.domain.cascade import TargetCascade
from services.indicator.domain.categories import DEFAULT_CATEGORIES, UnitCategory
from services.indicator.domain.indicators import Indicator
from services.indicator.domain.lists import CommonIndicator
from services.indicator.domain.paperwork import DEFAULT_TERMS, Blocklist, PaperworkTerm
from services.indicator.domain.schemes import Scheme
from services.indicator.domain.units import Cadre, Unit
from services.indicator.domain.versions import DRAFT, ListVersion, VersionHeader
from services.indicator.service_layer.unit_of_work import Allocations
from services.indicator.settings import IndicatorSettings


@dataclass
class Store:
    """What the indicator database holds."""

    units: dict[str, Unit] = field(default_factory=dict)
    cadres: dict[str, Cadre] = field(default_factory=dict)
    categories: dict[str, UnitCategory] = field(
        default_factory=lambda: {c.code: c for c in DEFAULT_CATEGORIES}
    )
    indicators: dict[str, Indicator] = field(default_factory=dict)
    terms: dict[str, PaperworkTerm] = field(
        default_factory=lambda: {t.term: t for t in DEFAULT_TERMS}
    )
    schemes: dict[str, Scheme] = field(default_factory=dict)
    commons: dict[str, list[CommonIndicator]] = field(default_factory=dict)
    lists: dict[str, ListVersion] = field(default_factory=dict)
    cascades: dict[str, TargetCascade] = field(default_factory=dict)
    published: list[Envelope] = field(default_factory=list)  # committed outbox rows


class FakeUnitRepository:
    def __init__(self, store: Store):
        self._store = store

    async def get(self, unit_id: str) -> Unit | None:
        return self._store.units.get(unit_id)

    async def by_id(self, unit_ids: Iterable[str], lock: bool = False) -> dict[str, Unit]:
        return {i: self._store.units[i] for i in set(unit_ids) if i in self._store.units}

    async def find(
        self,
        *,
        category: str | None = None,
        district: str | None = None,
        temporary: bool | None = None,
        parent_id: str | None = None,
        limit: int = 100,
        offset: int = 0,
    ) -> list[Unit]:
        wanted = {
            "category": category,
            "district": district,
            "temporary": temporary,
            "parent_id": parent_id,
        }
        found = [
            u
            for _, u in sorted(self._store.units.items())
            if all(v is None or getattr(u, k) == v for k, v in wanted.items())
        ]
        return found[offset : offset + limit]

    async def in_category(self, category: str) -> bool:
        return any(u.category == category for u in self._store.units.values())

    async def add(self, new_units: Sequence[Unit]) -> None:
        for unit in new_units:
            # The table's foreign key: a parent is stored before its children.
            assert unit.parent_id is None or unit.parent_id in self._store.units, unit
            assert unit.id not in self._store.units, unit
            self._store.units[unit.id] = unit


class FakeCadreRepository:
    def __init__(self, store: Store):
        self._store = store

    async def get(self, cadre_id: str) -> Cadre | None:
        return self._store.cadres.get(cadre_id)

    async def find(
        self, unit_id: str | None = None, limit: int = 100, offset: int = 0
    ) -> list[Cadre]:
        found = [
            c
            for _, c in sorted(self._store.cadres.items())
            if unit_id is None or c.unit_id == unit_id
        ]
        return found[offset : offset + limit]

    async def add(self, cadre: Cadre) -> None:
        assert cadre.id not in self._store.cadres
        self._store.cadres[cadre.id] = cadre


class FakeLibraryRepository:
    def __init__(self, store: Store):
        self._store = store

    async def categories(self) -> dict[str, UnitCategory]:
        return dict(self._store.categories)

    async def save_category(self, category: UnitCategory, position: int) -> None:
        self._store.categories[category.code] = category

    async def remove_category(self, code: str) -> None:
        self._store.commons.pop(code, None)
        del self._store.categories[code]

    async def indicators_by_code(self, codes: Iterable[str] | None = None) -> dict[str, Indicator]:
        known = self._store.indicators
        if codes is None:
            return dict(known)
        return {c: known[c] for c in set(codes) if c in known}

    async def find_indicators(
        self,
        *,
        dimension: str | None = None,
        kind: str | None = None,
        capability: str | None = None,
        search: str | None = None,
        limit: int = 100,
        offset: int = 0,
    ) -> list[Indicator]:
        found = [
            i
            for _, i in sorted(self._store.indicators.items())
            if (dimension is None or i.dimension == dimension)
            and (kind is None or i.kind == kind)
            and (capability is None or capability in i.capability_tags)
            and (search is None or search in i.name or search in i.code)
        ]
        return found[offset : offset + limit]

    async def save_indicators(self, found: Sequence[Indicator]) -> None:
        self._store.indicators.update({i.code: i for i in found})

    async def blocklist(self) -> Blocklist:
        return Blocklist([t for _, t in sorted(self._store.terms.items())])

    async def add_paperwork_term(self, term: PaperworkTerm) -> None:
        self._store.terms[term.term] = term

    async def remove_paperwork_term(self, term: str) -> bool:
        return self._store.terms.pop(term, None) is not None

    async def schemes(self) -> dict[str, Scheme]:
        return dict(sorted(self._store.schemes.items()))

    async def save_scheme(self, scheme: Scheme) -> None:
        self._store.schemes[scheme.code] = scheme

    async def commons_by_category(
        self, categories_wanted: Iterable[str] | None = None
    ) -> dict[str, list[CommonIndicator]]:
        wanted = None if categories_wanted is None else set(categories_wanted)
        return {
            c: list(commons)
            for c, commons in self._store.commons.items()
            if commons and (wanted is None or c in wanted)
        }

    async def replace_commons(self, category: str, commons: Sequence[CommonIndicator]) -> None:
        self._store.commons[category] = list(commons)


class FakeListRepository:
    def __init__(self, store: Store):
        self._store = store

    def _of(self, unit_id: str, year: int | None = None) -> list[ListVersion]:
        return [
            v
            for v in self._store.lists.values()
            if v.unit_id == unit_id and (year is None or v.year == year)
        ]

    async def headers_of(
        self, pairs: Iterable[tuple[str, int]]
    ) -> dict[tuple[str, int], list[VersionHeader]]:
        return {
            (u, y): [v.header for v in sorted(self._of(u, y), key=lambda v: v.version)]
            for u, y in set(pairs)
        }

    async def find(
        self, unit_id: str, year: int, version: int | None = None, status: str | None = None
    ) -> ListVersion | None:
        found = [
            v
            for v in self._of(unit_id, year)
            if (version is None or v.version == version) and (status is None or v.status == status)
        ]
        return max(found, key=lambda v: v.version, default=None)

    async def of_unit(self, unit_id: str, year: int | None = None) -> list[ListVersion]:
        return sorted(self._of(unit_id, year), key=lambda v: (v.year, v.version), reverse=True)

    async def in_force(self, year: int, unit_ids: Iterable[str] | None = None) -> list[ListVersion]:
        wanted = None if unit_ids is None else set(unit_ids)
        return sorted(
            (
                v
                for v in self._store.lists.values()
                if v.year == year
                and v.status == "published"
                and (wanted is None or v.unit_id in wanted)
            ),
            key=lambda v: v.unit_id,
        )

    async def add(self, versions: Sequence[ListVersion]) -> None:
        now = datetime.now(UTC)
        for v in versions:
            # The unique indexes: one draft and one version in force per unit and year.
            clash = [
                o
                for o in self._of(v.unit_id, v.year)
                if o.version == v.version or (o.status == v.status != "superseded")
            ]
            assert not clash, (v, clash)
            # The database keeps a published version's items in its snapshot only.
            items = v.items if v.status == DRAFT else ()
            self._store.lists[v.id] = replace(v, items=items, created_at=now)

    async def remove(self, list_ids: Iterable[str]) -> None:
        for list_id in list_ids:
            self._store.lists.pop(list_id, None)

    async def supersede(self, ended: Sequence[VersionHeader]) -> None:
        for header in ended:
            stored = self._store.lists[header.list_id]
            if stored.status == "published":
                self._store.lists[header.list_id] = replace(
                    stored, status=header.status, effective_to=header.effective_to
                )


class FakeCascadeRepository:
    def __init__(self, store: Store):
        self._store = store

    async def get(self, code: str) -> TargetCascade | None:
        return self._store.cascades.get(code)

    async def find(
        self,
        year: int | None = None,
        indicator_code: str | None = None,
        parent_code: str | None = None,
    ) -> list[TargetCascade]:
        return [
            c
            for c in sorted(self._store.cascades.values(), key=lambda c: (c.year, c.code))
            if (year is None or c.year == year)
            and (indicator_code is None or c.indicator_code == indicator_code)
            and (parent_code is None or c.parent_code == parent_code)
        ]

    async def save(self, cascade: TargetCascade) -> None:
        self._store.cascades[cascade.code] = cascade

    async def allocations_for(self, unit_ids: Iterable[str], years: Iterable[int]) -> Allocations:
        units, wanted_years = set(unit_ids), set(years)
        found: Allocations = {}
        for c in self._store.cascades.values():
            if c.indicator_code is None or c.year not in wanted_years:
                continue
            for a in c.allocations:
                if a.unit_id in units:
                    found.setdefault((a.unit_id, c.year), {})[c.indicator_code] = (
                        c.code,
                        a.amount,
                    )
        return found


class FakeRepositories:
    def __init__(self, store: Store):
        self.units = FakeUnitRepository(store)
        self.cadres = FakeCadreRepository(store)
        self.library = FakeLibraryRepository(store)
        self.lists = FakeListRepository(store)
        self.cascades = FakeCascadeRepository(store)


class FakeUnitOfWork(FakeRepositories):
    def __init__(self, store: Store):
        super().__init__(store)
        self.store = store
        self.emitted: list[Envelope] = []
        self.committed = False
        self._before: Store | None = None

    async def __aenter__(self) -> FakeUnitOfWork:
        self._before = copy.deepcopy(self.store)
        self.emitted = []
        return self

    async def __aexit__(self, exc_type, exc, tb) -> None:
        if exc_type is None:
            self.store.published.extend(self.emitted)
            self.committed = True
            return
        assert self._before is not None
        for name in Store.__dataclass_fields__:
            setattr(self.store, name, getattr(self._before, name))
        self.emitted = []

    async def emit(self, payload: EventPayload, key: str) -> Envelope:
        return (await self.emit_many([(payload, key)]))[0]

    async def emit_many(self, events: list[tuple[EventPayload, str]]) -> list[Envelope]:
        envelopes = [Envelope.wrap(p, producer="indicator") for p, _ in events]
        self.emitted.extend(envelopes)
        return envelopes


def fake_service(store: Store | None = None) -> tuple[IndicatorService, Store]:
    """The service as bootstrap() composes it, on an in-memory store."""
    store = store or Store()

    @asynccontextmanager
    async def reads() -> AsyncIterator[FakeRepositories]:
        yield FakeRepositories(store)

    settings = IndicatorSettings(app_env="development", jwt_secret="unit-test-secret")
    return bootstrap(lambda: FakeUnitOfWork(store), reads, settings), store
