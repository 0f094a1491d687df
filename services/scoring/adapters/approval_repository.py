"""Approval keys, approval policies and the authorisations of changes to locked periods."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from services.scoring.adapters.tables import (
    approval_keys,
    approval_policies,
    locked_change_authorisations,
)
from services.scoring.domain.approvals import ApprovalKey, ApprovalPolicy


def _key(row: sa.Row) -> ApprovalKey:
    return ApprovalKey(
        key_id=row.key_id,
        holder=row.holder,
        role=row.role,
        public_key=row.public_key,
        unit_id=row.unit_id,
        active=row.revoked_at is None,
    )


async def keys(
    session: AsyncSession, key_ids: Iterable[str] | None = None
) -> dict[str, ApprovalKey]:
    query = sa.select(approval_keys).order_by(approval_keys.c.role, approval_keys.c.key_id)
    if key_ids is not None:
        query = query.where(approval_keys.c.key_id.in_(list(key_ids)))
    return {row.key_id: _key(row) for row in await session.execute(query)}


async def key_with_public_key(session: AsyncSession, public_key: str) -> ApprovalKey | None:
    row = (
        await session.execute(
            sa.select(approval_keys).where(approval_keys.c.public_key == public_key)
        )
    ).first()
    return _key(row) if row else None


async def add_key(
    session: AsyncSession, key: ApprovalKey, registered_by: str, at: datetime
) -> None:
    await session.execute(
        approval_keys.insert().values(
            key_id=key.key_id,
            holder=key.holder,
            role=key.role,
            unit_id=key.unit_id,
            public_key=key.public_key,
            registered_by=registered_by,
            registered_at=at,
        )
    )


async def revoke_key(
    session: AsyncSession, key_id: str, revoked_by: str, at: datetime
) -> ApprovalKey | None:
    statement = (
        approval_keys.update()
        .where(approval_keys.c.key_id == key_id, approval_keys.c.revoked_at.is_(None))
        .values(revoked_by=revoked_by, revoked_at=at)
        .returning(*approval_keys.c)
    )
    row = (await session.execute(statement)).first()
    return _key(row) if row else None


def _policy(row: sa.Row) -> ApprovalPolicy:
    return ApprovalPolicy(
        change_kind=row.change_kind, required=row.required, roles=tuple(row.roles)
    )


async def policy(session: AsyncSession, change_kind: str) -> ApprovalPolicy | None:
    query = sa.select(approval_policies).where(approval_policies.c.change_kind == change_kind)
    row = (await session.execute(query)).first()
    return _policy(row) if row else None


async def policies(session: AsyncSession) -> list[ApprovalPolicy]:
    query = sa.select(approval_policies).order_by(approval_policies.c.change_kind)
    return [_policy(row) for row in await session.execute(query)]


async def save_policy(
    session: AsyncSession, saved: ApprovalPolicy, updated_by: str, at: datetime
) -> None:
    values = {
        "required": saved.required,
        "roles": list(saved.roles),
        "updated_by": updated_by,
        "updated_at": at,
    }
    statement = insert(approval_policies).values(change_kind=saved.change_kind, **values)
    await session.execute(
        statement.on_conflict_do_update(index_elements=["change_kind"], set_=values)
    )


async def add_authorisation(session: AsyncSession, values: dict[str, Any]) -> None:
    await session.execute(locked_change_authorisations.insert().values(**values))


async def authorisation(
    session: AsyncSession, authorisation_id: str, for_update: bool = False
) -> sa.Row | None:
    query = sa.select(locked_change_authorisations).where(
        locked_change_authorisations.c.id == authorisation_id
    )
    if for_update:
        query = query.with_for_update()
    return (await session.execute(query)).first()


async def mark_applied(
    session: AsyncSession, authorisation_id: str, at: datetime, leaf_index: int
) -> None:
    await session.execute(
        locked_change_authorisations.update()
        .where(locked_change_authorisations.c.id == authorisation_id)
        .values(applied_at=at, applied_leaf_index=leaf_index)
    )


async def unused_authorisations(
    session: AsyncSession, change_kind: str, record_ids: Iterable[str]
) -> list[sa.Row]:
    """Authorisations not yet used for these records, oldest first, locked against concurrent use."""
    query = (
        sa.select(locked_change_authorisations)
        .where(
            locked_change_authorisations.c.change_kind == change_kind,
            locked_change_authorisations.c.record_id.in_(list(record_ids)),
            locked_change_authorisations.c.applied_at.is_(None),
        )
        .order_by(locked_change_authorisations.c.authorised_at)
        .with_for_update()
    )
    return list(await session.execute(query))


@dataclass(frozen=True)
class StoredAuthorisation:
    """The row of an authorisation: only a pointer to its ledger leaf, which is what is obeyed."""

    id: str
    change_kind: str
    record_id: str
    content: dict[str, Any]
    digest: str
    leaf_index: int
    authorised_at: datetime
    applied_at: datetime | None


def _authorisation(row: sa.Row) -> StoredAuthorisation:
    return StoredAuthorisation(
        id=row.id,
        change_kind=row.change_kind,
        record_id=row.record_id,
        content=row.content,
        digest=row.digest,
        leaf_index=row.leaf_index,
        authorised_at=row.authorised_at,
        applied_at=row.applied_at,
    )


class SqlApprovalRepository:
    """The statements above, bound to the session of one unit of work."""

    def __init__(self, session: AsyncSession):
        self._session = session

    async def keys(self, key_ids: Iterable[str] | None = None) -> dict[str, ApprovalKey]:
        return await keys(self._session, key_ids)

    async def key_with_public_key(self, public_key: str) -> ApprovalKey | None:
        return await key_with_public_key(self._session, public_key)

    async def add_key(self, key: ApprovalKey, registered_by: str, at: datetime) -> None:
        await add_key(self._session, key, registered_by, at)

    async def revoke_key(self, key_id: str, revoked_by: str, at: datetime) -> ApprovalKey | None:
        return await revoke_key(self._session, key_id, revoked_by, at)

    async def policy(self, change_kind: str) -> ApprovalPolicy | None:
        return await policy(self._session, change_kind)

    async def policies(self) -> list[ApprovalPolicy]:
        return await policies(self._session)

    async def save_policy(self, saved: ApprovalPolicy, updated_by: str, at: datetime) -> None:
        await save_policy(self._session, saved, updated_by, at)

    async def add_authorisation(self, values: dict[str, Any]) -> None:
        await add_authorisation(self._session, values)

    async def authorisation(
        self, authorisation_id: str, for_update: bool = False
    ) -> StoredAuthorisation | None:
        row = await authorisation(self._session, authorisation_id, for_update)
        return _authorisation(row) if row else None

    async def mark_applied(self, authorisation_id: str, at: datetime, leaf_index: int) -> None:
        await mark_applied(self._session, authorisation_id, at, leaf_index)

    async def unused_authorisations(
        self, change_kind: str, record_ids: Iterable[str]
    ) -> list[StoredAuthorisation]:
        rows = await unused_authorisations(self._session, change_kind, record_ids)
        return [_authorisation(row) for row in rows]
