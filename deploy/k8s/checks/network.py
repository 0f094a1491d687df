"""NetworkPolicy simulated: whether one pod may open a TCP connection to another.

A connection needs the source's egress and the target's ingress to allow it; a pod that no
policy selects for a direction is open in that direction, as in Kubernetes.
"""

from __future__ import annotations

from dataclasses import dataclass

from deploy.k8s.checks.pods import selector_matches

CATCH_ALL_CIDRS = ("0.0.0.0/0", "::/0")


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
        return peer["ipBlock"].get("cidr") in CATCH_ALL_CIDRS
    if "namespaceSelector" in peer:
        namespace_labels = {"kubernetes.io/metadata.name": other.namespace}
        if not selector_matches(peer["namespaceSelector"], namespace_labels):
            return False
    elif other.namespace != policy_namespace:
        return False
    if "podSelector" in peer:
        return selector_matches(peer["podSelector"], other.label_map)
    return True


def _rule_port_matches(rule_port: dict, target: Endpoint, port: int) -> bool:
    if rule_port.get("protocol", "TCP") != "TCP":
        return False
    if "port" not in rule_port:
        return True
    first = target.port_number(rule_port["port"])
    last = rule_port.get("endPort", first)
    return first is not None and first <= port <= last


def _port_matches(rule_ports: list[dict] | None, target: Endpoint, port: int) -> bool:
    if not rule_ports:
        return True
    return any(_rule_port_matches(rule_port, target, port) for rule_port in rule_ports)


def _peer_list_allows(peers: list[dict] | None, policy_namespace: str, other: Endpoint) -> bool:
    if not peers:
        return True
    return any(_peer_matches(peer, policy_namespace, other) for peer in peers)


def _policies_selecting(policies: list[dict], pod: Endpoint, direction: str) -> list[dict]:
    return [
        policy
        for policy in policies
        if policy["metadata"].get("namespace", "") == pod.namespace
        and selector_matches(policy["spec"].get("podSelector"), pod.label_map)
        and direction in policy["spec"].get("policyTypes", ["Ingress"])
    ]


def _direction_allows(
    policies: list[dict], pod: Endpoint, direction: str, peer: Endpoint, target: Endpoint, port: int
) -> bool:
    """`pod`'s policies for `direction` let `peer` through to `target:port`."""
    selecting = _policies_selecting(policies, pod, direction)
    rules_key, peers_key = ("egress", "to") if direction == "Egress" else ("ingress", "from")
    return not selecting or any(
        _peer_list_allows(rule.get(peers_key), policy["metadata"].get("namespace", ""), peer)
        and _port_matches(rule.get("ports"), target, port)
        for policy in selecting
        for rule in policy["spec"].get(rules_key, []) or []
    )


def connection_allowed(policies: list[dict], source: Endpoint, target: Endpoint, port: int) -> bool:
    """Whether `source` may open a TCP connection to `target:port` under the given policies."""
    return _direction_allows(policies, source, "Egress", target, target, port) and (
        _direction_allows(policies, target, "Ingress", source, target, port)
    )
