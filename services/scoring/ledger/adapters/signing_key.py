"""The checkpoint signing key of the scoring service.

Production brings its own key (`SCORING_LEDGER_SIGNING_KEY` as an Ed25519 PEM, or
`SCORING_LEDGER_SIGNING_KEY_FILE` as a path to one). A local stack without one gets a key
generated into its git-ignored data folder, `.local/<stack>/keys/`, and keeps it across restarts.
"""

from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from pydantic_settings import BaseSettings, SettingsConfigDict

from services.scoring.ledger.domain.checkpoint import CheckpointSigner
from services.scoring.ledger.domain.signatures import load_private_key, private_key_pem

REPOSITORY = Path(__file__).resolve().parents[4]
LOCAL_KEY_NAME = "ledger-checkpoint-ed25519.pem"


class LedgerKeySettings(BaseSettings):
    model_config = SettingsConfigDict(extra="ignore", frozen=True)

    app_env: str = "development"
    stack: str = "dev"
    scoring_ledger_signing_key: str | None = None
    scoring_ledger_signing_key_file: Path | None = None


def local_key_path(stack: str) -> Path:
    return REPOSITORY / ".local" / stack / "keys" / LOCAL_KEY_NAME


def _generated_local_key(path: Path) -> bytes:
    """Creates the key once; a process that loses the race reads the winner's key."""
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return path.read_bytes()
    with os.fdopen(descriptor, "wb") as file:
        file.write(private_key_pem(Ed25519PrivateKey.generate()))
    return path.read_bytes()


def signing_key_pem(settings: LedgerKeySettings) -> bytes:
    if settings.scoring_ledger_signing_key:
        return settings.scoring_ledger_signing_key.encode()
    if settings.scoring_ledger_signing_key_file:
        return settings.scoring_ledger_signing_key_file.read_bytes()
    if settings.app_env == "production":
        raise RuntimeError(
            "the evidence ledger needs its checkpoint key: set SCORING_LEDGER_SIGNING_KEY (PEM) "
            "or SCORING_LEDGER_SIGNING_KEY_FILE"
        )
    path = local_key_path(settings.stack)
    return path.read_bytes() if path.exists() else _generated_local_key(path)


@lru_cache
def checkpoint_signer() -> CheckpointSigner:
    return CheckpointSigner(load_private_key(signing_key_pem(LedgerKeySettings())))
