"""A KafkaTopic for exactly the topics of schemas/topics.py, replicated as the broker count allows."""

from __future__ import annotations

from collections.abc import Iterable

from deploy.k8s.checks.documents import by_kind, ref


def expected_replication(docs: list[dict]) -> tuple[int, int] | None:
    """Replicas and min.insync.replicas that the broker count allows: three and two once there are
    three brokers; a single-broker cluster can only hold one copy."""
    brokers = sum(
        pool["spec"]["replicas"]
        for pool in by_kind(docs, "KafkaNodePool")
        if "broker" in pool["spec"]["roles"]
    )
    if not brokers:
        return None
    replicas = min(3, brokers)
    return replicas, max(1, replicas - 1)


def _coverage_findings(declared: dict[str, dict], topics: Iterable[str]) -> list[str]:
    topics = list(topics)
    findings = [
        f"topic {topic} (schemas/topics.py) has no KafkaTopic"
        for topic in topics
        if topic not in declared
    ]
    findings += [
        f"KafkaTopic {name} is not a topic of schemas/topics.py"
        for name in sorted(set(declared) - set(topics))
    ]
    return findings


def _topic_findings(
    name: str, topic: dict, cluster_names: set[str], replicas: int, min_insync: int
) -> list[str]:
    findings = []
    if topic["metadata"].get("labels", {}).get("strimzi.io/cluster") not in cluster_names:
        findings.append(f"KafkaTopic {name}: label strimzi.io/cluster names no Kafka")
    if topic["spec"].get("replicas") != replicas:
        findings.append(
            f"KafkaTopic {name}: replicas {topic['spec'].get('replicas')}, expected {replicas}"
        )
    actual = int((topic["spec"].get("config") or {}).get("min.insync.replicas", 0))
    if actual != min_insync:
        findings.append(f"KafkaTopic {name}: min.insync.replicas {actual}, expected {min_insync}")
    return findings


def _cluster_findings(kafka: dict, replicas: int, min_insync: int) -> list[str]:
    config = kafka["spec"]["kafka"].get("config", {})
    wanted = (
        ("default.replication.factor", replicas),
        ("offsets.topic.replication.factor", replicas),
        ("transaction.state.log.replication.factor", replicas),
        ("min.insync.replicas", min_insync),
        ("transaction.state.log.min.isr", min_insync),
    )
    return [
        f"{ref(kafka)}: {key} is {config.get(key)}, expected {want}"
        for key, want in wanted
        if int(config.get(key, 0)) != want
    ]


def check_kafka(docs: list[dict], topics: Iterable[str]) -> list[str]:
    kafkas = by_kind(docs, "Kafka")
    if not kafkas:
        return ["no Kafka resource"]
    declared = {
        t["spec"].get("topicName") or t["metadata"]["name"]: t for t in by_kind(docs, "KafkaTopic")
    }
    findings = _coverage_findings(declared, topics)
    expected = expected_replication(docs)
    if expected is None:
        return [*findings, "no KafkaNodePool with the broker role"]
    replicas, min_insync = expected
    cluster_names = {k["metadata"]["name"] for k in kafkas}
    for name, topic in sorted(declared.items()):
        findings += _topic_findings(name, topic, cluster_names, replicas, min_insync)
    for kafka in kafkas:
        findings += _cluster_findings(kafka, replicas, min_insync)
    return findings
