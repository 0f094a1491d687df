"""The evidence ledger's commands and queries.

Other handlers call `record` (or `record_many`) inside their own unit of work: the leaf, the new
subtrees and a signed checkpoint are written in that transaction, so a record and its evidence
commit together or not at all, and every committed state of the log is signed.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from itertools import islice
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from schemas.events import CheckpointSigned
from services.common.errors import ClientError, NotFound, invalid
from services.common.unit_of_work import UnitOfWork
from services.scoring.ledger.adapters import log_repository as repository
from services.scoring.ledger.adapters.signing_key import checkpoint_signer
from services.scoring.ledger.domain.checkpoint import Checkpoint, SignedCheckpoint, checkpoint_valid
from services.scoring.ledger.domain.hashing import leaf_hash, leaf_hashes
from services.scoring.ledger.domain.leaves import check_reference, leaf_bytes
from services.scoring.ledger.domain.storage import nodes_to_store, rebuild, sources_of
from services.scoring.ledger.domain.tree import (
    Node,
    consistency_plan,
    extend,
    fold,
    frontier_nodes,
    inclusion_plan,
    verify_inclusion,
)

log = logging.getLogger(__name__)

CHUNK = 50_000
CHECKPOINT_KEY = "scoring-evidence-ledger"


class LedgerIntegrityError(ClientError):
    """The stored log does not match its last signed checkpoint: nothing more is appended to it.

    Shown to clients (the change they asked for is refused for this reason, not for theirs).
    """

    code = "LEDGER_INTEGRITY"


@dataclass(frozen=True)
class Entry:
    kind: str
    record_id: str
    content: Any


@dataclass(frozen=True)
class LeafRef:
    index: int
    hash: bytes


@dataclass(frozen=True)
class Appended:
    first_index: int
    first_hash: bytes
    count: int
    checkpoint: SignedCheckpoint


@dataclass(frozen=True)
class InclusionProof:
    leaf_index: int
    leaf_data: bytes
    path: list[bytes]
    checkpoint: SignedCheckpoint

    @property
    def leaf_hash(self) -> bytes:
        return leaf_hash(self.leaf_data)


@dataclass(frozen=True)
class ConsistencyProof:
    old: SignedCheckpoint
    new: SignedCheckpoint
    path: list[bytes]


async def record(uow: UnitOfWork, kind: str, record_id: str, content: Any) -> LeafRef:
    """Appends one record; call it in the unit of work that makes the change it records."""
    appended = await record_many(uow, [Entry(kind, record_id, content)])
    return LeafRef(appended.first_index, appended.first_hash)


async def _head(session: AsyncSession) -> tuple[int, dict[int, bytes]]:
    """The current size and frontier, after checking the stored leaves against the last checkpoint."""
    latest = await repository.latest_checkpoint(session)
    size = latest.tree_size if latest else 0
    stored = await repository.leaf_count(session)
    if stored != size:
        raise LedgerIntegrityError(
            f"the log holds {stored} leaves but its last signed checkpoint says {size}: it was changed outside "
            "the service; run `python -m services.scoring.verify_ledger` before appending anything"
        )
    nodes = frontier_nodes(size)
    needed = sources_of(nodes)
    stored_hashes = await repository.stored_hashes(session, needed)
    hashes = rebuild(nodes, stored_hashes) if needed <= stored_hashes.keys() else {}
    frontier = {level: hashes[(level, index)] for level, index in nodes if (level, index) in hashes}
    if latest and (
        len(frontier) != len(nodes)
        or fold([frontier[level] for level, _ in nodes]) != latest.root_hash
    ):
        raise LedgerIntegrityError(
            f"the stored leaves and subtrees no longer give the root signed at size {size}: the log was changed "
            "outside the service; run `python -m services.scoring.verify_ledger`"
        )
    return size, frontier


def _chunks(entries: Iterable[Entry]) -> Iterator[list[Entry]]:
    iterator = iter(entries)
    while chunk := list(islice(iterator, CHUNK)):
        yield chunk


async def record_many(uow: UnitOfWork, entries: Iterable[Entry]) -> Appended:
    """Appends records in order (streamed in chunks through COPY) and signs one checkpoint for them."""
    session = uow.session
    assert session is not None, "the unit of work is used outside `async with`"
    await repository.lock_for_append(session)
    size, frontier = await _head(session)
    first, first_hash = size, b""
    now = datetime.now(UTC)
    recorded_at = now.isoformat(timespec="microseconds")
    for chunk in _chunks(entries):
        for entry in chunk:
            check_reference(entry.kind, entry.record_id)
        datas = [
            leaf_bytes(entry.kind, entry.record_id, entry.content, recorded_at) for entry in chunk
        ]
        hashes = leaf_hashes(datas)
        first_hash = first_hash or hashes[0]
        extension = extend(size, frontier, hashes)
        await repository.append_leaves(session, size, datas, hashes)
        await repository.append_nodes(session, nodes_to_store(extension))
        size, frontier = extension.size, extension.frontier
    if size == first:
        raise invalid("entries", "required", "nothing to record", [])
    root = fold([frontier[level] for level, _ in frontier_nodes(size)])
    signed = checkpoint_signer().sign(Checkpoint(tree_size=size, root_hash=root, signed_at=now))
    await repository.add_checkpoint(session, signed)
    await uow.emit(
        CheckpointSigned(
            tree_size=signed.tree_size,
            root_hash=signed.root_hash.hex(),
            signature=signed.signature.hex(),
            key_id=signed.key_id,
            signed_at=now,
        ),
        key=CHECKPOINT_KEY,
    )
    return Appended(first_index=first, first_hash=first_hash, count=size - first, checkpoint=signed)


async def signed_checkpoint(
    session: AsyncSession, tree_size: int | None, field: str = "treeSize"
) -> SignedCheckpoint:
    """The latest checkpoint, or the one signed at exactly `tree_size`."""
    if tree_size is None:
        latest = await repository.latest_checkpoint(session)
        if latest is None:
            raise NotFound("the evidence ledger is empty")
        return latest
    signed = await repository.checkpoint_at(session, tree_size)
    if signed is None:
        raise invalid(field, "checkpointed", "no signed checkpoint has this tree size", tree_size)
    return signed


async def _hashes(
    session: AsyncSession, plan: list[list[Node]], leaf_index: int = -1
) -> tuple[bytes | None, list[bytes]]:
    wanted = [node for element in plan for node in element]
    data, stored = await repository.proof_material(session, sources_of(wanted), leaf_index)
    try:
        built = rebuild(wanted, stored)
    except KeyError as missing:
        raise LedgerIntegrityError(
            f"the stored hash {missing} is missing from the log; run the verifier"
        ) from None
    return data, [fold([built[node] for node in element]) for element in plan]


async def inclusion_proof(
    session: AsyncSession, leaf_index: int, tree_size: int | None = None
) -> InclusionProof:
    """The path from one leaf to a signed root (the latest unless a checkpointed size is given)."""
    signed = await signed_checkpoint(session, tree_size, "treeSize")
    if not 0 <= leaf_index < signed.tree_size:
        raise invalid(
            "leafIndex", "range", f"must be below the tree size {signed.tree_size}", leaf_index
        )
    data, path = await _hashes(session, inclusion_plan(leaf_index, signed.tree_size), leaf_index)
    if data is None:
        raise LedgerIntegrityError(f"leaf {leaf_index} is missing from the log; run the verifier")
    return InclusionProof(leaf_index=leaf_index, leaf_data=data, path=path, checkpoint=signed)


async def proven_leaf(session: AsyncSession, leaf_index: int) -> bytes:
    """A leaf's bytes, after proving them included under the latest checkpoint and its signature.

    For records the service acts on (an authorisation about to be used): a row or leaf written into
    the database behind the service's back fails here rather than being obeyed.
    """
    proof = await inclusion_proof(session, leaf_index)
    signer = checkpoint_signer()
    signed = proof.checkpoint
    if not (
        checkpoint_valid(signed, {signer.key_id: signer.public_key})
        and verify_inclusion(
            proof.leaf_hash, leaf_index, signed.tree_size, proof.path, signed.root_hash
        )
    ):
        raise LedgerIntegrityError(
            f"leaf {leaf_index} is not proven by the signed log: it was changed outside the "
            "service; run the verifier"
        )
    return proof.leaf_data


async def consistency_proof(
    session: AsyncSession, from_size: int, to_size: int | None = None
) -> ConsistencyProof:
    """Proof that the checkpoint of `to_size` (default: latest) extends the one of `from_size`."""
    old = await signed_checkpoint(session, from_size, "fromSize")
    new = await signed_checkpoint(session, to_size, "toSize")
    if new.tree_size < old.tree_size:
        raise invalid(
            "toSize", "range", f"must be at least fromSize {old.tree_size}", new.tree_size
        )
    _, path = await _hashes(session, consistency_plan(old.tree_size, new.tree_size))
    return ConsistencyProof(old=old, new=new, path=path)


async def history(session: AsyncSession, kind: str, record_id: str) -> list[tuple[int, bytes]]:
    return await repository.leaves_of(session, kind, record_id)


async def checkpoints(session: AsyncSession, after_size: int, limit: int) -> list[SignedCheckpoint]:
    return await repository.checkpoints(session, after_size, limit)


async def leaves(session: AsyncSession, from_index: int, limit: int) -> list[tuple[int, bytes]]:
    return await repository.leaves_in(session, from_index, limit)


async def leaf_at(session: AsyncSession, index: int) -> bytes | None:
    stored = await repository.leaf(session, index)
    return stored[0] if stored else None
