"""Structured JSON logs, each line carrying the correlation id of the request or event at hand."""

from __future__ import annotations

import contextvars
import json
import logging
import sys
import threading
import time
import uuid
from datetime import UTC, datetime

correlation_id_var: contextvars.ContextVar[str | None] = contextvars.ContextVar(
    "correlation_id", default=None
)

_STANDARD_ATTRS = set(vars(logging.makeLogRecord({}))) | {"message", "asctime"}


def new_correlation_id() -> str:
    return uuid.uuid4().hex


def current_correlation_id() -> str | None:
    return correlation_id_var.get()


class JsonFormatter(logging.Formatter):
    def __init__(self, service: str):
        super().__init__()
        self.service = service

    def format(self, record: logging.LogRecord) -> str:
        entry = {
            "ts": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "service": self.service,
            "logger": record.name,
            "message": record.getMessage(),
            "correlation_id": correlation_id_var.get(),
        }
        entry.update({k: v for k, v in vars(record).items() if k not in _STANDARD_ATTRS})
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        return json.dumps(entry, default=str, ensure_ascii=False)


class OutageFilter(logging.Filter):
    """Lets through the first warning or error of a client library (say aiokafka) and counts the
    rest, until the library has been quiet for `quiet_seconds`; then one line says how many were
    held back over how long. A broker that is down makes the client retry, and log, many times a
    second: the log shows the outage, not each retry.
    """

    def __init__(self, prefix: str, quiet_seconds: float = 10.0):
        super().__init__()
        self.prefix = prefix
        self.quiet_seconds = quiet_seconds
        self._lock = threading.Lock()
        self._since: float | None = None
        self._last = 0.0
        self._held_back = 0
        self._log = logging.getLogger(__name__)

    def filter(self, record: logging.LogRecord) -> bool:
        if record.levelno < logging.WARNING or not record.name.startswith(self.prefix):
            return True
        with self._lock:
            self._last = time.monotonic()
            if self._since is not None:
                self._held_back += 1
                return False
            self._since = self._last
        record.repeats = (
            f"further {self.prefix} warnings are counted, not logged, until it is quiet"
        )
        self._watch()
        return True

    def _watch(self) -> None:
        timer = threading.Timer(self.quiet_seconds, self._check_quiet)
        timer.daemon = True
        timer.start()

    def _check_quiet(self) -> None:
        with self._lock:
            if self._since is None:
                return
            quiet_for = time.monotonic() - self._last
            if quiet_for < self.quiet_seconds:
                rearm = True
            else:
                rearm = False
                lasted, held_back = self._last - self._since, self._held_back
                self._since, self._held_back = None, 0
        if rearm:
            timer = threading.Timer(self.quiet_seconds - quiet_for, self._check_quiet)
            timer.daemon = True
            timer.start()
            return
        self._log.warning(
            f"{self.prefix} warnings stopped",
            extra={"held_back": held_back, "lasted_seconds": round(lasted, 1)},
        )


def configure_logging(service: str, level: str = "INFO") -> None:
    handler = logging.StreamHandler(sys.stdout)
    handler.setFormatter(JsonFormatter(service))
    handler.addFilter(OutageFilter("aiokafka"))
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level.upper())
    # aiokafka reports every reconnect at WARNING/ERROR; keep it, but not its INFO chatter.
    logging.getLogger("aiokafka").setLevel(max(logging.WARNING, root.level))
