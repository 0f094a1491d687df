"""The indicator service's repositories and unit of work: interfaces the handlers depend on, and the
PostgreSQL unit of work that implements them (tests use in-memory fakes of the same interfaces)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from decimal import Decimal
from types import TracebackType
from typing import Protocol

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from schemas.envelope import Envelope, EventPayload
from services.common.unit_of_work import UnitOfWork
from services.indicator.adapters import tables
from services.indicator.adapters.catalogue_queries import CatalogueQueries
from services.indicator.domain.cascade import TargetCascade
from services.indicator.domain.categories import UnitCategory
from services.indicator.domain.indicators import Indicator
from services.indicator.domain.lists import CommonIndicator
from services.indicator.domain.paperwork import Blocklist, PaperworkTerm
from services.indicator.domain.schemes import Scheme
from services.indicator.domain.units import Cadre, Unit
from services.indicator.domain.versions import ListVersion, VersionHeader

# Per (unit, year): indicator code -> (cascade code, the unit's allocated part).
Allocations = dict[tuple[str, int], dict[str, tuple[str, Decimal]]]


class UnitRepository(Protocol):
    async def get(self, unit_id: str) -> Unit | None: ...

    async def by_id(self, unit_ids: Iterable[str], lock: bool = False) -> dict[str, Unit]:
        """`lock`: the units stay locked until commit (one change to a unit's lists at a time)."""
        ...

    async def find(
        self,
        *,
        category: str | None = None,
        district: str | None = None,
        temporary: bool | None = None,
        parent_id: str | None = None,
        limit: int = 100,
        offset: int = 0,
    ) -> list[Unit]: ...

    async def in_category(self, category: str) -> bool: ...

    async def add(self, new_units: Sequence[Unit]) -> None:
        """In the order given: a parent comes before its children."""
        ...


class CadreRepository(Protocol):
    async def get(self, cadre_id: str) -> Cadre | None: ...

    async def find(
        self, unit_id: str | None = None, limit: int = 100, offset: int = 0
    ) -> list[Cadre]: ...

    async def add(self, cadre: Cadre) -> None: ...


class LibraryRepository(Protocol):
    """The reference data lists are checked against."""

    async def categories(self) -> dict[str, UnitCategory]: ...

    async def save_category(self, category: UnitCategory, position: int) -> None: ...

    async def remove_category(self, code: str) -> None: ...

    async def indicators_by_code(
        self, codes: Iterable[str] | None = None
    ) -> dict[str, Indicator]: ...

    async def find_indicators(
        self,
        *,
        dimension: str | None = None,
        kind: str | None = None,
        capability: str | None = None,
        search: str | None = None,
        limit: int = 100,
        offset: int = 0,
    ) -> list[Indicator]: ...

    async def save_indicators(self, found: Sequence[Indicator]) -> None: ...

    async def blocklist(self) -> Blocklist: ...

    async def add_paperwork_term(self, term: PaperworkTerm) -> None: ...

    async def remove_paperwork_term(self, term: str) -> bool: ...

    async def schemes(self) -> dict[str, Scheme]: ...

    async def save_scheme(self, scheme: Scheme) -> None: ...

    async def commons_by_category(
        self, categories_wanted: Iterable[str] | None = None
    ) -> dict[str, list[CommonIndicator]]: ...

    async def replace_commons(self, category: str, commons: Sequence[CommonIndicator]) -> None: ...


class ListRepository(Protocol):
    async def headers_of(
        self, pairs: Iterable[tuple[str, int]]
    ) -> dict[tuple[str, int], list[VersionHeader]]:
        """Every version header of each (unit, year), oldest first."""
        ...

    async def find(
        self, unit_id: str, year: int, version: int | None = None, status: str | None = None
    ) -> ListVersion | None:
        """A version by number, or the newest with a status; a draft comes with its items."""
        ...

    async def of_unit(self, unit_id: str, year: int | None = None) -> list[ListVersion]:
        """Newest year and version first."""
        ...

    async def in_force(
        self, year: int, unit_ids: Iterable[str] | None = None
    ) -> list[ListVersion]: ...

    async def add(self, versions: Sequence[ListVersion]) -> None: ...

    async def remove(self, list_ids: Iterable[str]) -> None: ...

    async def supersede(self, ended: Sequence[VersionHeader]) -> None: ...


class CascadeRepository(Protocol):
    async def get(self, code: str) -> TargetCascade | None: ...

    async def find(
        self,
        year: int | None = None,
        indicator_code: str | None = None,
        parent_code: str | None = None,
    ) -> list[TargetCascade]: ...

    async def save(self, cascade: TargetCascade) -> None:
        """Replaces the allocations of a cascade that existed."""
        ...

    async def allocations_for(
        self, unit_ids: Iterable[str], years: Iterable[int]
    ) -> Allocations: ...


class CatalogueReads(Protocol):
    """What read models need: the repositories, inside a unit of work or outside one."""

    @property
    def units(self) -> UnitRepository: ...

    @property
    def cadres(self) -> CadreRepository: ...

    @property
    def library(self) -> LibraryRepository: ...

    @property
    def lists(self) -> ListRepository: ...

    @property
    def cascades(self) -> CascadeRepository: ...


class IndicatorUnitOfWork(CatalogueReads, Protocol):
    """One transaction: commits on success, rolls back on any error; events it emits are published
    if and only if it commits."""

    async def __aenter__(self) -> IndicatorUnitOfWork: ...

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None: ...

    async def emit(self, payload: EventPayload, key: str) -> Envelope: ...

    async def emit_many(self, events: list[tuple[EventPayload, str]]) -> list[Envelope]: ...


class SqlIndicatorUnitOfWork(UnitOfWork):
    """The platform's unit of work with the indicator repositories on its session."""

    units: UnitRepository
    cadres: CadreRepository
    library: LibraryRepository
    lists: ListRepository
    cascades: CascadeRepository

    def __init__(
        self,
        session_factory: async_sessionmaker[AsyncSession] | None,
        producer: str = "indicator",
        outbox: sa.Table | None = None,
    ):
        super().__init__(session_factory, producer, tables.outbox if outbox is None else outbox)

    async def __aenter__(self) -> SqlIndicatorUnitOfWork:
        await super().__aenter__()
        assert self.session is not None
        repositories = CatalogueQueries(self.session)
        self.units = repositories.units
        self.cadres = repositories.cadres
        self.library = repositories.library
        self.lists = repositories.lists
        self.cascades = repositories.cascades
        return self
