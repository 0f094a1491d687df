"""What resolvers work through: the composed service for commands, a session for reads."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession
from strawberry.types import Info

from services.development.bootstrap import Development, for_platform


def development(info: Info) -> Development:
    return for_platform(info.context.platform)


def reading(info: Info) -> AsyncSession:
    """A session for read-only queries (no transaction is committed)."""
    return info.context.platform.session_factory()
