"""The ledger's root fields: signed checkpoints, leaves and RFC 9162 proofs."""

from __future__ import annotations

import strawberry
from strawberry.types import Info

from services.common.errors import invalid
from services.common.graphql import roles
from services.scoring.ledger.adapters.signing_key import checkpoint_signer
from services.scoring.ledger.domain.access import (
    CHECKPOINT_READERS,
    MAX_PAGE,
    MIRROR_READERS,
    RECORD_READERS,
)
from services.scoring.ledger.domain.checkpoint import ORIGIN
from services.scoring.ledger.domain.signatures import public_key_pem
from services.scoring.ledger.entrypoints.graphql.types import (
    LedgerCheckpoint,
    LedgerConsistencyProof,
    LedgerInclusionProof,
    LedgerLeaf,
    LedgerPublicKey,
)
from services.scoring.ledger.service_layer import log


def page(limit: int) -> int:
    if not 1 <= limit <= MAX_PAGE:
        raise invalid("limit", "range", f"must be between 1 and {MAX_PAGE}", limit)
    return limit


def _session(info: Info):
    return info.context.platform.session_factory()


@strawberry.type
class LogQuery:
    @strawberry.field(
        extensions=roles(*CHECKPOINT_READERS),
        description="The latest signed checkpoint, or the one of a given tree size.",
    )
    async def ledger_checkpoint(self, info: Info, tree_size: int | None = None) -> LedgerCheckpoint:
        async with _session(info) as session:
            return LedgerCheckpoint.of(await log.signed_checkpoint(session, tree_size))

    @strawberry.field(
        extensions=roles(*CHECKPOINT_READERS),
        description="Signed checkpoints in size order, for copies kept outside the platform.",
    )
    async def ledger_checkpoints(
        self, info: Info, after_size: int = 0, limit: int = 100
    ) -> list[LedgerCheckpoint]:
        async with _session(info) as session:
            return [
                LedgerCheckpoint.of(c)
                for c in await log.checkpoints(session, after_size, page(limit))
            ]

    @strawberry.field(extensions=roles(*CHECKPOINT_READERS))
    def ledger_public_key(self) -> LedgerPublicKey:
        signer = checkpoint_signer()
        return LedgerPublicKey(
            key_id=signer.key_id, public_key_pem=public_key_pem(signer.public_key), origin=ORIGIN
        )

    @strawberry.field(
        extensions=roles(*RECORD_READERS),
        description="Every leaf recorded about one record, oldest first.",
    )
    async def ledger_record_history(
        self, info: Info, kind: str, record_id: str
    ) -> list[LedgerLeaf]:
        async with _session(info) as session:
            return [
                LedgerLeaf.of(index, data)
                for index, data in await log.history(session, kind, record_id)
            ]

    @strawberry.field(
        extensions=roles(*MIRROR_READERS), description="Leaves in index order, to mirror the log."
    )
    async def ledger_leaves(
        self, info: Info, from_index: int = 0, limit: int = 100
    ) -> list[LedgerLeaf]:
        async with _session(info) as session:
            return [
                LedgerLeaf.of(i, data)
                for i, data in await log.leaves(session, from_index, page(limit))
            ]

    @strawberry.field(extensions=roles(*RECORD_READERS))
    async def ledger_inclusion_proof(
        self, info: Info, leaf_index: int, tree_size: int | None = None
    ) -> LedgerInclusionProof:
        async with _session(info) as session:
            return LedgerInclusionProof.of(
                await log.inclusion_proof(session, leaf_index, tree_size)
            )

    @strawberry.field(extensions=roles(*CHECKPOINT_READERS))
    async def ledger_consistency_proof(
        self, info: Info, from_size: int, to_size: int | None = None
    ) -> LedgerConsistencyProof:
        async with _session(info) as session:
            return LedgerConsistencyProof.of(
                await log.consistency_proof(session, from_size, to_size)
            )
