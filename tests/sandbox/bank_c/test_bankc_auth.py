"""Contract tests of request authentication and response signing."""

from __future__ import annotations

import base64

import httpx
import orjson
import pytest
from bankc_world import Clock, Partner, application_body, nonce, state
from cryptography.exceptions import InvalidSignature

from sandbox.faults import FaultSettings
from sandbox.ledger import Ledger

PRODUCTS = "/open/v1/loan/products"


async def test_every_failure_is_a_signed_200(partner: Partner) -> None:
    result = await partner.get(PRODUCTS, timestamp=1)
    assert result.response.status_code == 200
    assert result.response.headers["content-type"].startswith("application/json")
    assert result.body["code"] == "20001"
    assert result.body["message"] == "Insufficient Token Permissions"
    assert "data" not in result.body


async def test_missing_authorization(partner: Partner, http: httpx.AsyncClient) -> None:
    response = await http.get(PRODUCTS, headers={"Accept": "application/json", "User-Agent": "t/1"})
    body = partner.verify(response)
    assert (body["code"], body["sub_code"]) == ("20001", "SIGN_ERROR")


@pytest.mark.parametrize(
    "header",
    [
        'WECHATPAY2-SHA256-RSA2048 mchid="1900001234"',
        "BANKC-SHA256-RSA2048",
        "BANKC-SHA256-RSA2048 mchid=1900001234",
        'BANKC-SHA256-RSA2048 mchid="1900001234",nonce_str="x"',
        "Bearer abc",
    ],
)
async def test_malformed_authorization(
    partner: Partner, http: httpx.AsyncClient, header: str
) -> None:
    response = await http.get(
        PRODUCTS,
        headers={"Authorization": header, "Accept": "application/json", "User-Agent": "t/1"},
    )
    body = partner.verify(response)
    assert (body["code"], body["sub_code"]) == ("20001", "SIGN_ERROR")


async def test_parameters_in_any_order(partner: Partner, http: httpx.AsyncClient) -> None:
    header = partner.authorization("GET", PRODUCTS, b"")
    scheme, params = header.split(" ", 1)
    reordered = f"{scheme} " + ",".join(reversed(params.split(",")))
    response = await http.get(
        PRODUCTS,
        headers={"Authorization": reordered, "Accept": "application/json", "User-Agent": "t/1"},
    )
    assert partner.verify(response)["code"] == "10000"


@pytest.mark.parametrize("skew", [-301, 301, -10_000])
async def test_stale_or_future_timestamp(partner: Partner, clock: Clock, skew: int) -> None:
    result = await partner.get(PRODUCTS, timestamp=int(clock().timestamp()) + skew)
    assert (result.code, result.sub_code) == ("20001", "TIMESTAMP_EXPIRED")


@pytest.mark.parametrize("skew", [-300, 300])
async def test_timestamp_at_the_edge_of_the_window(
    partner: Partner, clock: Clock, skew: int
) -> None:
    result = await partner.get(PRODUCTS, timestamp=int(clock().timestamp()) + skew)
    assert result.code == "10000"


async def test_replayed_nonce_is_refused(partner: Partner, clock: Clock) -> None:
    fixed = nonce()
    assert (await partner.get(PRODUCTS, nonce_str=fixed)).code == "10000"
    clock.advance(seconds=120)
    replay = await partner.get(PRODUCTS, nonce_str=fixed)
    assert (replay.code, replay.sub_code) == ("20001", "NONCE_REUSED")


async def test_nonce_may_return_after_ten_minutes(partner: Partner, clock: Clock) -> None:
    fixed = nonce()
    assert (await partner.get(PRODUCTS, nonce_str=fixed)).code == "10000"
    clock.advance(seconds=601)
    assert (await partner.get(PRODUCTS, nonce_str=fixed)).code == "10000"


async def test_replayed_post_moves_nothing(partner: Partner, ledger: Ledger) -> None:
    fixed = nonce()
    first = await partner.post("/open/v1/loan/applications", application_body(), nonce_str=fixed)
    assert first.code == "10000"
    snapshot = state(ledger)
    replay = await partner.post("/open/v1/loan/applications", application_body(), nonce_str=fixed)
    assert replay.sub_code == "NONCE_REUSED"
    assert state(ledger) == snapshot


async def test_forged_request_does_not_burn_the_nonce(
    partner: Partner, http: httpx.AsyncClient
) -> None:
    fixed = nonce()
    header = partner.authorization("GET", PRODUCTS, b"", nonce_str=fixed)
    forged = header.replace('signature="', 'signature="AAAA')
    response = await http.get(
        PRODUCTS, headers={"Authorization": forged, "Accept": "application/json", "User-Agent": "t"}
    )
    assert partner.verify(response)["sub_code"] == "SIGN_ERROR"
    assert (await partner.get(PRODUCTS, nonce_str=fixed)).code == "10000"


BAD_NONCES = ["short", "x" * 33, "has-dash-0123456789", "under_0123456789"]


@pytest.mark.parametrize("nonce_str", BAD_NONCES)
async def test_bad_nonce_format(partner: Partner, nonce_str: str) -> None:
    result = await partner.get(PRODUCTS, nonce_str=nonce_str)
    assert (result.code, result.sub_code) == ("20001", "SIGN_ERROR")


