"""Signed checkpoints: the log's size and root, signed so that copies elsewhere can hold it to account.

The signed message is a few lines of text (origin, size, root, time), in the spirit of the
transparency-log checkpoints of C2SP. The origin line keeps a checkpoint signature from being
replayed as any other kind of signature the platform makes.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from services.scoring.ledger.domain.signatures import key_id, signature_valid

ORIGIN = "cadre-platform/scoring-evidence-ledger"


@dataclass(frozen=True)
class Checkpoint:
    tree_size: int
    root_hash: bytes
    signed_at: datetime

    def message(self) -> bytes:
        stamp = self.signed_at.isoformat(timespec="microseconds")
        return f"{ORIGIN}\n{self.tree_size}\n{self.root_hash.hex()}\n{stamp}\n".encode()


@dataclass(frozen=True)
class SignedCheckpoint:
    checkpoint: Checkpoint
    key_id: str
    signature: bytes

    @property
    def tree_size(self) -> int:
        return self.checkpoint.tree_size

    @property
    def root_hash(self) -> bytes:
        return self.checkpoint.root_hash


class CheckpointSigner:
    def __init__(self, private_key: Ed25519PrivateKey):
        self._key = private_key
        self.public_key = private_key.public_key()
        self.key_id = key_id(self.public_key)

    def sign(self, checkpoint: Checkpoint) -> SignedCheckpoint:
        return SignedCheckpoint(checkpoint, self.key_id, self._key.sign(checkpoint.message()))


def checkpoint_valid(signed: SignedCheckpoint, public_keys: dict[str, Ed25519PublicKey]) -> bool:
    """Signed by one of the trusted keys, and the signature covers exactly this size and root."""
    key = public_keys.get(signed.key_id)
    return key is not None and signature_valid(key, signed.signature, signed.checkpoint.message())
