#!/usr/bin/env python3
"""Local stacks: PostgreSQL, Kafka, the three services and the gateway on this machine.

A stack has a name and a port base (see docs/conventions.md); its data lives in .local/<name>/.
Standard library only, so it runs with any python3 before the virtualenv exists.

    python3 scripts/stack.py up [--only infra|services|gateway|<component>,...]
    python3 scripts/stack.py down | reset | status
    python3 scripts/stack.py logs [-f] [component ...]
    python3 scripts/stack.py test [-- pytest arguments]
    eval "$(python3 scripts/stack.py env --stack test)"
"""

from __future__ import annotations

import argparse
import base64
import concurrent.futures
import contextlib
import fcntl
import json
import os
import pwd
import re
import shlex
import shutil
import signal
import socket
import stat
import subprocess
import sys
import time
import urllib.error
import urllib.request
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import stack_web

ROOT = Path(__file__).resolve().parent.parent
CACHE = ROOT / ".cache"
VENV_PYTHON = CACHE / "venv" / "bin" / "python"
KAFKA_LIBS = CACHE / "kafka-libs"
BOOTSTRAP = ROOT / "scripts" / "bootstrap.sh"
TOPICS_SCRIPT = ROOT / "scripts" / "kafka_topics.py"
GATEWAY_DIR = ROOT / "gateway"
GATEWAY_COMPOSE = GATEWAY_DIR / "compose.mjs"
GATEWAY_SERVE = GATEWAY_DIR / "serve.mjs"
HIVE_GATEWAY = GATEWAY_DIR / "node_modules" / "@graphql-hive" / "gateway"

SERVICES = ("indicator", "scoring", "development")
INFRA = ("postgres", "kafka")
COMPONENTS = INFRA + SERVICES + ("gateway", "web")
GROUPS = {"infra": INFRA, "services": SERVICES, "all": COMPONENTS}
PORT_OFFSETS = {
    "gateway": 0,
    "indicator": 1,
    "scoring": 2,
    "development": 3,
    "web": stack_web.PORT_OFFSET,
    "postgres": 32,
    "kafka": 92,
    "kafka-controller": 93,
}
DEFAULT_PORT_BASES = {"dev": 4000, "test": 5000}

# Every process and test of a local stack gets its signing secret from here, so that tokens
# minted with `make token` pass everywhere. Real deployments bring their own secret or RS256 keys.
LOCAL_JWT_SECRET = "local-development-secret-not-for-production-use"
JWT_ISSUER = JWT_AUDIENCE = "cadre-platform"

STOP_TIMEOUT = 30.0
LOG_TAIL_LINES = 40


class StackError(Exception):
    """A failure the user can act on; printed without a traceback."""


# ---------------------------------------------------------------------------------------------
# Stacks and their environment


@dataclass(frozen=True)
class Stack:
    name: str
    base: int

    @property
    def dir(self) -> Path:
        return ROOT / ".local" / self.name

    @property
    def pgdata(self) -> Path:
        return self.dir / "pgdata"

    @property
    def kafka_config_dir(self) -> Path:
        return self.dir / "kafka"

    @property
    def kafka_logs(self) -> Path:
        return self.dir / "kafka-logs"

    @property
    def logs(self) -> Path:
        return self.dir / "logs"

    @property
    def run(self) -> Path:
        return self.dir / "run"

    @property
    def supergraph(self) -> Path:
        return self.dir / "supergraph.graphql"

    def port(self, component: str) -> int:
        return self.base + PORT_OFFSETS[component]

    def log(self, component: str) -> Path:
        return self.logs / f"{component}.log"

    def pidfile(self, component: str) -> Path:
        return self.run / f"{component}.pid"


def recorded_base(name: str) -> int | None:
    try:
        return int(json.loads((ROOT / ".local" / name / "stack.json").read_text())["port_base"])
    except (OSError, ValueError, KeyError):
        return None


def requested_base(flag: int | None) -> int | None:
    if flag is not None:
        return flag
    value = os.environ.get("PORT_BASE", "").strip()
    if not value:
        return None
    if not value.isdigit():
        raise StackError(f"PORT_BASE must be a number, got {value!r}")
    return int(value)


def resolve_stack(name: str | None, base_flag: int | None, default_name: str) -> Stack:
    """Name from --stack or STACK; base from --port-base or PORT_BASE, else what the stack was created with."""
    name = name or os.environ.get("STACK") or default_name
    if not re.fullmatch(r"[a-z0-9][a-z0-9_-]{0,39}", name):
        raise StackError(f"stack name {name!r} must be lower-case letters, digits, '-' or '_'")
    wanted = requested_base(base_flag)
    recorded = recorded_base(name)
    if wanted is not None and recorded is not None and wanted != recorded:
        raise StackError(
            f"stack {name!r} was created with port base {recorded}, not {wanted}; "
            f"use --port-base {recorded}, or `reset` it first"
        )
    base = wanted or recorded or DEFAULT_PORT_BASES.get(name)
    if base is None:
        raise StackError(f"stack {name!r} needs a port base: --port-base N or PORT_BASE=N")
    if not 1024 <= base <= 65535 - max(PORT_OFFSETS.values()):
        raise StackError(f"port base {base} puts the stack's ports outside 1024-65535")
    return Stack(name, base)


def remember_stack(stack: Stack) -> None:
    stack.dir.mkdir(parents=True, exist_ok=True)
    record = stack.dir / "stack.json"
    if not record.exists():
        record.write_text(json.dumps({"name": stack.name, "port_base": stack.base}) + "\n")


