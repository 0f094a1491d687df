"""checkov's JSON report, summed over its per-framework reports."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from deploy.k8s.checks.constants import ROOT


@dataclass
class CheckovTotals:
    passed: int = 0
    failed: int = 0
    parse_errors: int = 0
    resources: int = 0
    version: str = "?"
    failures: list[str] = field(default_factory=list)

    def add(self, report: dict) -> None:
        summary = report.get("summary", {})
        self.passed += summary.get("passed", 0)
        self.failed += summary.get("failed", 0)
        self.parse_errors += summary.get("parsing_errors", 0)
        self.resources += summary.get("resource_count", 0)
        self.version = summary.get("checkov_version", self.version)
        results = report.get("results", {})
        for check in results.get("failed_checks", []):
            self.failures.append(
                f"{check['check_id']} {check.get('check_name', '')}: {check.get('resource')} ({check.get('file_path')})"
            )
        for error in results.get("parsing_errors", []) or []:
            self.failures.append(f"could not parse {error}")


def checkov_summary(report_file: Path, config_file: Path) -> tuple[str, list[str]]:
    """One summary line and the failures, from `checkov -o json`."""
    data = json.loads(report_file.read_text(encoding="utf-8"))
    totals = CheckovTotals()
    for report in data if isinstance(data, list) else [data]:
        totals.add(report)
    skipped = yaml.safe_load(config_file.read_text(encoding="utf-8")).get("skip-check", [])
    line = (
        f"checkov {totals.version}: {totals.passed} passed, {totals.failed} failed, "
        f"{totals.parse_errors} parsing errors over {totals.resources} resources; "
        f"switched off with reasons in {config_file.relative_to(ROOT)}: {', '.join(skipped) or 'none'}"
    )
    failures = list(totals.failures)
    if totals.passed == 0 and not failures:
        failures.append("checkov ran no check at all")
    return line, failures
