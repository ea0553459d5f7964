"""Side-by-side throughput and latency: bankgraph's gateway vs Hive Gateway, same subgraphs.

Setup, all on 127.0.0.1:

* four fixture subgraphs (`bench.compare_subgraphs`: products, reviews, accounts, inventory),
  one process each, documents parsed/validated once, so they are not the bottleneck;
* their supergraph composed by the reference composer (``tools/node/compose.mjs``);
* each gateway as its own process on that supergraph, one at a time: ``python -m gateway
  serve`` (single process, default settings) and ``hive-gateway supergraph`` (one Node
  process, ``NODE_ENV=production``);
* the load generator ``wrk`` (C, separate process, one thread; POST bodies from a generated
  Lua script), closed loop with ``C`` keep-alive connections.

Operations: ``single`` (one subgraph, a list of 20 products), ``jump`` (products -> reviews
-> accounts: two batched entity fetches over lists, authors de-duplicated) and ``requires``
(all four subgraphs; ``shippingEstimate`` ``@requires`` ``weight`` from products).

Before timing anything, every operation is sent to every gateway once and the response
bodies must be byte-identical after JSON normalisation (and free of errors); after each run
the body is checked again. Each (gateway, operation, concurrency) cell gets a warm-up run
(discarded) and then a timed run; the table shows requests per second, wrk's p50/p99 and the
gateway's CPU time per request (user + system, all threads and worker processes, from
/proc): the figure that stays meaningful when other processes share the cores.

Run (needs Debian's ``wrk``: ``apt-get install -y wrk``)::

    .venv/bin/python -m bench.compare                       # both gateways, ~2 min
    .venv/bin/python -m bench.compare --duration 10 --concurrency 1 16 64
    .venv/bin/python -m bench.compare --gateways bankgraph --operations requires
    .venv/bin/python -m bench.compare --bankgraph-workers 2   # bankgraph multi-process

On a shared 2-core machine the gateway, the subgraphs and wrk compete for CPU: compare the
gateways with each other within one run, not absolute figures across machines.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import os
import re
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable, Iterator, Sequence
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from pathlib import Path

import orjson

from bench.compare_subgraphs import serve_subgraph, subgraph_specs, wait_until_serving
from tests.fixtures.federation.gateways import GatewayProcess, bankgraph_gateway, hive_gateway
from tests.fixtures.federation.serving import free_port

REPO_ROOT = Path(__file__).resolve().parents[1]
COMPOSER = REPO_ROOT / "tools" / "node" / "compose.mjs"

OPERATIONS: dict[str, tuple[str, dict[str, object]]] = {
    "single": (
        "query Single($first: Int!) { topProducts(first: $first) { upc name price } }",
        {"first": 20},
    ),
    "jump": (
        "query Jump($first: Int!) { topProducts(first: $first) "
        "{ name reviews { body author { name username } } } }",
        {"first": 20},
    ),
    "requires": (
        "query Shelf($first: Int!) { topProducts(first: $first) "
        "{ upc name price inStock shippingEstimate reviews { body author { name } } } }",
        {"first": 20},
    ),
}

GATEWAYS: dict[str, Callable[[Path], GatewayProcess]] = {
    "bankgraph": bankgraph_gateway,
    "hive": hive_gateway,
}


@dataclass(frozen=True)
class Result:
    gateway: str
    operation: str
    concurrency: int
    rps: float
    p50_ms: float
    p99_ms: float
    cpu_ms: float
    errors: int


def compose(urls: dict[str, str]) -> str:
    """The supergraph SDL of the compare subgraphs, by the reference composer."""
    specs = subgraph_specs()
    payload = [{"name": name, "url": urls[name], "sdl": specs[name].sdl} for name in specs]
    completed = subprocess.run(
        ["node", str(COMPOSER)], input=json.dumps(payload).encode(), capture_output=True
    )
    if completed.returncode != 0:
        raise RuntimeError(f"composition failed: {completed.stderr.decode()}")
    return completed.stdout.decode()


@contextmanager
def running_subgraphs() -> Iterator[dict[str, str]]:
    """Start one process per subgraph; yields name -> URL; terminates them on exit."""
    ports = {name: free_port() for name in subgraph_specs()}
    context = multiprocessing.get_context("spawn")
    processes = [
        context.Process(target=serve_subgraph, args=(name, port), daemon=True)
        for name, port in ports.items()
    ]
    for process in processes:
        process.start()
    try:
        urls = {name: f"http://127.0.0.1:{port}/graphql" for name, port in ports.items()}
        wait_until_serving(urls)
        yield urls
    finally:
        for process in processes:
            process.terminate()
        for process in processes:
            process.join(timeout=10)


def request_body(operation: str) -> bytes:
    query, variables = OPERATIONS[operation]
    return orjson.dumps({"query": query, "variables": variables})


def checked_response(gateway: GatewayProcess, operation: str) -> bytes:
    """The normalised response body; raises when it carries errors or no data."""
    query, variables = OPERATIONS[operation]
    body = gateway.execute(query, variables)
    if body.get("errors") or not body.get("data"):
        raise RuntimeError(f"{operation}: unexpected response {body}")
    return orjson.dumps(body)


def wrk_script(directory: Path, operation: str) -> Path:
    """A wrk Lua script POSTing ``operation``'s JSON body."""
    body = request_body(operation).decode()
    path = directory / f"{operation}.lua"
    path.write_text(
        'wrk.method = "POST"\n'
        f"wrk.body = [==[{body}]==]\n"
        'wrk.headers["Content-Type"] = "application/json"\n'
        'wrk.headers["Accept"] = "application/json"\n',
        encoding="utf-8",
    )
    return path


_UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0}


def _latency_ms(output: str, percentile: int) -> float:
    match = re.search(rf"^\s*{percentile}%\s+([\d.]+)(us|ms|s)\s*$", output, re.MULTILINE)
    if match is None:
        raise RuntimeError(f"no p{percentile} in wrk output:\n{output}")
    return float(match.group(1)) * _UNITS[match.group(2)]


def cpu_seconds(pid: int) -> float:
    """User + system CPU time so far of process ``pid`` and its live descendants (all
    threads; ``--workers`` processes included), from /proc."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    own = (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
    return own + sum(cpu_seconds(int(child)) for child in children)


def bankgraph_workers(workers: int) -> Callable[[Path], GatewayProcess]:
    """``python -m gateway serve --workers N`` on a free port (N > 1)."""

    def start(supergraph_file: Path) -> GatewayProcess:
        port = free_port()
        argv = [sys.executable, "-m", "gateway", "serve", "--supergraph", str(supergraph_file)]
        argv += ["--host", "127.0.0.1", "--port", str(port), "--workers", str(workers)]
        return GatewayProcess(argv, port=port, health_path="/health", env=dict(os.environ))

    return start


def run_wrk(url: str, script: Path, concurrency: int, duration: int) -> tuple[float, ...]:
    """(requests/s, p50 ms, p99 ms, non-2xx + socket errors, requests) of one wrk run."""
    completed = subprocess.run(
        [
            "wrk",
            "-t1",
            f"-c{concurrency}",
            f"-d{duration}s",
            "--timeout",
            "10s",
            "--latency",
            "-s",
            str(script),
            url,
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    output = completed.stdout
    rps = re.search(r"Requests/sec:\s+([\d.]+)", output)
    requests = re.search(r"(\d+) requests in", output)
    if rps is None or requests is None:
        raise RuntimeError(f"no Requests/sec in wrk output:\n{output}")
    errors = sum(
        int(n)
        for n in re.findall(
            r"(?:Non-2xx or 3xx responses|connect|read|write|timeout)\D{0,3}(\d+)", output
        )
    )
    p50, p99 = _latency_ms(output, 50), _latency_ms(output, 99)
    return float(rps.group(1)), p50, p99, errors, int(requests.group(1))


def benchmark(
    name: str,
    gateway: GatewayProcess,
    scripts: dict[str, Path],
    concurrency: Sequence[int],
    duration: int,
    warmup: int,
) -> list[Result]:
    results = []
    pid = gateway._process.pid  # type: ignore[union-attr]  # the gateway's own process
    for operation, script in scripts.items():
        expected = checked_response(gateway, operation)
        for level in concurrency:
            run_wrk(gateway.graphql_url, script, level, warmup)
            cpu_before = cpu_seconds(pid)
            rps, p50, p99, errors, requests = run_wrk(gateway.graphql_url, script, level, duration)
            cpu_ms = (cpu_seconds(pid) - cpu_before) * 1000 / max(requests, 1)
            if checked_response(gateway, operation) != expected:
                raise RuntimeError(f"{name}/{operation}: response changed under load")
            results.append(Result(name, operation, level, rps, p50, p99, cpu_ms, int(errors)))
            print(
                f"  {name:<10} {operation:<9} c={level:<4} {rps:9.1f} req/s"
                f" {cpu_ms:6.2f} cpu ms/req",
                flush=True,
            )
    return results


def print_table(results: Sequence[Result]) -> None:
    header = (
        f"{'operation':<10} {'c':>4}  {'gateway':<10} {'req/s':>9} {'p50 ms':>8} {'p99 ms':>8}"
        f" {'cpu ms/req':>10}"
    )
    print()
    print(header)
    print("-" * len(header))
    ordered = sorted(results, key=lambda r: (list(OPERATIONS).index(r.operation), r.concurrency))
    for r in ordered:
        errors = f"  ({r.errors} errors)" if r.errors else ""
        print(
            f"{r.operation:<10} {r.concurrency:>4}  {r.gateway:<10} {r.rps:>9.1f} "
            f"{r.p50_ms:>8.2f} {r.p99_ms:>8.2f} {r.cpu_ms:>10.2f}{errors}"
        )


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m bench.compare", description=__doc__.split("\n\n", 1)[0]
    )
    parser.add_argument("--gateways", nargs="+", choices=list(GATEWAYS), default=list(GATEWAYS))
    parser.add_argument(
        "--operations", nargs="+", choices=list(OPERATIONS), default=list(OPERATIONS)
    )
    parser.add_argument("--concurrency", nargs="+", type=int, default=[1, 16, 64])
    parser.add_argument("--duration", type=int, default=5, help="seconds per timed run")
    parser.add_argument("--warmup", type=int, default=1, help="seconds of warm-up per run")
    parser.add_argument(
        "--bankgraph-workers",
        type=int,
        default=1,
        help="serve bankgraph with --workers N (default 1: single process vs single process)",
    )
    args = parser.parse_args(argv)
    if shutil.which("wrk") is None:
        parser.error("wrk is not installed (apt-get install -y wrk)")
    if args.duration <= 0 or args.warmup <= 0 or min(args.concurrency) < 1:
        parser.error("durations and concurrency levels must be positive")
    gateways = dict(GATEWAYS)
    if args.bankgraph_workers > 1:
        gateways["bankgraph"] = bankgraph_workers(args.bankgraph_workers)

    with ExitStack() as stack:
        directory = Path(stack.enter_context(tempfile.TemporaryDirectory()))
        urls = stack.enter_context(running_subgraphs())
        supergraph = directory / "supergraph.graphql"
        supergraph.write_text(compose(urls), encoding="utf-8")
        scripts = {operation: wrk_script(directory, operation) for operation in args.operations}
        print(f"subgraphs: {', '.join(urls)}; cores: {os.cpu_count()}", flush=True)

        reference: dict[str, bytes] = {}
        for name in args.gateways:
            with gateways[name](supergraph) as gateway:
                for operation in args.operations:
                    body = checked_response(gateway, operation)
                    if reference.setdefault(operation, body) != body:
                        raise RuntimeError(f"{operation}: {name} answers differently")
        print("responses identical across gateways", flush=True)

        results: list[Result] = []
        for name in args.gateways:
            with gateways[name](supergraph) as gateway:
                results += benchmark(
                    name, gateway, scripts, args.concurrency, args.duration, args.warmup
                )
    print_table(results)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
