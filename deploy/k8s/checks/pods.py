"""The pods the workloads run, and Kubernetes label selectors."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from deploy.k8s.checks.constants import WORKLOAD_KINDS
from deploy.k8s.checks.documents import ref


@dataclass
class PodTemplate:
    owner: str
    namespace: str
    labels: dict[str, str]
    spec: dict

    def containers(self, include_init: bool = True) -> list[dict]:
        init = self.spec.get("initContainers", []) if include_init else []
        return [*init, *self.spec.get("containers", [])]


def pod_templates(docs: Iterable[dict]) -> Iterator[PodTemplate]:
    for doc in docs:
        kind = doc.get("kind")
        if kind not in WORKLOAD_KINDS:
            continue
        spec = doc.get("spec", {})
        template = (
            spec["jobTemplate"]["spec"]["template"]
            if kind == "CronJob"
            else spec.get("template", {})
        )
        yield PodTemplate(
            owner=ref(doc),
            namespace=doc.get("metadata", {}).get("namespace", ""),
            labels=template.get("metadata", {}).get("labels", {}) or {},
            spec=template.get("spec", {}),
        )


def _expression_matches(expression: dict, labels: dict[str, str]) -> bool:
    key, operator = expression["key"], expression["operator"]
    values = expression.get("values", [])
    if operator == "In":
        return labels.get(key) in values
    if operator == "NotIn":
        return not (key in labels and labels[key] in values)
    if operator == "Exists":
        return key in labels
    if operator == "DoesNotExist":
        return key not in labels
    return True


def selector_matches(selector: dict | None, labels: dict[str, str]) -> bool:
    """Kubernetes label-selector semantics; an empty selector matches everything."""
    if selector is None:
        return False
    if any(labels.get(key) != value for key, value in (selector.get("matchLabels") or {}).items()):
        return False
    return all(
        _expression_matches(expression, labels)
        for expression in selector.get("matchExpressions") or []
    )
