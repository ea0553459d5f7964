"""``SupergraphPoller``: start-up composition, re-composition on change, last good kept."""

from __future__ import annotations

import logging

import httpx
import pytest
from starlette.applications import Starlette
from starlette.responses import PlainTextResponse
from starlette.routing import Route
from strawberry_subgraphs import SwappableApp, catalog_app, stock_app

from gateway.compose import CompositionError
from gateway.compose.live import LiveSubgraph, SupergraphPoller, parse_subgraph_args

SUBGRAPHS = [
    LiveSubgraph("catalog", "http://catalog.test/graphql"),
    LiveSubgraph("stock", "http://stock.test/graphql"),
]


def _down_app() -> Starlette:
    async def down(request: object) -> PlainTextResponse:
        return PlainTextResponse("restarting", status_code=503)

    return Starlette(routes=[Route("/graphql", down, methods=["POST"])])


@pytest.fixture
def catalog() -> SwappableApp:
    return SwappableApp(catalog_app())


@pytest.fixture
async def client(catalog: SwappableApp):
    mounts = {
        "http://catalog.test": httpx.ASGITransport(app=catalog),
        "http://stock.test": httpx.ASGITransport(app=stock_app()),
    }
    async with httpx.AsyncClient(mounts=mounts) as client:
        yield client


async def test_compose_now_then_recompose_only_on_change(
    client: httpx.AsyncClient, catalog: SwappableApp
) -> None:
    poller = SupergraphPoller(SUBGRAPHS, client)
    first = await poller.compose_now()
    assert "inStock: Boolean! @join__field(graph: STOCK)" in first
    received: list[str] = []
    assert await poller.refresh(received.append) is False
    assert received == []
    catalog.app = catalog_app("rating")
    assert await poller.refresh(received.append) is True
    assert len(received) == 1 and "rating: Int!" in received[0]
    assert poller.supergraph == received[0]
    assert await poller.refresh(received.append) is False


async def test_failed_composition_keeps_the_last_good_supergraph(
    client: httpx.AsyncClient, catalog: SwappableApp, caplog: pytest.LogCaptureFixture
) -> None:
    poller = SupergraphPoller(SUBGRAPHS, client)
    good = await poller.compose_now()
    received: list[str] = []
    catalog.app = catalog_app("conflict")
    with caplog.at_level(logging.ERROR, logger="gateway.compose.live"):
        assert await poller.refresh(received.append) is False
    assert received == [] and poller.supergraph == good
    assert "keeping the last good supergraph" in caplog.text
    assert '"Product.inStock"' in caplog.text
    catalog.app = catalog_app("rating")
    assert await poller.refresh(received.append) is True


async def test_unavailable_subgraph_and_rejected_supergraph_keep_the_last_good(
    client: httpx.AsyncClient, catalog: SwappableApp, caplog: pytest.LogCaptureFixture
) -> None:
    poller = SupergraphPoller(SUBGRAPHS, client)
    good = await poller.compose_now()
    catalog.app = _down_app()
    with caplog.at_level(logging.WARNING, logger="gateway.compose.live"):
        assert await poller.refresh(lambda sdl: None) is False
    assert "http://catalog.test/graphql: HTTP 503" in caplog.text

    def reject(sdl: str) -> None:
        raise RuntimeError("engine refused it")

    catalog.app = catalog_app("rating")
    assert await poller.refresh(reject) is False
    assert poller.supergraph == good
    assert "engine refused it" in caplog.text


async def test_start_up_failure_raises(client: httpx.AsyncClient, catalog: SwappableApp) -> None:
    catalog.app = catalog_app("conflict")
    with pytest.raises(CompositionError, match=r"Product\.inStock"):
        await SupergraphPoller(SUBGRAPHS, client).compose_now()


@pytest.mark.parametrize(
    ("values", "message"),
    [
        (["catalog"], "NAME=URL"),
        (["=http://x"], "NAME=URL"),
        (["a=http://x", "a=http://y"], "more than once"),
        ([], "at least one"),
    ],
)
def test_subgraph_arguments_are_checked(values: list[str], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        parse_subgraph_args(values)


def test_subgraph_arguments_keep_their_order() -> None:
    assert parse_subgraph_args(["b=http://b/graphql", "a=http://a=1/graphql"]) == [
        LiveSubgraph("b", "http://b/graphql"),
        LiveSubgraph("a", "http://a=1/graphql"),
    ]
