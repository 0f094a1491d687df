"""Kafka: one KRaft broker and controller per stack, its jars from .cache/kafka-libs."""

from __future__ import annotations

import base64
import os
import shutil
import uuid
from pathlib import Path

from scripts.local_stack.components.base import INFRA, Component
from scripts.local_stack.environment import process_env
from scripts.local_stack.model import Stack
from scripts.local_stack.paths import CACHE, ROOT, VENV_PYTHON, shown
from scripts.local_stack.process_control import run_logged, spawn
from scripts.local_stack.tls import (
    BROKER_USER,
    CLIENT_USER,
    SCRAM_MECHANISM,
    TlsFiles,
    tls_enabled,
    tls_files,
)

KAFKA_LIBS = CACHE / "kafka-libs"
TOPICS_SCRIPT = ROOT / "scripts" / "kafka_topics.py"

LOG4J = (
    "log4j.rootLogger=WARN, stdout\n"
    "log4j.appender.stdout=org.apache.log4j.ConsoleAppender\n"
    "log4j.appender.stdout.layout=org.apache.log4j.PatternLayout\n"
    "log4j.appender.stdout.layout.ConversionPattern=[%d] %p %m (%c)%n\n"
)
# Kafka's log-level controller also loads log4j2, which complains loudly without a configuration.
LOG4J2 = (
    "status = warn\n"
    "appender.stdout.type = Console\n"
    "appender.stdout.name = STDOUT\n"
    "appender.stdout.layout.type = PatternLayout\n"
    "appender.stdout.layout.pattern = [%d] %p %m (%c)%n\n"
    "rootLogger.level = warn\n"
    "rootLogger.appenderRef.stdout.ref = STDOUT\n"
)


def kafka_cluster_id() -> str:
    """Same shape as StorageTool's random-uuid (URL-safe base64 of 16 bytes), without a JVM start."""
    while True:
        cluster_id = base64.urlsafe_b64encode(uuid.uuid4().bytes).decode().rstrip("=")
        if not cluster_id.startswith("-"):
            return cluster_id


def tls_properties(files: TlsFiles) -> dict[str, str]:
    """SASL_SSL with SCRAM-SHA-512 on the client port: the broker proves itself with the stack's
    certificate and knows each user by the SCRAM credentials written at format time."""
    broker_password = files.users()[BROKER_USER]
    jaas = (
        "org.apache.kafka.common.security.scram.ScramLoginModule required "
        f'username="{BROKER_USER}" password="{broker_password}";'
    )
    return {
        "sasl.enabled.mechanisms": SCRAM_MECHANISM,
        "sasl.mechanism.inter.broker.protocol": SCRAM_MECHANISM,
        f"listener.name.sasl_ssl.{SCRAM_MECHANISM.lower()}.sasl.jaas.config": jaas,
        "ssl.keystore.type": "PEM",
        "ssl.keystore.location": str(files.kafka_keystore),
        "ssl.truststore.type": "PEM",
        "ssl.truststore.location": str(files.ca_cert),
    }


def server_properties(
    broker: int, controller: int, log_dirs: Path, tls: TlsFiles | None = None
) -> str:
    # The controller listener stays plain: it is bound to 127.0.0.1 and only the broker's own
    # process talks to it.
    client = "SASL_SSL" if tls else "PLAINTEXT"
    listeners = f"{client}://127.0.0.1:{broker},CONTROLLER://127.0.0.1:{controller}"
    values = {
        "process.roles": "broker,controller",
        "node.id": "1",
        "controller.quorum.bootstrap.servers": f"127.0.0.1:{controller}",
        "listeners": listeners,
        "advertised.listeners": listeners,
        "controller.listener.names": "CONTROLLER",
        "inter.broker.listener.name": client,
        "listener.security.protocol.map": f"{client}:{client},CONTROLLER:PLAINTEXT",
        **(tls_properties(tls) if tls else {}),
        "log.dirs": str(log_dirs),
        "num.partitions": "6",
        "offsets.topic.replication.factor": "1",
        "offsets.topic.num.partitions": "6",
        "transaction.state.log.replication.factor": "1",
        "transaction.state.log.min.isr": "1",
        "share.coordinator.state.topic.replication.factor": "1",
        "share.coordinator.state.topic.min.isr": "1",
        "group.initial.rebalance.delay.ms": "0",
        "auto.create.topics.enable": "false",
    }
    return "".join(f"{key}={value}\n" for key, value in values.items())


