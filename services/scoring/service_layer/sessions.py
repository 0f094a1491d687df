"""The database session of an entered unit of work, for the handlers that run SQL themselves."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession

from services.common.unit_of_work import UnitOfWork


def session_of(uow: UnitOfWork) -> AsyncSession:
    assert uow.session is not None, "the unit of work is used outside `async with`"
    return uow.session
