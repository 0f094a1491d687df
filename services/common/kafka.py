"""Kafka clients configured the one way the platform uses them."""

from __future__ import annotations

from aiokafka import AIOKafkaConsumer, AIOKafkaProducer

from schemas.envelope import Envelope


def make_producer(bootstrap_servers: str, client_id: str) -> AIOKafkaProducer:
    # Idempotence implies acks=all: a retried send never duplicates or reorders within a partition.
    # No linger: the relay sends the rows it claimed in one burst, which batches by itself, and
    # waiting for more would only add latency to every event.
    return AIOKafkaProducer(
        bootstrap_servers=bootstrap_servers,
        client_id=client_id,
        enable_idempotence=True,
        linger_ms=0,
        max_batch_size=256 * 1024,
    )


def make_consumer(
    bootstrap_servers: str, group: str, topics: list[str], client_id: str
) -> AIOKafkaConsumer:
    return AIOKafkaConsumer(
        *topics,
        bootstrap_servers=bootstrap_servers,
        group_id=group,
        client_id=client_id,
        enable_auto_commit=False,
        auto_offset_reset="earliest",
        isolation_level="read_committed",
        fetch_max_wait_ms=100,
        max_poll_records=None,
    )


def envelope_headers(envelope: Envelope | dict) -> list[tuple[str, bytes]]:
    data = envelope if isinstance(envelope, dict) else envelope.model_dump(mode="json")
    headers = [
        ("event_type", str(data["event_type"]).encode()),
        ("schema_version", str(data["schema_version"]).encode()),
    ]
    if data.get("correlation_id"):
        headers.append(("correlation_id", str(data["correlation_id"]).encode()))
    return headers
