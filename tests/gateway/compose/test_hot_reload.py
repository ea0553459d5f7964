"""Hot reload through the real gateway process: ``bankgraph-gateway serve --subgraph ...
--poll``. A subgraph changes its schema while requests flow; none fails, the new field becomes
queryable, and a later broken schema leaves the last good supergraph in service."""

from __future__ import annotations

import sys
import threading
import time
from typing import Any

import httpx
import orjson
import pytest
from fixtures.federation.gateways import GatewayProcess
from fixtures.federation.serving import free_port
from strawberry_subgraphs import SwappableApp, catalog_app, stock_app

from gateway.__main__ import main

FLOW_QUERY = "{ products { upc name inStock } }"
FLOW_DATA = {
    "products": [
        {"upc": "1", "name": "Chair", "inStock": True},
        {"upc": "2", "name": "Desk", "inStock": False},
    ]
}
RATING_QUERY = "{ products { upc rating } }"


class RequestFlow:
    """Posts ``FLOW_QUERY`` back to back from a thread, recording every outcome."""

    def __init__(self, url: str) -> None:
        self.url = url
        self.outcomes: list[tuple[int, Any]] = []
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        with httpx.Client(timeout=10.0) as client:
            while not self._stop.is_set():
                try:
                    response = client.post(self.url, json={"query": FLOW_QUERY})
                    self.outcomes.append((response.status_code, orjson.loads(response.content)))
                except httpx.HTTPError as error:
                    self.outcomes.append((0, repr(error)))

    def __enter__(self) -> RequestFlow:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join(timeout=15)


def _wait_for(predicate: Any, timeout: float = 20.0) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.1)
    return False


def test_schema_change_while_requests_flow(serve_asgi) -> None:
    catalog = SwappableApp(catalog_app())
    catalog_url = serve_asgi(catalog) + "/graphql"
    stock_url = serve_asgi(stock_app()) + "/graphql"
    port = free_port()
    argv = [
        sys.executable,
        "-m",
        "gateway",
        "serve",
        "--subgraph",
        f"catalog={catalog_url}",
        "--subgraph",
        f"stock={stock_url}",
        "--poll",
        "0.2",
        "--host",
        "127.0.0.1",
        "--port",
        str(port),
    ]
    with GatewayProcess(argv, port=port, health_path="/health", startup_timeout=30.0) as gateway:
        assert "errors" in gateway.execute(RATING_QUERY)
        with RequestFlow(gateway.graphql_url) as flow:
            assert _wait_for(lambda: len(flow.outcomes) >= 5)
            catalog.app = catalog_app("rating")
            assert _wait_for(lambda: "errors" not in gateway.execute(RATING_QUERY))
            assert gateway.execute(RATING_QUERY) == {
                "data": {"products": [{"upc": "1", "rating": 5}, {"upc": "2", "rating": 5}]}
            }
            catalog.app = catalog_app("conflict")
            seen = len(flow.outcomes)
            assert _wait_for(lambda: len(flow.outcomes) >= seen + 20)
            time.sleep(1.0)  # several poll intervals with the broken schema
            assert "errors" not in gateway.execute(RATING_QUERY)
        outcomes = list(flow.outcomes)
    assert len(outcomes) >= 25
    failures = [o for o in outcomes if o != (200, {"data": FLOW_DATA})]
    assert failures == []


def test_live_start_up_failure_is_refused_with_the_reason(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["serve", "--subgraph", "gone=http://127.0.0.1:9/graphql"]) == 2
    err = capsys.readouterr().err
    assert "live composition failed" in err and "http://127.0.0.1:9/graphql" in err
    assert main(["serve", "--subgraph", "nameonly"]) == 2
    assert "NAME=URL" in capsys.readouterr().err
    assert main(["serve", "--supergraph", "x.graphql", "--poll", "1"]) == 2
    assert "--poll needs --subgraph" in capsys.readouterr().err
