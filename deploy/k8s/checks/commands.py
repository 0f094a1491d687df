"""The commands the manifests' containers run exist in the repository."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from deploy.k8s.checks.constants import ROOT
from deploy.k8s.checks.pods import pod_templates

SERVICE_MODULE = re.compile(r"services(\.[a-z_]+)+")


@dataclass
class CommandReport:
    checked: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    # Named by a manifest but belonging to a part of the platform that does not exist yet.
    pending: list[str] = field(default_factory=list)

    def add(self, other: CommandReport) -> None:
        self.checked += other.checked
        self.missing += other.missing
        self.pending += other.pending


def _module_file(module: str) -> Path | None:
    base = ROOT.joinpath(*module.split("."))
    for candidate in (base.with_suffix(".py"), base / "__main__.py"):
        if candidate.is_file():
            return candidate
    return None


def _check_python_module(where: str, container: dict, report: CommandReport) -> None:
    args = container.get("args") or []
    if container.get("command"):
        report.missing.append(
            f"{where}: overrides the image's `python -m` entrypoint with {container['command']}"
        )
        return
    if len(args) != 1 or not SERVICE_MODULE.fullmatch(args[0]):
        report.missing.append(f"{where}: args should be one module under services, got {args}")
        return
    module = args[0]
    report.checked.append(f"python -m {module}")
    if _module_file(module):
        return
    package = ROOT / "services" / module.split(".")[1]
    if not (package / "__init__.py").is_file():
        report.pending.append(
            f"{where}: python -m {module} (services/{package.name}/ does not exist yet)"
        )
    else:
        report.missing.append(
            f"{where}: python -m {module}, but {module.replace('.', '/')}.py does not exist"
        )


def _start_script(package_json: Path) -> list[str]:
    scripts = json.loads(package_json.read_text(encoding="utf-8")).get("scripts", {})
    return scripts.get("start", "").split()


# Node images and the repository folder whose package.json names their start script.
NODE_IMAGES = {"cadre-platform/gateway": "gateway", "cadre-platform/web": "web"}


def _check_node_command(where: str, container: dict, folder: str, report: CommandReport) -> None:
    command = container.get("command") or []
    workdir = container.get("workingDir", "")
    if len(command) < 2 or command[0] != "node" or not workdir.startswith("/app"):
        report.missing.append(
            f"{where}: expected `node SCRIPT ...` run under /app, got {command} in {workdir!r}"
        )
        return
    # A Node image holds the repository's files at the same paths under /app.
    script = Path(workdir.removeprefix("/app").lstrip("/")) / command[1]
    report.checked.append(f"node {script} {' '.join(command[2:])}")
    package_json = ROOT / folder / "package.json"
    if not package_json.is_file():
        report.pending.append(f"{where}: node {script} ({folder}/package.json does not exist yet)")
        return
    if not (ROOT / script).is_file():
        report.missing.append(f"{where}: runs {script}, which does not exist")
    start = _start_script(package_json)
    if len(start) < 2 or start[0] != "node":
        return
    if Path(folder) / start[1] != script or command[2 : len(start)] != start[2:]:
        report.missing.append(
            f"{where}: `{' '.join(command)}` is not {folder}/package.json's start script `{' '.join(start)}`"
        )


def check_commands(docs: list[dict]) -> CommandReport:
    report = CommandReport()
    for pod in pod_templates(docs):
        for container in pod.containers():
            where = f"{pod.owner} container {container['name']}"
            image = container.get("image", "")
            if "cadre-platform/services" in image:
                _check_python_module(where, container, report)
            elif folder := next((f for name, f in NODE_IMAGES.items() if name in image), None):
                _check_node_command(where, container, folder, report)
            else:
                report.missing.append(f"{where}: image {image} is not one of the platform's images")
    return report
