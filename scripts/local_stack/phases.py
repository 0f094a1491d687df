"""Bringing components up phase by phase, and down in the reverse order."""

from __future__ import annotations

import concurrent.futures
import os
import time
from collections.abc import Callable

from scripts.local_stack.components.base import Component
from scripts.local_stack.errors import StackError
from scripts.local_stack.logs import log_tail
from scripts.local_stack.model import Stack, remember_stack
from scripts.local_stack.probes import port_open
from scripts.local_stack.tls import prepare_tls

READY_POLL = 0.2


def port_problem(c: Component, is_open: Callable[[int], bool] = port_open) -> str | None:
    taken = [str(port) for port in c.ports() if is_open(port)]
    if not taken:
        return None
    return (
        f"{c.name}: port {', '.join(taken)} is already in use, by something other than this stack's "
        f"{c.name} (another stack on an overlapping port base?)"
    )


def check_startable(
    components: list[Component], is_open: Callable[[int], bool] = port_open
) -> None:
    """Everything that would stop a component from starting, found before anything starts."""
    stopped = [c for c in components if not c.running()]
    problems = [
        problem for c in stopped for problem in (c.problem(), port_problem(c, is_open)) if problem
    ]
    if problems:
        raise StackError(
            "cannot start the stack, nothing was started:\n  - " + "\n  - ".join(problems)
        )


def wait_ready(c: Component, poll: float = READY_POLL) -> None:
    deadline = time.monotonic() + c.ready_timeout
    while not c.ready():
        if not c.running():
            raise StackError(f"{c.name} exited during start-up\n{log_tail(c.stack.log(c.name))}")
        if time.monotonic() > deadline:
            c.stop()
            raise StackError(
                f"{c.name} was not ready within {c.ready_timeout:.0f}s\n{log_tail(c.stack.log(c.name))}"
            )
        time.sleep(poll)


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


def bring_up(stack: Stack, names: tuple[str, ...], started: list[str]) -> list[Component]:
    """Start the named components that are not running; returns them all, in start order."""
    remember_stack(stack)
    prepare_tls(stack, os.environ)
    components = [stack.registry.build(stack, n) for n in names]
    check_startable(components)
    by_name = {c.name: c for c in components}
    for phase in stack.registry.phases(names):
        start_phase([by_name[n] for n in phase], started)
    return components


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
    for phase in reversed(stack.registry.phases(names)):
        stop_phase([stack.registry.build(stack, n) for n in phase])
