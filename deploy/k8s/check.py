"""Offline checks of the rendered Kubernetes manifests: schemas, platform policies and topics.

Run with the project's virtualenv (it needs PyYAML, jsonschema and kubernetes-validate):

    python deploy/k8s/check.py validate RENDERED_DIR --crds CRD_DIR --kubernetes 1.32.0 ...
    python deploy/k8s/check.py policy RENDERED_DIR
    python deploy/k8s/check.py topics [--write]

RENDERED_DIR holds one `<overlay>.yaml` per overlay, as `kustomize build` printed it.
scripts/k8s_check.sh renders the overlays and runs all of these; tests/deploy imports this module.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import yaml

K8S_DIR = Path(__file__).resolve().parent
ROOT = K8S_DIR.parent.parent
TOPICS_FILE = K8S_DIR / "components" / "kafka-strimzi" / "topics.yaml"

SUBGRAPHS = ("indicator", "scoring", "development")
GATEWAY = "gateway"
KAFKA_CLIENT_PORT = 9092
POSTGRES_PORT = 5432
# Where the Prometheus that scrapes /metrics runs; the policies in base/ name the same place.
PROMETHEUS = ("monitoring", {"app.kubernetes.io/name": "prometheus"})
# The only Secrets the manifests may refer to; docs/deploy-kubernetes.md says how each is made.
KNOWN_SECRETS = frozenset(
    {f"{name}-database" for name in SUBGRAPHS}
    | {"platform-jwt", "scoring-ledger-key", "platform-db-backup-credentials"}
)
# Event topics carry the load; dead letters only park the few messages that failed.
EVENT_TOPIC_PARTITIONS = 12
DEAD_LETTER_PARTITIONS = 3
DEAD_LETTER_RETENTION_MS = 30 * 24 * 3600 * 1000
WORKLOAD_KINDS = ("Deployment", "StatefulSet", "DaemonSet", "Job", "CronJob")
SECRET_LIKE = re.compile(r"(PASSWORD|SECRET|TOKEN|PRIVATE_KEY|API_KEY)", re.IGNORECASE)
DNS_SUBDOMAIN = re.compile(r"^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$")


# --------------------------------------------------------------------------------------------
# Loading


# The CRDs run to megabytes; libyaml parses them in a fraction of the pure-Python time.
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def load_documents(path: Path) -> list[dict]:
    with path.open(encoding="utf-8") as handle:
        return [doc for doc in yaml.load_all(handle, Loader=_LOADER) if doc]


def load_rendered(rendered_dir: Path) -> dict[str, list[dict]]:
    """Overlay name -> its objects."""
    files = sorted(rendered_dir.glob("*.yaml"))
    if not files:
        raise SystemExit(f"no rendered overlays (*.yaml) in {rendered_dir}")
    return {file.stem: load_documents(file) for file in files}


def ref(doc: dict) -> str:
    meta = doc.get("metadata", {})
    return f"{doc.get('kind')}/{meta.get('name')}"


# --------------------------------------------------------------------------------------------
# Schema validation


@dataclass
class ValidationReport:
    validated_builtin: int = 0
    validated_custom: int = 0
    errors: list[str] = field(default_factory=list)
    unvalidated: list[str] = field(default_factory=list)
    # Custom resources' CEL rules (x-kubernetes-validations) need an API server to evaluate.
    cel_rules_not_evaluated: int = 0


def _strict(schema: dict) -> dict:
    """A CRD's OpenAPI schema as JSON Schema that rejects unknown fields, as the API server does
    when kubectl applies with its default strict field validation."""
    out = dict(schema)
    if out.get("nullable") and isinstance(out.get("type"), str):
        out["type"] = [out["type"], "null"]
    if "properties" in out:
        out["properties"] = {name: _strict(sub) for name, sub in out["properties"].items()}
        if (
            not out.get("x-kubernetes-preserve-unknown-fields")
            and "additionalProperties" not in out
        ):
            out["additionalProperties"] = False
    if isinstance(out.get("additionalProperties"), dict):
        out["additionalProperties"] = _strict(out["additionalProperties"])
    if isinstance(out.get("items"), dict):
        out["items"] = _strict(out["items"])
    for key in ("allOf", "anyOf", "oneOf"):
        if key in out:
            out[key] = [_strict(sub) for sub in out[key]]
    if isinstance(out.get("not"), dict):
        out["not"] = _strict(out["not"])
    return out


def _count_cel_rules(schema: object) -> int:
    if isinstance(schema, dict):
        own = len(schema.get("x-kubernetes-validations", []))
        return own + sum(_count_cel_rules(value) for value in schema.values())
    if isinstance(schema, list):
        return sum(_count_cel_rules(item) for item in schema)
    return 0


@dataclass
class CustomSchema:
    source: str
    schema: dict
    cel_rules: int


def load_crd_schemas(crd_dir: Path) -> dict[tuple[str, str], CustomSchema]:
    """(apiVersion, kind) -> schema, from every CustomResourceDefinition under crd_dir."""
    index: dict[tuple[str, str], CustomSchema] = {}
    for file in sorted(crd_dir.rglob("*.yaml")):
        for doc in load_documents(file):
            if doc.get("kind") != "CustomResourceDefinition":
                continue
            spec = doc["spec"]
            for version in spec["versions"]:
                if not version.get("served", True):
                    continue
                raw = version["schema"]["openAPIV3Schema"]
                index[(f"{spec['group']}/{version['name']}", spec["names"]["kind"])] = CustomSchema(
                    source=str(file.relative_to(crd_dir)),
                    schema=_strict(raw),
                    cel_rules=_count_cel_rules(raw),
                )
    return index


def _first_lines(message: str, lines: int = 3) -> str:
    return " | ".join(line.strip() for line in message.strip().splitlines()[:lines] if line.strip())


def validate_documents(
    docs_by_overlay: dict[str, list[dict]],
    crds: dict[tuple[str, str], CustomSchema],
    kube_versions: list[str],
) -> ValidationReport:
    import jsonschema
    import kubernetes_validate
    from kubernetes_validate.utils import SchemaNotFoundError

    report = ValidationReport()
    cel_counted: set[tuple[str, str]] = set()
    for overlay, docs in docs_by_overlay.items():
        for doc in docs:
            where = f"{overlay}: {ref(doc)} ({doc.get('apiVersion')})"
            key = (doc.get("apiVersion", ""), doc.get("kind", ""))
            builtin = True
            for version in kube_versions:
                try:
                    kubernetes_validate.validate(doc, version, strict=True)
                except SchemaNotFoundError:
                    builtin = False
                    break
                except kubernetes_validate.ValidationError as error:
                    report.errors.append(
                        f"{where} against Kubernetes {version}: {_first_lines(str(error))}"
                    )
            if builtin:
                report.validated_builtin += 1
                continue
            custom = crds.get(key)
            if custom is None:
                report.unvalidated.append(where)
                continue
            name = doc.get("metadata", {}).get("name", "")
            if not DNS_SUBDOMAIN.match(name) or len(name) > 253:
                report.errors.append(f"{where}: metadata.name {name!r} is not a DNS subdomain")
            validator = jsonschema.Draft4Validator(custom.schema)
            problems = sorted(validator.iter_errors(doc), key=lambda e: list(e.absolute_path))
            for problem in problems:
                path = ".".join(str(p) for p in problem.absolute_path) or "(top)"
                report.errors.append(
                    f"{where} against {custom.source}: {path}: {_first_lines(problem.message, 1)}"
                )
            report.validated_custom += 1
            if key not in cel_counted:
                cel_counted.add(key)
                report.cel_rules_not_evaluated += custom.cel_rules
    return report


# --------------------------------------------------------------------------------------------
# Pods and selectors


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


def selector_matches(selector: dict | None, labels: dict[str, str]) -> bool:
    """Kubernetes label-selector semantics; an empty selector matches everything."""
    if selector is None:
        return False
    for key, value in (selector.get("matchLabels") or {}).items():
        if labels.get(key) != value:
            return False
    for expression in selector.get("matchExpressions") or []:
        key, operator, values = (
            expression["key"],
            expression["operator"],
            expression.get("values", []),
        )
        if operator == "In" and labels.get(key) not in values:
            return False
        if operator == "NotIn" and key in labels and labels[key] in values:
            return False
        if operator == "Exists" and key not in labels:
            return False
        if operator == "DoesNotExist" and key in labels:
            return False
    return True


# --------------------------------------------------------------------------------------------
# NetworkPolicy evaluation


@dataclass(frozen=True)
class Endpoint:
    """A pod as NetworkPolicy sees it: where it runs, its labels and its named ports."""

    name: str
    namespace: str
    labels: tuple[tuple[str, str], ...]
    ports: tuple[tuple[str, int], ...] = ()

    @property
    def label_map(self) -> dict[str, str]:
        return dict(self.labels)

    def port_number(self, port: int | str) -> int | None:
        if isinstance(port, int):
            return port
        return dict(self.ports).get(port)


def endpoint(
    name: str, namespace: str, labels: dict[str, str], ports: dict[str, int] | None = None
) -> Endpoint:
    return Endpoint(
        name, namespace, tuple(sorted(labels.items())), tuple(sorted((ports or {}).items()))
    )


def _peer_matches(peer: dict, policy_namespace: str, other: Endpoint) -> bool:
    if "ipBlock" in peer:
        # Only the catch-all block is treated as matching pods; narrower CIDRs never hold pod IPs
        # this check could predict.
        return peer["ipBlock"].get("cidr") in ("0.0.0.0/0", "::/0")
    if "namespaceSelector" in peer:
        namespace_labels = {"kubernetes.io/metadata.name": other.namespace}
        if not selector_matches(peer["namespaceSelector"], namespace_labels):
            return False
    elif other.namespace != policy_namespace:
        return False
    if "podSelector" in peer:
        return selector_matches(peer["podSelector"], other.label_map)
    return True


def _port_matches(rule_ports: list[dict] | None, target: Endpoint, port: int) -> bool:
    if not rule_ports:
        return True
    for rule_port in rule_ports:
        if rule_port.get("protocol", "TCP") != "TCP":
            continue
        if "port" not in rule_port:
            return True
        first = target.port_number(rule_port["port"])
        last = rule_port.get("endPort", first)
        if first is not None and first <= port <= last:
            return True
    return False


def _policies_selecting(policies: list[dict], pod: Endpoint, direction: str) -> list[dict]:
    return [
        policy
        for policy in policies
        if policy["metadata"].get("namespace", "") == pod.namespace
        and selector_matches(policy["spec"].get("podSelector"), pod.label_map)
        and direction in policy["spec"].get("policyTypes", ["Ingress"])
    ]


def connection_allowed(policies: list[dict], source: Endpoint, target: Endpoint, port: int) -> bool:
    """Whether `source` may open a TCP connection to `target:port` under the given policies.

    A pod no policy selects for a direction is open in that direction, as in Kubernetes.
    """
    egress_policies = _policies_selecting(policies, source, "Egress")
    egress_ok = not egress_policies or any(
        _peer_list_allows(rule.get("to"), policy["metadata"].get("namespace", ""), target)
        and _port_matches(rule.get("ports"), target, port)
        for policy in egress_policies
        for rule in policy["spec"].get("egress", []) or []
    )
    ingress_policies = _policies_selecting(policies, target, "Ingress")
    ingress_ok = not ingress_policies or any(
        _peer_list_allows(rule.get("from"), policy["metadata"].get("namespace", ""), source)
        and _port_matches(rule.get("ports"), target, port)
        for policy in ingress_policies
        for rule in policy["spec"].get("ingress", []) or []
    )
    return egress_ok and ingress_ok


def _peer_list_allows(peers: list[dict] | None, policy_namespace: str, other: Endpoint) -> bool:
    if not peers:
        return True
    return any(_peer_matches(peer, policy_namespace, other) for peer in peers)


# --------------------------------------------------------------------------------------------
# Platform policies


def _namespace_of(docs: list[dict]) -> str:
    for doc in docs:
        if doc.get("kind") == "Namespace":
            return doc["metadata"]["name"]
    return ""


def _by_kind(docs: Iterable[dict], kind: str) -> list[dict]:
    return [doc for doc in docs if doc.get("kind") == kind]


def check_namespace(docs: list[dict]) -> list[str]:
    namespaces = _by_kind(docs, "Namespace")
    if len(namespaces) != 1:
        return [f"expected exactly one Namespace, found {len(namespaces)}"]
    labels = namespaces[0]["metadata"].get("labels", {})
    findings = []
    if labels.get("pod-security.kubernetes.io/enforce") != "restricted":
        findings.append("the Namespace does not enforce the 'restricted' pod security standard")
    name = namespaces[0]["metadata"]["name"]
    for doc in docs:
        if doc.get("kind") == "Namespace":
            continue
        if doc.get("metadata", {}).get("namespace") != name:
            findings.append(f"{ref(doc)} is not in namespace {name}")
    return findings


def _container_restricted(owner: str, container: dict, pod_security: dict) -> list[str]:
    findings = []
    where = f"{owner} container {container['name']}"
    security = container.get("securityContext", {}) or {}
    if security.get("allowPrivilegeEscalation") is not False:
        findings.append(f"{where}: allowPrivilegeEscalation is not false")
    if security.get("privileged"):
        findings.append(f"{where}: privileged")
    if "ALL" not in ((security.get("capabilities") or {}).get("drop") or []):
        findings.append(f"{where}: capabilities do not drop ALL")
    if (security.get("capabilities") or {}).get("add"):
        findings.append(f"{where}: adds capabilities")
    if security.get("readOnlyRootFilesystem") is not True:
        findings.append(f"{where}: root filesystem is writable")
    run_as_non_root = security.get("runAsNonRoot", pod_security.get("runAsNonRoot"))
    if run_as_non_root is not True:
        findings.append(f"{where}: runAsNonRoot is not true")
    if security.get("runAsUser", pod_security.get("runAsUser")) == 0:
        findings.append(f"{where}: runs as UID 0")
    seccomp = (security.get("seccompProfile") or pod_security.get("seccompProfile") or {}).get(
        "type"
    )
    if seccomp not in ("RuntimeDefault", "Localhost"):
        findings.append(f"{where}: seccomp profile is not RuntimeDefault")
    resources = container.get("resources", {}) or {}
    for section in ("requests", "limits"):
        for resource in ("cpu", "memory"):
            if resource not in (resources.get(section) or {}):
                findings.append(f"{where}: no {resource} {section[:-1]}")
    return findings


def check_workloads(docs: list[dict]) -> list[str]:
    """Restricted security context, requests and limits on every container, writable paths only
    on emptyDir volumes."""
    findings = []
    for pod in pod_templates(docs):
        spec = pod.spec
        for flag in ("hostNetwork", "hostPID", "hostIPC"):
            if spec.get(flag):
                findings.append(f"{pod.owner}: {flag} is set")
        if spec.get("automountServiceAccountToken") is not False:
            findings.append(f"{pod.owner}: mounts a service account token it does not use")
        volumes = {volume["name"]: volume for volume in spec.get("volumes", [])}
        for name, volume in volumes.items():
            if "hostPath" in volume:
                findings.append(f"{pod.owner}: volume {name} is a hostPath")
        pod_security = spec.get("securityContext", {}) or {}
        for container in pod.containers():
            findings += _container_restricted(pod.owner, container, pod_security)
            for mount in container.get("volumeMounts", []):
                volume = volumes.get(mount["name"], {})
                if not mount.get("readOnly") and not (
                    {"emptyDir", "configMap", "secret", "projected"} & set(volume)
                ):
                    findings.append(
                        f"{pod.owner} container {container['name']}: writable mount {mount['mountPath']} is not an emptyDir"
                    )
    return findings


def _http_probe_path(container: dict, probe: str) -> str | None:
    return ((container.get(probe) or {}).get("httpGet") or {}).get("path")


EXPECTED_PROBES = {
    "subgraph": {"livenessProbe": "/healthz", "readinessProbe": "/readyz"},
    "gateway": {"livenessProbe": "/healthcheck", "readinessProbe": "/readiness"},
}


def check_probes(docs: list[dict]) -> list[str]:
    findings = []
    deployments = _by_kind(docs, "Deployment")
    for deployment in deployments:
        labels = deployment["spec"]["template"]["metadata"].get("labels", {})
        expected = EXPECTED_PROBES.get(labels.get("app.kubernetes.io/component", ""), {})
        for container in deployment["spec"]["template"]["spec"]["containers"]:
            where = f"{ref(deployment)} container {container['name']}"
            liveness = _http_probe_path(container, "livenessProbe")
            readiness = _http_probe_path(container, "readinessProbe")
            if not liveness or not readiness:
                findings.append(f"{where}: needs both an HTTP liveness and an HTTP readiness probe")
                continue
            if liveness == readiness:
                findings.append(f"{where}: liveness and readiness probe the same path {liveness}")
            for probe, path in expected.items():
                if _http_probe_path(container, probe) != path:
                    findings.append(f"{where}: {probe} should be {path}")
    return findings


def check_availability(docs: list[dict]) -> list[str]:
    """Each Deployment has a PodDisruptionBudget, an autoscaler and pod anti-affinity."""
    findings = []
    budgets = _by_kind(docs, "PodDisruptionBudget")
    autoscalers = _by_kind(docs, "HorizontalPodAutoscaler")
    for deployment in _by_kind(docs, "Deployment"):
        name = deployment["metadata"]["name"]
        labels = deployment["spec"]["template"]["metadata"].get("labels", {})
        if not any(selector_matches(b["spec"].get("selector"), labels) for b in budgets):
            findings.append(f"{ref(deployment)}: no PodDisruptionBudget selects its pods")
        scalers = [a for a in autoscalers if a["spec"]["scaleTargetRef"]["name"] == name]
        if not scalers:
            findings.append(f"{ref(deployment)}: no HorizontalPodAutoscaler")
        for scaler in scalers:
            if scaler["spec"].get("minReplicas", 1) > scaler["spec"]["maxReplicas"]:
                findings.append(f"{ref(scaler)}: minReplicas above maxReplicas")
        if "replicas" in deployment["spec"] and scalers:
            findings.append(
                f"{ref(deployment)}: sets replicas although an autoscaler owns the count"
            )
        anti = (deployment["spec"]["template"]["spec"].get("affinity") or {}).get("podAntiAffinity")
        if not anti:
            findings.append(f"{ref(deployment)}: no pod anti-affinity")
    return findings


def check_secrets(docs: list[dict]) -> list[str]:
    """Secrets are referenced by name and made in the cluster, never rendered from the repository."""
    findings = []
    for doc in docs:
        if doc.get("kind") == "Secret":
            findings.append(
                f"{ref(doc)}: a Secret is part of the manifests; create it in the cluster instead"
            )
        if doc.get("kind") == "ConfigMap":
            for key in doc.get("data", {}) or {}:
                if SECRET_LIKE.search(key):
                    findings.append(f"{ref(doc)}: key {key} looks like a secret in a ConfigMap")
    for pod in pod_templates(docs):
        for volume in pod.spec.get("volumes", []):
            name = (volume.get("secret") or {}).get("secretName")
            if name and name not in KNOWN_SECRETS:
                findings.append(
                    f"{pod.owner}: volume {volume['name']} mounts unknown Secret {name}"
                )
        for container in pod.containers():
            where = f"{pod.owner} container {container['name']}"
            for source in container.get("envFrom", []):
                name = (source.get("secretRef") or {}).get("name")
                if name and name not in KNOWN_SECRETS:
                    findings.append(f"{where}: refers to unknown Secret {name}")
            for variable in container.get("env", []):
                secret = ((variable.get("valueFrom") or {}).get("secretKeyRef") or {}).get("name")
                if secret and secret not in KNOWN_SECRETS:
                    findings.append(f"{where}: refers to unknown Secret {secret}")
                value = variable.get("value")
                if value is not None and SECRET_LIKE.search(variable["name"]) and "$(" not in value:
                    findings.append(f"{where}: {variable['name']} has a literal value")
    return findings


def check_images(docs: list[dict], require_release_tags: bool) -> list[str]:
    findings = []
    for pod in pod_templates(docs):
        for container in pod.containers():
            image = container.get("image", "")
            _name, _, tag = (
                image.rpartition(":") if ":" in image.split("/")[-1] else (image, "", "")
            )
            where = f"{pod.owner} container {container['name']}"
            if "@sha256:" in image:
                continue
            if not tag or tag == "latest":
                findings.append(f"{where}: image {image!r} has no pinned tag")
            elif require_release_tags and not re.fullmatch(r"\d+\.\d+\.\d+", tag):
                findings.append(f"{where}: image {image!r} is not pinned to a release version")
    return findings


def _kafka_broker_endpoints(docs: list[dict], namespace: str) -> list[Endpoint]:
    return [
        endpoint(
            f"Kafka/{kafka['metadata']['name']} broker",
            namespace,
            {
                "strimzi.io/cluster": kafka["metadata"]["name"],
                "strimzi.io/kind": "Kafka",
                "strimzi.io/name": f"{kafka['metadata']['name']}-kafka",
            },
        )
        for kafka in _by_kind(docs, "Kafka")
    ]


def _postgres_endpoints(docs: list[dict], namespace: str) -> list[Endpoint]:
    return [
        endpoint(
            f"Cluster/{cluster['metadata']['name']} instance",
            namespace,
            {"cnpg.io/cluster": cluster["metadata"]["name"]},
        )
        for cluster in _by_kind(docs, "Cluster")
    ]


def _deployment_endpoints(docs: list[dict]) -> dict[str, Endpoint]:
    result = {}
    for deployment in _by_kind(docs, "Deployment"):
        spec = deployment["spec"]["template"]["spec"]
        ports = {
            port["name"]: port["containerPort"]
            for container in spec["containers"]
            for port in container.get("ports", [])
            if "name" in port
        }
        result[deployment["metadata"]["name"]] = endpoint(
            ref(deployment),
            deployment["metadata"].get("namespace", ""),
            deployment["spec"]["template"]["metadata"].get("labels", {}),
            ports,
        )
    return result


def _service_port(docs: list[dict], name: str) -> int | None:
    for service in _by_kind(docs, "Service"):
        if service["metadata"]["name"] == name:
            return service["spec"]["ports"][0]["port"]
    return None


def check_network_policies(docs: list[dict]) -> list[str]:
    """Default deny, then exactly: gateway -> subgraphs, subgraphs -> Kafka and PostgreSQL,
    Prometheus -> subgraphs' metrics port; every workload is selected by a policy of its own."""
    findings = []
    namespace = _namespace_of(docs)
    policies = _by_kind(docs, "NetworkPolicy")
    default_deny = [
        p
        for p in policies
        if p["spec"].get("podSelector") == {}
        and set(p["spec"].get("policyTypes", [])) == {"Ingress", "Egress"}
        and not p["spec"].get("ingress")
        and not p["spec"].get("egress")
    ]
    if not default_deny:
        findings.append(
            "no default-deny NetworkPolicy (empty podSelector, Ingress and Egress, no rules)"
        )
    specific = [p for p in policies if p["spec"].get("podSelector") != {}]
    for pod in pod_templates(docs):
        if not any(selector_matches(p["spec"].get("podSelector"), pod.labels) for p in specific):
            findings.append(
                f"{pod.owner}: no NetworkPolicy selects its pods besides the namespace-wide ones"
            )

    pods = _deployment_endpoints(docs)
    gateway = pods.get(GATEWAY)
    brokers = _kafka_broker_endpoints(docs, namespace)
    databases = _postgres_endpoints(docs, namespace)
    prometheus = endpoint("Prometheus", PROMETHEUS[0], PROMETHEUS[1])
    stranger = endpoint(
        "an unrelated pod in the namespace", namespace, {"app.kubernetes.io/name": "stranger"}
    )
    elsewhere = endpoint("a pod in another namespace", "other", {"app.kubernetes.io/name": GATEWAY})

    def expect(source: Endpoint, target: Endpoint, port: int, allowed: bool) -> None:
        if connection_allowed(policies, source, target, port) != allowed:
            verb = "cannot" if allowed else "can"
            findings.append(f"{source.name} {verb} connect to {target.name} on port {port}")

    for name in SUBGRAPHS:
        subgraph = pods.get(name)
        if subgraph is None:
            findings.append(f"no Deployment {name}")
            continue
        port = _service_port(docs, name) or 0
        if gateway is not None:
            expect(gateway, subgraph, port, True)
        expect(prometheus, subgraph, port, True)
        expect(stranger, subgraph, port, False)
        expect(elsewhere, subgraph, port, False)
        for broker in brokers:
            expect(subgraph, broker, KAFKA_CLIENT_PORT, True)
        for database in databases:
            expect(subgraph, database, POSTGRES_PORT, True)
        for other in SUBGRAPHS:
            if other != name and other in pods:
                expect(subgraph, pods[other], port, False)
    if gateway is not None:
        expect(elsewhere, gateway, _service_port(docs, GATEWAY) or 0, True)
        for broker in brokers:
            expect(gateway, broker, KAFKA_CLIENT_PORT, False)
        for database in databases:
            expect(gateway, database, POSTGRES_PORT, False)
    # A pod of another namespace has no egress policy of ours, so only the target's ingress
    # policies decide; a pod of this namespace is held back by the default deny as well.
    for target, port in [(b, KAFKA_CLIENT_PORT) for b in brokers] + [
        (d, POSTGRES_PORT) for d in databases
    ]:
        expect(stranger, target, port, False)
        expect(elsewhere, target, port, False)
    for pod in pod_templates(docs):
        if pod.labels.get("app.kubernetes.io/component") == "clustering-retrain":
            job = endpoint(pod.owner, pod.namespace, pod.labels)
            for database in databases:
                expect(job, database, POSTGRES_PORT, True)
    return findings


