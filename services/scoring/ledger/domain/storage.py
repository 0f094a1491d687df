"""Which perfect subtrees the log stores, and how the others are rebuilt from them.

Storing every subtree would double the rows an append writes. The log stores leaf hashes and
the subtrees of every fourth level; any other subtree is at most eight stored hashes and three
hash rounds away, which keeps a proof to one query and well under a millisecond of hashing.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from services.scoring.ledger.domain.hashing import parent_hashes
from services.scoring.ledger.domain.tree import Extension, Node

STORED_LEVEL_STRIDE = 4


def _base_level(level: int) -> int:
    return level - level % STORED_LEVEL_STRIDE


def sources(node: Node) -> list[Node]:
    """The stored subtrees a subtree is rebuilt from (itself when it is stored)."""
    level, index = node
    base = _base_level(level)
    width = 1 << (level - base)
    return [(base, index * width + offset) for offset in range(width)]


def sources_of(nodes: Iterable[Node]) -> set[Node]:
    return {source for node in nodes for source in sources(node)}


def rebuild(nodes: Iterable[Node], stored: Mapping[Node, bytes]) -> dict[Node, bytes]:
    """The hash of each subtree from the stored hashes `sources_of` named; KeyError if one is missing."""
    built: dict[Node, bytes] = {}
    for node in nodes:
        hashes = [stored[source] for source in sources(node)]
        while len(hashes) > 1:
            hashes = parent_hashes(hashes)
        built[node] = hashes[0]
    return built


def nodes_to_store(extension: Extension) -> list[tuple[int, int, bytes]]:
    """(level, index, hash) of the subtrees an append completed on the stored levels above the leaves."""
    rows: list[tuple[int, int, bytes]] = []
    for level in range(STORED_LEVEL_STRIDE, max(extension.levels) + 1, STORED_LEVEL_STRIDE):
        first, hashes = extension.new_nodes(level)
        rows.extend((level, first + offset, digest) for offset, digest in enumerate(hashes))
    return rows
