"""What differs between overlays: dev runs one of everything, prod runs redundantly and pinned."""

from __future__ import annotations

from deploy.k8s.checks.documents import by_kind, ref
from deploy.k8s.checks.rules.images import check_images

PROD_POSTGRES_INSTANCES = 3


def _dev_findings(docs: list[dict]) -> list[str]:
    return [
        f"{ref(a)}: dev runs one replica"
        for a in by_kind(docs, "HorizontalPodAutoscaler")
        if a["spec"].get("minReplicas") != 1
    ]


def _prod_findings(docs: list[dict]) -> list[str]:
    findings = [
        f"{ref(a)}: prod needs at least two replicas"
        for a in by_kind(docs, "HorizontalPodAutoscaler")
        if a["spec"].get("minReplicas", 1) < 2
    ]
    findings += check_images(docs, require_release_tags=True)
    findings += [
        f"{ref(cluster)}: prod needs three PostgreSQL instances"
        for cluster in by_kind(docs, "Cluster")
        if cluster["spec"].get("instances", 1) < PROD_POSTGRES_INSTANCES
    ]
    if not by_kind(docs, "ScheduledBackup"):
        findings.append("prod has no ScheduledBackup")
    return findings


def check_overlay(overlay: str, docs: list[dict]) -> list[str]:
    if overlay == "dev":
        return _dev_findings(docs)
    if overlay == "prod":
        return _prod_findings(docs)
    return []
