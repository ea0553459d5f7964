"""Bank D under fault injection: the dialect's 429 and its 5xx error objects."""

from __future__ import annotations

import httpx
import pytest
from bankd_world import FundsClient, bearer

from sandbox.faults import FaultSettings


@pytest.fixture
def faults() -> FaultSettings:
    return FaultSettings(rate_limit_per_second=3)


async def test_rate_limit_429_with_retry_after(
    http: httpx.AsyncClient, funds_client: FundsClient
) -> None:
    token = await funds_client.client_token()
    # Ten quick requests span at most two one-second windows, so one window sees more than 3.
    responses = [await http.get("/bankd/v1/funds", headers=bearer(token)) for _ in range(10)]
    statuses = [response.status_code for response in responses]
    assert 429 in statuses
    throttled = responses[statuses.index(429)]
    assert throttled.headers["Retry-After"] == "2"
    assert throttled.content == b""


async def test_injected_errors_are_fdx_error_objects(http: httpx.AsyncClient) -> None:
    put = await http.put("/_sandbox/faults", json={"error_rate": 1.0, "error_status": 503})
    assert put.status_code == 200
    response = await http.get("/bankd/v1/funds")
    assert response.status_code == 503
    assert response.json()["code"] == "503"
    await http.put("/_sandbox/faults", json={"error_rate": 1.0, "error_status": 500})
    assert (await http.get("/bankd/v1/funds")).json()["code"] == "500"
