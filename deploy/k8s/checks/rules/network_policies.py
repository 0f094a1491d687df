"""Default deny, then exactly: gateway -> subgraphs, subgraphs -> Kafka and PostgreSQL,
Prometheus -> subgraphs' metrics port; every workload is selected by a policy of its own.

Each expectation is one simulated connection (deploy/k8s/checks/network.py) between the pods the
overlay runs, Prometheus, and two strangers: a pod of the namespace and a pod of another one.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from deploy.k8s.checks.constants import (
    GATEWAY,
    KAFKA_CLIENT_PORT,
    POSTGRES_PORT,
    PROMETHEUS,
    SUBGRAPHS,
)
from deploy.k8s.checks.documents import by_kind, namespace_of, ref
from deploy.k8s.checks.network import Endpoint, connection_allowed, endpoint
from deploy.k8s.checks.pods import pod_templates, selector_matches


def _is_default_deny(policy: dict) -> bool:
    spec = policy["spec"]
    return (
        spec.get("podSelector") == {}
        and set(spec.get("policyTypes", [])) == {"Ingress", "Egress"}
        and not spec.get("ingress")
        and not spec.get("egress")
    )


def _selection_findings(docs: list[dict], policies: list[dict]) -> list[str]:
    findings = []
    if not any(_is_default_deny(p) for p in policies):
        findings.append(
            "no default-deny NetworkPolicy (empty podSelector, Ingress and Egress, no rules)"
        )
    specific = [p for p in policies if p["spec"].get("podSelector") != {}]
    findings += [
        f"{pod.owner}: no NetworkPolicy selects its pods besides the namespace-wide ones"
        for pod in pod_templates(docs)
        if not any(selector_matches(p["spec"].get("podSelector"), pod.labels) for p in specific)
    ]
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
        for kafka in by_kind(docs, "Kafka")
    ]


def _postgres_endpoints(docs: list[dict], namespace: str) -> list[Endpoint]:
    return [
        endpoint(
            f"Cluster/{cluster['metadata']['name']} instance",
            namespace,
            {"cnpg.io/cluster": cluster["metadata"]["name"]},
        )
        for cluster in by_kind(docs, "Cluster")
    ]


def _deployment_endpoints(docs: list[dict]) -> dict[str, Endpoint]:
    result = {}
    for deployment in by_kind(docs, "Deployment"):
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


def _kafka_client_port(docs: list[dict]) -> int:
    """The port the services' settings send them to (KAFKA_BOOTSTRAP_SERVERS), else the plain one."""
    for config in by_kind(docs, "ConfigMap"):
        if config["metadata"]["name"].startswith("platform-config"):
            servers = (config.get("data") or {}).get("KAFKA_BOOTSTRAP_SERVERS", "")
            port = servers.split(",")[0].rpartition(":")[2]
            if port.isdigit():
                return int(port)
    return KAFKA_CLIENT_PORT


def _service_port(docs: list[dict], name: str) -> int:
    for service in by_kind(docs, "Service"):
        if service["metadata"]["name"] == name:
            return service["spec"]["ports"][0]["port"] or 0
    return 0


@dataclass
class Connections:
    """The endpoints of one overlay, and what the simulation disagreed with."""

    docs: list[dict]
    policies: list[dict]
    namespace: str
    pods: dict[str, Endpoint]
    brokers: list[Endpoint]
    databases: list[Endpoint]
    prometheus: Endpoint
    kafka_port: int
    stranger: Endpoint
    elsewhere: Endpoint
    findings: list[str] = field(default_factory=list)

    @classmethod
    def of(cls, docs: list[dict]) -> Connections:
        namespace = namespace_of(docs)
        return cls(
            docs=docs,
            policies=by_kind(docs, "NetworkPolicy"),
            namespace=namespace,
            pods=_deployment_endpoints(docs),
            brokers=_kafka_broker_endpoints(docs, namespace),
            databases=_postgres_endpoints(docs, namespace),
            prometheus=endpoint("Prometheus", PROMETHEUS[0], PROMETHEUS[1]),
            kafka_port=_kafka_client_port(docs),
            stranger=endpoint(
                "an unrelated pod in the namespace",
                namespace,
                {"app.kubernetes.io/name": "stranger"},
            ),
            elsewhere=endpoint(
                "a pod in another namespace", "other", {"app.kubernetes.io/name": GATEWAY}
            ),
        )

    def expect(self, source: Endpoint, target: Endpoint, port: int, allowed: bool) -> None:
        if connection_allowed(self.policies, source, target, port) != allowed:
            verb = "cannot" if allowed else "can"
            self.findings.append(f"{source.name} {verb} connect to {target.name} on port {port}")

    def expect_infrastructure(self, source: Endpoint, allowed: bool) -> None:
        for broker in self.brokers:
            self.expect(source, broker, self.kafka_port, allowed)
        for database in self.databases:
            self.expect(source, database, POSTGRES_PORT, allowed)

    def check_subgraph(self, name: str) -> None:
        subgraph = self.pods.get(name)
        if subgraph is None:
            self.findings.append(f"no Deployment {name}")
            return
        port = _service_port(self.docs, name)
        gateway = self.pods.get(GATEWAY)
        if gateway is not None:
            self.expect(gateway, subgraph, port, True)
        self.expect(self.prometheus, subgraph, port, True)
        self.expect(self.stranger, subgraph, port, False)
        self.expect(self.elsewhere, subgraph, port, False)
        self.expect_infrastructure(subgraph, True)
        for other in SUBGRAPHS:
            if other != name and other in self.pods:
                self.expect(subgraph, self.pods[other], port, False)

    def check_gateway(self) -> None:
        gateway = self.pods.get(GATEWAY)
        if gateway is None:
            return
        self.expect(self.elsewhere, gateway, _service_port(self.docs, GATEWAY), True)
        self.expect_infrastructure(gateway, False)

    def check_infrastructure_closed(self) -> None:
        """A pod of another namespace has no egress policy of ours, so only the target's ingress
        policies decide; a pod of this namespace is held back by the default deny as well."""
        targets = [(b, self.kafka_port) for b in self.brokers] + [
            (d, POSTGRES_PORT) for d in self.databases
        ]
        for target, port in targets:
            self.expect(self.stranger, target, port, False)
            self.expect(self.elsewhere, target, port, False)

    def check_jobs(self) -> None:
        for pod in pod_templates(self.docs):
            if pod.labels.get("app.kubernetes.io/component") == "clustering-retrain":
                job = endpoint(pod.owner, pod.namespace, pod.labels)
                for database in self.databases:
                    self.expect(job, database, POSTGRES_PORT, True)


def check_network_policies(docs: list[dict]) -> list[str]:
    connections = Connections.of(docs)
    for name in SUBGRAPHS:
        connections.check_subgraph(name)
    connections.check_gateway()
    connections.check_infrastructure_closed()
    connections.check_jobs()
    return _selection_findings(docs, connections.policies) + connections.findings
