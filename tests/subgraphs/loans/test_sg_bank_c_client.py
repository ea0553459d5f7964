"""Bank C client over httpx.MockTransport: signing byte-exactness, signed responses,
errors hidden in HTTP 200, not-found mapping, pagination termination."""

from __future__ import annotations

import base64
import re
from collections.abc import Callable
from typing import Any

import httpx
import orjson
import pytest
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import padding, rsa

from subgraphs.common.errors import (
    BankAuthError,
    BankNotFound,
    BankProtocolError,
    BankRejected,
    BankUnavailable,
)
from subgraphs.common.http import RetryPolicy
from subgraphs.loans.bank_c.client import BankCClient, BankCCredentials
from subgraphs.loans.bank_c.signing import signing_message

PARTNER = rsa.generate_private_key(public_exponent=65537, key_size=2048)
PLATFORM = rsa.generate_private_key(public_exponent=65537, key_size=2048)
AUTH = re.compile(r"^BANKC-SHA256-RSA2048 (.+)$")


def credentials() -> BankCCredentials:
    return BankCCredentials(
        mchid="1900001234",
        serial_no="5E1F",
        private_key=PARTNER,
        platform_serial_no="PLAT1",
        platform_key=PLATFORM.public_key(),
    )


def signed(
    status: int,
    envelope: Any,
    *,
    key: rsa.RSAPrivateKey = PLATFORM,
    sign: bool = True,
    tamper: bool = False,
) -> httpx.Response:
    body = orjson.dumps(envelope)
    headers = {"Content-Type": "application/json", "Request-ID": "r1"}
    if sign:
        message = b"1718068800\nNONCE\n" + body + b"\n"
        signature = key.sign(message, padding.PKCS1v15(), hashes.SHA256())
        headers.update(
            {
                "Bankc-Timestamp": "1718068800",
                "Bankc-Nonce": "NONCE",
                "Bankc-Serial": "PLAT1",
                "Bankc-Signature": base64.b64encode(signature).decode(),
            }
        )
    if tamper:
        body = body.replace(b"10000", b"10001")
    return httpx.Response(status, content=body, headers=headers)


def full_loan(loan_no: str) -> dict[str, Any]:
    return {"loan_no": loan_no, "borrower_id": "B1", "product_code": "P", "principal": 100000,
            "outstanding_principal": 50000, "annual_rate": 1825, "term_months": 12,
            "status": "NORMAL"}  # fmt: skip


def client(handler: Callable[[httpx.Request], httpx.Response]) -> BankCClient:
    http = httpx.AsyncClient(base_url="http://bank-c.test", transport=httpx.MockTransport(handler))
    return BankCClient(
        http, credentials(), policy=RetryPolicy(attempts=2, base_delay=0, max_delay=0)
    )


def verify_request(request: httpx.Request) -> dict[str, str]:
    match = AUTH.match(request.headers["Authorization"])
    assert match, request.headers["Authorization"]
    params = dict(re.findall(r'(\w+)="([^"]*)"', match.group(1)))
    message = signing_message(
        request.method,
        request.url.raw_path.decode(),
        params["timestamp"],
        params["nonce_str"],
        request.content,
    )
    PARTNER.public_key().verify(
        base64.b64decode(params["signature"]), message, padding.PKCS1v15(), hashes.SHA256()
    )
    return params


async def test_requests_are_signed_over_the_exact_query_and_body() -> None:
    seen: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        verify_request(request)
        return signed(
            200,
            {
                "code": "10000",
                "message": "Success",
                "data": {"apply_no": "AP1", "status": "PROCESSING", "list": [], "total_count": 0},
            },
        )

    bank = client(handler)
    await bank.apply({"out_apply_no": "P1", "borrower": {"name": "王小明"}})
    await bank.loans_page("BRW 1/2", 1)
    post, get = seen
    assert post.content == '{"out_apply_no":"P1","borrower":{"name":"王小明"}}'.encode()
    assert get.url.raw_path == b"/open/v1/loans?borrower_id=BRW%201%2F2&page_no=1&page_size=100"
    params = verify_request(get)
    assert params["mchid"] == "1900001234" and len(params["nonce_str"]) == 32


async def test_every_attempt_gets_a_fresh_nonce() -> None:
    nonces: list[str] = []

    def handler(request: httpx.Request) -> httpx.Response:
        nonces.append(verify_request(request)["nonce_str"])
        if len(nonces) == 1:
            return signed(429, {"code": "20000", "sub_code": "FREQUENCY_LIMITED"})
        return signed(200, {"code": "10000", "data": {"list": [], "total_count": 0}})

    await client(handler).loans_page("B1", 1)
    assert len(nonces) == 2 and nonces[0] != nonces[1]


