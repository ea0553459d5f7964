"""The whole bank graph as child processes under one supervisor: start in order, watch, stop.

Start-up runs in waves (sandbox world, then the subgraphs, then the gateway); each wave must
answer its health checks before the next starts. Any child that exits, or fails its health check
in time, stops everything and is reported with the tail of its log. SIGINT/SIGTERM stop all
children (SIGTERM, then SIGKILL after a grace period), and each child is also tied to the
supervisor's life with PR_SET_PDEATHSIG so that none outlives it.
"""

from __future__ import annotations

import contextlib
import ctypes
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import httpx

__all__ = ["Component", "StackError", "Supervisor", "port_in_use"]

_PR_SET_PDEATHSIG = 1


class StackError(Exception):
    """A component could not be started; the message says which and why."""


@dataclass(frozen=True, slots=True)
class Component:
    """One child process and how to tell that it is ready."""

    name: str
    argv: Sequence[str]
    health_urls: Sequence[str]
    ports: Sequence[int]
    env: Mapping[str, str] = field(default_factory=dict)


def port_in_use(host: str, port: int) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((host, port))
        except OSError:
            return True
    return False


def _die_with_parent() -> None:
    # Linux only: the kernel sends SIGTERM to the child when the supervisor dies, even by SIGKILL.
    libc = ctypes.CDLL("libc.so.6", use_errno=True)
    libc.prctl(_PR_SET_PDEATHSIG, signal.SIGTERM)


class Supervisor:
    """Runs waves of components; ``stop`` is safe to call at any time and more than once."""

    def __init__(self, host: str, log_dir: Path, *, startup_timeout: float = 60.0) -> None:
        self._host = host
        self._log_dir = log_dir
        self._startup_timeout = startup_timeout
        self._children: list[tuple[Component, subprocess.Popen[bytes]]] = []

    def check_ports(self, waves: Sequence[Sequence[Component]]) -> None:
        for component in (c for wave in waves for c in wave):
            for port in component.ports:
                if port_in_use(self._host, port):
                    raise StackError(
                        f"port {port} on {self._host} is already in use "
                        f"(needed by {component.name}); stop whatever holds it or choose "
                        f"another port"
                    )

    def start(self, waves: Sequence[Sequence[Component]]) -> None:
        self._log_dir.mkdir(parents=True, exist_ok=True)
        for wave in waves:
            for component in wave:
                self._spawn(component)
            self._await_health(wave)

    def _spawn(self, component: Component) -> None:
        log = open(self._log_dir / f"{component.name}.log", "wb")  # noqa: SIM115 - child owns it
        process = subprocess.Popen(
            list(component.argv),
            stdout=log,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            env={**os.environ, **component.env},
            preexec_fn=_die_with_parent if sys.platform == "linux" else None,
            start_new_session=True,
        )
        log.close()
        self._children.append((component, process))

    def _await_health(self, wave: Sequence[Component]) -> None:
        deadline = time.monotonic() + self._startup_timeout
        pending = {(c.name, url) for c in wave for url in c.health_urls}
        with httpx.Client(timeout=2.0) as client:
            while pending:
                self.raise_if_exited()
                for name, url in sorted(pending):
                    if _healthy(client, url):
                        pending.discard((name, url))
                if not pending:
                    return
                if time.monotonic() > deadline:
                    name, url = min(pending)
                    raise StackError(
                        f"{name} did not become healthy within {self._startup_timeout:.0f}s "
                        f"({url}).\n{self.log_tail(name)}"
                    )
                time.sleep(0.2)

    def raise_if_exited(self) -> None:
        for component, process in self._children:
            code = process.poll()
            if code is not None:
                raise StackError(
                    f"{component.name} exited with code {code}.\n{self.log_tail(component.name)}"
                )

    def log_tail(self, name: str, lines: int = 20) -> str:
        path = self._log_dir / f"{name}.log"
        if not path.exists():
            return f"(no log at {path})"
        tail = path.read_text(errors="replace").splitlines()[-lines:]
        return f"last lines of {path}:\n" + "\n".join(f"  | {line}" for line in tail)

    def watch(self) -> None:
        """Returns only by exception: a child exited (StackError) or a signal handler raised."""
        while True:
            self.raise_if_exited()
            time.sleep(0.3)

    def stop(self, grace: float = 10.0) -> None:
        for _, process in reversed(self._children):
            if process.poll() is None:
                _signal_group(process, signal.SIGTERM)
        deadline = time.monotonic() + grace
        for _, process in reversed(self._children):
            remaining = max(0.0, deadline - time.monotonic())
            try:
                process.wait(timeout=remaining)
            except subprocess.TimeoutExpired:
                _signal_group(process, signal.SIGKILL)
                process.wait()
        self._children.clear()

    @property
    def pids(self) -> list[int]:
        return [process.pid for _, process in self._children]


def _signal_group(process: subprocess.Popen[bytes], signum: int) -> None:
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signum)


def _healthy(client: httpx.Client, url: str) -> bool:
    """``tcp://host:port`` asks only for a listening socket; anything else for HTTP 200."""
    if url.startswith("tcp://"):
        host, _, port = url.removeprefix("tcp://").rpartition(":")
        try:
            socket.create_connection((host, int(port)), timeout=1.0).close()
        except OSError:
            return False
        return True
    try:
        return client.get(url).status_code == 200
    except httpx.HTTPError:
        return False
