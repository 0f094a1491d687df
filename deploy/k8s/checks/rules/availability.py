"""Each Deployment has a PodDisruptionBudget, an autoscaler that owns its replica count and pod
anti-affinity."""

from __future__ import annotations

from deploy.k8s.checks.documents import by_kind, ref
from deploy.k8s.checks.pods import selector_matches


def _scaling_findings(deployment: dict, autoscalers: list[dict]) -> list[str]:
    name = deployment["metadata"]["name"]
    scalers = [a for a in autoscalers if a["spec"]["scaleTargetRef"]["name"] == name]
    if not scalers:
        return [f"{ref(deployment)}: no HorizontalPodAutoscaler"]
    findings = [
        f"{ref(scaler)}: minReplicas above maxReplicas"
        for scaler in scalers
        if scaler["spec"].get("minReplicas", 1) > scaler["spec"]["maxReplicas"]
    ]
    if "replicas" in deployment["spec"]:
        findings.append(f"{ref(deployment)}: sets replicas although an autoscaler owns the count")
    return findings


def check_availability(docs: list[dict]) -> list[str]:
    findings = []
    budgets = by_kind(docs, "PodDisruptionBudget")
    autoscalers = by_kind(docs, "HorizontalPodAutoscaler")
    for deployment in by_kind(docs, "Deployment"):
        labels = deployment["spec"]["template"]["metadata"].get("labels", {})
        if not any(selector_matches(b["spec"].get("selector"), labels) for b in budgets):
            findings.append(f"{ref(deployment)}: no PodDisruptionBudget selects its pods")
        findings += _scaling_findings(deployment, autoscalers)
        anti = (deployment["spec"]["template"]["spec"].get("affinity") or {}).get("podAntiAffinity")
        if not anti:
            findings.append(f"{ref(deployment)}: no pod anti-affinity")
    return findings
