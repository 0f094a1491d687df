"""The tree against the RFC 9162 definitions, written out recursively as the RFC states them."""

from __future__ import annotations

import pytest

from services.scoring.ledger.domain.hashing import leaf_hash, node_hash
from services.scoring.ledger.domain.storage import nodes_to_store, rebuild, sources_of
from services.scoring.ledger.domain.tree import (
    EMPTY_ROOT,
    consistency_plan,
    extend,
    fold,
    inclusion_plan,
    perfect_subtrees,
    root_at,
    tree_of,
    verify_consistency,
    verify_inclusion,
)


def _k(n: int) -> int:
    k = 1
    while k * 2 < n:
        k *= 2
    return k


def mth(d: list[bytes]) -> bytes:
    if not d:
        return EMPTY_ROOT
    if len(d) == 1:
        return leaf_hash(d[0])
    k = _k(len(d))
    return node_hash(mth(d[:k]), mth(d[k:]))


def path(m: int, d: list[bytes]) -> list[bytes]:
    if len(d) == 1:
        return []
    k = _k(len(d))
    if m < k:
        return path(m, d[:k]) + [mth(d[k:])]
    return path(m - k, d[k:]) + [mth(d[:k])]


def subproof(m: int, d: list[bytes], b: bool) -> list[bytes]:
    if m == len(d):
        return [] if b else [mth(d)]
    k = _k(len(d))
    if m <= k:
        return subproof(m, d[:k], b) + [mth(d[k:])]
    return subproof(m - k, d[k:], False) + [mth(d[:k])]


DATA = [f"record {i}".encode() for i in range(70)]
HASHES = [leaf_hash(d) for d in DATA]
TREE = tree_of(HASHES)


def hashes_of(plan: list[list[tuple[int, int]]]) -> list[bytes]:
    return [fold([TREE.node(level, index) for level, index in element]) for element in plan]


@pytest.mark.parametrize("size", [0, 1, 2, 3, 4, 5, 7, 8, 9, 16, 17, 31, 33, 64, 70])
def test_roots_match_the_rfc_definition(size: int) -> None:
    assert root_at(TREE, size) == mth(DATA[:size])


def test_inclusion_proofs_match_the_rfc_and_verify() -> None:
    for size in range(1, 71):
        root = mth(DATA[:size])
        for m in range(size):
            proof = hashes_of(inclusion_plan(m, size))
            assert proof == path(m, DATA[:size]), (m, size)
            assert verify_inclusion(HASHES[m], m, size, proof, root)


def test_consistency_proofs_match_the_rfc_and_verify() -> None:
    for new in range(1, 71):
        new_root = mth(DATA[:new])
        for old in range(1, new + 1):
            proof = hashes_of(consistency_plan(old, new))
            assert proof == (subproof(old, DATA[:new], True) if old < new else []), (old, new)
            assert verify_consistency(old, new, mth(DATA[:old]), new_root, proof)


def test_a_forged_leaf_does_not_verify_with_a_genuine_proof() -> None:
    proof = hashes_of(inclusion_plan(5, 70))
    root = root_at(TREE, 70)
    assert not verify_inclusion(leaf_hash(b"record 5 (beautified)"), 5, 70, proof, root)
    assert not verify_inclusion(HASHES[5], 6, 70, proof, root)
    # An interior node's preimage offered as a record hashes differently (leaf 0x00, node 0x01),
    # so it cannot pass for a leaf of a shorter tree.
    interior_preimage = HASHES[4] + HASHES[5]
    assert verify_inclusion(node_hash(HASHES[4], HASHES[5]), 2, 35, proof[1:], root)
    assert not verify_inclusion(leaf_hash(interior_preimage), 2, 35, proof[1:], root)


def test_consistency_fails_against_a_rewritten_history() -> None:
    rewritten = DATA[:10] + [b"record 10 (rewritten)"] + DATA[11:]
    old_root = mth(DATA[:20])
    proof = subproof(20, rewritten[:50], True)
    assert not verify_consistency(20, 50, old_root, mth(rewritten[:50]), proof)
    genuine = hashes_of(consistency_plan(20, 50))
    assert not verify_consistency(20, 50, old_root, mth(rewritten[:50]), genuine)
    assert not verify_consistency(20, 50, mth(rewritten[:20]), mth(DATA[:50]), genuine)


def test_appending_in_batches_gives_the_same_tree_as_one_append() -> None:
    size, frontier = 0, {}
    stored = {}
    for batch in ([0], [1, 2], [3], list(range(4, 17)), list(range(17, 18)), list(range(18, 70))):
        extension = extend(size, frontier, [HASHES[i] for i in batch])
        assert extension.root == mth(DATA[: extension.size])
        for level, index, digest in nodes_to_store(extension):
            stored[(level, index)] = digest
        size, frontier = extension.size, extension.frontier
    assert stored == {(level, index): digest for level, index, digest in nodes_to_store(TREE)}
    assert {level for level, _ in stored} == {4}


def test_any_subtree_is_rebuilt_from_the_stored_levels() -> None:
    stored = {(0, i): h for i, h in enumerate(HASHES)}
    stored.update({(level, index): digest for level, index, digest in nodes_to_store(TREE)})
    wanted = [node for element in inclusion_plan(37, 70) for node in element] + perfect_subtrees(
        0, 70
    )
    assert sources_of(wanted) <= set(stored)
    rebuilt = rebuild(wanted, stored)
    assert all(rebuilt[node] == TREE.node(*node) for node in wanted)


def test_unaligned_ranges_are_refused() -> None:
    with pytest.raises(ValueError):
        perfect_subtrees(3, 7)
