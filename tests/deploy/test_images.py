"""docker/: the images run as non-root, carry no build tools, and start what `make up` starts.

No container engine exists here, so the Dockerfiles are checked by reading them: what they copy,
which user they end as, and that every module or script the images and the Kubernetes manifests
name exists in the repository.
"""

from __future__ import annotations

import fnmatch
import json
import re
import shlex
import subprocess
import sys
import tomllib
import warnings
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from tests.deploy.support import OVERLAYS, ROOT, check, rendered_overlay

DOCKER = ROOT / "docker"
# The first test to need the rendered overlays runs scripts/k8s_check.sh, which on a fresh
# machine builds kustomize and installs checkov first: minutes, not seconds.
pytestmark = pytest.mark.timeout(900)
SERVICES_DOCKERFILE = DOCKER / "services.Dockerfile"
GATEWAY_DOCKERFILE = DOCKER / "gateway.Dockerfile"
BUILD_TOOLS = re.compile(r"\b(apt-get|apt|gcc|g\+\+|make|build-essential|pip|npm|npx|yarn|uv)\b")


@dataclass
class Stage:
    base: str
    instructions: list[tuple[str, str]] = field(default_factory=list)

    def values(self, keyword: str) -> list[str]:
        return [value for key, value in self.instructions if key == keyword]


def parse_dockerfile(path: Path) -> tuple[dict[str, str], list[Stage]]:
    """Global ARG defaults and the stages, with continuation lines joined and comments dropped."""
    text = re.sub(r"\\\n", " ", path.read_text(encoding="utf-8"))
    args: dict[str, str] = {}
    stages: list[Stage] = []
    for raw in text.splitlines():
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        keyword, _, value = line.partition(" ")
        keyword = keyword.upper()
        if keyword == "FROM":
            stages.append(Stage(base=value.split()[0]))
        elif not stages and keyword == "ARG":
            name, _, default = value.partition("=")
            args[name] = default
        else:
            stages[-1].instructions.append((keyword, value.strip()))
    return args, stages


def exec_form(value: str) -> list[str]:
    parsed = json.loads(value)
    assert isinstance(parsed, list), f"{value} is not in exec form"
    return parsed


def resolved_base(args: dict[str, str], stage: Stage) -> str:
    return re.sub(r"\$\{(\w+)\}", lambda m: args.get(m.group(1), m.group(0)), stage.base)


@pytest.mark.parametrize(
    "dockerfile", [SERVICES_DOCKERFILE, GATEWAY_DOCKERFILE], ids=lambda p: p.name
)
def test_final_stage_runs_as_a_numeric_non_root_user(dockerfile: Path) -> None:
    _, stages = parse_dockerfile(dockerfile)
    users = stages[-1].values("USER")
    assert users, f"{dockerfile.name}: the final stage sets no USER"
    uid, _, gid = users[-1].partition(":")
    assert uid.isdigit() and int(uid) >= 10000, (
        f"{dockerfile.name}: USER {users[-1]} is not a numeric high UID"
    )
    assert not gid or (gid.isdigit() and int(gid) > 0)


@pytest.mark.parametrize(
    "dockerfile", [SERVICES_DOCKERFILE, GATEWAY_DOCKERFILE], ids=lambda p: p.name
)
def test_final_stage_installs_nothing(dockerfile: Path) -> None:
    _, stages = parse_dockerfile(dockerfile)
    assert len(stages) >= 2, f"{dockerfile.name} should build in one stage and run in another"
    for command in stages[-1].values("RUN"):
        # Removing npm from the runtime image is the one mention allowed.
        installing = [
            w
            for w in BUILD_TOOLS.findall(command)
            if not re.search(rf"rm -rf[^&]*\b{w}\b", command)
        ]
        assert not installing, f"{dockerfile.name}: the final stage runs {installing}: {command}"


@pytest.mark.parametrize(
    "dockerfile", [SERVICES_DOCKERFILE, GATEWAY_DOCKERFILE], ids=lambda p: p.name
)
def test_build_context_lets_through_exactly_what_is_copied(dockerfile: Path) -> None:
    ignore = Path(f"{dockerfile}.dockerignore")
    assert ignore.is_file(), f"{ignore.name} is missing; without it the whole repository is sent"
    patterns = [
        line.strip()
        for line in ignore.read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    ]

    def included(path: str) -> bool:
        keep = True
        for pattern in patterns:
            negated = pattern.startswith("!")
            bare = pattern.lstrip("!").rstrip("/")
            if fnmatch.fnmatch(path, bare) or path.startswith(bare + "/"):
                keep = negated
        return keep

    _, stages = parse_dockerfile(dockerfile)
    for stage in stages:
        for copy in stage.values("COPY"):
            if copy.startswith("--from"):
                continue
            *sources, _ = shlex.split(copy)
            for source in sources:
                matches = [p.relative_to(ROOT).as_posix() for p in ROOT.glob(source)] or [source]
                for match in matches:
                    assert included(match), (
                        f"{dockerfile.name} copies {match}, which {ignore.name} leaves out"
                    )