def stack_env(stack: Stack) -> dict[str, str]:
    """What every process of the stack, and the tests, need to find each other."""
    env = {
        "STACK": stack.name,
        "PORT_BASE": str(stack.base),
        "APP_ENV": "development",
        "LOG_LEVEL": os.environ.get("LOG_LEVEL", "INFO"),
        "KAFKA_BOOTSTRAP_SERVERS": f"127.0.0.1:{stack.port('kafka')}",
        "GATEWAY_URL": f"http://127.0.0.1:{stack.port('gateway')}/graphql",
        "SUPERGRAPH_PATH": str(stack.supergraph),
        "JWT_ALGORITHM": "HS256",
        "JWT_SECRET": LOCAL_JWT_SECRET,
        "JWT_ISSUER": JWT_ISSUER,
        "JWT_AUDIENCE": JWT_AUDIENCE,
    }
    pg_port = stack.port("postgres")
    for name in SERVICES:
        env[f"{name.upper()}_DATABASE_URL"] = (
            f"postgresql+asyncpg://{name}:{name}@127.0.0.1:{pg_port}/{name}"
        )
        env[f"{name.upper()}_URL"] = f"http://127.0.0.1:{stack.port(name)}"
    env["WEB_URL"] = stack_web.web_url(stack.base)
    return env


def process_env(stack: Stack, extra: dict[str, str] | None = None) -> dict[str, str]:
    return {**os.environ, **stack_env(stack), **(extra or {})}


# ---------------------------------------------------------------------------------------------
# Processes, ports and logs


def read_pid(path: Path) -> int | None:
    try:
        return int(path.read_text().split()[0])
    except (OSError, ValueError, IndexError):
        return None


def command_line(pid: int) -> str:
    try:
        return (
            Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
        )
    except OSError:
        return ""


def process_environment(pid: int) -> list[str]:
    try:
        return Path(f"/proc/{pid}/environ").read_bytes().decode(errors="replace").split("\0")
    except OSError:
        return []


def process_state(pid: int) -> str:
    """The one-letter state from /proc (R, S, Z, ...); empty when there is no such process."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()[0]
    except (OSError, IndexError):
        return ""


def is_alive(pid: int, marker: str) -> bool:
    """Alive and still the process we started, since pids get reused."""
    with contextlib.suppress(ChildProcessError):
        os.waitpid(pid, os.WNOHANG)
    deadline = time.monotonic() + 1.0
    while True:
        cmd = command_line(pid)
        if cmd:
            return marker in cmd
        # Zombies have no command line, and neither has a process in the middle of exec().
        if process_state(pid) in ("", "Z", "X") or time.monotonic() > deadline:
            return False
        time.sleep(0.01)


def port_open(port: int) -> bool:
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=0.5):
            return True
    except OSError:
        return False


_NO_PROXY_OPENER = urllib.request.build_opener(urllib.request.ProxyHandler({}))


def http_ok(url: str) -> bool:
    try:
        with _NO_PROXY_OPENER.open(url, timeout=2) as response:
            return response.status == 200
    except (urllib.error.URLError, OSError, ValueError):
        return False


def shorten(line: str, keep: int = 600) -> str:
    """Tracebacks logged as one JSON line would flood the terminal; their end says the most."""
    return line if len(line) <= keep else f"{line[:150]} [...] {line[-(keep - 150) :]}"


def log_tail(path: Path, lines: int = LOG_TAIL_LINES) -> str:
    """The end of what the latest start wrote to a log (spawn() separates starts with '--- ')."""
    try:
        text = path.read_text(errors="replace").splitlines()
    except OSError:
        return f"(no log at {path})"
    latest = max((i for i, line in enumerate(text) if line.startswith("--- ")), default=0)
    tail = text[max(latest, len(text) - lines) :]
    body = "\n".join("    " + shorten(line) for line in tail)
    return f"last lines of {path.relative_to(ROOT)}:\n{body}"


def spawn(
    stack: Stack, component: str, argv: list[str], env: dict[str, str], cwd: Path = ROOT
) -> int:
    """Start a detached process in its own session, logging to logs/<component>.log."""
    stack.logs.mkdir(parents=True, exist_ok=True)
    stack.run.mkdir(parents=True, exist_ok=True)
    with open(stack.log(component), "ab") as log:
        log.write(f"\n--- {time.strftime('%Y-%m-%d %H:%M:%S')} {shlex.join(argv)}\n".encode())
        log.flush()
        process = subprocess.Popen(
            argv,
            cwd=cwd,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    stack.pidfile(component).write_text(f"{process.pid}\n")
    return process.pid


def signal_process(pid: int, signum: int) -> None:
    """Signal the whole process group when the process leads one, so its children go too."""
    with contextlib.suppress(ProcessLookupError):
        if os.getpgid(pid) == pid:
            os.killpg(pid, signum)
        else:
            os.kill(pid, signum)


def wait_gone(pid: int, owned: Callable[[int], bool], timeout: float) -> bool:
    deadline = time.monotonic() + timeout
    while owned(pid):
        if time.monotonic() > deadline:
            return False
        time.sleep(0.1)
    return True


def terminate(pid: int, owned: Callable[[int], bool], timeout: float = STOP_TIMEOUT) -> None:
    """SIGTERM, then SIGKILL after `timeout`; `owned` tells whether the pid is still our process."""
    if not owned(pid):
        return
    signal_process(pid, signal.SIGTERM)
    if not wait_gone(pid, owned, timeout):
        print(f"  pid {pid} ignored SIGTERM for {timeout:.0f}s; killing it")
        signal_process(pid, signal.SIGKILL)
        wait_gone(pid, owned, 5)


def run_logged(
    argv: list[str], log: Path, what: str, stdin_text: str | None = None, **kwargs
) -> None:
    """Run a short command to completion, appending its output to a log; fail with the log's tail."""
    log.parent.mkdir(parents=True, exist_ok=True)
    with open(log, "ab") as out:
        out.write(f"\n--- {time.strftime('%Y-%m-%d %H:%M:%S')} {shlex.join(argv)}\n".encode())
        out.flush()
        feed = (
            {"stdin": subprocess.DEVNULL} if stdin_text is None else {"input": stdin_text.encode()}
        )
        result = subprocess.run(argv, stdout=out, stderr=subprocess.STDOUT, **feed, **kwargs)
    if result.returncode != 0:
        raise StackError(f"{what} failed (exit {result.returncode})\n{log_tail(log)}")


