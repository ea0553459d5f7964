"""The identity provider: discovery, JWKS, and RS256/ES256 customer tokens that verify with it."""

from __future__ import annotations

import httpx
import pytest
from joserfc import jwt
from joserfc.jwk import KeySet

from sandbox.idp import AUDIENCE, DEFAULT_SCOPE, IdentityProvider


async def test_discovery_and_jwks(idp_client: httpx.AsyncClient) -> None:
    discovery = (await idp_client.get("/.well-known/openid-configuration")).json()
    assert discovery["issuer"] == "http://idp.test"
    assert discovery["jwks_uri"] == "http://idp.test/jwks.json"
    assert discovery["id_token_signing_alg_values_supported"] == ["RS256", "ES256"]
    jwks = (await idp_client.get("/jwks.json")).json()
    assert [(key["kty"], key["alg"], key["use"]) for key in jwks["keys"]] == [
        ("RSA", "RS256", "sig"),
        ("EC", "ES256", "sig"),
    ]
    assert jwks["keys"][1]["crv"] == "P-256"
    assert len({key["kid"] for key in jwks["keys"]}) == 2
    assert all("d" not in key for key in jwks["keys"])


@pytest.mark.parametrize(("alg", "index"), [("RS256", 0), ("ES256", 1)])
async def test_tokens_verify_against_the_served_jwks(
    idp_client: httpx.AsyncClient, clock, alg: str, index: int
) -> None:
    provider: IdentityProvider = idp_client._transport.app.state.idp  # type: ignore[attr-defined]
    token = provider.issue_token("alice", alg=alg)
    keys = KeySet.import_key_set((await idp_client.get("/jwks.json")).json())
    decoded = jwt.decode(token, keys, algorithms=[alg])
    claims = decoded.claims
    assert (decoded.header["alg"], decoded.header["kid"]) == (alg, keys.keys[index].kid)
    assert (claims["iss"], claims["sub"], claims["aud"], claims["name"]) == (
        "http://idp.test",
        "alice",
        AUDIENCE,
        "Alice Walker",
    )
    assert claims["scope"] == DEFAULT_SCOPE and claims["exp"] - claims["iat"] == 900
    registry = jwt.JWTClaimsRegistry(
        now=int(clock().timestamp()), iss={"value": "http://idp.test"}, aud={"value": AUDIENCE}
    )
    registry.validate(claims)


async def test_scopes_ttl_and_unknown_customers(idp_client: httpx.AsyncClient, clock) -> None:
    provider: IdentityProvider = idp_client._transport.app.state.idp  # type: ignore[attr-defined]
    keys = KeySet.import_key_set(provider.jwks())
    narrow = jwt.decode(provider.issue_token("chen", scope="openid funds", ttl_seconds=60), keys)
    assert narrow.claims["scope"] == "openid funds"
    assert narrow.header["alg"] == "RS256"  # the default
    assert narrow.claims["iat"] == int(clock().timestamp())
    assert narrow.claims["exp"] - narrow.claims["iat"] == 60
    with pytest.raises(KeyError):
        provider.issue_token("mallory")
    with pytest.raises(ValueError):
        provider.issue_token("alice", scope="openid admin")
    with pytest.raises(ValueError):
        provider.issue_token("alice", ttl_seconds=0)
    for alg in ("HS256", "none", "PS256", "es256"):
        with pytest.raises(ValueError, match="unsupported alg"):
            provider.issue_token("alice", alg=alg)


async def test_only_discovery_and_jwks_are_served(idp_client: httpx.AsyncClient) -> None:
    assert (await idp_client.post("/token", data={"grant_type": "password"})).status_code == 404
    assert (await idp_client.post("/jwks.json")).status_code == 405
