"""Per-request gateway overhead on a 4-subgraph fixture graph (median), on loopback.

Method. Four Strawberry subgraphs (bench/subgraphs.py) run under uvicorn in a separate
process; their supergraph is composed by the reference composer (tools/node/compose.mjs). One
operation touches all four subgraphs in three sequential stages (root list, two parallel
entity fetches, one entity fetch for de-duplicated authors). Every subgraph exchange goes
through a timing transport that records when the gateway's HTTP client started sending and
finished reading the body. For each request::

    overhead = gateway latency - time during which at least one subgraph request was in flight

i.e. the union of the subgraph intervals is subtracted, so parallel fetches are not counted
twice and everything left is the gateway's own work: parse/validate (cached), planning
(cached), building representations, JSON encoding/decoding, merging, shaping. Two figures:

* ``engine``: ``Engine.run`` in process (latency measured around the call);
* ``http``: the full gateway app (``gateway.http.create_app``) under uvicorn on loopback, the
  latency measured by a client; it adds the gateway's HTTP layer and the client's own loopback
  round trip, which a client calling one subgraph directly would pay too.

Usage: ``python -m bench.gateway_overhead [--requests N] [--warmup N]``.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import multiprocessing
import socket
import statistics
import subprocess
import threading
import time
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
import orjson
import uvicorn

from bench.subgraphs import OPERATION, serve_subgraphs, subgraph_schemas
from gateway.engine import Engine, GraphQLRequest, RequestContext
from gateway.http import create_app
from gateway.settings import Settings
from gateway.supergraph import Supergraph, load_supergraph

REPO_ROOT = Path(__file__).resolve().parents[1]
COMPOSER = REPO_ROOT / "tools" / "node" / "compose.mjs"
VARIABLES = {"first": 10}


@dataclass
class TimingTransport(httpx.AsyncBaseTransport):
    """Wraps a transport; records (start, end) of every exchange, body read included."""

    inner: httpx.AsyncBaseTransport
    intervals: list[tuple[float, float]] = field(default_factory=list)

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        start = time.perf_counter()
        response = await self.inner.handle_async_request(request)
        await response.aread()
        self.intervals.append((start, time.perf_counter()))
        return response

    async def aclose(self) -> None:
        await self.inner.aclose()


@dataclass(frozen=True)
class Sample:
    latency: float
    subgraph_time: float
    fetches: int

    @property
    def overhead(self) -> float:
        return self.latency - self.subgraph_time


def union_length(intervals: Sequence[tuple[float, float]]) -> float:
    """Total length covered by possibly overlapping intervals."""
    total, end = 0.0, float("-inf")
    for start, stop in sorted(intervals):
        if stop <= end:
            continue
        total += stop - max(start, end)
        end = stop
    return total


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def compose(urls: dict[str, str]) -> str:
    """The supergraph SDL of the bench subgraphs, by the reference composer."""
    subgraphs = []
    for name, schema in subgraph_schemas().items():
        result = schema.execute_sync("{ _service { sdl } }")
        assert result.data is not None, result.errors
        subgraphs.append({"name": name, "url": urls[name], "sdl": result.data["_service"]["sdl"]})
    completed = subprocess.run(
        ["node", str(COMPOSER)],
        input=json.dumps(subgraphs).encode(),
        capture_output=True,
        check=False,
    )
    if completed.returncode != 0:
        raise RuntimeError(f"composition failed: {completed.stderr.decode()}")
    return completed.stdout.decode()


def wait_until_serving(urls: Sequence[str], timeout: float = 30.0) -> None:
    deadline = time.monotonic() + timeout
    for url in urls:
        while True:
            try:
                httpx.post(url, json={"query": "{ __typename }"}, timeout=1.0)
                break
            except httpx.TransportError:
                if time.monotonic() > deadline:
                    raise RuntimeError(f"{url} did not start") from None
                time.sleep(0.05)


async def sample(send: Callable[[], Awaitable[dict[str, Any]]], timing: TimingTransport) -> Sample:
    timing.intervals.clear()
    start = time.perf_counter()
    body = await send()
    latency = time.perf_counter() - start
    if body.get("errors") or not body.get("data"):
        raise RuntimeError(f"unexpected response: {body}")
    return Sample(latency, union_length(timing.intervals), len(timing.intervals))


async def measure(
    send: Callable[[], Awaitable[dict[str, Any]]], timing: TimingTransport, warmup: int, n: int
) -> list[Sample]:
    for _ in range(warmup):
        await sample(send, timing)
    return [await sample(send, timing) for _ in range(n)]


async def measure_engine(supergraph: Supergraph, warmup: int, n: int) -> list[Sample]:
    timing = TimingTransport(httpx.AsyncHTTPTransport())
    async with httpx.AsyncClient(transport=timing, timeout=10.0) as client:
        engine = Engine(supergraph, client)
        request = GraphQLRequest(OPERATION, "Shelf", VARIABLES)

        async def send() -> dict[str, Any]:
            return await engine.run(request, RequestContext())

        return await measure(send, timing, warmup, n)


async def measure_http(supergraph: Supergraph, warmup: int, n: int) -> list[Sample]:
    timing = TimingTransport(httpx.AsyncHTTPTransport())
    app = create_app(Settings.from_mapping({}), supergraph, subgraph_transport=timing)
    port = free_port()
    server = uvicorn.Server(
        uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning", access_log=False)
    )
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    try:
        while not server.started:
            await asyncio.sleep(0.02)
        url = f"http://127.0.0.1:{port}/graphql"
        payload = orjson.dumps(
            {"query": OPERATION, "operationName": "Shelf", "variables": VARIABLES}
        )
        headers = {"content-type": "application/json", "accept": "application/json"}
        async with httpx.AsyncClient(timeout=10.0) as client:

            async def send() -> dict[str, Any]:
                response = await client.post(url, content=payload, headers=headers)
                return orjson.loads(response.content)  # type: ignore[no-any-return]

            return await measure(send, timing, warmup, n)
    finally:
        server.should_exit = True
        thread.join(timeout=10)


def report(label: str, samples: list[Sample]) -> None:
    def ms(values: list[float], q: float = 0.5) -> str:
        return f"{statistics.quantiles(values, n=100)[int(q * 100) - 1] * 1000:7.3f}"

    latency = [s.latency for s in samples]
    waiting = [s.subgraph_time for s in samples]
    overhead = [s.overhead for s in samples]
    print(
        f"{label:<7} n={len(samples)} fetches/request={samples[0].fetches}  "
        f"latency median {ms(latency)} ms | subgraph time median {ms(waiting)} ms | "
        f"overhead median {ms(overhead)} ms, p90 {ms(overhead, 0.9)} ms"
    )


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.gateway_overhead", description=__doc__)
    parser.add_argument("--requests", type=int, default=300)
    parser.add_argument("--warmup", type=int, default=50)
    args = parser.parse_args(argv)

    ports = {name: free_port() for name in ("products", "reviews", "accounts", "inventory")}
    urls = {name: f"http://127.0.0.1:{port}/graphql" for name, port in ports.items()}
    supergraph = load_supergraph(compose(urls))
    process = multiprocessing.get_context("spawn").Process(target=serve_subgraphs, args=(ports,))
    process.start()
    try:
        wait_until_serving(list(urls.values()))
        report("engine", asyncio.run(measure_engine(supergraph, args.warmup, args.requests)))
        report("http", asyncio.run(measure_http(supergraph, args.warmup, args.requests)))
    finally:
        process.terminate()
        process.join(timeout=10)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
