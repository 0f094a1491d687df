"""GraphQL types of the evidence ledger: signed checkpoints, leaves and proofs."""

from __future__ import annotations

import base64
from datetime import datetime

import strawberry
from strawberry.scalars import JSON

from services.scoring.ledger.domain.checkpoint import ORIGIN, SignedCheckpoint
from services.scoring.ledger.domain.hashing import leaf_hash
from services.scoring.ledger.domain.leaves import read_leaf
from services.scoring.ledger.service_layer.log import ConsistencyProof, InclusionProof


@strawberry.type(
    description="A signed state of the evidence ledger: its size and Merkle root (RFC 9162)."
)
class LedgerCheckpoint:
    tree_size: int
    root_hash: str = strawberry.field(description="SHA-256 Merkle tree head, hex.")
    signed_at: datetime
    key_id: str
    signature: str = strawberry.field(description="Ed25519 signature of `signedMessage`, base64.")
    signed_message: str = strawberry.field(
        description="The exact text signed: origin, size, root, time."
    )
    origin: str

    @classmethod
    def of(cls, signed: SignedCheckpoint) -> LedgerCheckpoint:
        return cls(
            tree_size=signed.tree_size,
            root_hash=signed.root_hash.hex(),
            signed_at=signed.checkpoint.signed_at,
            key_id=signed.key_id,
            signature=base64.b64encode(signed.signature).decode(),
            signed_message=signed.checkpoint.message().decode(),
            origin=ORIGIN,
        )


@strawberry.type(description="The key that signs checkpoints: all a verifier needs to trust.")
class LedgerPublicKey:
    key_id: str
    public_key_pem: str
    origin: str


@strawberry.type(
    description="One record of the ledger: the exact leaf bytes (UTF-8) and what they say."
)
class LedgerLeaf:
    leaf_index: int
    leaf: str = strawberry.field(
        description="The leaf exactly as hashed: header lines, then canonical JSON."
    )
    leaf_hash: str = strawberry.field(description="SHA-256(0x00 || leaf), hex.")
    kind: str
    record_id: str
    recorded_at: str
    content: JSON

    @classmethod
    def of(cls, index: int, data: bytes) -> LedgerLeaf:
        record = read_leaf(data)
        return cls(
            leaf_index=index,
            leaf=data.decode(),
            leaf_hash=leaf_hash(data).hex(),
            kind=record.kind,
            record_id=record.record_id,
            recorded_at=record.recorded_at,
            content=record.content,
        )


@strawberry.type(description="RFC 9162 inclusion proof of one leaf in a signed tree.")
class LedgerInclusionProof:
    leaf_index: int
    tree_size: int
    leaf: LedgerLeaf
    audit_path: list[str] = strawberry.field(description="Sibling hashes, leaf side first, hex.")
    checkpoint: LedgerCheckpoint

    @classmethod
    def of(cls, proof: InclusionProof) -> LedgerInclusionProof:
        return cls(
            leaf_index=proof.leaf_index,
            tree_size=proof.checkpoint.tree_size,
            leaf=LedgerLeaf.of(proof.leaf_index, proof.leaf_data),
            audit_path=[h.hex() for h in proof.path],
            checkpoint=LedgerCheckpoint.of(proof.checkpoint),
        )


@strawberry.type(
    description="RFC 9162 consistency proof: the later checkpoint extends the earlier one."
)
class LedgerConsistencyProof:
    from_size: int
    to_size: int
    proof: list[str]
    from_checkpoint: LedgerCheckpoint
    to_checkpoint: LedgerCheckpoint

    @classmethod
    def of(cls, proof: ConsistencyProof) -> LedgerConsistencyProof:
        return cls(
            from_size=proof.old.tree_size,
            to_size=proof.new.tree_size,
            proof=[h.hex() for h in proof.path],
            from_checkpoint=LedgerCheckpoint.of(proof.old),
            to_checkpoint=LedgerCheckpoint.of(proof.new),
        )
