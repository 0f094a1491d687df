"""PostgreSQL: one cluster per stack in .local/<stack>/pgdata, one database and role per service."""

from __future__ import annotations

import os
import pwd
import shutil
import stat
import subprocess
from pathlib import Path

from scripts.local_stack.components.base import INFRA, Component
from scripts.local_stack.errors import StackError
from scripts.local_stack.model import Stack
from scripts.local_stack.paths import shown
from scripts.local_stack.process_control import run_logged, terminate
from scripts.local_stack.processes import read_pid
from scripts.local_stack.tls import tls_enabled, tls_files

# Unix socket paths are limited to 107 bytes.
SOCKET_PATH_LIMIT = 100


def running_as_root() -> bool:
    return os.geteuid() == 0


def postgres_bin_dir() -> Path | None:
    """The newest Debian-packaged PostgreSQL, else whatever initdb is on PATH."""
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


def database_sql(name: str) -> str:
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


def server_settings(port: int, socket_dir: Path, throwaway: bool, tls: bool = False) -> str:
    """The stack's own postgresql.conf lines, rewritten on every start."""
    values = {
        "listen_addresses": "'127.0.0.1'",
        "port": str(port),
        "unix_socket_directories": f"'{socket_dir}'",
        "max_connections": "200",
        "shared_buffers": "'256MB'",
        "timezone": "'UTC'",
        "log_timezone": "'UTC'",
        # Lets benchmarks measure commit-to-commit latency on the server's own clock.
        "track_commit_timestamp": "on",
    }
    if tls:
        # The stack's certificate, copied into the data folder where the server may read its key.
        values |= {"ssl": "on", "ssl_cert_file": "'server.crt'", "ssl_key_file": "'server.key'"}
    if throwaway:
        # Throw-away stacks trade the last few commits after a crash for faster tests;
        # unlike fsync=off this can lose transactions but never corrupt the cluster.
        values["synchronous_commit"] = "off"
    return "".join(f"{key} = {value}\n" for key, value in values.items())


class Postgres(Component):
    name = "postgres"
    phase = INFRA
    port_offset = 32
    group = "infra"
    ready_timeout = 60.0

    @classmethod
    def environment(cls, stack: Stack) -> dict[str, str]:
        """With the TLS option every client checks the server's certificate, as in production."""
        if not tls_enabled(stack):
            return {}
        return {
            "DATABASE_SSLMODE": "verify-full",
            "DATABASE_SSLROOTCERT": str(tls_files(stack).ca_cert),
        }

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
        """Deep checkouts put the socket under /tmp, where its path stays short enough."""
        if len(str(self.stack.pgdata / f".s.PGSQL.{self.port}.lock")) < SOCKET_PATH_LIMIT:
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
        return server_settings(
            self.port,
            self.socket_dir,
            throwaway=self.stack.name != "dev",
            tls=tls_enabled(self.stack),
        )

    def install_certificate(self) -> None:
        files = tls_files(self.stack)
        for source, name in ((files.server_cert, "server.crt"), (files.server_key, "server.key")):
            target = self.stack.pgdata / name
            target.write_bytes(source.read_bytes())
            # PostgreSQL refuses a key that anyone but its owner can read.
            os.chmod(target, 0o600)
            give_to_postgres(target)

    def initialise(self) -> None:
        pgdata = self.stack.pgdata
        if (pgdata / "PG_VERSION").exists():
            return
        print(f"  creating PostgreSQL cluster in {shown(pgdata)}")
        pgdata.mkdir(mode=0o700, parents=True, exist_ok=True)
        give_to_postgres(pgdata)
        self.prepare_log()
        initdb = [
            str(self.bin / "initdb"),
            *("-D", str(pgdata), "-U", "postgres", "-E", "UTF8", "--no-locale"),
            *("--auth-local=trust", "--auth-host=scram-sha-256", "--no-instructions"),
        ]
        run_logged(as_postgres(initdb), self.stack.log(self.name), "initdb", cwd="/")
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
        if tls_enabled(self.stack):
            self.install_certificate()
        conf = self.stack.pgdata / "stack.conf"
        conf.write_text(self.settings())
        give_to_postgres(conf)
        if self.socket_dir != self.stack.pgdata:
            self.socket_dir.mkdir(mode=0o755, exist_ok=True)
            give_to_postgres(self.socket_dir)

    def pg_ctl(self, *args: str) -> list[str]:
        return as_postgres([str(self.bin / "pg_ctl"), "-D", str(self.stack.pgdata), *args])

    def start(self) -> None:
        let_postgres_traverse(self.stack.dir)
        self.initialise()
        self.prepare_log()
        self.write_settings()
        log = self.stack.log(self.name)
        timeout = str(int(self.ready_timeout))
        start = self.pg_ctl("-l", str(log), "-w", "-t", timeout, "-s", "start")
        run_logged(start, log, "pg_ctl start", cwd="/")
        pid = read_pid(self.stack.pgdata / "postmaster.pid")
        self.stack.run.mkdir(parents=True, exist_ok=True)
        self.stack.pidfile(self.name).write_text(f"{pid}\n")

    def provision(self) -> None:
        psql = [
            str(self.bin / "psql"),
            *("-X", "-q", "-v", "ON_ERROR_STOP=1"),
            *("-h", str(self.socket_dir), "-p", str(self.port), "-U", "postgres", "-d", "postgres"),
        ]
        sql = "SET client_min_messages = warning;\n" + "".join(
            map(database_sql, self.stack.registry.databases())
        )
        run_logged(psql, self.stack.log(self.name), "creating the service roles and databases", sql)

    def stop(self) -> None:
        pid = self.pid()
        if pid is not None and self.owns(pid):
            stop = self.pg_ctl("-m", "fast", "-w", "-s", "stop")
            result = subprocess.run(stop, cwd="/", capture_output=True, text=True)
            if result.returncode != 0:
                print(f"  pg_ctl stop failed ({result.stderr.strip()}); signalling pid {pid}")
                terminate(pid, self.owns)
        self.stack.pidfile(self.name).unlink(missing_ok=True)


COMPONENTS = (Postgres,)