class Kafka(Component):
    name = "kafka"
    phase = INFRA
    port_offset = 92
    extra_ports = (("kafka-controller", 93),)
    group = "infra"
    # A broker restarted after a kill recovers its logs first; on a busy machine that takes a while.
    ready_timeout = 180.0

    @classmethod
    def environment(cls, stack: Stack) -> dict[str, str]:
        env = {"KAFKA_BOOTSTRAP_SERVERS": f"127.0.0.1:{stack.port('kafka')}"}
        if tls_enabled(stack):
            files = tls_files(stack)
            env |= {
                "KAFKA_SECURITY_PROTOCOL": "SASL_SSL",
                "KAFKA_SASL_MECHANISM": SCRAM_MECHANISM,
                "KAFKA_SASL_USERNAME": CLIENT_USER,
                "KAFKA_SASL_PASSWORD": files.users()[CLIENT_USER],
                "KAFKA_SSL_CAFILE": str(files.ca_cert),
            }
        return env

    @property
    def marker(self) -> str:
        return str(self.properties_file)

    @property
    def properties_file(self) -> Path:
        return self.stack.kafka_config_dir / "server.properties"

    @property
    def log4j_file(self) -> Path:
        return self.stack.kafka_config_dir / "log4j.properties"

    @property
    def log4j2_file(self) -> Path:
        return self.stack.kafka_config_dir / "log4j2.properties"

    def problem(self) -> str | None:
        if shutil.which("java") is None:
            return "kafka: `java` is not on PATH (Java 17 is needed)"
        if not any(KAFKA_LIBS.glob("kafka_2.13-*.jar")):
            return f"kafka: no Kafka jars in {shown(KAFKA_LIBS)} (run scripts/bootstrap.sh)"
        if not VENV_PYTHON.exists():
            return "kafka: the virtualenv is missing, topics cannot be created (run scripts/bootstrap.sh)"
        return None

    @property
    def tls(self) -> TlsFiles | None:
        return tls_files(self.stack) if tls_enabled(self.stack) else None

    def properties(self) -> str:
        return server_properties(
            self.port, self.stack.port("kafka-controller"), self.stack.kafka_logs, self.tls
        )

    def java(self, main_class: str, *args: str, heap: str = "256m") -> list[str]:
        return [
            "java",
            f"-Xmx{heap}",
            "-Djava.awt.headless=true",
            f"-Dlog4j.configuration=file:{self.log4j_file}",
            f"-Dlog4j2.configurationFile={self.log4j2_file}",
            f"-Dkafka.logs.dir={self.stack.logs}",
            "-cp",
            f"{KAFKA_LIBS}/*",
            main_class,
            *args,
        ]

    def write_config(self) -> None:
        self.stack.kafka_config_dir.mkdir(parents=True, exist_ok=True)
        self.properties_file.write_text(self.properties())
        self.log4j_file.write_text(LOG4J)
        self.log4j2_file.write_text(LOG4J2)

    def format_storage(self) -> None:
        if (self.stack.kafka_logs / "meta.properties").exists():
            return
        print(f"  formatting Kafka storage in {shown(self.stack.kafka_logs)}")
        # SCRAM users live in the cluster's metadata; with TLS they are written before the first
        # start, since a SASL-only broker lets nobody in to create them afterwards.
        users = self.tls.users() if self.tls else {}
        scram = [
            arg
            for name, password in users.items()
            for arg in ("--add-scram", f"{SCRAM_MECHANISM}=[name={name},password={password}]")
        ]
        storage_tool = self.java(
            "kafka.tools.StorageTool",
            *("format", "--ignore-formatted", "--standalone"),
            *("-t", kafka_cluster_id(), "-c", str(self.properties_file)),
            *scram,
        )
        run_logged(storage_tool, self.stack.log(self.name), "formatting Kafka storage")

    def start(self) -> None:
        self.write_config()
        self.format_storage()
        argv = self.java("kafka.Kafka", str(self.properties_file), heap="512m")
        spawn(argv, self.stack.log(self.name), self.stack.pidfile(self.name), dict(os.environ))

    def provision(self) -> None:
        run_logged(
            [str(VENV_PYTHON), str(TOPICS_SCRIPT), "--bootstrap", self.address, "create"],
            self.stack.log(self.name),
            "creating Kafka topics",
            cwd=ROOT,
            # The stack's environment carries the TLS and SASL settings the script connects with.
            env=process_env(self.stack),
        )


COMPONENTS = (Kafka,)
