"""A service's local copy of the units and cadres the indicator service registers.

Scoring and development keep one each (peer groups, eligibility), fed by `UnitRegistered` and
`CadreRegistered`; this module is the one definition both use.
"""

from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.dialects.postgresql import insert

from schemas.envelope import Envelope
from schemas.events import CadreRegistered, UnitRegistered
from services.common.unit_of_work import UnitOfWork


def _unit_roster_columns() -> list[sa.Column]:
    return [
        sa.Column("unit_id", sa.Text, primary_key=True),
        sa.Column("name", sa.Text, nullable=False),
        sa.Column("category", sa.Text, nullable=False),
        sa.Column("district", sa.Text),
        sa.Column("parent_unit_id", sa.Text),
        sa.Column("temporary", sa.Boolean, nullable=False, server_default=sa.false()),
        sa.Column(
            "recorded_at", sa.DateTime(timezone=True), nullable=False, server_default=sa.func.now()
        ),
    ]


def _cadre_roster_columns() -> list[sa.Column]:
    return [
        sa.Column("cadre_id", sa.Text, primary_key=True),
        sa.Column("name", sa.Text, nullable=False),
        sa.Column("unit_id", sa.Text, nullable=False, index=True),
        sa.Column("unit_category", sa.Text, nullable=False),
        sa.Column("position_level", sa.Text, nullable=False),
        sa.Column(
            "recorded_at", sa.DateTime(timezone=True), nullable=False, server_default=sa.func.now()
        ),
    ]


def define_roster_tables(metadata: sa.MetaData) -> tuple[sa.Table, sa.Table]:
    return (
        sa.Table("unit_roster", metadata, *_unit_roster_columns()),
        sa.Table("cadre_roster", metadata, *_cadre_roster_columns()),
    )


def create_roster_tables_v1() -> None:
    """Migration step creating the roster tables as first defined."""
    from alembic import op

    op.create_table("unit_roster", *_unit_roster_columns())
    op.create_table("cadre_roster", *_cadre_roster_columns())


class RosterHandlers:
    """Batch handlers that keep the roster tables of one service's metadata up to date.

    One multi-row upsert per batch: registrations arrive in bursts (a city's import), and the
    latest registration of an id in a batch wins, as it would one event at a time.
    """

    def __init__(self, metadata: sa.MetaData):
        self.units = metadata.tables["unit_roster"]
        self.cadres = metadata.tables["cadre_roster"]

    async def units_registered(
        self, uow: UnitOfWork, events: list[tuple[UnitRegistered, Envelope]]
    ) -> dict:
        rows = {
            event.unit_id: {
                "unit_id": event.unit_id,
                "name": event.name,
                "category": event.category,
                "district": event.district,
                "parent_unit_id": event.parent_unit_id,
                "temporary": event.temporary,
            }
            for event, _ in events
        }
        await _upsert(uow, self.units, "unit_id", list(rows.values()))
        return {}

    async def cadres_registered(
        self, uow: UnitOfWork, events: list[tuple[CadreRegistered, Envelope]]
    ) -> dict:
        rows = {
            event.cadre_id: {
                "cadre_id": event.cadre_id,
                "name": event.name,
                "unit_id": event.unit_id,
                "unit_category": event.unit_category,
                "position_level": event.position_level,
            }
            for event, _ in events
        }
        await _upsert(uow, self.cadres, "cadre_id", list(rows.values()))
        return {}

    def batch_handlers(self) -> dict:
        return {UnitRegistered: self.units_registered, CadreRegistered: self.cadres_registered}


async def _upsert(uow: UnitOfWork, table: sa.Table, key: str, rows: list[dict]) -> None:
    statement = insert(table).values(rows)
    # recorded_at keeps the first time the service learnt of the unit or cadre.
    updated = {name: statement.excluded[name] for name in rows[0] if name != key}
    await uow.session.execute(statement.on_conflict_do_update(index_elements=[key], set_=updated))


async def roster_entry(session, metadata: sa.MetaData, cadre_id: str) -> sa.Row | None:
    """The roster row of one cadre, or None when the cadre is not (yet) known here."""
    cadres = metadata.tables["cadre_roster"]
    return (await session.execute(sa.select(cadres).where(cadres.c.cadre_id == cadre_id))).first()
