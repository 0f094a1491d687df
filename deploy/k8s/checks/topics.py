"""The KafkaTopic resources, generated from schemas/topics.py."""

from __future__ import annotations

import sys
from types import ModuleType

from deploy.k8s.checks.constants import (
    DEAD_LETTER_PARTITIONS,
    DEAD_LETTER_RETENTION_MS,
    EVENT_TOPIC_PARTITIONS,
    ROOT,
)


def _import_topics() -> ModuleType:
    """schemas.topics, importable whether or not the repository root is on the path."""
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    from schemas import topics

    return topics


def all_topics() -> tuple[str, ...]:
    return tuple(_import_topics().ALL_TOPICS)


def _topic_lines(topic: str, dead_letter: bool) -> list[str]:
    partitions = DEAD_LETTER_PARTITIONS if dead_letter else EVENT_TOPIC_PARTITIONS
    lines = [
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
    return lines


def topics_yaml() -> str:
    topics = _import_topics()
    lines = [
        "# Generated from schemas/topics.py by `python deploy/k8s/check.py topics --write`; do not edit.",
        "# Replicas and min.insync.replicas suit the three-broker pool; an overlay with fewer brokers",
        "# lowers them.",
    ]
    for topic in topics.ALL_TOPICS:
        lines += _topic_lines(topic, topic in topics.DEAD_LETTER_TOPICS)
    return "\n".join(lines) + "\n"
