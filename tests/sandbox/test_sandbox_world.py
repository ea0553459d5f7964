"""`build_world`: every component over one ledger, reachable in process."""

from __future__ import annotations

import httpx

from sandbox.credentials import Credentials
from sandbox.ledger import Ledger
from sandbox.settings import COMPONENTS
from sandbox.world import build_world


async def test_world_builds_every_available_component(
    ledger: Ledger, credentials: Credentials
) -> None:
    urls = {name: f"http://{name}.test" for name in COMPONENTS}
    world = build_world({}, ledger=ledger, credentials=credentials, urls=urls)
    assert set(world.apps) | set(world.missing) == set(COMPONENTS)
    assert {"idp", "bank_a", "bank_b"} <= set(world.apps)
    transport = httpx.ASGITransport(app=world.apps["idp"])
    async with httpx.AsyncClient(transport=transport, base_url=urls["idp"]) as idp:
        assert (await idp.get("/.well-known/openid-configuration")).json()["issuer"] == urls["idp"]
    transport = httpx.ASGITransport(app=world.apps["bank_b"])
    async with httpx.AsyncClient(transport=transport, base_url=urls["bank_b"]) as bank_b:
        token = await bank_b.post(
            "/oauth2/token",
            data={
                "grant_type": "client_credentials",
                "client_id": credentials.bank_b.client_id,
                "client_secret": str(credentials.bank_b.client_secret),
            },
        )
    assert token.status_code == 200
    for name, app in world.apps.items():
        if name != "idp":
            assert app.state.faults.settings.error_rate == 0  # type: ignore[attr-defined]
