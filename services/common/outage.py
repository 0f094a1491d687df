"""Tells an unavailable dependency from a bug, and logs an outage once instead of per request.

While PostgreSQL is down every request fails the same way; a client must learn that it may retry
(SERVICE_UNAVAILABLE, HTTP 503), and the log must say when the outage began and ended, with how
many requests it failed, instead of one traceback per request.
"""

from __future__ import annotations

import logging
import threading
import time

import sqlalchemy.exc

log = logging.getLogger(__name__)

SERVICE_UNAVAILABLE = "SERVICE_UNAVAILABLE"

# SQLSTATE classes of a server that is unreachable, shutting down, starting or full.
_UNAVAILABLE_SQLSTATES = ("08", "57P01", "57P02", "57P03", "53300")


def is_unavailable(error: BaseException | None) -> bool:
    """Whether `error`, or an error it came from, says the database could not be reached."""
    seen: set[int] = set()
    while error is not None and id(error) not in seen:
        seen.add(id(error))
        if isinstance(error, (OSError, sqlalchemy.exc.TimeoutError)):
            return True
        if isinstance(error, sqlalchemy.exc.DBAPIError) and error.connection_invalidated:
            return True
        sqlstate = getattr(error, "sqlstate", None)
        if isinstance(sqlstate, str) and sqlstate.startswith(_UNAVAILABLE_SQLSTATES):
            return True
        if type(error).__name__ in {"ConnectionDoesNotExistError", "InterfaceError"} and (
            type(error).__module__.startswith("asyncpg")
        ):
            return True
        error = getattr(error, "orig", None) or error.__cause__ or error.__context__
    return False


class DependencyOutage:
    """One line when a dependency starts failing, one when it works again (with a count)."""

    def __init__(self, dependency: str):
        self.dependency = dependency
        self._lock = threading.Lock()
        self._since: float | None = None
        self._failures = 0

    @property
    def ongoing(self) -> bool:
        return self._since is not None

    def failed(self, error: BaseException | None) -> None:
        with self._lock:
            self._failures += 1
            if self._since is not None:
                return
            self._since = time.monotonic()
        log.error(
            f"{self.dependency} unavailable; requests answer SERVICE_UNAVAILABLE until it is back",
            extra={"dependency": self.dependency, "error": f"{type(error).__name__}: {error}"},
        )

    def succeeded(self) -> None:
        if self._since is None:
            return
        with self._lock:
            if self._since is None:
                return
            lasted, failures = time.monotonic() - self._since, self._failures
            self._since, self._failures = None, 0
        log.warning(
            f"{self.dependency} available again",
            extra={
                "dependency": self.dependency,
                "outage_seconds": round(lasted, 1),
                "failed_requests": failures,
            },
        )