def _expected_replication(docs: list[dict]) -> tuple[int, int] | None:
    """Replicas and min.insync.replicas that the broker count allows: three and two once there are
    three brokers; a single-broker cluster can only hold one copy."""
    brokers = sum(
        pool["spec"]["replicas"]
        for pool in _by_kind(docs, "KafkaNodePool")
        if "broker" in pool["spec"]["roles"]
    )
    if not brokers:
        return None
    replicas = min(3, brokers)
    return replicas, max(1, replicas - 1)


def check_kafka(docs: list[dict], topics: Iterable[str]) -> list[str]:
    findings = []
    kafka_topics = _by_kind(docs, "KafkaTopic")
    kafkas = _by_kind(docs, "Kafka")
    if not kafkas:
        return ["no Kafka resource"]
    declared = {t["spec"].get("topicName") or t["metadata"]["name"]: t for t in kafka_topics}
    for topic in topics:
        if topic not in declared:
            findings.append(f"topic {topic} (schemas/topics.py) has no KafkaTopic")
    for name in sorted(set(declared) - set(topics)):
        findings.append(f"KafkaTopic {name} is not a topic of schemas/topics.py")
    cluster_names = {k["metadata"]["name"] for k in kafkas}
    expected = _expected_replication(docs)
    if expected is None:
        return [*findings, "no KafkaNodePool with the broker role"]
    replicas, min_insync = expected
    for name, topic in sorted(declared.items()):
        if topic["metadata"].get("labels", {}).get("strimzi.io/cluster") not in cluster_names:
            findings.append(f"KafkaTopic {name}: label strimzi.io/cluster names no Kafka")
        if topic["spec"].get("replicas") != replicas:
            findings.append(
                f"KafkaTopic {name}: replicas {topic['spec'].get('replicas')}, expected {replicas}"
            )
        actual = int((topic["spec"].get("config") or {}).get("min.insync.replicas", 0))
        if actual != min_insync:
            findings.append(
                f"KafkaTopic {name}: min.insync.replicas {actual}, expected {min_insync}"
            )
    for kafka in kafkas:
        config = kafka["spec"]["kafka"].get("config", {})
        for key, want in (
            ("default.replication.factor", replicas),
            ("offsets.topic.replication.factor", replicas),
            ("transaction.state.log.replication.factor", replicas),
            ("min.insync.replicas", min_insync),
            ("transaction.state.log.min.isr", min_insync),
        ):
            if int(config.get(key, 0)) != want:
                findings.append(f"{ref(kafka)}: {key} is {config.get(key)}, expected {want}")
    return findings


