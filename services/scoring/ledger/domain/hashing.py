"""RFC 9162 hashing: leaves and interior nodes are hashed with different prefixes.

The prefixes keep a leaf from ever being mistaken for an interior node (a second-preimage
attack on the tree), so a forged record cannot be dressed up as a subtree of genuine ones.
"""

from __future__ import annotations

from collections.abc import Sequence
from hashlib import sha256

LEAF_PREFIX = b"\x00"
NODE_PREFIX = b"\x01"
HASH_SIZE = 32


def leaf_hash(data: bytes) -> bytes:
    return sha256(LEAF_PREFIX + data).digest()


def node_hash(left: bytes, right: bytes) -> bytes:
    return sha256(NODE_PREFIX + left + right).digest()


def leaf_hashes(datas: Sequence[bytes]) -> list[bytes]:
    # A comprehension over the C hash function: a million leaves take well under a second.
    return [sha256(LEAF_PREFIX + data).digest() for data in datas]


def parent_hashes(hashes: Sequence[bytes]) -> list[bytes]:
    """Hashes of the pairs (0,1), (2,3) ...; an odd last hash has no parent yet."""
    return [
        sha256(NODE_PREFIX + left + right).digest()
        for left, right in zip(hashes[0::2], hashes[1::2])
    ]
