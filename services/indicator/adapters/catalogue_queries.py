"""Read-only access to the catalogue for GraphQL: the repositories over a session that is never
committed (reads outside any unit of work)."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager

from sqlalchemy.ext.asyncio import AsyncSession

from services.indicator.adapters.cadre_repository import SqlCadreRepository
from services.indicator.adapters.cascade_repository import SqlCascadeRepository
from services.indicator.adapters.library_repository import SqlLibraryRepository
from services.indicator.adapters.list_repository import SqlListRepository
from services.indicator.adapters.unit_repository import SqlUnitRepository


class CatalogueQueries:
    def __init__(self, session: AsyncSession):
        self.units = SqlUnitRepository(session)
        self.cadres = SqlCadreRepository(session)
        self.library = SqlLibraryRepository(session)
        self.lists = SqlListRepository(session)
        self.cascades = SqlCascadeRepository(session)


@asynccontextmanager
async def catalogue_queries(
    session_factory: Callable[[], AsyncSession],
) -> AsyncIterator[CatalogueQueries]:
    async with session_factory() as session:
        yield CatalogueQueries(session)
