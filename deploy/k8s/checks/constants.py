"""What the checks know about the platform: its workloads, ports, Secrets and topic sizing."""

from __future__ import annotations

import re
from pathlib import Path

K8S_DIR = Path(__file__).resolve().parent.parent
ROOT = K8S_DIR.parent.parent
TOPICS_FILE = K8S_DIR / "components" / "kafka-strimzi" / "topics.yaml"

SUBGRAPHS = ("indicator", "scoring", "development")
GATEWAY = "gateway"
# The brokers' client port when the platform's settings do not name one (the plain listener).
KAFKA_CLIENT_PORT = 9092
POSTGRES_PORT = 5432
# Where the Prometheus that scrapes /metrics runs; the policies in base/ name the same place.
PROMETHEUS = ("monitoring", {"app.kubernetes.io/name": "prometheus"})
# The only Secrets the manifests may refer to; docs/deploy-kubernetes.md says how each is made.
KNOWN_SECRETS = frozenset(
    {f"{name}-database" for name in SUBGRAPHS}
    | {"platform-jwt", "scoring-ledger-key", "platform-db-backup-credentials"}
    # Made by the operators: each service's KafkaUser password (Strimzi's User Operator) and the
    # CA certificates of Kafka (Strimzi) and PostgreSQL (CloudNativePG).
    | {f"{name}-kafka" for name in SUBGRAPHS}
    | {"platform-cluster-ca-cert", "platform-db-ca"}
)
# Event topics carry the load; dead letters only park the few messages that failed.
EVENT_TOPIC_PARTITIONS = 12
DEAD_LETTER_PARTITIONS = 3
DEAD_LETTER_RETENTION_MS = 30 * 24 * 3600 * 1000
WORKLOAD_KINDS = ("Deployment", "StatefulSet", "DaemonSet", "Job", "CronJob")
SECRET_LIKE = re.compile(r"(PASSWORD|SECRET|TOKEN|PRIVATE_KEY|API_KEY)", re.IGNORECASE)
