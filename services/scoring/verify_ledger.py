"""Verifies the evidence ledger with nothing but the checkpoint public key.

    python -m services.scoring.verify_ledger audit --public-key key.pem [--database-url URL | --log FILE]
    python -m services.scoring.verify_ledger export --out log.jsonl [--database-url URL]
    python -m services.scoring.verify_ledger inclusion --public-key key.pem --proof proof.json
    python -m services.scoring.verify_ledger consistency --public-key key.pem --proof proof.json

`audit` recomputes every leaf hash and the whole tree, checks the signed checkpoints against it
and names each record that was altered, removed or slipped in; `--rows` also holds the service's
tables to the latest leaf of each record they hold; `--checkpoint FILE` adds
checkpoints kept outside the database (a CheckpointSigned event, a saved ledgerCheckpoint), so a
log cut back to an earlier state is caught as well. Proof files are the JSON objects the GraphQL
fields `ledgerInclusionProof` and `ledgerConsistencyProof` return. Exit status: 0 verified,
1 tampering found or proof refused, 2 the check could not run.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
import time
from pathlib import Path

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

from services.common.db import driver_connection
from services.common.settings import PlatformSettings
from services.scoring import ledger
from services.scoring.adapters.database_schemas import schema_engine
from services.scoring.adapters.live_record_queries import live_sources
from services.scoring.ledger import (
    AuditReport,
    LiveSource,
    StoredLog,
    audit,
    check,
    checkpoint_valid,
    describe,
    key_id,
    latest_leaves,
    leaf_hash,
    load_public_key,
    read_whole_log,
    verify_consistency,
    verify_inclusion,
)

INTACT, TAMPERED, FAILED = 0, 1, 2


def _keys(sources: list[str]) -> dict[str, Ed25519PublicKey]:
    keys = {}
    for source in sources:
        path = Path(source)
        key = load_public_key(path.read_text() if path.exists() else source)
        keys[key_id(key)] = key
    return keys


async def _read_database(
    url: str, schema: str | None, with_rows: bool = False
) -> tuple[StoredLog, list[LiveSource]]:
    engine = schema_engine(url, schema, pool_size=1)
    try:
        async with engine.connect() as connection:
            indices, datas, hashes, checkpoints, nodes = await read_whole_log(connection)
            raw = await driver_connection(connection)
            sources = await live_sources(raw) if with_rows else []
    finally:
        await engine.dispose()
    log = StoredLog(
        indices=indices,
        datas=datas,
        recorded_hashes=hashes,
        checkpoints=checkpoints,
        stored_nodes=nodes,
    )
    return log, sources


def _load(args: argparse.Namespace) -> tuple[StoredLog, list[LiveSource]]:
    if args.log:
        if args.rows:
            raise ValueError(
                "--rows compares the service's tables: it needs the database, not --log"
            )
        log, sources = ledger.read_export(Path(args.log)), []
    else:
        log, sources = asyncio.run(_read_database(args.database_url, args.schema, args.rows))
    extra = [
        ledger.checkpoint_from_json(ledger.read_response(Path(p), "ledgerCheckpoint"))
        for p in args.checkpoint
    ]
    if extra:
        log = StoredLog(
            indices=log.indices,
            datas=log.datas,
            recorded_hashes=log.recorded_hashes,
            checkpoints=[*log.checkpoints, *extra],
            stored_nodes=log.stored_nodes,
        )
    return log, sources


def _print_report(report: AuditReport, seconds: float, as_json: bool) -> None:
    if as_json:
        print(
            json.dumps(
                {
                    "intact": report.intact,
                    "leaves": report.leaves,
                    "checkpoints": report.checkpoints,
                    "checkpoints_verified": report.checkpoints_verified,
                    "verified_size": report.verified_size,
                    "seconds": round(seconds, 3),
                    "findings": [
                        {
                            "problem": f.problem,
                            "message": f.message,
                            "leaf_index": f.leaf_index,
                            "record": f.record,
                        }
                        for f in report.findings
                    ],
                }
            )
        )
        return
    for finding in report.findings:
        print(f"TAMPERED [{finding.problem}] {finding.message}")
    verdict = "INTACT" if report.intact else f"{len(report.findings)} finding(s)"
    print(
        f"{verdict}: {report.leaves} leaves, {report.checkpoints} checkpoints "
        f"({report.checkpoints_verified} signatures checked), verified up to size {report.verified_size}, "
        f"in {seconds:.2f} s"
    )


def run_audit(args: argparse.Namespace) -> int:
    keys = _keys(args.public_key)
    started = time.perf_counter()
    log, sources = _load(args)
    report = audit(log, keys, every_checkpoint=args.every_checkpoint)
    if sources:
        latest = latest_leaves(log.datas, log.indices, {source.kind for source in sources})
        for source in sources:
            report.findings += check(source, latest)
    _print_report(report, time.perf_counter() - started, args.json)
    return INTACT if report.intact else TAMPERED


def run_export(args: argparse.Namespace) -> int:
    log, _ = asyncio.run(_read_database(args.database_url, args.schema))
    with open(args.out, "w") as out:
        count = ledger.write_export(
            out, log.indices, log.datas, log.recorded_hashes, log.checkpoints
        )
    print(f"exported {count} leaves and {len(log.checkpoints)} checkpoints to {args.out}")
    return INTACT


def _checked(checkpoint: dict, keys: dict[str, Ed25519PublicKey], what: str):
    signed = ledger.checkpoint_from_json(checkpoint)
    if not checkpoint_valid(signed, keys):
        print(
            f"REFUSED: the {what} checkpoint (size {signed.tree_size}) is not signed by a trusted key"
        )
        return None
    return signed


def run_inclusion(args: argparse.Namespace) -> int:
    proof = ledger.read_response(Path(args.proof), "ledgerInclusionProof")
    signed = _checked(proof["checkpoint"], _keys(args.public_key), "proof's")
    if signed is None:
        return TAMPERED
    data = proof["leaf"]["leaf"].encode()
    path = [bytes.fromhex(h) for h in proof["auditPath"]]
    if not verify_inclusion(
        leaf_hash(data), int(proof["leafIndex"]), signed.tree_size, path, signed.root_hash
    ):
        print(
            f"REFUSED: leaf {proof['leafIndex']} ({describe(data)}) is not in the tree of size "
            f"{signed.tree_size} as signed: the record or its proof was altered"
        )
        return TAMPERED
    print(
        f"VERIFIED: leaf {proof['leafIndex']} ({describe(data)}) is in the log signed at size {signed.tree_size}"
    )
    return INTACT


def run_consistency(args: argparse.Namespace) -> int:
    proof = ledger.read_response(Path(args.proof), "ledgerConsistencyProof")
    keys = _keys(args.public_key)
    old, new = (
        _checked(proof["fromCheckpoint"], keys, "earlier"),
        _checked(proof["toCheckpoint"], keys, "later"),
    )
    if old is None or new is None:
        return TAMPERED
    path = [bytes.fromhex(h) for h in proof["proof"]]
    if not verify_consistency(old.tree_size, new.tree_size, old.root_hash, new.root_hash, path):
        print(
            f"REFUSED: the log of size {new.tree_size} does not extend the log of size {old.tree_size}: "
            "history was rewritten"
        )
        return TAMPERED
    print(f"VERIFIED: the log of size {new.tree_size} extends the log of size {old.tree_size}")
    return INTACT


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m services.scoring.verify_ledger",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    commands = parser.add_subparsers(dest="command", required=True)

    def source(command: argparse.ArgumentParser) -> None:
        command.add_argument(
            "--database-url",
            default=PlatformSettings().scoring_database_url,
            help="read access to the scoring database (default: SCORING_DATABASE_URL)",
        )
        command.add_argument(
            "--schema", help="a schema holding a copy of the log (default: the service's)"
        )

    def keys(command: argparse.ArgumentParser) -> None:
        command.add_argument(
            "--public-key",
            action="append",
            required=True,
            help="checkpoint public key: a PEM file, or the key itself (repeat for old keys)",
        )

    audit_command = commands.add_parser("audit", help="verify the whole log from scratch")
    keys(audit_command)
    source(audit_command)
    audit_command.add_argument("--log", help="an exported log file instead of the database")
    audit_command.add_argument(
        "--checkpoint",
        action="append",
        default=[],
        help="a checkpoint kept outside the database (JSON file); repeatable",
    )
    audit_command.add_argument(
        "--every-checkpoint",
        action="store_true",
        help="check the signature of every checkpoint, not only those the verdict rests on",
    )
    audit_command.add_argument(
        "--rows",
        action="store_true",
        help="also compare the service's tables (observations, exemptions, appeals, approval "
        "keys and authorisations, locks) with the latest leaf of each record",
    )
    audit_command.add_argument(
        "--json", action="store_true", help="print the report as one JSON object"
    )
    audit_command.set_defaults(run=run_audit)
    export_command = commands.add_parser(
        "export", help="write the log to a file for offline audits"
    )
    source(export_command)
    export_command.add_argument("--out", required=True)
    export_command.set_defaults(run=run_export)
    for name, run in (("inclusion", run_inclusion), ("consistency", run_consistency)):
        command = commands.add_parser(name, help=f"check a {name} proof saved from the GraphQL API")
        keys(command)
        command.add_argument("--proof", required=True)
        command.set_defaults(run=run)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        return args.run(args)
    except Exception as error:
        print(f"cannot verify: {type(error).__name__}: {error}", file=sys.stderr)
        return FAILED


if __name__ == "__main__":
    sys.exit(main())
