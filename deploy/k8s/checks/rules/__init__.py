"""The platform's own rules, one module each; POLICIES names them for the report and the tests."""

from __future__ import annotations

from collections.abc import Callable

from deploy.k8s.checks.rules.availability import check_availability
from deploy.k8s.checks.rules.images import check_images
from deploy.k8s.checks.rules.kafka import check_kafka
from deploy.k8s.checks.rules.namespace import check_namespace
from deploy.k8s.checks.rules.network_policies import check_network_policies
from deploy.k8s.checks.rules.overlay import check_overlay
from deploy.k8s.checks.rules.postgres import check_postgres
from deploy.k8s.checks.rules.probes import check_probes
from deploy.k8s.checks.rules.secrets import check_secrets
from deploy.k8s.checks.rules.workloads import check_workloads
from deploy.k8s.checks.topics import all_topics

# (overlay name, its objects) -> findings, empty when the rule holds.
Policy = Callable[[str, list[dict]], list[str]]

POLICIES: dict[str, Policy] = {
    "namespace": lambda overlay, docs: check_namespace(docs),
    "workloads": lambda overlay, docs: check_workloads(docs),
    "probes": lambda overlay, docs: check_probes(docs),
    "availability": lambda overlay, docs: check_availability(docs),
    "secrets": lambda overlay, docs: check_secrets(docs),
    "images": lambda overlay, docs: check_images(docs, require_release_tags=False),
    "network-policies": lambda overlay, docs: check_network_policies(docs),
    "kafka": lambda overlay, docs: check_kafka(docs, all_topics()),
    "postgres": lambda overlay, docs: check_postgres(docs),
    "overlay": check_overlay,
}


def run_policies(docs_by_overlay: dict[str, list[dict]]) -> dict[str, dict[str, list[str]]]:
    """overlay -> policy -> findings (empty when the policy holds)."""
    return {
        overlay: {name: policy(overlay, docs) for name, policy in POLICIES.items()}
        for overlay, docs in docs_by_overlay.items()
    }


__all__ = [
    "POLICIES",
    "check_availability",
    "check_images",
    "check_kafka",
    "check_namespace",
    "check_network_policies",
    "check_overlay",
    "check_postgres",
    "check_probes",
    "check_secrets",
    "check_workloads",
    "run_policies",
]