# ---------------------------------------------------------------------------------------------
# Components


class Component:
    """One long-running process of a stack: started detached, tracked by its pid file."""

    name = ""
    ready_timeout = 60.0

    def __init__(self, stack: Stack):
        self.stack = stack

    @property
    def port(self) -> int:
        return self.stack.port(self.name)

    @property
    def marker(self) -> str:
        """A piece of the process's command line that identifies it."""
        raise NotImplementedError

    @property
    def address(self) -> str:
        return f"127.0.0.1:{self.port}"

    def pid(self) -> int | None:
        return read_pid(self.stack.pidfile(self.name))

    def owns(self, pid: int) -> bool:
        return is_alive(pid, self.marker)

    def running(self) -> bool:
        pid = self.pid()
        return pid is not None and self.owns(pid)

    def problem(self) -> str | None:
        """Why this component cannot start on this machine, checked before anything starts."""
        return None

    def ports(self) -> tuple[int, ...]:
        return (self.port,)

    def start(self) -> None:
        raise NotImplementedError

    def ready(self) -> bool:
        return port_open(self.port)

    def provision(self) -> None:
        """Idempotent set-up once the component answers (roles, topics)."""

    def stop(self) -> None:
        pid = self.pid()
        if pid is not None:
            terminate(pid, self.owns)
        self.stack.pidfile(self.name).unlink(missing_ok=True)


def running_as_root() -> bool:
    return os.geteuid() == 0


def postgres_bin_dir() -> Path | None:
    found = sorted(
        (p.parent for p in Path("/usr/lib/postgresql").glob("*/bin/initdb")),
        key=lambda bin_dir: int(bin_dir.parent.name) if bin_dir.parent.name.isdigit() else 0,
    )
    if found:
        return found[-1]
    initdb = shutil.which("initdb")
    return Path(initdb).resolve().parent if initdb else None


def as_postgres(argv: list[str]) -> list[str]:
    """PostgreSQL refuses to run as root, so root runs it as the `postgres` account."""
    return ["runuser", "-u", "postgres", "--", *argv] if running_as_root() else argv


def give_to_postgres(path: Path) -> None:
    if running_as_root():
        account = pwd.getpwnam("postgres")
        os.chown(path, account.pw_uid, account.pw_gid)


def let_postgres_traverse(path: Path) -> None:
    """The postgres account must be able to walk down to its data folder (e.g. a repo under /root)."""
    if not running_as_root():
        return
    for folder in reversed([path, *path.parents]):
        mode = folder.stat().st_mode
        if not mode & stat.S_IXOTH:
            os.chmod(folder, mode | stat.S_IXOTH)
            print(
                f"  note: allowed other users to traverse {folder} (o+x) so that postgres can reach {path}"
            )


