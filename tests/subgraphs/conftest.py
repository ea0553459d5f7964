"""Integration fixtures: the real sandbox world (IdP + banks over one seeded in-memory ledger)
mounted in process with httpx.ASGITransport, and our subgraph apps wired to it."""

from __future__ import annotations

import importlib
from collections.abc import AsyncIterator, Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import httpx
import pytest

from subgraphs.common.settings import SubgraphSettings

URLS = {
    "idp": "http://idp.test",
    "bank_a": "http://bank-a.test",
    "bank_b": "http://bank-b.test",
    "bank_c": "http://bank-c.test",
    "bank_d": "http://bank-d.test",
}
BANK_OF = {"accounts": "bank_a", "payments": "bank_b", "loans": "bank_c", "funds": "bank_d"}


@dataclass
class World:
    """The sandbox world in process: apps by component, token minting, credentials dir."""

    apps: dict[str, Any]
    credentials_dir: Path
    issue: Callable[..., str]
    ledger: Any

    def token(self, customer: str, **kw: Any) -> str:
        return self.issue(customer, **kw)


@pytest.fixture
def sandbox_env() -> dict[str, str]:
    """Sandbox settings (`BANKGRAPH_SANDBOX_*`) of the world; parametrize to change them."""
    return {}


@pytest.fixture
def world(tmp_path: Path, sandbox_env: dict[str, str]) -> Iterator[World]:
    sandbox_credentials = pytest.importorskip("sandbox.credentials")
    from sandbox.ledger import Ledger
    from sandbox.seed import seed_world
    from sandbox.world import build_world

    credentials = sandbox_credentials.ensure_credentials(tmp_path)
    ledger = Ledger.open(":memory:")
    seed_world(ledger, seed=7)
    built = build_world(sandbox_env, ledger=ledger, credentials=credentials, urls=URLS)
    provider = built.apps["idp"].state.idp
    yield World(dict(built.apps), tmp_path / "credentials", provider.issue_token, ledger)
    ledger.close()


def subgraph_settings(name: str, world: World) -> SubgraphSettings:
    bank = BANK_OF[name]
    return SubgraphSettings.from_mapping(
        name,
        {
            f"BANKGRAPH_BANK_{bank[-1].upper()}_URL": URLS[bank],
            "BANKGRAPH_IDP_URL": URLS["idp"],
            "BANKGRAPH_CREDENTIALS_DIR": str(world.credentials_dir),
        },
    )


class RecordingTransport(httpx.AsyncBaseTransport):
    """Passes requests to `inner` and records "METHOD path" of each, to count bank calls."""

    def __init__(self, inner: httpx.AsyncBaseTransport, log: list[str]) -> None:
        self.inner = inner
        self.log = log

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        self.log.append(f"{request.method} {request.url.path}")
        return await self.inner.handle_async_request(request)


@dataclass
class SubgraphClient:
    """POSTs GraphQL to one subgraph app in process."""

    http: httpx.AsyncClient

    async def query(
        self, document: str, variables: dict[str, Any] | None = None, token: str | None = None
    ) -> dict[str, Any]:
        headers = {"Authorization": f"Bearer {token}"} if token else {}
        response = await self.http.post(
            "/graphql", json={"query": document, "variables": variables or {}}, headers=headers
        )
        assert response.status_code == 200, response.text
        return response.json()


@pytest.fixture
def subgraph(world: World) -> Callable[[str], Any]:
    """Factory: `async with subgraph("accounts") as client` -> SubgraphClient over the world."""
    import contextlib

    @contextlib.asynccontextmanager
    async def open_subgraph(
        name: str, bank_log: list[str] | None = None
    ) -> AsyncIterator[SubgraphClient]:
        bank = BANK_OF[name]
        if bank not in world.apps:
            pytest.skip(f"sandbox {bank} is not available yet")
        module = importlib.import_module(f"subgraphs.{name}.app")
        app = module.create_app(
            subgraph_settings(name, world),
            bank_transport=RecordingTransport(
                httpx.ASGITransport(app=world.apps[bank]), bank_log if bank_log is not None else []
            ),
            idp_transport=httpx.ASGITransport(app=world.apps["idp"]),
        )
        async with (
            app.router.lifespan_context(app),
            httpx.AsyncClient(
                transport=httpx.ASGITransport(app=app), base_url=f"http://{name}.test"
            ) as http,
        ):
            yield SubgraphClient(http)

    return open_subgraph


def now() -> datetime:
    return datetime.now(UTC)
