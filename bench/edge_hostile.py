"""What hostile documents cost the gateway: edge refusal vs. letting the engine validate them.

For each hostile body of the HTTP test suite (tests/gateway/http/test_hostile_input.py shapes,
scaled up to the default limits), this prints the median time of

* ``refused``: a full POST through a fresh gateway app in process (``httpx.ASGITransport``)
  that the edge refuses (``LimitGuard`` before validation, size checks before parsing);
* ``engine``: ``Engine.prepare`` on the same text with the edge bypassed (parse + validate),
  i.e. what the document would cost without the guard (first sight, nothing cached).

Usage: ``python -m bench.edge_hostile [--repeat N]``. Needs no subgraph: nothing is fetched.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import httpx
import orjson

from gateway.engine import Engine, GraphQLRequest
from gateway.http import create_app
from gateway.settings import Settings
from gateway.supergraph import load_supergraph

SUPERGRAPH = Path(__file__).resolve().parents[1] / "tests/gateway/http/fixtures/supergraph.graphql"


def hostile_bodies() -> dict[str, dict[str, Any]]:
    fragments = [f"fragment F{i} on Query {{ ...F{i + 1} ...F{i + 1} }}" for i in range(30)]
    fragments.append("fragment F30 on Query { h: hello }")
    return {
        "alias bomb (4000)": {"query": "{ " + " ".join(f"a{i}: hello" for i in range(4000)) + " }"},
        "fragment bomb (2^30)": {"query": "{ ...F0 } " + " ".join(fragments)},
        "deep nesting (200)": {"query": "{" + " a {" * 200 + " b" + " }" * 200 + " }"},
        "tokens (14000)": {"query": "{ " + "hello " * 14_000 + "}"},
        "oversized document": {"query": "{ hello }" + " " * 150_000},
    }


async def measure(repeat: int) -> list[tuple[str, float, float]]:
    """Medians of first-sight costs: each repetition uses a fresh app / engine (empty caches)."""
    supergraph = load_supergraph(SUPERGRAPH.read_text(encoding="utf-8"))
    rows = []
    async with httpx.AsyncClient() as unused_subgraph_client:
        for name, body in hostile_bodies().items():
            content = orjson.dumps(body)
            refused = []
            for _ in range(repeat):
                app = create_app(Settings(), supergraph)
                async with (
                    app.router.lifespan_context(app),
                    httpx.AsyncClient(
                        transport=httpx.ASGITransport(app), base_url="http://gw"
                    ) as client,
                ):
                    start = time.perf_counter()
                    response = await client.post(
                        "/graphql", content=content, headers={"content-type": "application/json"}
                    )
                    refused.append(time.perf_counter() - start)
                assert response.status_code == 400, (name, response.status_code)
            engine_times = []
            for _ in range(repeat):
                engine = Engine(supergraph, unused_subgraph_client)
                start = time.perf_counter()
                engine.prepare(GraphQLRequest(body["query"]))
                engine_times.append(time.perf_counter() - start)
            rows.append((name, statistics.median(refused), statistics.median(engine_times)))
    return rows


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args(argv)
    print(f"{'document':24} {'refused (ms)':>13} {'engine (ms)':>12}")
    for name, refused, engine in asyncio.run(measure(args.repeat)):
        print(f"{name:24} {refused * 1000:13.1f} {engine * 1000:12.1f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
