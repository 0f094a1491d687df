"""Inclusion and consistency proofs from the subgraph, checked by the command-line verifier."""

from __future__ import annotations

import base64
import copy
import hashlib
import json
import subprocess
import sys
from datetime import datetime
from pathlib import Path

from schemas import topics
from services.common.settings import PlatformSettings
from services.scoring import ledger
from services.scoring.ledger.adapters.log_files import checkpoint_json
from services.scoring.ledger.domain.checkpoint import Checkpoint, SignedCheckpoint, checkpoint_valid
from services.scoring.ledger.domain.signatures import key_id, load_public_key
from tests.integration.ledger.parties import registered_unit
from tests.support import TopicReader, unique

EVIDENCE = """mutation($input: EvidenceRecordInput!) { recordEvidence(input: $input) { leafIndex recordId } }"""
CHECKPOINT_FIELDS = "treeSize rootHash signedAt keyId signature"
INCLUSION = f"""query($index: Int!) {{
  ledgerInclusionProof(leafIndex: $index) {{
    leafIndex treeSize auditPath leaf {{ leaf leafHash kind recordId }} checkpoint {{ {CHECKPOINT_FIELDS} }}
  }}
}}"""
CONSISTENCY = f"""query($from: Int!, $to: Int) {{
  ledgerConsistencyProof(fromSize: $from, toSize: $to) {{
    fromSize toSize proof fromCheckpoint {{ {CHECKPOINT_FIELDS} }} toCheckpoint {{ {CHECKPOINT_FIELDS} }}
  }}
}}"""
PUBLIC_KEY = "{ ledgerPublicKey { keyId publicKeyPem } }"


def verifier(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "services.scoring.verify_ledger", *args],
        capture_output=True,
        text=True,
        timeout=120,
    )


async def record_evidence(client, unit_id: str, text: str) -> int:
    sha = hashlib.sha256(text.encode()).hexdigest()
    data = await client.execute(
        EVIDENCE,
        {
            "input": {
                "sha256": sha,
                "name": f"{text}.pdf",
                "unitId": unit_id,
                "period": "2025-03",
                "indicatorCode": "IND-WATER-QUALITY",
            }
        },
    )
    assert data["recordEvidence"]["recordId"] == sha
    return data["recordEvidence"]["leafIndex"]


async def test_a_recorded_evidence_hash_is_proven_and_a_forged_record_is_not(
    settings: PlatformSettings, stack, subgraph, tmp_path: Path
) -> None:
    client = subgraph("scoring")
    key = (await client.execute(PUBLIC_KEY))["ledgerPublicKey"]
    key_file = tmp_path / "ledger.pem"
    key_file.write_text(key["publicKeyPem"])
    unit_id = await registered_unit(settings)
    async with TopicReader(settings, topics.LEDGER_CHECKPOINTS) as reader:
        index = await record_evidence(client, unit_id, unique("water quality lab report"))
        envelope, headers = await reader.wait_for(
            lambda value, _: value.get("payload", {}).get("tree_size", 0) > index, timeout=20
        )
    assert headers["event_type"] == "CheckpointSigned"
    event = envelope["payload"]
    published = SignedCheckpoint(
        Checkpoint(
            event["tree_size"],
            bytes.fromhex(event["root_hash"]),
            datetime.fromisoformat(event["signed_at"]),
        ),
        key_id=event["key_id"],
        signature=bytes.fromhex(event["signature"]),
    )
    public = load_public_key(key["publicKeyPem"])
    assert checkpoint_valid(published, {key_id(public): public})

    proof = (await client.execute(INCLUSION, {"index": index}))["ledgerInclusionProof"]
    genuine = tmp_path / "proof.json"
    genuine.write_text(json.dumps(proof))
    result = verifier("inclusion", "--public-key", str(key_file), "--proof", str(genuine))
    assert result.returncode == 0, result.stdout + result.stderr
    assert f"VERIFIED: leaf {index} (evidence" in result.stdout

    forged = copy.deepcopy(proof)
    forged["leaf"]["leaf"] = proof["leaf"]["leaf"].replace(
        "IND-WATER-QUALITY", "IND-WATER-QUALITY-BEAUTIFIED"
    )
    forged_file = tmp_path / "forged.json"
    forged_file.write_text(json.dumps(forged))
    result = verifier("inclusion", "--public-key", str(key_file), "--proof", str(forged_file))
    assert result.returncode == 1 and "REFUSED" in result.stdout

    resigned = copy.deepcopy(proof)
    resigned["checkpoint"]["signature"] = base64.b64encode(bytes(64)).decode()
    resigned_file = tmp_path / "resigned.json"
    resigned_file.write_text(json.dumps(resigned))
    result = verifier("inclusion", "--public-key", str(key_file), "--proof", str(resigned_file))
    assert result.returncode == 1 and "not signed by a trusted key" in result.stdout


async def test_a_later_checkpoint_is_proven_to_extend_an_earlier_one(
    settings: PlatformSettings, stack, subgraph, tmp_path: Path
) -> None:
    client = subgraph("scoring")
    key_file = tmp_path / "ledger.pem"
    key_file.write_text((await client.execute(PUBLIC_KEY))["ledgerPublicKey"]["publicKeyPem"])
    unit_id = await registered_unit(settings)
    first = await record_evidence(client, unit_id, unique("budget execution statement"))
    await record_evidence(client, unit_id, unique("kindergarten disbursement list"))
    proof = (await client.execute(CONSISTENCY, {"from": first + 1, "to": None}))[
        "ledgerConsistencyProof"
    ]
    assert proof["toSize"] > proof["fromSize"] == first + 1
    saved = tmp_path / "consistency.json"
    saved.write_text(json.dumps(proof))
    result = verifier("consistency", "--public-key", str(key_file), "--proof", str(saved))
    assert result.returncode == 0, result.stdout + result.stderr


async def test_a_consistency_proof_fails_against_a_rewritten_history(
    scratch_logs, tmp_path: Path
) -> None:
    """Even signed with the service's own key, a history that changed an old record cannot extend the old one."""
    original, rewritten = await scratch_logs(), await scratch_logs()
    values = [88.1, 89.44, 91.0, 76.5, 93.2, 90.0]
    for log, beautify in ((original, False), (rewritten, True)):
        for i, value in enumerate(values):
            await log.record(
                "observation_revision",
                f"OBS-PRESCHOOL-{i}",
                {"value": 95.0 if beautify and i == 1 else value},
            )
    async with original.sessions() as session:
        honest = await ledger.consistency_proof(session, 4)
    async with rewritten.sessions() as session:
        forged = await ledger.consistency_proof(session, 4)

    def saved(name: str, old: SignedCheckpoint, new: SignedCheckpoint, path: list[bytes]) -> str:
        file = tmp_path / name
        file.write_text(
            json.dumps(
                {
                    "fromCheckpoint": checkpoint_json(old),
                    "toCheckpoint": checkpoint_json(new),
                    "proof": [h.hex() for h in path],
                }
            )
        )
        return str(file)

    key = str(original.public_key)
    assert (
        verifier(
            "consistency",
            "--public-key",
            key,
            "--proof",
            saved("honest.json", honest.old, honest.new, honest.path),
        ).returncode
        == 0
    )
    result = verifier(
        "consistency",
        "--public-key",
        key,
        "--proof",
        saved("rewritten.json", honest.old, forged.new, forged.path),
    )
    assert result.returncode == 1 and "history was rewritten" in result.stdout
