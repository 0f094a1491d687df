"""What each check prints, and its exit status: 0 when it found nothing, else 1."""

from __future__ import annotations

from deploy.k8s.checks.commands import CommandReport
from deploy.k8s.checks.crds import CustomSchema
from deploy.k8s.checks.schemas import ValidationReport


def status(failed: bool) -> int:
    return 1 if failed else 0


def print_validation(
    docs_by_overlay: dict[str, list[dict]],
    crds: dict[tuple[str, str], CustomSchema],
    kube_versions: list[str],
    report: ValidationReport,
) -> int:
    total = sum(len(docs) for docs in docs_by_overlay.values())
    print(
        f"schemas: {total} objects in {len(docs_by_overlay)} overlays; "
        f"{report.validated_builtin} built-in validated against Kubernetes {', '.join(kube_versions)}; "
        f"{report.validated_custom} custom resources validated against {len({c.source for c in crds.values()})} CRDs; "
        f"{len(report.unvalidated)} unvalidated; {len(report.errors)} error(s)"
    )
    if report.cel_rules_not_evaluated:
        print(
            f"  note: {report.cel_rules_not_evaluated} CEL rules in the CRDs used need an API server and were not evaluated"
        )
    for item in report.unvalidated:
        print(f"  unvalidated (no schema available): {item}")
    for error in report.errors:
        print(f"  error: {error}")
    return status(bool(report.errors))


def print_commands(report: CommandReport) -> int:
    print(
        f"commands: {len(set(report.checked))} distinct commands in the manifests; "
        f"{len(set(report.missing))} missing, {len(set(report.pending))} waiting for their service"
    )
    for item in sorted(set(report.pending)):
        print(f"  waiting: {item}")
    for item in sorted(set(report.missing)):
        print(f"  missing: {item}")
    return status(bool(report.missing))


def print_findings(title: str, findings: list[str]) -> None:
    print(f"  {title}: {'ok' if not findings else f'{len(findings)} problem(s)'}")
    for finding in findings:
        print(f"    - {finding}")


def print_policies(results: dict[str, dict[str, list[str]]]) -> int:
    failed = 0
    for overlay, by_policy in results.items():
        print(f"policies for overlay {overlay}:")
        for name, findings in by_policy.items():
            print_findings(name, findings)
            failed += len(findings)
    checked = sum(len(p) for p in results.values())
    print(f"policies: {checked} checks over {len(results)} overlays, {failed} problem(s)")
    return status(failed > 0)


def print_checkov(line: str, failures: list[str]) -> int:
    print(line)
    for failure in failures:
        print(f"  failed: {failure}")
    return status(bool(failures))
