"""Bank B client over httpx.MockTransport: one cached client-credentials token, PSU-ID on every
call, the same X-Request-ID and bytes when a throttled initiation is retried, tppMessages."""

from __future__ import annotations

from urllib.parse import parse_qs

import httpx
import pytest

from subgraphs.common.errors import BankNotFound, BankRejected
from subgraphs.common.http import RetryPolicy
from subgraphs.common.settings import Secret
from subgraphs.payments.bank_b.client import BankBClient, BankBCredentials

BODY = {"debtorAccount": {"iban": "DE89370400440532013000"}}


def make(handler) -> BankBClient:  # type: ignore[no-untyped-def]
    http = httpx.AsyncClient(base_url="http://bank-b.test", transport=httpx.MockTransport(handler))
    return BankBClient(http, BankBCredentials("tpp", Secret("pw")), policy=RetryPolicy(3, 0, 0))


async def test_token_is_cached_and_initiation_retries_are_byte_identical() -> None:
    seen: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        if request.url.path == "/oauth2/token":
            form = parse_qs(request.content.decode())
            assert form["client_secret"] == ["pw"] and form["scope"] == ["PIS"]
            return httpx.Response(200, json={"access_token": "t", "expires_in": 600})
        assert request.headers["PSU-ID"] == "alice"
        assert request.headers["Authorization"] == "Bearer t"
        if request.method == "POST" and sum(r.method == "POST" for r in seen) == 2:
            return httpx.Response(429)  # first initiation attempt throttled
        if request.method == "POST":
            return httpx.Response(201, json={"paymentId": "p1", "transactionStatus": "RCVD"})
        return httpx.Response(200, json={"transactionStatus": "ACTC", "fundsAvailable": True})

    bank = make(handler)
    created = await bank.initiate("alice", "req-1", BODY)
    assert (created.payment_id, created.transaction_status) == ("p1", "RCVD")
    assert await bank.get_status("alice", "p1") == ("ACTC", True)
    posts = [r for r in seen if r.method == "POST" and r.url.path != "/oauth2/token"]
    assert len(posts) == 2
    assert {r.headers["X-Request-ID"] for r in posts} == {"req-1"}
    assert posts[0].content == posts[1].content
    assert sum(r.url.path == "/oauth2/token" for r in seen) == 1


@pytest.mark.parametrize(
    ("status", "code", "error"),
    [
        (404, "RESOURCE_UNKNOWN", BankNotFound),
        (403, "RESOURCE_UNKNOWN", BankNotFound),
        (400, "FORMAT_ERROR", BankRejected),
        (405, "CANCELLATION_INVALID", BankRejected),
    ],
)
async def test_tpp_messages_become_bank_errors(
    status: int, code: str, error: type[Exception]
) -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        if request.url.path == "/oauth2/token":
            return httpx.Response(200, json={"access_token": "t", "expires_in": 600})
        body = {"tppMessages": [{"category": "ERROR", "code": code, "path": "creditorAccount.iban",
                                 "text": "nope"}]}  # fmt: skip
        return httpx.Response(status, json=body)

    with pytest.raises(error) as raised:
        await make(handler).cancel("alice", "p1")
    if isinstance(raised.value, BankRejected):
        assert raised.value.code == code and raised.value.field == "creditorAccount.iban"
