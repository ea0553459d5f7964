"""ES256 end to end: a subgraph verifies the real sandbox IdP's ES256 token against the IdP's
served JWKS, and refuses the same claims signed by a foreign P-256 key under the IdP's kid."""

from __future__ import annotations

import time
from typing import Any

from joserfc import jws, jwt
from joserfc.jwk import ECKey

ME = "{ me { name accounts { id } } }"


async def test_an_idp_es256_token_is_accepted(world: Any, subgraph: Any) -> None:
    token = world.token("alice", alg="ES256")
    assert jws.extract_compact(token.encode()).protected["alg"] == "ES256"
    async with subgraph("accounts") as client:
        result = await client.query(ME, token=token)
    assert "errors" not in result, result
    assert result["data"]["me"]["name"] == "Alice Walker" and result["data"]["me"]["accounts"]


async def test_a_token_from_a_foreign_ec_key_is_refused(world: Any, subgraph: Any) -> None:
    idp = world.apps["idp"].state.idp
    now = int(time.time())
    claims = {
        "iss": idp.settings.issuer,
        "sub": "alice",
        "aud": "bankgraph",
        "iat": now,
        "exp": now + 600,
        "scope": "openid accounts",
    }
    foreign = ECKey.generate_key("P-256")
    forged = jwt.encode({"alg": "ES256", "kid": idp.settings.keys.ec_kid}, claims, foreign)
    async with subgraph("accounts") as client:
        result = await client.query(ME, token=forged)
    assert result["data"] is None or result["data"]["me"] is None
    assert [error["extensions"]["code"] for error in result["errors"]] == ["UNAUTHENTICATED"]
