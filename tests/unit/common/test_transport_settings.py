"""How the settings turn into the transport of every Kafka and PostgreSQL client."""

from __future__ import annotations

import ssl

import pytest
from pydantic import SecretStr

from services.common.db import database_ssl
from services.common.kafka import connection_options
from services.common.settings import PlatformSettings
from tests.unit.common.certificates import ca_file

SECRET = "unit-test-secret-of-some-length"


def test_a_bare_address_is_a_plaintext_broker():
    assert connection_options("127.0.0.1:9092") == {"bootstrap_servers": "127.0.0.1:9092"}


def test_plaintext_settings_add_no_tls_and_no_credentials():
    options = connection_options(PlatformSettings(kafka_bootstrap_servers="k:9092"))
    assert options == {"bootstrap_servers": "k:9092", "security_protocol": "PLAINTEXT"}


def test_sasl_ssl_verifies_the_broker_against_the_ca_and_signs_in_with_scram(tmp_path):
    settings = PlatformSettings(
        kafka_bootstrap_servers="k:9093",
        kafka_security_protocol="SASL_SSL",
        kafka_sasl_username="scoring-kafka",
        kafka_sasl_password=SecretStr("pw"),
        kafka_ssl_cafile=str(ca_file(tmp_path)),
    )
    options = connection_options(settings)
    context = options.pop("ssl_context")
    assert options == {
        "bootstrap_servers": "k:9093",
        "security_protocol": "SASL_SSL",
        "sasl_mechanism": "SCRAM-SHA-512",
        "sasl_plain_username": "scoring-kafka",
        "sasl_plain_password": "pw",
    }
    assert context.verify_mode == ssl.CERT_REQUIRED and context.check_hostname
    assert [c["subject"] for c in context.get_ca_certs()] == [((("commonName", "unit test CA"),),)]


def test_sasl_without_credentials_is_refused_naming_the_settings():
    settings = PlatformSettings(kafka_security_protocol="SASL_SSL", kafka_sasl_username="u")
    with pytest.raises(ValueError, match="KAFKA_SASL_USERNAME and KAFKA_SASL_PASSWORD"):
        connection_options(settings)


def test_the_kafka_password_is_not_shown_with_the_settings():
    settings = PlatformSettings(kafka_sasl_password=SecretStr("hunter2-kafka"))
    assert "hunter2-kafka" not in repr(settings)


def test_production_verifies_the_database_server_by_default(tmp_path):
    settings = PlatformSettings(
        app_env="production", jwt_secret=SECRET, database_sslrootcert=str(ca_file(tmp_path))
    )
    assert settings.database_sslmode_in_effect == "verify-full"
    context = database_ssl(settings)
    assert isinstance(context, ssl.SSLContext)
    assert context.verify_mode == ssl.CERT_REQUIRED and context.check_hostname


def test_verify_ca_checks_the_chain_but_not_the_name(tmp_path):
    settings = PlatformSettings(
        database_sslmode="verify-ca", database_sslrootcert=str(ca_file(tmp_path))
    )
    context = database_ssl(settings)
    assert isinstance(context, ssl.SSLContext)
    assert context.verify_mode == ssl.CERT_REQUIRED and not context.check_hostname


def test_development_keeps_asyncpgs_prefer_and_the_modes_without_checks_pass_through():
    assert database_ssl(PlatformSettings()) == "prefer"
    assert database_ssl(PlatformSettings(database_sslmode="require")) == "require"
    assert database_ssl(PlatformSettings(database_sslmode="disable")) is False


def test_an_unknown_sslmode_is_refused_naming_the_field():
    with pytest.raises(ValueError, match="database_sslmode"):
        PlatformSettings(database_sslmode="verify-everything")
