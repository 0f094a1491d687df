"""Kafka clients configured the one way the platform uses them."""

from __future__ import annotations

from typing import Any

from aiokafka import AIOKafkaConsumer, AIOKafkaProducer
from aiokafka.helpers import create_ssl_context

from schemas.envelope import Envelope
from services.common.settings import PlatformSettings

# Where the brokers are, and how to reach them: the settings (every service's clients), or a bare
# `host:port` list for a PLAINTEXT broker (a local stack's, in tests).
KafkaTarget = PlatformSettings | str


def connection_options(target: KafkaTarget) -> dict[str, Any]:
    """The bootstrap servers and the transport options every Kafka client of the platform takes:
    producers, consumers and the admin client alike, so none can forget TLS or SASL."""
    if isinstance(target, str):
        return {"bootstrap_servers": target}
    protocol = target.kafka_security_protocol
    options: dict[str, Any] = {
        "bootstrap_servers": target.kafka_bootstrap_servers,
        "security_protocol": protocol,
    }
    if protocol in ("SSL", "SASL_SSL"):
        # The CA the brokers' certificates chain to (else the system's), and their host names
        # checked: a broker that cannot prove it is the named one gets no credentials.
        options["ssl_context"] = create_ssl_context(cafile=target.kafka_ssl_cafile)
    if protocol.startswith("SASL_"):
        # Checked here, not when the settings load: a migration runs with the same configuration
        # and never talks to Kafka, so it is not given the service's Kafka password.
        password = target.kafka_sasl_password
        if not (target.kafka_sasl_username and password):
            raise ValueError(
                f"KAFKA_SECURITY_PROTOCOL={protocol} needs KAFKA_SASL_USERNAME and KAFKA_SASL_PASSWORD"
            )
        options["sasl_mechanism"] = target.kafka_sasl_mechanism
        options["sasl_plain_username"] = target.kafka_sasl_username
        options["sasl_plain_password"] = password.get_secret_value() if password else None
    return options


def make_producer(target: KafkaTarget, client_id: str) -> AIOKafkaProducer:
    # Idempotence implies acks=all: a retried send never duplicates or reorders within a partition.
    # No linger: the relay sends the rows it claimed in one burst, which batches by itself, and
    # waiting for more would only add latency to every event.
    return AIOKafkaProducer(
        **connection_options(target),
        client_id=client_id,
        enable_idempotence=True,
        linger_ms=0,
        max_batch_size=256 * 1024,
    )


def make_consumer(
    target: KafkaTarget, group: str, topics: list[str], client_id: str
) -> AIOKafkaConsumer:
    return AIOKafkaConsumer(
        *topics,
        **connection_options(target),
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
