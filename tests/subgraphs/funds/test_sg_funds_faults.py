"""A failing or throttling bank: retries where safe, then a coded GraphQL error on exactly the
fields that depend on it."""

from __future__ import annotations

from typing import Any

import httpx

from subgraphs.common.ids import encode_global_id

QUERY = """
query($reps: [_Any!]!) { _entities(representations: $reps) { ... on Customer {
  riskTolerance fundHoldings { units } } } }
"""


async def set_faults(world: Any, bank: str, **settings: Any) -> None:
    transport = httpx.ASGITransport(app=world.apps[bank])
    async with httpx.AsyncClient(transport=transport, base_url="http://bank.test") as admin:
        response = await admin.put("/_sandbox/faults", json=settings)
        assert response.status_code in (200, 204), response.text


async def test_bank_down_gives_a_coded_error_and_no_data(world: Any, subgraph: Any) -> None:
    rep = {"__typename": "Customer", "id": encode_global_id("Customer", "bankgraph", "chen")}
    log: list[str] = []
    async with subgraph("funds", bank_log=log) as client:
        token = world.token("chen")
        healthy = await client.query(QUERY, {"reps": [rep]}, token)
        assert "errors" not in healthy, healthy
        await set_faults(world, "bank_d", error_rate=1.0, error_status=503)
        log.clear()
        # a fresh request: loaders are per request, the cached customer grant is reused
        down = await client.query(QUERY, {"reps": [rep]}, token)
    assert down["data"]["_entities"] == [None]
    codes = {error["extensions"]["code"] for error in down["errors"]}
    assert codes == {"BANK_UNAVAILABLE"}
    assert all("Bank D" in error["message"] for error in down["errors"])
    # GETs were retried (3 attempts each), never more
    assert 3 <= len(log) <= 6 and len(set(log)) <= 2


async def test_throttling_is_retried_transparently(world: Any, subgraph: Any) -> None:
    rep = {"__typename": "Customer", "id": encode_global_id("Customer", "bankgraph", "chen")}
    async with subgraph("funds") as client:
        token = world.token("chen")
        await client.query(QUERY, {"reps": [rep]}, token)
        await set_faults(world, "bank_d", rate_limit_per_second=1)
        result = await client.query(QUERY, {"reps": [rep]}, token)
    assert "errors" not in result, result
    assert result["data"]["_entities"][0]["fundHoldings"]
