"""What the case listings of exemptions and appeals share: paging and the caller's visible scope."""

from __future__ import annotations

from typing import Any

from strawberry.types import Info

from services.common.errors import invalid
from services.common.graphql import principal_of
from services.scoring.adapters.case_repository import CaseTable
from services.scoring.domain import access

MAX_PAGE = 1000


def page(limit: int) -> int:
    if not 1 <= limit <= MAX_PAGE:
        raise invalid("limit", "range", f"must be between 1 and {MAX_PAGE}", limit)
    return limit


async def search(
    info: Info,
    cases: CaseTable,
    period: str | None,
    status: str | None,
    unit_id: str | None,
    cadre_id: str | None,
    limit: int,
    offset: int,
) -> list[Any]:
    """Cases the caller may see: a unit reporter's unit, a cadre's own, anything for overseers."""
    unit_id, cadre_id = access.visible_scope(principal_of(info), unit_id, cadre_id)
    async with info.context.platform.session_factory() as session:
        return await cases.search(session, period, status, unit_id, cadre_id, page(limit), offset)


async def one(info: Info, cases: CaseTable, case_id: str) -> Any:
    async with info.context.platform.session_factory() as session:
        found = await cases.get(session, case_id)
    if found is not None:
        access.require_case_reader(
            principal_of(info), found.subject.unit_id, found.subject.cadre_id
        )
    return found