def check_postgres(docs: list[dict]) -> list[str]:
    findings = []
    clusters = _by_kind(docs, "Cluster")
    if not clusters:
        return ["no CloudNativePG Cluster"]
    databases = {d["spec"]["name"]: d for d in _by_kind(docs, "Database")}
    for cluster in clusters:
        roles = {role["name"]: role for role in cluster["spec"].get("managed", {}).get("roles", [])}
        for name in SUBGRAPHS:
            role = roles.get(name)
            if role is None:
                findings.append(f"{ref(cluster)}: no managed role {name}")
            elif (role.get("passwordSecret") or {}).get("name") != f"{name}-database":
                findings.append(
                    f"{ref(cluster)}: role {name} does not take its password from {name}-database"
                )
            database = databases.get(name)
            if database is None:
                findings.append(f"no Database {name}")
            elif (
                database["spec"]["owner"] != name
                or database["spec"]["cluster"]["name"] != cluster["metadata"]["name"]
            ):
                findings.append(f"Database {name} is not owned by role {name} on {ref(cluster)}")
    return findings


def check_overlay(overlay: str, docs: list[dict]) -> list[str]:
    findings = []
    autoscalers = _by_kind(docs, "HorizontalPodAutoscaler")
    if overlay == "dev":
        findings += [
            f"{ref(a)}: dev runs one replica"
            for a in autoscalers
            if a["spec"].get("minReplicas") != 1
        ]
    if overlay == "prod":
        findings += [
            f"{ref(a)}: prod needs at least two replicas"
            for a in autoscalers
            if a["spec"].get("minReplicas", 1) < 2
        ]
        findings += check_images(docs, require_release_tags=True)
        for cluster in _by_kind(docs, "Cluster"):
            if cluster["spec"].get("instances", 1) < 3:
                findings.append(f"{ref(cluster)}: prod needs three PostgreSQL instances")
        if not _by_kind(docs, "ScheduledBackup"):
            findings.append("prod has no ScheduledBackup")
    return findings


