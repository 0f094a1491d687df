"""Shared by the deployment tests: the checks package and one run of scripts/k8s_check.sh."""

from __future__ import annotations

import subprocess
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from deploy.k8s import checks as check

ROOT = Path(__file__).resolve().parents[2]
K8S = ROOT / "deploy" / "k8s"
CHECK_SCRIPT = ROOT / "scripts" / "k8s_check.sh"
RENDERED = ROOT / ".cache" / "k8s-check" / "rendered"
CRDS = ROOT / ".cache" / "k8s-tools" / "crds"
OVERLAYS = sorted(
    path.name for path in (K8S / "overlays").iterdir() if (path / "kustomization.yaml").is_file()
)


@dataclass(frozen=True)
class CheckRun:
    returncode: int
    output: str

    def explain(self) -> str:
        tail = "\n".join(self.output.splitlines()[-60:])
        return f"scripts/k8s_check.sh exited {self.returncode}; the end of its output:\n{tail}"


@lru_cache(maxsize=1)
def run_k8s_check() -> CheckRun:
    """The whole offline check, once per test session. It installs missing tools into .cache/
    (kustomize, checkov, CRDs); when it cannot, it says which and the tests fail with its words."""
    result = subprocess.run(
        ["bash", str(CHECK_SCRIPT)],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        timeout=900,
    )
    return CheckRun(result.returncode, result.stdout)


def rendered_overlay(name: str) -> list[dict]:
    run = run_k8s_check()
    path = RENDERED / f"{name}.yaml"
    assert path.is_file(), f"overlay {name} was not rendered to {path}.\n{run.explain()}"
    return check.load_documents(path)
