"""The evidence ledger: a verifiable append-only log in the manner of Certificate Transparency.

A bounded part of the scoring service with layers of its own (`domain/`: RFC 9162 hashing and
proofs, Ed25519 checkpoints, the leaf format, the audit; `adapters/`: its tables, COPY appends,
the signing key, export files; `service_layer/log.py`: append, prove, checkpoint;
`entrypoints/graphql/`: checkpoints, proofs and leaves). It knows nothing of scoring. Scoring uses
it only through the names below: it appends the records of its own workflows in their units of
work, reads proofs, and its verifier CLI audits a stored or exported log.
"""

from services.scoring.ledger.adapters.log_files import (
    checkpoint_from_json,
    checkpoint_json,
    read_export,
    read_response,
    write_export,
)
from services.scoring.ledger.adapters.log_repository import read_whole_log
from services.scoring.ledger.adapters.signing_key import checkpoint_signer
from services.scoring.ledger.adapters.tables import create_log_tables
from services.scoring.ledger.domain.audit import AuditReport, StoredLog, audit
from services.scoring.ledger.domain.checkpoint import ORIGIN, SignedCheckpoint, checkpoint_valid
from services.scoring.ledger.domain.hashing import leaf_hash
from services.scoring.ledger.domain.leaves import (
    canonical_json,
    check_reference,
    describe,
    read_leaf,
)
from services.scoring.ledger.domain.live_records import LiveSource, check, latest_leaves
from services.scoring.ledger.domain.signatures import (
    decode_signature,
    key_id,
    load_public_key,
    raw_public_key,
    signature_valid,
)
from services.scoring.ledger.domain.tree import verify_consistency, verify_inclusion
from services.scoring.ledger.entrypoints.graphql.queries import LogQuery, page
from services.scoring.ledger.entrypoints.graphql.types import LedgerLeaf
from services.scoring.ledger.service_layer.log import (
    Appended,
    ConsistencyProof,
    Entry,
    InclusionProof,
    LeafRef,
    LedgerIntegrityError,
    checkpoints,
    consistency_proof,
    history,
    inclusion_proof,
    leaf_at,
    leaves,
    proven_leaf,
    record,
    record_many,
    signed_checkpoint,
)

__all__ = [
    "ORIGIN",
    "Appended",
    "AuditReport",
    "ConsistencyProof",
    "Entry",
    "InclusionProof",
    "LeafRef",
    "LedgerIntegrityError",
    "LedgerLeaf",
    "LiveSource",
    "LogQuery",
    "SignedCheckpoint",
    "StoredLog",
    "audit",
    "canonical_json",
    "check",
    "check_reference",
    "checkpoint_from_json",
    "checkpoint_json",
    "checkpoint_signer",
    "checkpoint_valid",
    "checkpoints",
    "consistency_proof",
    "create_log_tables",
    "decode_signature",
    "describe",
    "history",
    "inclusion_proof",
    "key_id",
    "latest_leaves",
    "leaf_at",
    "leaf_hash",
    "leaves",
    "load_public_key",
    "page",
    "proven_leaf",
    "raw_public_key",
    "read_export",
    "read_leaf",
    "read_response",
    "read_whole_log",
    "record",
    "record_many",
    "signature_valid",
    "signed_checkpoint",
    "verify_consistency",
    "verify_inclusion",
    "write_export",
]
