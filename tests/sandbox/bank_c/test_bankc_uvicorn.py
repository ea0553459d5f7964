"""Bank C behind a real uvicorn server on a free loopback port.

uvicorn's ``raw_path`` carries no query string while httpx's in-process transport includes
it; signatures over a path with a query must verify either way.
"""

from __future__ import annotations

import asyncio
import socket
from collections.abc import AsyncIterator

import httpx
import pytest
import uvicorn
from bankc_world import Clock, Partner
from starlette.applications import Starlette

from sandbox.bank_c import Settings, create_app
from sandbox.ledger import Ledger


@pytest.fixture
async def served(ledger: Ledger, settings: Settings) -> AsyncIterator[str]:
    app: Starlette = create_app(settings, ledger)
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    config = uvicorn.Config(app, log_level="warning", lifespan="off")
    server = uvicorn.Server(config)
    task = asyncio.create_task(server.serve(sockets=[sock]))
    while not server.started:
        await asyncio.sleep(0.01)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        await task
        sock.close()


async def test_signed_query_over_the_network(served: str, world_keys: tuple, clock: Clock) -> None:
    async with httpx.AsyncClient(base_url=served) as http:
        partner = Partner(http, world_keys[1][0], clock)
        result = await partner.get("/open/v1/loan/products?page_size=2&page_no=1")
        assert result.data["page_size"] == 2
        missing = await partner.get("/open/v1/borrowers?out_user_id=bo")
        assert missing.sub_code == "BORROWER_NOT_FOUND"