async def test_unknown_serial(partner: Partner) -> None:
    result = await partner.get(PRODUCTS, serial_no="5E1F0A9C3B7D2E4F6A8B0C1D2E3F4A5B6C7D8E9F")
    assert (result.code, result.sub_code) == ("20001", "CERT_SERIAL_UNKNOWN")


async def test_other_partners_serial(partner: Partner, other_partner: Partner) -> None:
    result = await partner.get(PRODUCTS, serial_no=other_partner.credentials.serial_no)
    assert (result.code, result.sub_code) == ("20001", "CERT_SERIAL_UNKNOWN")


async def test_unknown_mchid(partner: Partner) -> None:
    result = await partner.get(PRODUCTS, mchid="1999999999")
    assert (result.code, result.sub_code) == ("20001", "MCH_NOT_EXISTS")


async def test_signature_by_another_key(partner: Partner, other_partner: Partner) -> None:
    # other_partner's key, but partner's mchid and serial: the signature cannot verify.
    result = await other_partner.get(
        PRODUCTS, mchid=partner.credentials.mchid, serial_no=partner.credentials.serial_no
    )
    assert (result.code, result.sub_code) == ("20001", "SIGN_ERROR")


async def test_body_changed_after_signing(
    partner: Partner, http: httpx.AsyncClient, ledger: Ledger
) -> None:
    signed_body = orjson.dumps(application_body())
    sent_body = orjson.dumps(application_body(apply_amount=1_300_000))
    header = partner.authorization("POST", "/open/v1/loan/applications", signed_body)
    snapshot = state(ledger)
    response = await http.post(
        "/open/v1/loan/applications",
        content=sent_body,
        headers={
            "Authorization": header,
            "Accept": "application/json",
            "Content-Type": "application/json",
            "User-Agent": "t/1",
        },
    )
    assert partner.verify(response)["sub_code"] == "SIGN_ERROR"
    assert state(ledger) == snapshot


async def test_query_string_is_signed_exactly_as_sent(
    partner: Partner, http: httpx.AsyncClient
) -> None:
    ok = await partner.get(f"{PRODUCTS}?page_size=1&page_no=2")
    assert ok.data["page_no"] == 2
    # Signed with the parameters in another order than sent: refused.
    header = partner.authorization("GET", f"{PRODUCTS}?page_no=2&page_size=1", b"")
    response = await http.get(
        f"{PRODUCTS}?page_size=1&page_no=2",
        headers={"Authorization": header, "Accept": "application/json", "User-Agent": "t/1"},
    )
    assert partner.verify(response)["sub_code"] == "SIGN_ERROR"


async def test_query_string_is_not_decoded(partner: Partner) -> None:
    result = await partner.get("/open/v1/borrowers?out_user_id=b%6F")
    assert (result.code, result.sub_code) == ("40004", "BORROWER_NOT_FOUND")


@pytest.mark.parametrize(
    ("headers", "code"),
    [
        ({"User-Agent": ""}, "40001"),
        ({"Accept": ""}, "40001"),
        ({"Accept": "text/html"}, "40002"),
        ({"Content-Type": "text/plain"}, "40002"),
    ],
)
async def test_required_headers(partner: Partner, ledger: Ledger, headers: dict, code: str) -> None:
    snapshot = state(ledger)
    result = await partner.post("/open/v1/loan/applications", application_body(), headers=headers)
    assert result.code == code
    assert state(ledger) == snapshot


async def test_response_signature_covers_the_body(partner: Partner) -> None:
    result = await partner.get(PRODUCTS)
    response = result.response
    tampered = httpx.Response(
        200, headers=response.headers, content=response.content.replace(b"ON_SALE", b"OFF_SAL")
    )
    with pytest.raises(InvalidSignature):
        partner.verify(tampered)
    assert len(base64.b64decode(response.headers["Bankc-Signature"])) == 256
    assert len(response.headers["Bankc-Nonce"]) == 32


@pytest.fixture
def faults() -> FaultSettings:
    return FaultSettings(rate_limit_per_second=3)


async def test_rate_limit_is_a_signed_429(partner: Partner) -> None:
    # Ten quick requests span at most two one-second windows, so one window sees more than 3.
    results = [await partner.get(PRODUCTS) for _ in range(10)]
    statuses = [result.response.status_code for result in results]
    assert statuses[:3] == [200, 200, 200]
    throttled = results[statuses.index(429)]
    assert throttled.response.headers["Retry-After"] == "1"
    assert (throttled.code, throttled.sub_code) == ("20000", "FREQUENCY_LIMITED")


async def test_rate_limit_counts_per_partner(partner: Partner, other_partner: Partner) -> None:
    for _ in range(3):
        await partner.get(PRODUCTS)
    assert (await other_partner.get(PRODUCTS)).response.status_code == 200


async def test_injected_server_error_is_unsigned_plain_text(
    partner: Partner, http: httpx.AsyncClient
) -> None:
    put = await http.put("/_sandbox/faults", json={"error_rate": 1.0, "error_status": 502})
    assert put.status_code == 200
    response = await http.get(PRODUCTS)
    assert response.status_code == 502
    assert "Bankc-Signature" not in response.headers
    assert response.headers["content-type"].startswith("text/plain")
    await http.delete("/_sandbox/faults")
    assert (await partner.get(PRODUCTS)).code == "10000"