class Postgres(Component):
    name = "postgres"
    ready_timeout = 60.0

    @property
    def marker(self) -> str:
        return str(self.stack.pgdata)

    def pid(self) -> int | None:
        """PostgreSQL's own pid file is there even when a start was interrupted before ours was written."""
        return read_pid(self.stack.pgdata / "postmaster.pid") or super().pid()

    @property
    def bin(self) -> Path:
        bin_dir = postgres_bin_dir()
        if bin_dir is None:
            raise StackError("PostgreSQL binaries not found; scripts/bootstrap.sh installs them")
        return bin_dir

    @property
    def socket_dir(self) -> Path:
        """Unix socket paths are limited to 107 bytes; deep checkouts fall back to /tmp."""
        if len(str(self.stack.pgdata / f".s.PGSQL.{self.port}.lock")) < 100:
            return self.stack.pgdata
        return Path("/tmp") / f"stack-{self.stack.name}-{self.port}"

    def problem(self) -> str | None:
        if postgres_bin_dir() is None:
            return (
                "postgres: no PostgreSQL binaries (run scripts/bootstrap.sh, which installs them)"
            )
        if running_as_root():
            try:
                pwd.getpwnam("postgres")
            except KeyError:
                return "postgres: running as root needs the `postgres` account (apt-get install postgresql)"
        return None

    def settings(self) -> str:
        values = {
            "listen_addresses": "'127.0.0.1'",
            "port": str(self.port),
            "unix_socket_directories": f"'{self.socket_dir}'",
            "max_connections": "200",
            "shared_buffers": "'256MB'",
            "timezone": "'UTC'",
            "log_timezone": "'UTC'",
            # Lets benchmarks measure commit-to-commit latency on the server's own clock.
            "track_commit_timestamp": "on",
        }
        if self.stack.name != "dev":
            # Throw-away stacks trade the last few commits after a crash for faster tests;
            # unlike fsync=off this can lose transactions but never corrupt the cluster.
            values["synchronous_commit"] = "off"
        return "".join(f"{key} = {value}\n" for key, value in values.items())

    def initialise(self) -> None:
        pgdata = self.stack.pgdata
        if (pgdata / "PG_VERSION").exists():
            return
        print(f"  creating PostgreSQL cluster in {pgdata.relative_to(ROOT)}")
        pgdata.mkdir(mode=0o700, parents=True, exist_ok=True)
        give_to_postgres(pgdata)
        self.prepare_log()
        run_logged(
            as_postgres(
                [
                    str(self.bin / "initdb"),
                    "-D",
                    str(pgdata),
                    "-U",
                    "postgres",
                    "-E",
                    "UTF8",
                    "--no-locale",
                    "--auth-local=trust",
                    "--auth-host=scram-sha-256",
                    "--no-instructions",
                ]
            ),
            self.stack.log(self.name),
            "initdb",
            cwd="/",
        )
        with open(pgdata / "postgresql.conf", "a") as conf:
            conf.write(
                "\n# Per-stack settings, rewritten on every start.\ninclude_if_exists = 'stack.conf'\n"
            )

    def prepare_log(self) -> None:
        self.stack.logs.mkdir(parents=True, exist_ok=True)
        log = self.stack.log(self.name)
        log.touch()
        give_to_postgres(log)

    def write_settings(self) -> None:
        conf = self.stack.pgdata / "stack.conf"
        conf.write_text(self.settings())
        give_to_postgres(conf)
        if self.socket_dir != self.stack.pgdata:
            self.socket_dir.mkdir(mode=0o755, exist_ok=True)
            give_to_postgres(self.socket_dir)

    def start(self) -> None:
        let_postgres_traverse(self.stack.dir)
        self.initialise()
        self.prepare_log()
        self.write_settings()
        run_logged(
            as_postgres(
                [
                    str(self.bin / "pg_ctl"),
                    "-D",
                    str(self.stack.pgdata),
                    "-l",
                    str(self.stack.log(self.name)),
                    "-w",
                    "-t",
                    str(int(self.ready_timeout)),
                    "-s",
                    "start",
                ]
            ),
            self.stack.log(self.name),
            "pg_ctl start",
            cwd="/",
        )
        pid = read_pid(self.stack.pgdata / "postmaster.pid")
        self.stack.run.mkdir(parents=True, exist_ok=True)
        self.stack.pidfile(self.name).write_text(f"{pid}\n")

    def provision(self) -> None:
        run_logged(
            [
                str(self.bin / "psql"),
                "-X",
                "-q",
                "-v",
                "ON_ERROR_STOP=1",
                "-h",
                str(self.socket_dir),
                "-p",
                str(self.port),
                "-U",
                "postgres",
                "-d",
                "postgres",
            ],
            self.stack.log(self.name),
            "creating the service roles and databases",
            stdin_text="SET client_min_messages = warning;\n"
            + "".join(map(service_database_sql, SERVICES)),
        )

    def stop(self) -> None:
        pid = self.pid()
        if pid is not None and self.owns(pid):
            result = subprocess.run(
                as_postgres(
                    [
                        str(self.bin / "pg_ctl"),
                        "-D",
                        str(self.stack.pgdata),
                        "-m",
                        "fast",
                        "-w",
                        "-s",
                        "stop",
                    ]
                ),
                cwd="/",
                capture_output=True,
                text=True,
            )
            if result.returncode != 0:
                print(f"  pg_ctl stop failed ({result.stderr.strip()}); signalling pid {pid}")
                terminate(pid, self.owns)
        self.stack.pidfile(self.name).unlink(missing_ok=True)


def service_database_sql(name: str) -> str:
    """One login role and one database per service, password = name; safe to run again."""
    return (
        f"DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '{name}') THEN\n"
        f"  CREATE ROLE {name} LOGIN CREATEDB PASSWORD '{name}';\nEND IF; END $$;\n"
        # CREATE DATABASE cannot run inside a DO block; \gexec runs it only when the query yields it.
        f"SELECT 'CREATE DATABASE {name} OWNER {name}'\n"
        f"  WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = '{name}') \\gexec\n"
        # Each service reaches only its own database, as it will in production.
        f"REVOKE ALL ON DATABASE {name} FROM PUBLIC;\n"
    )


