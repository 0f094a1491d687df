"""What the GraphQL tests share: units and cadres on the scoring roster, exemption steps, and signing parties."""

from __future__ import annotations

import base64
import hashlib
from dataclasses import dataclass

import sqlalchemy as sa
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from sqlalchemy.ext.asyncio import create_async_engine

from schemas.events import CadreRegistered, UnitRegistered
from services.common.settings import PlatformSettings
from services.scoring.ledger.domain.signatures import raw_public_key
from tests.support import eventually, publish, unique

APPLY = """mutation($input: ExemptionApplicationInput!) {
  applyForExemption(input: $input) { id status subject { kind unitId } evidence { sha256 } applied { by role } }
}"""
DECIDE = """mutation($id: ID!, $approve: Boolean!, $reason: String!) {
  decideExemption(id: $id, approve: $approve, reason: $reason) { id status decision { by role reason } }
}"""


def document(text: str) -> dict:
    """Evidence as an application names it: a file name and the SHA-256 of its content."""
    return {"name": f"{text}.pdf", "sha256": hashlib.sha256(text.encode()).hexdigest()}


async def _on_roster(settings: PlatformSettings, table: str, column: str, value: str) -> None:
    engine = create_async_engine(settings.scoring_database_url)
    query = sa.text(f"SELECT 1 FROM {table} WHERE {column} = :value")

    async def present() -> bool:
        async with engine.connect() as connection:
            return (await connection.execute(query, {"value": value})).first() is not None

    try:
        await eventually(present, timeout=30)
    finally:
        await engine.dispose()


async def registered_unit(settings: PlatformSettings, category: str = "township") -> str:
    """A new unit, announced as the indicator service announces it, once scoring has it."""
    unit_id = unique("U-LEDGER")
    await publish(
        settings,
        UnitRegistered(unit_id=unit_id, name=f"Township {unit_id}", category=category),
        unit_id,
    )
    await _on_roster(settings, "unit_roster", "unit_id", unit_id)
    return unit_id


async def registered_cadre(settings: PlatformSettings, unit_id: str) -> str:
    cadre_id = unique("C-LEDGER")
    event = CadreRegistered(
        cadre_id=cadre_id,
        name=f"Cadre {cadre_id}",
        unit_id=unit_id,
        unit_category="township",
        position_level="principal",
    )
    await publish(settings, event, cadre_id)
    await _on_roster(settings, "cadre_roster", "cadre_id", cadre_id)
    return cadre_id


@dataclass
class Party:
    """Someone who holds an approval key: the private half never leaves the test."""

    role: str
    private_key: Ed25519PrivateKey

    @classmethod
    def new(cls, role: str) -> Party:
        return cls(role, Ed25519PrivateKey.generate())

    @property
    def public_key(self) -> str:
        return base64.b64encode(raw_public_key(self.private_key.public_key())).decode()

    def sign(self, message: str) -> str:
        return base64.b64encode(self.private_key.sign(message.encode())).decode()
