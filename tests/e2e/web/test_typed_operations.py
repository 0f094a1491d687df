"""The console's GraphQL types are generated from the checked-in supergraph: a change to the
supergraph (or to the console's operations) without `npm --prefix web run codegen` fails here."""

import os
import subprocess
from pathlib import Path

from tests.e2e.web.browser import ROOT

WEB = ROOT / "web"
GENERATED = WEB / "src" / "gql"


def node_script(*argv: str, env: dict | None = None) -> subprocess.CompletedProcess:
    assert (WEB / "node_modules" / ".bin" / "graphql-codegen").exists(), (
        "web/node_modules is missing (run scripts/bootstrap.sh or npm ci --prefix web)"
    )
    return subprocess.run(
        argv,
        cwd=WEB,
        env={**os.environ, **(env or {})},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_the_api_schema_is_the_supergraphs() -> None:
    run = node_script("node", "scripts/api-schema.mjs", "--check")
    assert run.returncode == 0, run.stderr + run.stdout


def test_the_generated_types_match_the_schema_and_operations(tmp_path: Path) -> None:
    out = tmp_path / "gql"
    run = node_script(
        "node_modules/.bin/graphql-codegen",
        "--config",
        "codegen.ts",
        env={"CODEGEN_OUT": f"{out}/"},
    )
    assert run.returncode == 0, run.stderr + run.stdout
    generated = {p.name: p.read_text() for p in out.iterdir()}
    committed = {p.name: p.read_text() for p in GENERATED.iterdir()}
    assert generated.keys() == committed.keys()
    stale = [name for name in generated if generated[name] != committed[name]]
    assert not stale, f"web/src/gql/ is stale ({stale}); run: npm --prefix web run codegen"


def test_the_console_type_checks() -> None:
    run = node_script("node_modules/.bin/tsc", "--noEmit")
    assert run.returncode == 0, run.stdout + run.stderr
