"""Bearer JWT verification: signature from the IdP JWKS, issuer, audience, expiry, subject;
JWKS refetched when a token names an unknown key."""

from __future__ import annotations

import time
from typing import Any

import httpx
import pytest
from joserfc import jwt
from joserfc.jwk import KeySet, RSAKey

from subgraphs.common.identity import IdentityError, IdentityVerifier

ISSUER = "http://idp.test"
OLD = RSAKey.generate_key(2048, parameters={"kid": "old"})
NEW = RSAKey.generate_key(2048, parameters={"kid": "new"})


def token(key: RSAKey = OLD, **overrides: Any) -> str:
    now = int(time.time())
    claims = {
        "iss": ISSUER,
        "sub": "alice",
        "aud": "bankgraph",
        "iat": now,
        "exp": now + 600,
        "scope": "openid accounts",
        "name": "Alice",
    }
    claims.update(overrides)
    claims = {k: v for k, v in claims.items() if v is not None}
    return jwt.encode({"alg": "RS256", "kid": key.kid}, claims, key)


def verifier(keys: list[RSAKey], fetched: list[int]) -> IdentityVerifier:
    def handler(request: httpx.Request) -> httpx.Response:
        fetched.append(1)
        return httpx.Response(200, json=KeySet(keys).as_dict(private=False))

    http = httpx.AsyncClient(transport=httpx.MockTransport(handler), base_url=ISSUER)
    return IdentityVerifier(ISSUER, "bankgraph", f"{ISSUER}/jwks.json", http, leeway=0)


async def test_a_valid_token_gives_the_customer() -> None:
    identity = await verifier([OLD], []).verify_header(f"Bearer {token()}")
    assert identity.customer_id == "alice" and identity.name == "Alice"
    assert identity.scopes == {"openid", "accounts"}


@pytest.mark.parametrize(
    "bad",
    [
        token(exp=int(time.time()) - 5),
        token(aud="someone-else"),
        token(iss="http://evil.test"),
        token(sub=None),
        token(exp=None),
        token(key=RSAKey.generate_key(2048, parameters={"kid": "old"})),  # same kid, wrong key
        "not.a.jwt",
    ],
)
async def test_defective_tokens_are_refused(bad: str) -> None:
    with pytest.raises(IdentityError):
        await verifier([OLD], []).verify(bad)


@pytest.mark.parametrize("header", [None, "", "Basic abc", "Bearer "])
async def test_missing_or_non_bearer_headers_are_refused(header: str | None) -> None:
    with pytest.raises(IdentityError):
        await verifier([OLD], []).verify_header(header)


async def test_key_rotation_refetches_the_jwks_once() -> None:
    fetched: list[int] = []
    keys = [OLD]
    check = verifier(keys, fetched)
    await check.verify(token())
    keys.append(NEW)  # the IdP rotates; the verifier still has the old set
    check.refresh_interval = 0
    assert (await check.verify(token(NEW))).customer_id == "alice"
    assert len(fetched) == 2
    await check.verify(token(NEW))
    assert len(fetched) == 2  # cached
