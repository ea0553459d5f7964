"""Bearer JWT verification: signature (RS256 or ES256) from the IdP JWKS, issuer, audience,
expiry, subject; JWKS refetched when a token names an unknown key."""

from __future__ import annotations

import base64
import hashlib
import hmac
import time
from typing import Any

import httpx
import orjson
import pytest
from joserfc import jwt
from joserfc.jwk import ECKey, KeySet, RSAKey

from subgraphs.common.identity import IdentityError, IdentityVerifier

ISSUER = "http://idp.test"
OLD = RSAKey.generate_key(2048, parameters={"kid": "old"})
NEW = RSAKey.generate_key(2048, parameters={"kid": "new"})
EC = ECKey.generate_key("P-256", parameters={"kid": "ec"})


def token(key: RSAKey | ECKey = OLD, **overrides: Any) -> str:
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
    alg = "ES256" if isinstance(key, ECKey) else "RS256"
    return jwt.encode({"alg": alg, "kid": key.kid}, claims, key)


def unsigned(alg: str, secret: bytes) -> str:
    """A token with header `alg` (e.g. none, HS256) and an HMAC or empty signature."""

    def b64(data: bytes) -> bytes:
        return base64.urlsafe_b64encode(data).rstrip(b"=")

    now = int(time.time())
    header = b64(orjson.dumps({"alg": alg, "kid": OLD.kid}))
    claims = {"iss": ISSUER, "sub": "alice", "aud": "bankgraph", "iat": now, "exp": now + 600}
    signing_input = header + b"." + b64(orjson.dumps(claims))
    mac = hmac.new(secret, signing_input, hashlib.sha256).digest() if secret else b""
    return (signing_input + b"." + b64(mac)).decode()


def verifier(keys: list[RSAKey | ECKey], fetched: list[int]) -> IdentityVerifier:
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
        token(key=ECKey.generate_key("P-256", parameters={"kid": "ec"})),  # foreign EC, same kid
        token(key=ECKey.generate_key("P-256", parameters={"kid": "elsewhere"})),  # foreign EC
        unsigned("none", b""),
        # HS256 keyed with the RSA public key: the classic algorithm-confusion forgery
        unsigned("HS256", OLD.as_pem(private=False)),
        "not.a.jwt",
    ],
)
async def test_defective_tokens_are_refused(bad: str) -> None:
    with pytest.raises(IdentityError):
        await verifier([OLD, EC], []).verify(bad)


async def test_an_es256_token_from_the_jwks_gives_the_customer() -> None:
    identity = await verifier([OLD, EC], []).verify_header(f"Bearer {token(EC)}")
    assert identity.customer_id == "alice" and identity.scopes == {"openid", "accounts"}


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
