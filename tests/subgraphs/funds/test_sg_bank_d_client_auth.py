"""Bank D client authentication: a fresh private_key_jwt assertion for every token request
(pitfall 11), aud = token endpoint, exp - iat <= 3600, kid header; rotating refresh tokens."""

from __future__ import annotations

from urllib.parse import parse_qs

import httpx
import orjson
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from joserfc import jwt
from joserfc.jwk import RSAKey

from subgraphs.common.http import RetryPolicy
from subgraphs.common.settings import Secret
from subgraphs.funds.bank_d.client import BankDClient, BankDCredentials

KEY = rsa.generate_private_key(public_exponent=65537, key_size=2048)
PEM = KEY.private_bytes(
    serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
).decode()


def make_client(handler) -> BankDClient:  # type: ignore[no-untyped-def]
    http = httpx.AsyncClient(base_url="http://bank-d.test", transport=httpx.MockTransport(handler))
    credentials = BankDCredentials("fed-funds", "fed-funds-2024", "PS256", Secret(PEM))
    return BankDClient(http, credentials, policy=RetryPolicy(attempts=1))


async def test_each_token_request_signs_a_new_assertion() -> None:
    assertions: list[dict[str, object]] = []
    public = RSAKey.import_key(KEY.public_key())

    def handler(request: httpx.Request) -> httpx.Response:
        if request.url.path == "/oauth2/token":
            form = parse_qs(request.content.decode())
            assert form["client_assertion_type"] == [
                "urn:ietf:params:oauth:client-assertion-type:jwt-bearer"
            ]
            token = jwt.decode(form["client_assertion"][0], public, algorithms=["PS256"])
            assert token.header["kid"] == "fed-funds-2024"
            assertions.append(token.claims)
            # expires at once, so the next call needs another token request
            return httpx.Response(
                200,
                json={
                    "access_token": f"t{len(assertions)}",
                    "token_type": "Bearer",
                    "expires_in": 0,
                },
            )
        return httpx.Response(200, content=orjson.dumps({"funds": [], "page": {}}))

    client = make_client(handler)
    await client.funds_page(None)
    await client.funds_page(None)
    assert len(assertions) == 2
    first, second = assertions
    assert first["jti"] != second["jti"]
    for claims in assertions:
        assert claims["iss"] == claims["sub"] == "fed-funds"
        assert claims["aud"] == "http://bank-d.test/oauth2/token"
        assert 0 < int(claims["exp"]) - int(claims["iat"]) <= 3600


async def test_customer_grant_uses_pkce_login_hint_and_rotating_refresh() -> None:
    calls: list[dict[str, list[str]]] = []

    def handler(request: httpx.Request) -> httpx.Response:
        if request.url.path == "/oauth2/authorize":
            q = parse_qs(request.url.query.decode())
            assert q["login_hint"] == ["chen"] and q["code_challenge_method"] == ["S256"]
            return httpx.Response(
                302, headers={"Location": f"{q['redirect_uri'][0]}?code=c1&state={q['state'][0]}"}
            )
        if request.url.path == "/oauth2/token":
            form = parse_qs(request.content.decode())
            calls.append(form)
            n = len(calls)
            return httpx.Response(
                200,
                json={
                    "access_token": f"a{n}",
                    "token_type": "Bearer",
                    "expires_in": 0,
                    "refresh_token": f"r{n}",
                },
            )
        assert request.headers["Authorization"].startswith("Bearer a")
        return httpx.Response(200, json={"investorType": "ORDINARY", "riskTolerance": "C4"})

    client = make_client(handler)
    for _ in range(3):
        await client.risk_profile("chen")
    grants = [c["grant_type"][0] for c in calls]
    assert grants == ["authorization_code", "refresh_token", "refresh_token"]
    assert "code_verifier" in calls[0]
    assert calls[1]["refresh_token"] == ["r1"] and calls[2]["refresh_token"] == ["r2"]
