"""One Namespace, enforcing the restricted pod security standard, holding every object."""

from __future__ import annotations

from deploy.k8s.checks.documents import by_kind, ref


def check_namespace(docs: list[dict]) -> list[str]:
    namespaces = by_kind(docs, "Namespace")
    if len(namespaces) != 1:
        return [f"expected exactly one Namespace, found {len(namespaces)}"]
    labels = namespaces[0]["metadata"].get("labels", {})
    findings = []
    if labels.get("pod-security.kubernetes.io/enforce") != "restricted":
        findings.append("the Namespace does not enforce the 'restricted' pod security standard")
    name = namespaces[0]["metadata"]["name"]
    findings += [
        f"{ref(doc)} is not in namespace {name}"
        for doc in docs
        if doc.get("kind") != "Namespace" and doc.get("metadata", {}).get("namespace") != name
    ]
    return findings
