"""HTTP liveness and readiness probes on distinct paths, the ones each kind of workload serves."""

from __future__ import annotations

from deploy.k8s.checks.documents import by_kind, ref

EXPECTED_PROBES = {
    "subgraph": {"livenessProbe": "/healthz", "readinessProbe": "/readyz"},
    "gateway": {"livenessProbe": "/healthcheck", "readinessProbe": "/readiness"},
    "web-console": {"livenessProbe": "/healthz", "readinessProbe": "/readyz"},
}


def _http_probe_path(container: dict, probe: str) -> str | None:
    return ((container.get(probe) or {}).get("httpGet") or {}).get("path")


def _container_findings(where: str, container: dict, expected: dict[str, str]) -> list[str]:
    liveness = _http_probe_path(container, "livenessProbe")
    readiness = _http_probe_path(container, "readinessProbe")
    if not liveness or not readiness:
        return [f"{where}: needs both an HTTP liveness and an HTTP readiness probe"]
    findings = []
    if liveness == readiness:
        findings.append(f"{where}: liveness and readiness probe the same path {liveness}")
    findings += [
        f"{where}: {probe} should be {path}"
        for probe, path in expected.items()
        if _http_probe_path(container, probe) != path
    ]
    return findings


def check_probes(docs: list[dict]) -> list[str]:
    findings = []
    for deployment in by_kind(docs, "Deployment"):
        labels = deployment["spec"]["template"]["metadata"].get("labels", {})
        expected = EXPECTED_PROBES.get(labels.get("app.kubernetes.io/component", ""), {})
        for container in deployment["spec"]["template"]["spec"]["containers"]:
            where = f"{ref(deployment)} container {container['name']}"
            findings += _container_findings(where, container, expected)
    return findings
