"""Secrets are referenced by name and made in the cluster, never rendered from the repository."""

from __future__ import annotations

from deploy.k8s.checks.constants import KNOWN_SECRETS, SECRET_LIKE
from deploy.k8s.checks.documents import ref
from deploy.k8s.checks.pods import PodTemplate, pod_templates


def _rendered_findings(doc: dict) -> list[str]:
    if doc.get("kind") == "Secret":
        return [f"{ref(doc)}: a Secret is part of the manifests; create it in the cluster instead"]
    if doc.get("kind") == "ConfigMap":
        return [
            f"{ref(doc)}: key {key} looks like a secret in a ConfigMap"
            for key in doc.get("data", {}) or {}
            if SECRET_LIKE.search(key)
        ]
    return []


def _volume_findings(pod: PodTemplate) -> list[str]:
    findings = []
    for volume in pod.spec.get("volumes", []):
        name = (volume.get("secret") or {}).get("secretName")
        if name and name not in KNOWN_SECRETS:
            findings.append(f"{pod.owner}: volume {volume['name']} mounts unknown Secret {name}")
    return findings


def _variable_findings(where: str, variable: dict) -> list[str]:
    findings = []
    secret = ((variable.get("valueFrom") or {}).get("secretKeyRef") or {}).get("name")
    if secret and secret not in KNOWN_SECRETS:
        findings.append(f"{where}: refers to unknown Secret {secret}")
    value = variable.get("value")
    # `$(OTHER)` refers to another variable, which may come from a Secret.
    if value is not None and SECRET_LIKE.search(variable["name"]) and "$(" not in value:
        findings.append(f"{where}: {variable['name']} has a literal value")
    return findings


def _container_findings(where: str, container: dict) -> list[str]:
    findings = []
    for source in container.get("envFrom", []):
        name = (source.get("secretRef") or {}).get("name")
        if name and name not in KNOWN_SECRETS:
            findings.append(f"{where}: refers to unknown Secret {name}")
    for variable in container.get("env", []):
        findings += _variable_findings(where, variable)
    return findings


def check_secrets(docs: list[dict]) -> list[str]:
    findings = [finding for doc in docs for finding in _rendered_findings(doc)]
    for pod in pod_templates(docs):
        findings += _volume_findings(pod)
        for container in pod.containers():
            findings += _container_findings(f"{pod.owner} container {container['name']}", container)
    return findings
