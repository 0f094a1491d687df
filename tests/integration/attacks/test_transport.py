"""Kafka over TLS with SASL/SCRAM and PostgreSQL over verified TLS, on the attack tests' own stack
(created with STACK_TLS=1): the services produce and consume through it, and a client with the
wrong password, no TLS or a CA of its own is refused."""

from __future__ import annotations

import logging
import ssl

import asyncpg
import pytest
from aiokafka import AIOKafkaProducer
from aiokafka.errors import KafkaError
from pydantic import SecretStr

from schemas import topics
from scripts.local_stack.tls import new_certificates
from services.common.db import asyncpg_dsn, database_ssl
from services.common.kafka import connection_options, make_producer
from services.common.settings import PlatformSettings
from tests.support import TopicReader, database, eventually, unique

REGISTER_UNIT = "mutation($u: UnitInput!) { registerUnit(input: $u) { id } }"


async def roster_has(settings: PlatformSettings, service: str, unit_id: str) -> bool:
    conn = await database(settings, service)
    try:
        return bool(
            await conn.fetchval("SELECT count(*) FROM unit_roster WHERE unit_id = $1", unit_id)
        )
    finally:
        await conn.close()


async def test_the_broker_speaks_only_sasl_ssl_with_scram(own_settings):
    assert own_settings.kafka_security_protocol == "SASL_SSL"
    assert own_settings.kafka_sasl_mechanism == "SCRAM-SHA-512"
    assert own_settings.database_sslmode == "verify-full"


async def test_a_service_produces_and_the_others_consume_through_tls_and_scram(
    own_settings, own_subgraph
):
    unit_id = unique("U-tls")
    async with TopicReader(own_settings, topics.UNITS) as reader:
        await own_subgraph("indicator").execute(
            REGISTER_UNIT, {"u": {"id": unit_id, "name": "加密乡", "category": "township"}}
        )
        envelope, _ = await reader.wait_for(
            lambda e, h: e.get("payload", {}).get("unit_id") == unit_id, timeout=30
        )
    assert envelope["producer"] == "indicator"
    # Scoring and development consume the event from the same SASL_SSL listener.
    for service in ("scoring", "development"):
        assert await eventually(lambda s=service: roster_has(own_settings, s, unit_id), timeout=30)


async def refused(producer: AIOKafkaProducer, caplog: pytest.LogCaptureFixture) -> str:
    """Why the broker refused: aiokafka raises "unable to bootstrap" and logs the reason."""
    with caplog.at_level(logging.ERROR, logger="aiokafka"), pytest.raises(KafkaError):
        await producer.start()
    await producer.stop()
    return caplog.text


async def test_a_wrong_password_is_refused(own_settings, caplog):
    wrong = own_settings.model_copy(update={"kafka_sasl_password": SecretStr("not-the-password")})
    error = await refused(make_producer(wrong, "wrong-password"), caplog)
    assert "SaslAuthenticationFailed" in error and "invalid credentials" in error, error


async def test_an_unknown_user_is_refused(own_settings, caplog):
    stranger = own_settings.model_copy(update={"kafka_sasl_username": unique("stranger")})
    error = await refused(make_producer(stranger, "unknown-user"), caplog)
    assert "SaslAuthenticationFailed" in error, error


async def test_a_plaintext_client_is_refused(own_settings, caplog):
    plain = own_settings.model_copy(update={"kafka_security_protocol": "PLAINTEXT"})
    options = connection_options(plain)
    assert set(options) == {"bootstrap_servers", "security_protocol"}
    error = await refused(AIOKafkaProducer(**options, request_timeout_ms=5000), caplog)
    assert "Unable connect" in error, error


async def test_a_broker_that_the_client_cannot_verify_gets_no_password(
    own_settings, tmp_path, caplog
):
    # A CA the broker's certificate does not chain to: the TLS handshake fails before SASL.
    other_ca = tmp_path / "other-ca.pem"
    other_ca.write_text(_other_ca())
    distrusting = own_settings.model_copy(update={"kafka_ssl_cafile": str(other_ca)})
    error = await refused(make_producer(distrusting, "distrusting"), caplog)
    assert "CERTIFICATE_VERIFY_FAILED" in error, error


async def test_the_services_reach_postgresql_only_over_verified_tls(own_settings):
    for service in ("indicator", "scoring", "development"):
        # A role sees its own sessions only: the service's, and this one.
        conn = await database(own_settings, service)
        try:
            rows = await conn.fetch(
                "SELECT s.ssl FROM pg_stat_activity a JOIN pg_stat_ssl s USING (pid) "
                "WHERE a.usename = $1 AND a.pid <> pg_backend_pid()",
                service,
            )
        finally:
            await conn.close()
        assert rows, f"{service} holds no connection to its database"
        assert all(row["ssl"] for row in rows), f"{service}: {rows}"


async def test_a_database_server_that_the_client_cannot_verify_is_refused(own_settings, tmp_path):
    other_ca = tmp_path / "other-ca.pem"
    other_ca.write_text(_other_ca())
    distrusting = own_settings.model_copy(update={"database_sslrootcert": str(other_ca)})
    with pytest.raises(ssl.SSLCertVerificationError):
        await asyncpg.connect(
            asyncpg_dsn(own_settings.scoring_database_url), ssl=database_ssl(distrusting)
        )


def _other_ca() -> str:
    """A CA certificate of another stack: valid, but not the one that signed the servers'."""
    ca_cert, *_ = new_certificates("elsewhere")
    return ca_cert.decode()