@pytest.mark.parametrize(
    ("response", "error"),
    [
        (lambda: signed(200, {"code": "10000", "data": {}}, sign=False), BankProtocolError),
        (lambda: signed(200, {"code": "10000", "data": {}}, tamper=True), BankProtocolError),
        (lambda: signed(200, {"code": "10000", "data": {}}, key=PARTNER), BankProtocolError),
        (lambda: signed(200, {"code": "20001", "sub_code": "SIGN_ERROR"}), BankAuthError),
        (lambda: signed(200, {"code": "40004", "sub_code": "LOAN_NOT_FOUND"}), BankNotFound),
        (lambda: signed(200, {"code": "40004", "sub_code": "LOAN_SETTLED"}), BankRejected),
        (lambda: signed(200, {"code": "20000", "sub_code": "SYSTEM_ERROR"}), BankUnavailable),
        (lambda: httpx.Response(502, text="<html>bad gateway</html>"), BankUnavailable),
    ],
)
async def test_envelope_errors_inside_200_and_forged_responses(
    response: Callable[[], httpx.Response], error: type[Exception]
) -> None:
    with pytest.raises(error):
        await client(lambda _: response()).loan("L1")


async def test_rejected_code_keeps_sub_code() -> None:
    bank = client(
        lambda _: signed(
            200, {"code": "40004", "sub_code": "REPAY_AMOUNT_INVALID", "sub_message": "金额不符"}
        )
    )
    with pytest.raises(BankRejected) as raised:
        await bank.repay("L1", {"out_repay_no": "X", "repay_type": "CURRENT", "amount": 1})
    assert raised.value.code == "REPAY_AMOUNT_INVALID"


async def test_loan_walk_stops_on_total_count_or_empty_list() -> None:
    pages: list[int] = []

    def handler(request: httpx.Request) -> httpx.Response:
        page_no = int(request.url.params["page_no"])
        pages.append(page_no)
        items = [full_loan(f"L{page_no}-{i}") for i in range(100 if page_no < 3 else 5)]
        return signed(
            200,
            {
                "code": "10000",
                "data": {"page_no": page_no, "page_size": 100, "total_count": 205, "list": items},
            },
        )

    loans = await client(handler).all_loans("B1")
    assert len(loans) == 205 and pages == [1, 2, 3]
    assert loans[-1].loan_no == "L3-4" and loans[0].principal == 100000

    def empty(request: httpx.Request) -> httpx.Response:
        # total_count grew mid-walk, but an empty page still ends it.
        return signed(
            200, {"code": "10000", "data": {"page_size": 100, "total_count": 999, "list": []}}
        )

    assert await client(empty).all_loans("B1") == []


ROTATED = rsa.generate_private_key(public_exponent=65537, key_size=2048)


def signed_by(key: rsa.RSAPrivateKey, serial: str, envelope: Any) -> httpx.Response:
    response = signed(200, envelope, key=key)
    response.headers["Bankc-Serial"] = serial
    return response


async def test_rotated_platform_certificate_is_learned_from_a_pinned_list() -> None:
    pem = (
        ROTATED.public_key()
        .public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)
        .decode()
    )
    calls: list[str] = []

    def handler(request: httpx.Request) -> httpx.Response:
        calls.append(request.url.path)
        if request.url.path == "/open/v1/certificates":
            listing = {"list": [{"serial_no": "PLAT2", "public_key_pem": pem}]}
            return signed_by(PLATFORM, "PLAT1", {"code": "10000", "data": listing})
        return signed_by(ROTATED, "PLAT2", {"code": "10000", "data": full_loan("L1")})

    bank = client(handler)
    assert (await bank.loan("L1")).loan_no == "L1"
    assert (await bank.loan("L1")).loan_no == "L1"
    assert calls.count("/open/v1/certificates") == 1


async def test_a_certificate_list_signed_by_an_unknown_key_is_refused() -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        if request.url.path == "/open/v1/certificates":
            return signed_by(ROTATED, "PLAT2", {"code": "10000", "data": {"list": []}})
        return signed_by(ROTATED, "PLAT2", {"code": "10000", "data": {}})

    with pytest.raises(BankProtocolError):
        await client(handler).loan("L1")
