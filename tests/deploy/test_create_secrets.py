"""deploy/k8s/create-secrets.sh against a stand-in kubectl that keeps Secrets in a folder."""

from __future__ import annotations

import os
import re
import subprocess
from pathlib import Path

import pytest

from tests.deploy.support import K8S

SCRIPT = K8S / "create-secrets.sh"

# Records every call, and keeps each created Secret as a folder of key files.
FAKE_KUBECTL = r"""#!/usr/bin/env bash
set -euo pipefail
printf '%s\n' "$*" >> "$FAKE_STATE/calls"
verb="$1"; shift
case "$verb" in
  get)
    [[ -d "$FAKE_STATE/secrets/$2" ]] ;;
  create)
    name="$3"; shift 3
    dir="$FAKE_STATE/secrets/$name"; mkdir -p "$dir"
    while [[ $# -gt 0 ]]; do
      case "$1" in
        --from-file) key="${2%%=*}"; cp "${2#*=}" "$dir/$key"; shift 2 ;;
        --from-literal) key="${2%%=*}"; printf '%s' "${2#*=}" > "$dir/$key"; shift 2 ;;
        --type) echo "$2" > "$dir/.type"; shift 2 ;;
        *) shift ;;
      esac
    done ;;
  label)
    echo "$*" >> "$FAKE_STATE/secrets/$2/.labels" ;;
esac
"""


@pytest.fixture
def cluster(tmp_path: Path) -> dict[str, str]:
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    kubectl = bin_dir / "kubectl"
    kubectl.write_text(FAKE_KUBECTL)
    kubectl.chmod(0o755)
    state = tmp_path / "state"
    (state / "secrets").mkdir(parents=True)
    env = {k: v for k, v in os.environ.items() if not k.startswith("PLATFORM_DB_BACKUP_")}
    env.update(PATH=f"{bin_dir}:{os.environ['PATH']}", FAKE_STATE=str(state))
    return env


def run(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["bash", str(SCRIPT), *args], env=env, capture_output=True, text=True, check=False
    )


def secret(env: dict[str, str], name: str) -> Path:
    return Path(env["FAKE_STATE"]) / "secrets" / name


def test_dev_creates_every_secret_with_fresh_values(cluster: dict[str, str]) -> None:
    result = run(cluster, "cadre-platform-dev", "--dev")
    assert result.returncode == 0, result.stderr
    for service in ("indicator", "scoring", "development"):
        folder = secret(cluster, f"{service}-database")
        assert (folder / "username").read_text() == service
        assert re.fullmatch(r"[0-9a-f]{64}", (folder / "password").read_text())
        assert (folder / ".type").read_text().strip() == "kubernetes.io/basic-auth"
        assert "cnpg.io/reload=true" in (folder / ".labels").read_text()
    assert re.fullmatch(
        r"[0-9a-f]{96}", (secret(cluster, "platform-jwt") / "JWT_SECRET").read_text()
    )
    pem = (secret(cluster, "scoring-ledger-key") / "ledger-checkpoint-ed25519.pem").read_bytes()
    from services.scoring.ledger.domain.signatures import load_private_key

    load_private_key(pem)


def test_no_secret_value_appears_on_a_command_line(cluster: dict[str, str]) -> None:
    assert run(cluster, "ns", "--dev").returncode == 0
    calls = (Path(cluster["FAKE_STATE"]) / "calls").read_text()
    for folder in (Path(cluster["FAKE_STATE"]) / "secrets").iterdir():
        for value_file in folder.iterdir():
            if value_file.name in ("username", ".type", ".labels"):
                continue
            value = value_file.read_text().strip()
            assert value and value not in calls, (
                f"{folder.name}/{value_file.name} was passed as an argument"
            )


def test_existing_secrets_are_kept(cluster: dict[str, str]) -> None:
    assert run(cluster, "ns", "--dev").returncode == 0
    before = (secret(cluster, "scoring-database") / "password").read_text()
    second = run(cluster, "ns", "--dev")
    assert second.returncode == 0, second.stderr
    assert (secret(cluster, "scoring-database") / "password").read_text() == before
    assert second.stdout.count("exists, kept") == 5


def test_production_takes_the_public_key_and_backup_credentials(
    cluster: dict[str, str], tmp_path: Path
) -> None:
    public_key = tmp_path / "jwt.pub.pem"
    public_key.write_text("-----BEGIN PUBLIC KEY-----\nabc\n-----END PUBLIC KEY-----\n")
    env = dict(
        cluster,
        PLATFORM_DB_BACKUP_ACCESS_KEY_ID="AKIDEXAMPLE",
        PLATFORM_DB_BACKUP_SECRET_ACCESS_KEY="s3cr3t",
    )
    result = run(env, "cadre-platform", "--jwt-public-key", str(public_key))
    assert result.returncode == 0, result.stderr
    assert (secret(env, "platform-jwt") / "JWT_PUBLIC_KEY").read_text() == public_key.read_text()
    assert not (secret(env, "platform-jwt") / "JWT_SECRET").exists()
    backup = secret(env, "platform-db-backup-credentials")
    assert (backup / "ACCESS_KEY_ID").read_text() == "AKIDEXAMPLE"
    assert (backup / "ACCESS_SECRET_KEY").read_text() == "s3cr3t"


def test_production_without_a_public_key_is_refused(cluster: dict[str, str]) -> None:
    result = run(cluster, "cadre-platform")
    assert result.returncode == 2
