"""The stack's TLS option: a CA of its own, one server certificate for 127.0.0.1 and localhost,
and the SCRAM credentials of the Kafka users, all in .local/<stack>/tls/.

A stack created with STACK_TLS=1 keeps the option until `reset`: Kafka then serves SASL_SSL
(SCRAM-SHA-512) only and PostgreSQL serves TLS, and the stack's environment tells every client
to verify both servers' certificates against this CA. The option is chosen once because Kafka's
SCRAM users are written into its storage when that storage is formatted.
"""

from __future__ import annotations

import datetime
import ipaddress
import json
import os
import secrets
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

from scripts.local_stack.errors import StackError
from scripts.local_stack.model import Stack

OPTION = "STACK_TLS"
# The broker's own user (inter-broker traffic) and the one every service and test connects as.
BROKER_USER = "broker"
CLIENT_USER = "platform"
SCRAM_MECHANISM = "SCRAM-SHA-512"
VALID_DAYS = 825


@dataclass(frozen=True)
class TlsFiles:
    folder: Path

    @property
    def ca_cert(self) -> Path:
        return self.folder / "ca.pem"

    @property
    def ca_key(self) -> Path:
        return self.folder / "ca.key"

    @property
    def server_cert(self) -> Path:
        return self.folder / "server.pem"

    @property
    def server_key(self) -> Path:
        return self.folder / "server.key"

    @property
    def kafka_keystore(self) -> Path:
        """Key and certificate in one PEM file, the form Kafka's PEM key store reads."""
        return self.folder / "kafka-keystore.pem"

    @property
    def users_file(self) -> Path:
        return self.folder / "kafka-users.json"

    def users(self) -> dict[str, str]:
        return json.loads(self.users_file.read_text())


def tls_files(stack: Stack) -> TlsFiles:
    return TlsFiles(stack.dir / "tls")


def tls_enabled(stack: Stack) -> bool:
    return tls_files(stack).users_file.exists()


def requested(environ: Mapping[str, str]) -> bool:
    return environ.get(OPTION, "").strip().lower() in ("1", "true", "yes", "on")


def _key() -> rsa.RSAPrivateKey:
    return rsa.generate_private_key(public_exponent=65537, key_size=2048)


def _pem_key(key: rsa.RSAPrivateKey) -> bytes:
    # Unencrypted PKCS#8: what both PostgreSQL and Kafka's PEM key store accept without a password.
    return key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )


def _write_private(path: Path, data: bytes) -> None:
    path.write_bytes(data)
    os.chmod(path, 0o600)


def new_certificates(stack_name: str) -> tuple[bytes, bytes, bytes, bytes]:
    """PEM: the CA's certificate and key, then the server's certificate (signed by the CA) and key."""
    now = datetime.datetime.now(datetime.UTC)
    ca_key, server_key = _key(), _key()
    ca_name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, f"local stack {stack_name} CA")])
    ca = (
        x509.CertificateBuilder()
        .subject_name(ca_name)
        .issuer_name(ca_name)
        .public_key(ca_key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(minutes=5))
        .not_valid_after(now + datetime.timedelta(days=VALID_DAYS))
        .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
        .add_extension(
            x509.KeyUsage(False, False, False, False, False, True, True, False, False),
            critical=True,
        )
        .sign(ca_key, hashes.SHA256())
    )
    names = x509.SubjectAlternativeName(
        [x509.DNSName("localhost"), x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]
    )
    server = (
        x509.CertificateBuilder()
        .subject_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "localhost")]))
        .issuer_name(ca_name)
        .public_key(server_key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(minutes=5))
        .not_valid_after(now + datetime.timedelta(days=VALID_DAYS))
        .add_extension(names, critical=False)
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        # The broker's certificate also serves its inter-broker client side.
        .add_extension(
            x509.ExtendedKeyUsage(
                [ExtendedKeyUsageOID.SERVER_AUTH, ExtendedKeyUsageOID.CLIENT_AUTH]
            ),
            critical=False,
        )
        .sign(ca_key, hashes.SHA256())
    )
    pem = serialization.Encoding.PEM
    return ca.public_bytes(pem), _pem_key(ca_key), server.public_bytes(pem), _pem_key(server_key)


def create_tls(stack: Stack) -> TlsFiles:
    """The CA, the server certificate and fresh SCRAM passwords; the users file is written last,
    so an interrupted run leaves the option off rather than half on."""
    files = tls_files(stack)
    files.folder.mkdir(parents=True, exist_ok=True)
    os.chmod(files.folder, 0o711)
    ca_cert, ca_key, server_cert, server_key = new_certificates(stack.name)
    files.ca_cert.write_bytes(ca_cert)
    _write_private(files.ca_key, ca_key)
    files.server_cert.write_bytes(server_cert)
    _write_private(files.server_key, server_key)
    _write_private(files.kafka_keystore, server_key + server_cert)
    users = {user: secrets.token_urlsafe(24) for user in (BROKER_USER, CLIENT_USER)}
    _write_private(files.users_file, (json.dumps(users, indent=2) + "\n").encode())
    return files


def prepare_tls(stack: Stack, environ: Mapping[str, str]) -> None:
    """Turns the option on for a new stack; refuses it for one whose Kafka has no SCRAM users."""
    if tls_enabled(stack) or not requested(environ):
        return
    if (stack.kafka_logs / "meta.properties").exists():
        raise StackError(
            f"{OPTION}=1: stack {stack.name!r} was created without TLS and its Kafka storage has no "
            f"SCRAM users; `reset` the stack first (this deletes its data)"
        )
    print(f"  creating the stack's CA, server certificate and Kafka users in {stack.dir / 'tls'}")
    create_tls(stack)
