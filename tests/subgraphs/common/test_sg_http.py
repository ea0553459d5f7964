"""Bank request retries: idempotent calls retry on 5xx/timeouts, others only when nothing was
processed (connect failure, 429); Retry-After is honoured up to the cap."""

from __future__ import annotations

import httpx
import pytest

from subgraphs.common.errors import BankUnavailable
from subgraphs.common.http import RetryPolicy, send

POLICY = RetryPolicy(attempts=3, base_delay=0, max_delay=0)


def client(responses: list[httpx.Response | Exception], seen: list[str]) -> httpx.AsyncClient:
    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request.method)
        item = responses.pop(0)
        if isinstance(item, Exception):
            raise item
        return item

    return httpx.AsyncClient(transport=httpx.MockTransport(handler), base_url="http://bank.test")


@pytest.mark.parametrize(
    ("responses", "idempotent", "calls", "status"),
    [
        ([httpx.Response(503), httpx.Response(200)], True, 2, 200),
        ([httpx.Response(503), httpx.Response(200)], False, 1, 503),
        ([httpx.Response(429), httpx.Response(201)], False, 2, 201),
        ([httpx.Response(500), httpx.Response(200)], True, 1, 500),  # 500 is not transient
        ([httpx.Response(400)], True, 1, 400),
        ([httpx.Response(502)] * 3, True, 3, 502),
    ],
)
async def test_retry_rules(
    responses: list[httpx.Response], idempotent: bool, calls: int, status: int
) -> None:
    seen: list[str] = []
    http = client(list(responses), seen)
    response = await send(
        http, http.build_request("POST", "/x"), bank="T", idempotent=idempotent, policy=POLICY
    )
    assert (len(seen), response.status_code) == (calls, status)


async def test_timeouts_retry_only_idempotent_calls() -> None:
    seen: list[str] = []
    http = client([httpx.ReadTimeout("slow"), httpx.Response(200)], seen)
    response = await send(
        http, http.build_request("GET", "/x"), bank="T", idempotent=True, policy=POLICY
    )
    assert response.status_code == 200 and len(seen) == 2
    seen.clear()
    http = client([httpx.ReadTimeout("slow"), httpx.Response(200)], seen)
    with pytest.raises(BankUnavailable):
        await send(
            http, http.build_request("POST", "/x"), bank="T", idempotent=False, policy=POLICY
        )
    assert len(seen) == 1


async def test_connect_errors_retry_and_then_report_unavailable() -> None:
    seen: list[str] = []
    http = client([httpx.ConnectError("down")] * 3, seen)
    with pytest.raises(BankUnavailable):
        await send(
            http, http.build_request("POST", "/x"), bank="T", idempotent=False, policy=POLICY
        )
    assert len(seen) == 3


async def test_retry_after_is_capped(monkeypatch: pytest.MonkeyPatch) -> None:
    slept: list[float] = []

    async def fake_sleep(seconds: float) -> None:
        slept.append(seconds)

    monkeypatch.setattr("subgraphs.common.http.asyncio.sleep", fake_sleep)
    seen: list[str] = []
    http = client([httpx.Response(429, headers={"Retry-After": "30"}), httpx.Response(200)], seen)
    policy = RetryPolicy(attempts=2, base_delay=0.1, max_delay=1.5)
    await send(http, http.build_request("GET", "/x"), bank="T", idempotent=True, policy=policy)
    assert slept == [1.5]
