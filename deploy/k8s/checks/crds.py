"""Custom resources (Strimzi, CloudNativePG) checked against their CRDs' OpenAPI schemas."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from deploy.k8s.checks.documents import load_documents

DNS_SUBDOMAIN = re.compile(r"^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$")
DNS_SUBDOMAIN_MAX = 253


@dataclass
class CustomSchema:
    source: str
    schema: dict
    cel_rules: int


def _strict_properties(out: dict) -> None:
    out["properties"] = {name: strict(sub) for name, sub in out["properties"].items()}
    if not out.get("x-kubernetes-preserve-unknown-fields") and "additionalProperties" not in out:
        out["additionalProperties"] = False


def strict(schema: dict) -> dict:
    """A CRD's OpenAPI schema as JSON Schema that rejects unknown fields, as the API server does
    when kubectl applies with its default strict field validation."""
    out = dict(schema)
    if out.get("nullable") and isinstance(out.get("type"), str):
        out["type"] = [out["type"], "null"]
    if "properties" in out:
        _strict_properties(out)
    for key in ("additionalProperties", "items", "not"):
        if isinstance(out.get(key), dict):
            out[key] = strict(out[key])
    for key in ("allOf", "anyOf", "oneOf"):
        if key in out:
            out[key] = [strict(sub) for sub in out[key]]
    return out


def count_cel_rules(schema: object) -> int:
    if isinstance(schema, dict):
        own = len(schema.get("x-kubernetes-validations", []))
        return own + sum(count_cel_rules(value) for value in schema.values())
    if isinstance(schema, list):
        return sum(count_cel_rules(item) for item in schema)
    return 0


def _served_schemas(doc: dict, source: str) -> dict[tuple[str, str], CustomSchema]:
    spec = doc["spec"]
    found = {}
    for version in spec["versions"]:
        if not version.get("served", True):
            continue
        raw = version["schema"]["openAPIV3Schema"]
        key = (f"{spec['group']}/{version['name']}", spec["names"]["kind"])
        found[key] = CustomSchema(source=source, schema=strict(raw), cel_rules=count_cel_rules(raw))
    return found


def load_crd_schemas(crd_dir: Path) -> dict[tuple[str, str], CustomSchema]:
    """(apiVersion, kind) -> schema, from every CustomResourceDefinition under crd_dir."""
    index: dict[tuple[str, str], CustomSchema] = {}
    for file in sorted(crd_dir.rglob("*.yaml")):
        source = str(file.relative_to(crd_dir))
        for doc in load_documents(file):
            if doc.get("kind") == "CustomResourceDefinition":
                index.update(_served_schemas(doc, source))
    return index


def first_lines(message: str, lines: int = 3) -> str:
    return " | ".join(line.strip() for line in message.strip().splitlines()[:lines] if line.strip())


def custom_resource_errors(doc: dict, custom: CustomSchema, where: str) -> list[str]:
    """Its name as the API server would check it, then every schema violation by field path."""
    import jsonschema

    errors = []
    name = doc.get("metadata", {}).get("name", "")
    if not DNS_SUBDOMAIN.match(name) or len(name) > DNS_SUBDOMAIN_MAX:
        errors.append(f"{where}: metadata.name {name!r} is not a DNS subdomain")
    validator = jsonschema.Draft4Validator(custom.schema)
    problems = sorted(validator.iter_errors(doc), key=lambda e: list(e.absolute_path))
    for problem in problems:
        path = ".".join(str(p) for p in problem.absolute_path) or "(top)"
        errors.append(f"{where} against {custom.source}: {path}: {first_lines(problem.message, 1)}")
    return errors
