"""The local stack's TLS option: its certificates, the broker's listeners and what clients get."""

from __future__ import annotations

import datetime
import ipaddress

import pytest
from cryptography import x509
from cryptography.hazmat.primitives.asymmetric import padding

from scripts.local_stack.components.kafka import Kafka, server_properties
from scripts.local_stack.components.postgres import Postgres, server_settings
from scripts.local_stack.errors import StackError
from scripts.local_stack.model import Stack
from scripts.local_stack.registry import default_registry
from scripts.local_stack.tls import create_tls, prepare_tls, tls_enabled


@pytest.fixture
def stack(tmp_path) -> Stack:
    return Stack("wt-tls", 9000, default_registry(), tmp_path)


def properties(text: str) -> dict[str, str]:
    return dict(line.split("=", 1) for line in text.splitlines() if line)


def test_the_server_certificate_names_the_local_addresses_and_is_signed_by_the_ca(stack):
    files = create_tls(stack)
    ca = x509.load_pem_x509_certificate(files.ca_cert.read_bytes())
    server = x509.load_pem_x509_certificate(files.server_cert.read_bytes())
    names = server.extensions.get_extension_for_class(x509.SubjectAlternativeName).value
    assert names.get_values_for_type(x509.DNSName) == ["localhost"]
    assert names.get_values_for_type(x509.IPAddress) == [ipaddress.ip_address("127.0.0.1")]
    ca.public_key().verify(
        server.signature,
        server.tbs_certificate_bytes,
        padding.PKCS1v15(),
        server.signature_hash_algorithm,
    )
    assert server.not_valid_after_utc > datetime.datetime.now(datetime.UTC)
    # Private keys and passwords are for this account only.
    for private in (files.ca_key, files.server_key, files.kafka_keystore, files.users_file):
        assert private.stat().st_mode & 0o077 == 0, private


def test_without_the_option_nothing_changes(stack):
    prepare_tls(stack, {})
    assert not tls_enabled(stack)
    assert Kafka.environment(stack) == {"KAFKA_BOOTSTRAP_SERVERS": "127.0.0.1:9092"}
    assert Postgres.environment(stack) == {}
    values = properties(server_properties(9092, 9093, stack.kafka_logs))
    assert values["listeners"] == "PLAINTEXT://127.0.0.1:9092,CONTROLLER://127.0.0.1:9093"
    assert "sasl.enabled.mechanisms" not in values


def test_with_the_option_kafka_serves_sasl_ssl_only_and_clients_verify_both_servers(stack):
    prepare_tls(stack, {"STACK_TLS": "1"})
    assert tls_enabled(stack)
    env = Kafka.environment(stack)
    users = Kafka(stack).tls.users()
    assert env == {
        "KAFKA_BOOTSTRAP_SERVERS": "127.0.0.1:9092",
        "KAFKA_SECURITY_PROTOCOL": "SASL_SSL",
        "KAFKA_SASL_MECHANISM": "SCRAM-SHA-512",
        "KAFKA_SASL_USERNAME": "platform",
        "KAFKA_SASL_PASSWORD": users["platform"],
        "KAFKA_SSL_CAFILE": str(stack.dir / "tls" / "ca.pem"),
    }
    assert Postgres.environment(stack) == {
        "DATABASE_SSLMODE": "verify-full",
        "DATABASE_SSLROOTCERT": str(stack.dir / "tls" / "ca.pem"),
    }
    values = properties(Kafka(stack).properties())
    assert values["listeners"] == "SASL_SSL://127.0.0.1:9092,CONTROLLER://127.0.0.1:9093"
    assert values["inter.broker.listener.name"] == "SASL_SSL"
    assert values["sasl.enabled.mechanisms"] == "SCRAM-SHA-512"
    assert (
        f'password="{users["broker"]}"'
        in values["listener.name.sasl_ssl.scram-sha-512.sasl.jaas.config"]
    )
    assert "ssl = on" in server_settings(9032, stack.pgdata, throwaway=True, tls=True)


def test_the_option_is_refused_for_a_stack_whose_kafka_was_formatted_without_it(stack):
    stack.kafka_logs.mkdir(parents=True)
    (stack.kafka_logs / "meta.properties").write_text("version=1\n")
    with pytest.raises(StackError, match="reset"):
        prepare_tls(stack, {"STACK_TLS": "1"})
    assert not tls_enabled(stack)


def test_the_option_stays_once_chosen(stack):
    prepare_tls(stack, {"STACK_TLS": "yes"})
    first = (stack.dir / "tls" / "kafka-users.json").read_text()
    prepare_tls(stack, {})
    prepare_tls(stack, {"STACK_TLS": "1"})
    assert (stack.dir / "tls" / "kafka-users.json").read_text() == first
