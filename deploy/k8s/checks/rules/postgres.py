"""One managed role and one Database per service on each CloudNativePG Cluster."""

from __future__ import annotations

from deploy.k8s.checks.constants import SUBGRAPHS
from deploy.k8s.checks.documents import by_kind, ref


def _role_findings(cluster: dict, roles: dict[str, dict], name: str) -> list[str]:
    role = roles.get(name)
    if role is None:
        return [f"{ref(cluster)}: no managed role {name}"]
    if (role.get("passwordSecret") or {}).get("name") != f"{name}-database":
        return [f"{ref(cluster)}: role {name} does not take its password from {name}-database"]
    return []


def _database_findings(cluster: dict, databases: dict[str, dict], name: str) -> list[str]:
    database = databases.get(name)
    if database is None:
        return [f"no Database {name}"]
    spec = database["spec"]
    if spec["owner"] != name or spec["cluster"]["name"] != cluster["metadata"]["name"]:
        return [f"Database {name} is not owned by role {name} on {ref(cluster)}"]
    return []


def check_postgres(docs: list[dict]) -> list[str]:
    clusters = by_kind(docs, "Cluster")
    if not clusters:
        return ["no CloudNativePG Cluster"]
    databases = {d["spec"]["name"]: d for d in by_kind(docs, "Database")}
    findings = []
    for cluster in clusters:
        roles = {role["name"]: role for role in cluster["spec"].get("managed", {}).get("roles", [])}
        for name in SUBGRAPHS:
            findings += _role_findings(cluster, roles, name)
            findings += _database_findings(cluster, databases, name)
    return findings