class Kafka(Component):
    name = "kafka"
    ready_timeout = 60.0

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

    def ports(self) -> tuple[int, ...]:
        return (self.port, self.stack.port("kafka-controller"))

    def problem(self) -> str | None:
        if shutil.which("java") is None:
            return "kafka: `java` is not on PATH (Java 17 is needed)"
        if not any(KAFKA_LIBS.glob("kafka_2.13-*.jar")):
            return (
                f"kafka: no Kafka jars in {KAFKA_LIBS.relative_to(ROOT)} (run scripts/bootstrap.sh)"
            )
        if not VENV_PYTHON.exists():
            return "kafka: the virtualenv is missing, topics cannot be created (run scripts/bootstrap.sh)"
        return None

    def properties(self) -> str:
        broker, controller = self.port, self.stack.port("kafka-controller")
        values = {
            "process.roles": "broker,controller",
            "node.id": "1",
            "controller.quorum.bootstrap.servers": f"127.0.0.1:{controller}",
            "listeners": f"PLAINTEXT://127.0.0.1:{broker},CONTROLLER://127.0.0.1:{controller}",
            "advertised.listeners": f"PLAINTEXT://127.0.0.1:{broker},CONTROLLER://127.0.0.1:{controller}",
            "controller.listener.names": "CONTROLLER",
            "inter.broker.listener.name": "PLAINTEXT",
            "listener.security.protocol.map": "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT",
            "log.dirs": str(self.stack.kafka_logs),
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

    @staticmethod
    def log4j() -> str:
        return (
            "log4j.rootLogger=WARN, stdout\n"
            "log4j.appender.stdout=org.apache.log4j.ConsoleAppender\n"
            "log4j.appender.stdout.layout=org.apache.log4j.PatternLayout\n"
            "log4j.appender.stdout.layout.ConversionPattern=[%d] %p %m (%c)%n\n"
        )

    @staticmethod
    def log4j2() -> str:
        """Kafka's log-level controller also loads log4j2, which complains loudly without a configuration."""
        return (
            "status = warn\n"
            "appender.stdout.type = Console\n"
            "appender.stdout.name = STDOUT\n"
            "appender.stdout.layout.type = PatternLayout\n"
            "appender.stdout.layout.pattern = [%d] %p %m (%c)%n\n"
            "rootLogger.level = warn\n"
            "rootLogger.appenderRef.stdout.ref = STDOUT\n"
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
        self.log4j_file.write_text(self.log4j())
        self.log4j2_file.write_text(self.log4j2())

    def format_storage(self) -> None:
        if (self.stack.kafka_logs / "meta.properties").exists():
            return
        print(f"  formatting Kafka storage in {self.stack.kafka_logs.relative_to(ROOT)}")
        run_logged(
            self.java(
                "kafka.tools.StorageTool",
                "format",
                "--ignore-formatted",
                "--standalone",
                "-t",
                kafka_cluster_id(),
                "-c",
                str(self.properties_file),
            ),
            self.stack.log(self.name),
            "formatting Kafka storage",
        )

    def start(self) -> None:
        self.write_config()
        self.format_storage()
        spawn(
            self.stack,
            self.name,
            self.java("kafka.Kafka", str(self.properties_file), heap="512m"),
            dict(os.environ),
        )

    def provision(self) -> None:
        run_logged(
            [str(VENV_PYTHON), str(TOPICS_SCRIPT), "--bootstrap", self.address, "create"],
            self.stack.log(self.name),
            "creating Kafka topics",
            cwd=ROOT,
        )


def kafka_cluster_id() -> str:
    """Same shape as StorageTool's random-uuid (URL-safe base64 of 16 bytes), without a JVM start."""
    while True:
        cluster_id = base64.urlsafe_b64encode(uuid.uuid4().bytes).decode().rstrip("=")
        if not cluster_id.startswith("-"):
            return cluster_id


class Service(Component):
    ready_timeout = 120.0

    def __init__(self, stack: Stack, name: str):
        super().__init__(stack)
        self.name = name

    @property
    def marker(self) -> str:
        return f"services.{self.name}"

    def owns(self, pid: int) -> bool:
        """Every stack runs the same command line; the port in its environment tells them apart."""
        return is_alive(pid, self.marker) and f"SERVICE_PORT={self.port}" in process_environment(
            pid
        )

    @property
    def address(self) -> str:
        return f"http://127.0.0.1:{self.port}/graphql"

    def problem(self) -> str | None:
        if not VENV_PYTHON.exists():
            return f"{self.name}: the virtualenv is missing (run scripts/bootstrap.sh)"
        if not (ROOT / "services" / self.name / "__main__.py").exists():
            return (
                f"{self.name}: services/{self.name}/__main__.py does not exist, so `python -m services.{self.name}` "
                "cannot start (use --only infra for PostgreSQL and Kafka alone)"
            )
        return None

    def start(self) -> None:
        env = process_env(self.stack, {"SERVICE_HOST": "127.0.0.1", "SERVICE_PORT": str(self.port)})
        spawn(self.stack, self.name, [str(VENV_PYTHON), "-m", f"services.{self.name}"], env)

    def ready(self) -> bool:
        return http_ok(f"http://127.0.0.1:{self.port}/readyz")


class Gateway(Component):
    name = "gateway"
    ready_timeout = 60.0

    @property
    def marker(self) -> str:
        return str(self.stack.supergraph)

    @property
    def address(self) -> str:
        return f"http://127.0.0.1:{self.port}/graphql"

    def problem(self) -> str | None:
        if not GATEWAY_DIR.is_dir():
            return "gateway: the gateway/ folder does not exist yet (use --only infra,services without it)"
        if shutil.which("node") is None:
            return "gateway: `node` is not on PATH (Node 20 is needed)"
        for needed in (GATEWAY_COMPOSE, GATEWAY_SERVE):
            if not needed.exists():
                return f"gateway: {needed.relative_to(ROOT)} is missing"
        if not HIVE_GATEWAY.is_dir():
            return (
                f"gateway: {HIVE_GATEWAY.relative_to(ROOT)} is missing (run scripts/bootstrap.sh)"
            )
        return None

    def env(self) -> dict[str, str]:
        return process_env(
            self.stack,
            {
                "GATEWAY_PORT": str(self.port),
                "SUPERGRAPH_PATH": str(self.stack.supergraph),
                "SUPERGRAPH_OUT": str(self.stack.supergraph),
            },
        )

    def compose(self) -> None:
        run_logged(
            ["node", str(GATEWAY_COMPOSE)],
            self.stack.log(self.name),
            "composing the supergraph",
            cwd=ROOT,
            env=self.env(),
        )
        if not self.stack.supergraph.exists():
            raise StackError(
                f"gateway/compose.mjs did not write {self.stack.supergraph} (env SUPERGRAPH_OUT)"
            )

    def start(self) -> None:
        self.compose()
        argv = [
            "node",
            str(GATEWAY_SERVE),
            "supergraph",
            str(self.stack.supergraph),
            "--host",
            "127.0.0.1",
            "--port",
            str(self.port),
        ]
        spawn(self.stack, self.name, argv, self.env())

    def ready(self) -> bool:
        return http_ok(f"http://127.0.0.1:{self.port}/readiness")


WebConsole = stack_web.web_component(sys.modules[__name__])


def component(stack: Stack, name: str) -> Component:
    if name in SERVICES:
        return Service(stack, name)
    return {"postgres": Postgres, "kafka": Kafka, "gateway": Gateway, "web": WebConsole}[name](
        stack
    )


# ---------------------------------------------------------------------------------------------
# Bringing a stack up and down


def select(only: str | None) -> tuple[str, ...]:
    """`--only infra,gateway` -> the named components, in start order."""
    if not only:
        return COMPONENTS
    wanted: set[str] = set()
    for word in filter(None, (w.strip() for w in only.split(","))):
        if word in GROUPS:
            wanted.update(GROUPS[word])
        elif word in COMPONENTS:
            wanted.add(word)
        else:
            raise StackError(
                f"unknown component {word!r}; choose from {', '.join([*GROUPS, *COMPONENTS])}"
            )
    return tuple(name for name in COMPONENTS if name in wanted)


def start_phases(names: tuple[str, ...]) -> list[list[str]]:
    """Components of one phase start side by side; each phase needs the one before it."""
    phases = [INFRA, SERVICES, ("gateway",), ("web",)]
    return [[n for n in phase if n in names] for phase in phases if any(n in names for n in phase)]


@contextlib.contextmanager
def stack_lock(stack: Stack):
    """One command at a time changes a stack, even from several shells."""
    stack.dir.mkdir(parents=True, exist_ok=True)
    with open(stack.dir / "stack.lock", "w") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            print(f"waiting for another command on stack {stack.name!r} to finish ...")
            fcntl.flock(handle, fcntl.LOCK_EX)
        yield


def port_problem(c: Component) -> str | None:
    taken = [str(port) for port in c.ports() if port_open(port)]
    if not taken:
        return None
    return (
        f"{c.name}: port {', '.join(taken)} is already in use, by something other than this stack's "
        f"{c.name} (another stack on an overlapping port base?)"
    )


def check_startable(components: list[Component]) -> None:
    """Everything that would stop a component from starting, found before anything starts."""
    stopped = [c for c in components if not c.running()]
    problems = [problem for c in stopped for problem in (c.problem(), port_problem(c)) if problem]
    if problems:
        raise StackError(
            "cannot start the stack, nothing was started:\n  - " + "\n  - ".join(problems)
        )


def wait_ready(c: Component) -> None:
    deadline = time.monotonic() + c.ready_timeout
    while not c.ready():
        if not c.running():
            raise StackError(f"{c.name} exited during start-up\n{log_tail(c.stack.log(c.name))}")
        if time.monotonic() > deadline:
            c.stop()
            raise StackError(
                f"{c.name} was not ready within {c.ready_timeout:.0f}s\n{log_tail(c.stack.log(c.name))}"
            )
        time.sleep(0.2)


def start_phase(components: list[Component], started: list[str]) -> None:
    """Start what is not running yet, then wait for all; `started` collects what this call started."""
    began: dict[str, float] = {}
    for c in components:
        if c.running():
            print(f"  {c.name:<12} already running (pid {c.pid()})")
            continue
        print(f"  {c.name:<12} starting")
        began[c.name] = time.monotonic()
        # Recorded first, so that an interrupted start is still cleaned up.
        started.append(c.name)
        c.start()
    failures = []
    for c in components:
        try:
            wait_ready(c)
            c.provision()
        except StackError as error:
            failures.append(str(error))
            continue
        if c.name in began:
            print(f"  {c.name:<12} ready on {c.address} ({time.monotonic() - began[c.name]:.1f}s)")
    if failures:
        raise StackError("\n\n".join(failures))


def bring_up(stack: Stack, names: tuple[str, ...], started: list[str]) -> None:
    remember_stack(stack)
    components = [component(stack, n) for n in names]
    check_startable(components)
    by_name = {c.name: c for c in components}
    for phase in start_phases(names):
        start_phase([by_name[n] for n in phase], started)


def stop_phase(components: list[Component]) -> None:
    """Stop side by side: each component may take seconds to shut down cleanly."""
    running = [c for c in components if c.running()]
    for c in components:
        if c not in running:
            c.stack.pidfile(c.name).unlink(missing_ok=True)
    for c in running:
        print(f"  {c.name:<12} stopping (pid {c.pid()})")
    with concurrent.futures.ThreadPoolExecutor(max_workers=max(len(running), 1)) as pool:
        for future in [pool.submit(c.stop) for c in running]:
            future.result()


def bring_down(stack: Stack, names: tuple[str, ...]) -> None:
    """The gateway first, then the services (which flush to Kafka and PostgreSQL), then those two."""
    for phase in reversed(start_phases(names)):
        stop_phase([component(stack, n) for n in phase])


def seed_module_exists(service: str) -> bool:
    folder = ROOT / "services" / service
    return (folder / "seed.py").exists() or (folder / "seed" / "__init__.py").exists()


def load_demo_data(stack: Stack, services: tuple[str, ...]) -> None:
    for name in services:
        if not seed_module_exists(name):
            print(f"  {name:<12} no seed module, no demo data")
            continue
        began = time.monotonic()
        run_logged(
            [str(VENV_PYTHON), "-m", f"services.{name}.seed"],
            stack.log("seed"),
            f"loading demo data with services.{name}.seed",
            cwd=ROOT,
            env=process_env(stack),
        )
        said = stack.log("seed").read_text(errors="replace").rstrip().splitlines()[-1:]
        summary = f": {shorten(said[0], 160)}" if said and not said[0].startswith("--- ") else ""
        print(f"  {name:<12} demo data loaded ({time.monotonic() - began:.1f}s){summary}")


def run_bootstrap() -> None:
    result = subprocess.run(["bash", str(BOOTSTRAP)], cwd=ROOT)
    if result.returncode != 0:
        raise StackError(f"scripts/bootstrap.sh failed (exit {result.returncode})")


def print_welcome(stack: Stack, names: tuple[str, ...]) -> None:
    env = stack_env(stack)
    if "gateway" in names:
        print(f"\nGraphQL gateway: {env['GATEWAY_URL']}")
        print(
            "Token for requests: make token ROLE=admin   (or ROLE=cadre CADRE=..., ROLE=unit_reporter UNIT=...)"
        )
    if "web" in names:
        print(f"Web console:     {env['WEB_URL']}  (sign in with a demo identity)")
    print(
        f'Environment for tools and tests: eval "$(python3 scripts/stack.py env --stack {stack.name})"'
    )


# ---------------------------------------------------------------------------------------------
# Commands


def cmd_up(stack: Stack, args: argparse.Namespace) -> int:
    if not args.no_bootstrap:
        run_bootstrap()
    names = select(args.only)
    print(f"stack {stack.name!r} (port base {stack.base}, data in .local/{stack.name})")
    with stack_lock(stack):
        try:
            bring_up(stack, names, [])
        except StackError as error:
            raise StackError(
                f"{error}\n(what did start keeps running: `status` shows it, `down` stops it)"
            ) from None
        services = tuple(n for n in SERVICES if n in names)
        if services and not args.no_seed:
            load_demo_data(stack, services)
    print_welcome(stack, names)
    return 0


def cmd_down(stack: Stack, args: argparse.Namespace) -> int:
    if not stack.dir.exists():
        print(f"stack {stack.name!r} has no data folder; nothing to stop")
        return 0
    with stack_lock(stack):
        bring_down(stack, select(args.only))
        (stack.run / TESTS_STARTED).unlink(missing_ok=True)
    print(f"stack {stack.name!r} stopped; data kept in .local/{stack.name}")
    return 0


def cmd_reset(stack: Stack, args: argparse.Namespace) -> int:
    if not stack.dir.exists():
        print(f"stack {stack.name!r} has no data folder; nothing to reset")
        return 0
    with stack_lock(stack):
        bring_down(stack, COMPONENTS)
        shutil.rmtree(stack.dir)
    print(f"stack {stack.name!r} stopped and .local/{stack.name} deleted")
    return 0


def component_state(c: Component) -> str:
    if c.running():
        return "running" if c.ready() else "starting or unhealthy"
    if any(port_open(p) for p in c.ports()):
        return "stopped, but its port is taken by another process"
    return "stopped"


def cmd_status(stack: Stack, args: argparse.Namespace) -> int:
    print(f"stack {stack.name!r}, port base {stack.base}, data in .local/{stack.name}")
    for name in COMPONENTS:
        c = component(stack, name)
        pid = f"pid {c.pid()}" if c.running() else ""
        print(f"  {name:<12} {component_state(c):<22} {pid:<11} {c.address}")
    return 0


def cmd_env(stack: Stack, args: argparse.Namespace) -> int:
    for key, value in stack_env(stack).items():
        print(f"export {key}={shlex.quote(value)}")
    return 0


def cmd_logs(stack: Stack, args: argparse.Namespace) -> int:
    names = args.components or [n for n in (*COMPONENTS, "seed") if stack.log(n).exists()]
    unknown = [n for n in names if n not in (*COMPONENTS, "seed")]
    if unknown:
        raise StackError(f"no component called {', '.join(unknown)}")
    files = [str(stack.log(n)) for n in names if stack.log(n).exists()]
    if not files:
        print(f"no logs yet in .local/{stack.name}/logs")
        return 0
    tail = ["tail", "-n", str(args.lines)] + (["-F"] if args.follow else []) + files
    with contextlib.suppress(KeyboardInterrupt):
        return subprocess.run(tail).returncode
    return 0


# A test run starts what the stack lacks and stops it afterwards; several runs may share a
# stack, so whatever they started is stopped only when the last of them finishes.
TESTS_STARTED = "started-by-tests.json"
TEST_RUNS = "test-runs"


def live_test_runs(stack: Stack) -> list[Path]:
    runs = stack.run / TEST_RUNS
    live = []
    for lease in runs.glob("*") if runs.exists() else []:
        if lease.name.isdigit() and Path(f"/proc/{lease.name}").exists():
            live.append(lease)
        else:
            lease.unlink(missing_ok=True)
    return live


def record_started_by_tests(stack: Stack, names: list[str]) -> None:
    record = stack.run / TESTS_STARTED
    known = json.loads(record.read_text()) if record.exists() else []
    record.write_text(json.dumps(sorted(set(known) | set(names))))


def stop_what_tests_started(stack: Stack) -> None:
    record = stack.run / TESTS_STARTED
    names = set(json.loads(record.read_text())) if record.exists() else set()
    if names:
        print(f"stopping what the tests started: {', '.join(n for n in COMPONENTS if n in names)}")
        bring_down(stack, tuple(n for n in COMPONENTS if n in names))
    record.unlink(missing_ok=True)


def prepare_test_stack(stack: Stack, names: tuple[str, ...]) -> None:
    with stack_lock(stack):
        lease = stack.run / TEST_RUNS / str(os.getpid())
        lease.parent.mkdir(parents=True, exist_ok=True)
        lease.touch()
        started: list[str] = []
        try:
            bring_up(stack, names, started)
        finally:
            record_started_by_tests(stack, started)


def release_test_stack(stack: Stack) -> None:
    with stack_lock(stack):
        (stack.run / TEST_RUNS / str(os.getpid())).unlink(missing_ok=True)
        if live_test_runs(stack):
            print("other test runs still use the stack; leaving it running")
        else:
            stop_what_tests_started(stack)


def run_pytest(stack: Stack, pytest_args: list[str]) -> int:
    argv = [str(VENV_PYTHON), "-m", "pytest", *pytest_args]
    print(f"\nrunning: {shlex.join(argv)}  (stack {stack.name!r})")
    process = subprocess.Popen(argv, cwd=ROOT, env=process_env(stack))
    try:
        return process.wait()
    finally:
        if process.poll() is None:
            process.terminate()
            with contextlib.suppress(subprocess.TimeoutExpired):
                process.wait(timeout=10)
            if process.poll() is None:
                process.kill()


def cmd_test(stack: Stack, args: argparse.Namespace) -> int:
    if not args.no_bootstrap:
        run_bootstrap()
    names = select(args.only)
    print(f"stack {stack.name!r} (port base {stack.base}) for the tests")
    try:
        try:
            prepare_test_stack(stack, names)
        except StackError as error:
            # Said before the clean-up output, which would otherwise bury it.
            report(error)
            return 1
        code = run_pytest(stack, args.pytest_args)
    finally:
        release_test_stack(stack)
    if code == 5:
        print("pytest collected no tests; counting that as a failure")
    return code


def is_benchmark(path: Path) -> bool:
    """Modules the benchmarks share have no main guard; the benchmarks themselves do."""
    return (
        re.search(r"^if __name__ == .__main__.:", path.read_text(errors="replace"), re.M)
        is not None
    )


def cmd_bench(stack: Stack, args: argparse.Namespace) -> int:
    if not args.no_bootstrap:
        run_bootstrap()
    scripts = [path for path in sorted((ROOT / "bench").glob("*.py")) if is_benchmark(path)]
    if not scripts:
        print("no benchmarks in bench/")
        return 0
    with stack_lock(stack):
        bring_up(stack, COMPONENTS, [])
    failed = []
    for script in scripts:
        print(f"\n== {script.relative_to(ROOT)}")
        began = time.monotonic()
        code = subprocess.run(
            [str(VENV_PYTHON), str(script)], cwd=ROOT, env=process_env(stack)
        ).returncode
        print(f"== {script.name}: exit {code} after {time.monotonic() - began:.1f}s")
        if code != 0:
            failed.append(script.name)
    if failed:
        print(f"\nfailed benchmarks: {', '.join(failed)}")
    return 1 if failed else 0


def parse_args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="stack.py", description=__doc__.splitlines()[0])
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--stack", help="stack name (env STACK; default dev, or test for `test`)")
    common.add_argument("--port-base", type=int, help="first port of the stack (env PORT_BASE)")
    commands = parser.add_subparsers(dest="command", required=True)

    up = commands.add_parser("up", parents=[common], help="start the stack and load demo data")
    up.add_argument("--only", help="comma-separated: infra, services, gateway or component names")
    up.add_argument("--no-seed", action="store_true", help="do not load demo data")
    up.add_argument("--no-bootstrap", action="store_true", help="skip scripts/bootstrap.sh")

    down = commands.add_parser("down", parents=[common], help="stop the stack, keep its data")
    down.add_argument("--only", help="comma-separated: infra, services, gateway or component names")
    commands.add_parser("reset", parents=[common], help="stop the stack and delete its data")
    commands.add_parser("status", parents=[common], help="show what runs where")
    commands.add_parser("env", parents=[common], help="print `export` lines for the stack")

    logs = commands.add_parser("logs", parents=[common], help="show the components' logs")
    logs.add_argument("components", nargs="*", help=f"any of {', '.join(COMPONENTS)}, seed")
    logs.add_argument("-f", "--follow", action="store_true")
    logs.add_argument("-n", "--lines", type=int, default=50)

    test = commands.add_parser("test", parents=[common], help="run pytest against the test stack")
    test.add_argument("--only", help="start only these components (default: all)")
    test.add_argument("--no-bootstrap", action="store_true", help="skip scripts/bootstrap.sh")
    test.add_argument(
        "pytest_args", nargs=argparse.REMAINDER, help="arguments for pytest, after --"
    )

    bench = commands.add_parser("bench", parents=[common], help="run bench/*.py against the stack")
    bench.add_argument("--no-bootstrap", action="store_true", help="skip scripts/bootstrap.sh")

    args, unknown = parser.parse_known_args(argv)
    if unknown and args.command != "test":
        parser.error(f"unrecognized arguments: {' '.join(unknown)}")
    if args.command == "test":
        given = args.pytest_args[1:] if args.pytest_args[:1] == ["--"] else args.pytest_args
        args.pytest_args = unknown + given
    return args


COMMANDS = {
    "up": cmd_up,
    "down": cmd_down,
    "reset": cmd_reset,
    "status": cmd_status,
    "env": cmd_env,
    "logs": cmd_logs,
    "test": cmd_test,
    "bench": cmd_bench,
}


def report(error: StackError) -> None:
    print(f"stack: error: {error}", file=sys.stderr, flush=True)


def raise_on_sigterm(signum, frame) -> None:
    """Turn SIGTERM into an exception so that `finally` blocks stop what was started."""
    raise KeyboardInterrupt


def main(argv: list[str]) -> int:
    args = parse_args(argv)
    # Progress lines must come out in order with the child processes' output, even in CI logs.
    sys.stdout.reconfigure(line_buffering=True)
    signal.signal(signal.SIGTERM, raise_on_sigterm)
    try:
        stack = resolve_stack(
            args.stack, args.port_base, "test" if args.command == "test" else "dev"
        )
        return COMMANDS[args.command](stack, args)
    except StackError as error:
        report(error)
        return 1
    except KeyboardInterrupt:
        print("stack: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        # Output piped into `head` and the like; nothing is left to say.
        sys.stderr.close()
        return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
