"""Every rendered object validated: built-in kinds against the Kubernetes JSON schemas of each
version the platform supports, custom resources against their CRDs."""

from __future__ import annotations

from dataclasses import dataclass, field

from deploy.k8s.checks.crds import CustomSchema, custom_resource_errors, first_lines
from deploy.k8s.checks.documents import ref


@dataclass
class ValidationReport:
    validated_builtin: int = 0
    validated_custom: int = 0
    errors: list[str] = field(default_factory=list)
    unvalidated: list[str] = field(default_factory=list)
    # Custom resources' CEL rules (x-kubernetes-validations) need an API server to evaluate.
    cel_rules_not_evaluated: int = 0
    cel_counted: set[tuple[str, str]] = field(default_factory=set, repr=False)

    def count_cel_rules(self, key: tuple[str, str], custom: CustomSchema) -> None:
        """Once per kind, however many objects of it there are."""
        if key not in self.cel_counted:
            self.cel_counted.add(key)
            self.cel_rules_not_evaluated += custom.cel_rules


def builtin_errors(doc: dict, kube_versions: list[str], where: str) -> tuple[list[str], bool]:
    """The errors against each Kubernetes version in turn, and whether they all know the kind;
    at the first that does not, the object is a custom resource (errors so far still count)."""
    import kubernetes_validate
    from kubernetes_validate.utils import SchemaNotFoundError

    errors = []
    for version in kube_versions:
        try:
            kubernetes_validate.validate(doc, version, strict=True)
        except SchemaNotFoundError:
            return errors, False
        except kubernetes_validate.ValidationError as error:
            errors.append(f"{where} against Kubernetes {version}: {first_lines(str(error))}")
    return errors, True


def validate_document(
    doc: dict,
    where: str,
    crds: dict[tuple[str, str], CustomSchema],
    kube_versions: list[str],
    report: ValidationReport,
) -> None:
    errors, builtin = builtin_errors(doc, kube_versions, where)
    report.errors += errors
    if builtin:
        report.validated_builtin += 1
        return
    key = (doc.get("apiVersion", ""), doc.get("kind", ""))
    custom = crds.get(key)
    if custom is None:
        report.unvalidated.append(where)
        return
    report.errors += custom_resource_errors(doc, custom, where)
    report.validated_custom += 1
    report.count_cel_rules(key, custom)


def validate_documents(
    docs_by_overlay: dict[str, list[dict]],
    crds: dict[tuple[str, str], CustomSchema],
    kube_versions: list[str],
) -> ValidationReport:
    report = ValidationReport()
    for overlay, docs in docs_by_overlay.items():
        for doc in docs:
            where = f"{overlay}: {ref(doc)} ({doc.get('apiVersion')})"
            validate_document(doc, where, crds, kube_versions, report)
    return report