def all_topics() -> tuple[str, ...]:
    sys.path.insert(0, str(ROOT))
    from schemas.topics import ALL_TOPICS

    return ALL_TOPICS


POLICIES = {
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


# --------------------------------------------------------------------------------------------
# The commands the manifests run exist in the repository


@dataclass
class CommandReport:
    checked: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    # Named by a manifest but belonging to a part of the platform that does not exist yet.
    pending: list[str] = field(default_factory=list)


def _module_file(module: str) -> Path | None:
    base = ROOT.joinpath(*module.split("."))
    for candidate in (base.with_suffix(".py"), base / "__main__.py"):
        if candidate.is_file():
            return candidate
    return None


def _check_python_module(where: str, container: dict, report: CommandReport) -> None:
    args = container.get("args") or []
    if container.get("command"):
        report.missing.append(
            f"{where}: overrides the image's `python -m` entrypoint with {container['command']}"
        )
        return
    if len(args) != 1 or not re.fullmatch(r"services(\.[a-z_]+)+", args[0]):
        report.missing.append(f"{where}: args should be one module under services, got {args}")
        return
    module = args[0]
    report.checked.append(f"python -m {module}")
    if _module_file(module):
        return
    package = ROOT / "services" / module.split(".")[1]
    if not (package / "__init__.py").is_file():
        report.pending.append(
            f"{where}: python -m {module} (services/{package.name}/ does not exist yet)"
        )
    else:
        report.missing.append(
            f"{where}: python -m {module}, but {module.replace('.', '/')}.py does not exist"
        )


def _check_node_command(where: str, container: dict, report: CommandReport) -> None:
    command = container.get("command") or []
    workdir = container.get("workingDir", "")
    if len(command) < 2 or command[0] != "node" or not workdir.startswith("/app"):
        report.missing.append(
            f"{where}: expected `node SCRIPT ...` run under /app, got {command} in {workdir!r}"
        )
        return
    # The gateway image holds the repository's files at the same paths under /app.
    script = Path(workdir.removeprefix("/app").lstrip("/")) / command[1]
    report.checked.append(f"node {script} {' '.join(command[2:])}")
    package_json = ROOT / "gateway" / "package.json"
    if not package_json.is_file():
        report.pending.append(f"{where}: node {script} (gateway/package.json does not exist yet)")
        return
    if not (ROOT / script).is_file():
        report.missing.append(f"{where}: runs {script}, which does not exist")
    import json

    start = (
        json.loads(package_json.read_text(encoding="utf-8"))
        .get("scripts", {})
        .get("start", "")
        .split()
    )
    if len(start) >= 2 and start[0] == "node":
        same_script = Path("gateway") / start[1] == script
        if not same_script or command[2 : len(start)] != start[2:]:
            report.missing.append(
                f"{where}: `{' '.join(command)}` is not gateway/package.json's start script `{' '.join(start)}`"
            )


def check_commands(docs: list[dict]) -> CommandReport:
    report = CommandReport()
    for pod in pod_templates(docs):
        for container in pod.containers():
            where = f"{pod.owner} container {container['name']}"
            image = container.get("image", "")
            if "cadre-platform/services" in image:
                _check_python_module(where, container, report)
            elif "cadre-platform/gateway" in image:
                _check_node_command(where, container, report)
            else:
                report.missing.append(f"{where}: image {image} is not one of the platform's images")
    return report


# --------------------------------------------------------------------------------------------
# checkov's JSON report


def checkov_summary(report_file: Path, config_file: Path) -> tuple[str, list[str]]:
    """One summary line and the failures, from `checkov -o json`."""
    import json

    data = json.loads(report_file.read_text(encoding="utf-8"))
    reports = data if isinstance(data, list) else [data]
    passed = failed = parse_errors = resources = 0
    version = "?"
    failures = []
    for report in reports:
        summary = report.get("summary", {})
        passed += summary.get("passed", 0)
        failed += summary.get("failed", 0)
        parse_errors += summary.get("parsing_errors", 0)
        resources += summary.get("resource_count", 0)
        version = summary.get("checkov_version", version)
        for check in report.get("results", {}).get("failed_checks", []):
            failures.append(
                f"{check['check_id']} {check.get('check_name', '')}: {check.get('resource')} ({check.get('file_path')})"
            )
        for error in report.get("results", {}).get("parsing_errors", []) or []:
            failures.append(f"could not parse {error}")
    skipped = yaml.safe_load(config_file.read_text(encoding="utf-8")).get("skip-check", [])
    line = (
        f"checkov {version}: {passed} passed, {failed} failed, {parse_errors} parsing errors over {resources} resources; "
        f"switched off with reasons in {config_file.relative_to(ROOT)}: {', '.join(skipped) or 'none'}"
    )
    if passed == 0 and not failures:
        failures.append("checkov ran no check at all")
    return line, failures


# --------------------------------------------------------------------------------------------
# KafkaTopic resources from schemas/topics.py


def topics_yaml() -> str:
    sys.path.insert(0, str(ROOT))
    from schemas import topics

    lines = [
        "# Generated from schemas/topics.py by `python deploy/k8s/check.py topics --write`; do not edit.",
        "# Replicas and min.insync.replicas suit the three-broker pool; an overlay with fewer brokers",
        "# lowers them.",
    ]
    for topic in topics.ALL_TOPICS:
        dead_letter = topic in topics.DEAD_LETTER_TOPICS
        partitions = DEAD_LETTER_PARTITIONS if dead_letter else EVENT_TOPIC_PARTITIONS
        lines += [
            "---",
            "apiVersion: kafka.strimzi.io/v1",
            "kind: KafkaTopic",
            "metadata:",
            f"  name: {topic}",
            "  labels:",
            "    strimzi.io/cluster: platform",
            "spec:",
            f"  topicName: {topic}",
            f"  partitions: {partitions}",
            "  replicas: 3",
            "  config:",
            '    min.insync.replicas: "2"',
        ]
        if dead_letter:
            lines.append(f'    retention.ms: "{DEAD_LETTER_RETENTION_MS}"')
    return "\n".join(lines) + "\n"


# --------------------------------------------------------------------------------------------
# Command line


def _print_findings(title: str, findings: list[str]) -> None:
    print(f"  {title}: {'ok' if not findings else f'{len(findings)} problem(s)'}")
    for finding in findings:
        print(f"    - {finding}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    commands = parser.add_subparsers(dest="command", required=True)
    validate = commands.add_parser(
        "validate", help="validate rendered objects against their schemas"
    )
    validate.add_argument("rendered", type=Path)
    validate.add_argument(
        "--crds", type=Path, required=True, help="folder of CustomResourceDefinition YAML"
    )
    validate.add_argument(
        "--kubernetes", action="append", required=True, help="Kubernetes version, repeatable"
    )
    policy = commands.add_parser("policy", help="check the platform's own rules")
    policy.add_argument("rendered", type=Path)
    topics = commands.add_parser(
        "topics", help="compare (or --write) the KafkaTopic file with schemas/topics.py"
    )
    topics.add_argument("--write", action="store_true")
    images = commands.add_parser(
        "commands", help="check that the modules and scripts the containers run exist"
    )
    images.add_argument("rendered", type=Path)
    checkov = commands.add_parser("checkov-report", help="summarise checkov's JSON report")
    checkov.add_argument("report", type=Path)
    checkov.add_argument("--config", type=Path, required=True)
    args = parser.parse_args(argv)

    if args.command == "checkov-report":
        line, failures = checkov_summary(args.report, args.config)
        print(line)
        for failure in failures:
            print(f"  failed: {failure}")
        return 1 if failures else 0

    if args.command == "topics":
        wanted = topics_yaml()
        if args.write:
            TOPICS_FILE.write_text(wanted, encoding="utf-8")
            print(f"wrote {TOPICS_FILE.relative_to(ROOT)}")
            return 0
        if TOPICS_FILE.read_text(encoding="utf-8") != wanted:
            print(
                f"{TOPICS_FILE.relative_to(ROOT)} is stale; run: python deploy/k8s/check.py topics --write"
            )
            return 1
        print(
            f"topics: {TOPICS_FILE.relative_to(ROOT)} matches schemas/topics.py ({len(all_topics())} topics)"
        )
        return 0

    docs_by_overlay = load_rendered(args.rendered)
    if args.command == "validate":
        crds = load_crd_schemas(args.crds)
        report = validate_documents(docs_by_overlay, crds, args.kubernetes)
        total = sum(len(docs) for docs in docs_by_overlay.values())
        print(
            f"schemas: {total} objects in {len(docs_by_overlay)} overlays; "
            f"{report.validated_builtin} built-in validated against Kubernetes {', '.join(args.kubernetes)}; "
            f"{report.validated_custom} custom resources validated against {len({c.source for c in crds.values()})} CRDs; "
            f"{len(report.unvalidated)} unvalidated; {len(report.errors)} error(s)"
        )
        if report.cel_rules_not_evaluated:
            print(
                f"  note: {report.cel_rules_not_evaluated} CEL rules in the CRDs used need an API server and were not evaluated"
            )
        for item in report.unvalidated:
            print(f"  unvalidated (no schema available): {item}")
        for error in report.errors:
            print(f"  error: {error}")
        return 1 if report.errors else 0

    if args.command == "commands":
        report = CommandReport()
        for docs in docs_by_overlay.values():
            one = check_commands(docs)
            report.checked += one.checked
            report.missing += one.missing
            report.pending += one.pending
        print(
            f"commands: {len(set(report.checked))} distinct commands in the manifests; "
            f"{len(set(report.missing))} missing, {len(set(report.pending))} waiting for their service"
        )
        for item in sorted(set(report.pending)):
            print(f"  waiting: {item}")
        for item in sorted(set(report.missing)):
            print(f"  missing: {item}")
        return 1 if report.missing else 0

    results = run_policies(docs_by_overlay)
    failed = 0
    for overlay, by_policy in results.items():
        print(f"policies for overlay {overlay}:")
        for name, findings in by_policy.items():
            _print_findings(name, findings)
            failed += len(findings)
    checked = sum(len(p) for p in results.values())
    print(f"policies: {checked} checks over {len(results)} overlays, {failed} problem(s)")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