def test_services_image_is_python_3_11_slim_with_python_m_entrypoint() -> None:
    args, stages = parse_dockerfile(SERVICES_DOCKERFILE)
    assert resolved_base(args, stages[-1]).startswith("python:3.11-slim")
    assert exec_form(stages[-1].values("ENTRYPOINT")[-1]) == ["python", "-m"]
    build = " ".join(stages[0].values("RUN"))
    assert "--no-deps" in build and "requirements.lock" in build


def test_services_image_installs_the_runtime_part_of_the_lock() -> None:
    sys.path.insert(0, str(DOCKER))
    import runtime_requirements

    lock = (ROOT / "requirements.lock").read_text(encoding="utf-8")
    pyproject = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    pins = runtime_requirements.runtime_pins(lock, pyproject)
    names = {runtime_requirements.canonical(pin.split("==")[0]) for pin in pins}
    project = tomllib.loads(pyproject)["project"]
    for requirement in project["dependencies"]:
        assert runtime_requirements.requirement_name(requirement) in names
    dev_only = {
        runtime_requirements.requirement_name(r) for r in project["optional-dependencies"]["dev"]
    }
    assert not dev_only & names, f"dev tools would ship in the image: {dev_only & names}"
    assert all(pin in lock.splitlines() for pin in pins), (
        "pins must be copied verbatim from the lock"
    )


def test_runtime_requirements_runs_with_the_standard_library_alone() -> None:
    result = subprocess.run(
        [
            sys.executable,
            "-I",
            str(DOCKER / "runtime_requirements.py"),
            "requirements.lock",
            "pyproject.toml",
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "uvicorn==" in result.stdout and "pytest==" not in result.stdout


def test_gateway_image_starts_like_make_up_and_like_the_manifests() -> None:
    _, stages = parse_dockerfile(GATEWAY_DOCKERFILE)
    command = exec_form(stages[-1].values("CMD")[-1])
    assert stages[-1].values("WORKDIR")[-1] == "/app"
    package = json.loads((ROOT / "gateway" / "package.json").read_text(encoding="utf-8"))
    start = package["scripts"]["start"].split()
    assert command[0] == start[0] == "node"
    assert command[1] == f"gateway/{start[1]}", (
        f"the image starts {command[1]}, gateway/package.json starts {start[1]}"
    )
    assert command[2 : len(start)] == start[2:]
    assert (ROOT / command[1]).is_file(), f"{command[1]} does not exist"
    supergraph = Path(command[3])
    assert (ROOT / supergraph.relative_to("/app")).is_file(), (
        f"{supergraph} is not in the repository"
    )
    for overlay in OVERLAYS:
        gateway = next(
            d
            for d in rendered_overlay(overlay)
            if d["kind"] == "Deployment" and d["metadata"]["name"] == "gateway"
        )
        container = gateway["spec"]["template"]["spec"]["containers"][0]
        assert container["command"] == command, (
            f"{overlay}: the gateway Deployment and the image disagree"
        )
        assert container["workingDir"] == "/app"


@pytest.mark.parametrize("overlay", OVERLAYS)
def test_every_module_and_script_the_manifests_run_exists(overlay: str) -> None:
    report = check.check_commands(rendered_overlay(overlay))
    assert report.checked, "no container commands found"
    assert not report.missing, "\n".join(report.missing)
    # A service that does not exist yet cannot have its modules; the warning keeps it visible.
    for item in report.pending:
        warnings.warn(
            f"named by the manifests but its service is not written yet: {item}", stacklevel=1
        )


SERVICES = ("indicator", "scoring", "development")


def test_services_start_with_python_m_like_make_up() -> None:
    for overlay in OVERLAYS:
        for doc in rendered_overlay(overlay):
            name = doc["metadata"]["name"]
            if doc["kind"] != "Deployment" or name in ("gateway", "web"):
                continue
            assert name in SERVICES
            spec = doc["spec"]["template"]["spec"]
            assert spec["containers"][0]["args"] == [f"services.{name}"]
            assert [c["args"] for c in spec["initContainers"]] == [[f"services.{name}.migrate"]]
