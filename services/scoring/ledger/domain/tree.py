"""The Merkle tree of RFC 9162, section 2.1, addressed by perfect subtrees.

A node `(level, index)` is the perfect subtree over leaves [index * 2**level, (index + 1) * 2**level).
Once complete, such a subtree never changes however long the log grows, so it can be stored and
looked up; every root, inclusion proof and consistency proof of the RFC folds a few of them.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from hashlib import sha256

from services.scoring.ledger.domain.hashing import node_hash, parent_hashes

Node = tuple[int, int]

EMPTY_ROOT = sha256(b"").digest()


def _split(size: int) -> int:
    """The RFC's k: the largest power of two smaller than `size` (size >= 2)."""
    return 1 << ((size - 1).bit_length() - 1)


def perfect_subtrees(start: int, end: int) -> list[Node]:
    """The perfect subtrees, left to right, whose fold is the RFC's MTH(D[start:end])."""
    nodes: list[Node] = []
    while start < end:
        level = (end - start).bit_length() - 1
        if start % (1 << level):
            raise ValueError(
                f"range [{start}, {end}) is not aligned as the RFC's recursion aligns it"
            )
        nodes.append((level, start >> level))
        start += 1 << level
    return nodes


def fold(hashes: Sequence[bytes]) -> bytes:
    """MTH of a range from its perfect subtrees: the smaller ones on the right join first."""
    if not hashes:
        return EMPTY_ROOT
    result = hashes[-1]
    for left in reversed(hashes[:-1]):
        result = node_hash(left, result)
    return result


def inclusion_plan(index: int, size: int) -> list[list[Node]]:
    """PATH(index, D[0:size]): each proof hash, leaf side first, as the subtrees it folds."""
    if not 0 <= index < size:
        raise ValueError(f"leaf {index} is not in a tree of size {size}")
    siblings: list[tuple[int, int]] = []
    start, end = 0, size
    while end - start > 1:
        k = _split(end - start)
        if index < start + k:
            siblings.append((start + k, end))
            end = start + k
        else:
            siblings.append((start, start + k))
            start += k
    return [perfect_subtrees(a, b) for a, b in reversed(siblings)]


def consistency_plan(old_size: int, new_size: int) -> list[list[Node]]:
    """PROOF(old_size, D[0:new_size]) of RFC 9162 2.1.4.1, as the subtrees each hash folds."""
    if not 0 <= old_size <= new_size:
        raise ValueError(f"no consistency proof from size {old_size} to size {new_size}")
    if old_size in (0, new_size):
        return []
    ranges: list[tuple[int, int]] = []
    start, end, whole_old_tree = 0, new_size, True
    while True:
        if old_size == end:
            if not whole_old_tree:
                ranges.append((start, end))
            break
        k = _split(end - start)
        if old_size - start <= k:
            ranges.append((start + k, end))
            end = start + k
        else:
            ranges.append((start, start + k))
            start += k
            whole_old_tree = False
    return [perfect_subtrees(a, b) for a, b in reversed(ranges)]


def verify_inclusion(
    leaf: bytes, index: int, size: int, path: Sequence[bytes], root: bytes
) -> bool:
    """RFC 9162 2.1.3.2: does `path` lead from this leaf hash to `root`?"""
    if not 0 <= index < size:
        return False
    fn, sn, result = index, size - 1, leaf
    for sibling in path:
        if sn == 0:
            return False
        if fn & 1 or fn == sn:
            result = node_hash(sibling, result)
            while not fn & 1 and fn:
                fn, sn = fn >> 1, sn >> 1
        else:
            result = node_hash(result, sibling)
        fn, sn = fn >> 1, sn >> 1
    return sn == 0 and result == root


def verify_consistency(
    old_size: int, new_size: int, old_root: bytes, new_root: bytes, proof: Sequence[bytes]
) -> bool:
    """RFC 9162 2.1.4.2: is the tree of `new_root` the tree of `old_root` with leaves appended?"""
    if not 0 <= old_size <= new_size:
        return False
    if old_size == new_size:
        return not proof and old_root == new_root
    if old_size == 0:
        return not proof
    if not proof:
        return False
    path = list(proof)
    if old_size & (old_size - 1) == 0:
        path.insert(0, old_root)
    fn, sn = old_size - 1, new_size - 1
    while fn & 1:
        fn, sn = fn >> 1, sn >> 1
    old_result = new_result = path[0]
    for sibling in path[1:]:
        if sn == 0:
            return False
        if fn & 1 or fn == sn:
            old_result = node_hash(sibling, old_result)
            new_result = node_hash(sibling, new_result)
            while not fn & 1 and fn:
                fn, sn = fn >> 1, sn >> 1
        else:
            new_result = node_hash(new_result, sibling)
        fn, sn = fn >> 1, sn >> 1
    return sn == 0 and old_result == old_root and new_result == new_root


@dataclass(frozen=True)
class Extension:
    """What appending leaves completes: per level, the first new node's index and the new hashes."""

    old_size: int
    size: int
    levels: dict[int, tuple[int, list[bytes]]]
    frontier: dict[int, bytes]

    @property
    def root(self) -> bytes:
        return fold([self.frontier[level] for level, _ in perfect_subtrees(0, self.size)])

    def node(self, level: int, index: int) -> bytes:
        first, hashes = self.levels[level]
        return hashes[index - first]

    def new_nodes(self, level: int) -> tuple[int, list[bytes]]:
        return self.levels.get(level, (0, []))


def frontier_nodes(size: int) -> list[Node]:
    """The perfect subtrees of a tree of `size` leaves: all an append needs to know of it."""
    return perfect_subtrees(0, size)


def extend(size: int, frontier: Mapping[int, bytes], new_leaves: Sequence[bytes]) -> Extension:
    """Appends leaf hashes to a tree known only by its frontier (level -> hash of `frontier_nodes`).

    Level by level, the new hashes pair up; when the first new node is a right child, its left
    sibling is the old frontier's node at that level.
    """
    levels: dict[int, tuple[int, list[bytes]]] = {0: (size, list(new_leaves))}
    level, first, hashes = 0, size, list(new_leaves)
    while hashes:
        if first & 1:
            hashes = [frontier[level], *hashes]
            first -= 1
        parents = parent_hashes(hashes)
        if not parents:
            break
        level, first, hashes = level + 1, first >> 1, parents
        levels[level] = (first, hashes)
    new_size = size + len(new_leaves)
    new_frontier: dict[int, bytes] = {}
    for node_level, index in frontier_nodes(new_size):
        level_first, level_hashes = levels.get(node_level, (index + 1, []))
        new_frontier[node_level] = (
            level_hashes[index - level_first] if index >= level_first else frontier[node_level]
        )
    return Extension(old_size=size, size=new_size, levels=levels, frontier=new_frontier)


def tree_of(leaves: Sequence[bytes]) -> Extension:
    """Every perfect subtree of a whole log, computed from its leaf hashes (an audit)."""
    return extend(0, {}, leaves)


def root_at(tree: Extension, size: int) -> bytes:
    """The root the log had when it held `size` leaves, from the subtrees of a complete audit."""
    return fold([tree.node(level, index) for level, index in perfect_subtrees(0, size)])
