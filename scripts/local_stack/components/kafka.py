"""Kafka: one KRaft broker and controller per stack, its jars from .cache/kafka-libs."""

from __future__ import annotations

import base64
import os
import shutil
import uuid
from pathlib import Path

from scripts.local_stack.components.base import INFRA, Component
from scripts.local_stack.model import Stack
from scripts.local_stack.paths import CACHE, ROOT, VENV_PYTHON, shown
from scripts.local_stack.process_control import run_logged, spawn

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


def server_properties(broker: int, controller: int, log_dirs: Path) -> str:
    listeners = f"PLAINTEXT://127.0.0.1:{broker},CONTROLLER://127.0.0.1:{controller}"
    values = {
        "process.roles": "broker,controller",
        "node.id": "1",
        "controller.quorum.bootstrap.servers": f"127.0.0.1:{controller}",
        "listeners": listeners,
        "advertised.listeners": listeners,
        "controller.listener.names": "CONTROLLER",
        "inter.broker.listener.name": "PLAINTEXT",
        "listener.security.protocol.map": "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT",
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
    ready_timeout = 60.0

    @classmethod
    def environment(cls, stack: Stack) -> dict[str, str]:
        return {"KAFKA_BOOTSTRAP_SERVERS": f"127.0.0.1:{stack.port('kafka')}"}

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

    def properties(self) -> str:
        return server_properties(
            self.port, self.stack.port("kafka-controller"), self.stack.kafka_logs
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
        storage_tool = self.java(
            "kafka.tools.StorageTool",
            *("format", "--ignore-formatted", "--standalone"),
            *("-t", kafka_cluster_id(), "-c", str(self.properties_file)),
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
        )


COMPONENTS = (Kafka,)
