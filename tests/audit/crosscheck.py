"""Run the reproduced audit suites through a real gateway process, to confirm the expectations.

``cd tests && python -m audit.crosscheck [--gateway hive|bankgraph] [SUITE ...]`` serves each
suite's subgraphs on loopback, starts the gateway over the suite's supergraph (URLs
rewritten) and prints one line per case (``ok`` / ``FAIL`` with the response), then a
summary. Hive Gateway passes the public audit, so a case it fails points at our fixture (or
at a known Hive difference); ``bankgraph`` runs our gateway end to end over HTTP, as the
audit does. ``authenticated-and-scopes`` needs the gateway's authorization configured, which
this script does not do (Hive then ignores the directives). Exit code 1 when any case
fails. Not part of ``make test`` (a gateway process per suite is slow).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from collections.abc import Callable, Sequence
from pathlib import Path

from fixtures.federation.fixture import with_subgraph_urls
from fixtures.federation.gateways import GatewayProcess, bankgraph_gateway, hive_gateway
from fixtures.federation.serving import LoopbackServers
from fixtures.federation.subgraph import SubgraphApp

from .suite import AuditSuite
from .suites import SUITE_NAMES, load_suite

__all__ = ["crosscheck_suite", "main"]

GATEWAYS: dict[str, Callable[[Path], GatewayProcess]] = {
    "hive": hive_gateway,
    "bankgraph": bankgraph_gateway,
}


def crosscheck_suite(
    suite: AuditSuite, gateway: Callable[[Path], GatewayProcess], workdir: Path
) -> list[tuple[str, str | None]]:
    """(case name, None when the response is what the audit expects, else the response).
    Cases of an authenticated caller (``scopes``) are left out: no token is configured."""
    apps = {spec.name: SubgraphApp(spec) for spec in suite.subgraphs}
    results: list[tuple[str, str | None]] = []
    with LoopbackServers(apps) as urls:
        path = workdir / f"{suite.name}.graphql"
        sdl = suite.supergraph_path.read_text(encoding="utf-8")
        path.write_text(with_subgraph_urls(sdl, urls), encoding="utf-8")
        with gateway(path) as process:
            for case in suite.cases:
                if case.scopes is not None:
                    continue
                if suite.reset is not None:
                    suite.reset()
                response = process.execute(case.query, case.variables)
                data_ok = response.get("data") == case.data
                errors_ok = bool(response.get("errors")) == case.errors
                results.append((case.name, None if data_ok and errors_ok else repr(response)))
    return results


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--gateway", choices=sorted(GATEWAYS), default="hive")
    parser.add_argument("names", nargs="*", default=list(SUITE_NAMES))
    args = parser.parse_args(argv)
    failed = total = 0
    with tempfile.TemporaryDirectory() as workdir:
        for name in args.names:
            for case_name, problem in crosscheck_suite(
                load_suite(name), GATEWAYS[args.gateway], Path(workdir)
            ):
                total += 1
                if problem is None:
                    print(f"ok    {name}: {case_name}")
                else:
                    failed += 1
                    print(f"FAIL  {name}: {case_name}\n      {problem[:600]}")
    print(f"{args.gateway}: {total - failed}/{total} cases as the audit expects")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
