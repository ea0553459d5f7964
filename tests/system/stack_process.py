"""The whole system started exactly as `make run` starts it (`python -m bankgraph run`), on
ports shifted away from the defaults so it can run beside a developer's own stack."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx
import orjson

from bankgraph.stack import port_in_use
from bankgraph.topology import SANDBOX_PORTS, SUBGRAPH_PORTS, Topology

REPO = Path(__file__).resolve().parents[2]
HOME_QUERY = (REPO / "examples" / "1-home.graphql").read_text()


@dataclass
class StackProcess:
    process: subprocess.Popen[str]
    topology: Topology
    output: list[str]

    def token(self, customer: str) -> str:
        command = self.topology.token_command(sys.executable, customer)
        done = subprocess.run(command, capture_output=True, text=True, check=True, cwd=REPO)
        return done.stdout.strip().splitlines()[-1]

    def run_example(self, customer: str, name: str) -> dict[str, object]:
        """Runs ``examples/<name>.graphql`` with its variables file, as GraphiQL would."""
        query = (REPO / "examples" / f"{name}.graphql").read_text()
        variables = orjson.loads((REPO / "examples" / f"{name}.variables.json").read_bytes())
        return self.query(customer, query, variables=variables)

    def query(
        self,
        customer: str,
        query: str,
        timeout: float = 60.0,
        variables: dict[str, object] | None = None,
    ) -> dict[str, object]:
        response = httpx.post(
            self.topology.graphiql_url,
            json={"query": query, "variables": variables or {}},
            headers={"authorization": f"Bearer {self.token(customer)}"},
            timeout=timeout,
        )
        response.raise_for_status()
        return response.json()

    def child_pids(self) -> set[int]:
        """Direct children of the supervisor (each component runs in a session of its own)."""
        children = set()
        for stat in Path("/proc").glob("[0-9]*/stat"):
            try:
                fields = stat.read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == self.process.pid:
                children.add(int(stat.parent.name))
        return children


def free_offset(host: str = "127.0.0.1") -> tuple[int, int]:
    """A port offset under which every component's port is free, and a free gateway port."""
    # Below Linux's ephemeral range (32768+), where other tests' client sockets come and go.
    for _ in range(50):
        offset = random.randrange(1000, 23000, 10)
        ports = [p + offset for p in (*SANDBOX_PORTS.values(), *SUBGRAPH_PORTS.values())]
        gateway = offset + 4000
        if not any(port_in_use(host, port) for port in [*ports, gateway]):
            return offset, gateway
    raise RuntimeError("no free port range found")


def run_command(state_dir: Path, offset: int, gateway_port: int) -> list[str]:
    return [
        sys.executable,
        "-m",
        "bankgraph",
        "run",
        "--state-dir",
        str(state_dir),
        "--port-offset",
        str(offset),
        "--gateway-port",
        str(gateway_port),
    ]


@contextmanager
def running_stack(state_dir: Path, startup_timeout: float = 150.0) -> Iterator[StackProcess]:
    """Starts the stack, waits for its ready line, and stops it with SIGINT on exit."""
    offset, gateway_port = free_offset()
    process = subprocess.Popen(
        run_command(state_dir, offset, gateway_port),
        cwd=REPO,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )
    topology = Topology("127.0.0.1", gateway_port, state_dir, offset)
    stack = StackProcess(process, topology, [])
    try:
        _await_ready(stack, startup_timeout)
        yield stack
    finally:
        if process.poll() is None:
            process.send_signal(signal.SIGINT)
        try:
            process.wait(timeout=60)
        except subprocess.TimeoutExpired:
            process.kill()
            raise


def _await_ready(stack: StackProcess, timeout: float) -> None:
    """Collects the supervisor's output on a thread until its ready line (or its exit)."""
    ready = threading.Event()

    def read() -> None:
        assert stack.process.stdout is not None
        for line in stack.process.stdout:
            stack.output.append(line.rstrip("\n"))
            if line.startswith("bankgraph ready"):
                ready.set()
        ready.set()

    threading.Thread(target=read, daemon=True).start()
    if not ready.wait(timeout):
        raise AssertionError(f"not ready within {timeout:.0f}s:\n" + "\n".join(stack.output))
    if not any(line.startswith("bankgraph ready") for line in stack.output):
        stack.process.wait(timeout=30)
        raise AssertionError("the stack exited early:\n" + "\n".join(stack.output))
