"""A test identity provider: signing keys, a JWKS and tokens with chosen claims."""

from __future__ import annotations

import time
from typing import Any

from joserfc import jwt
from joserfc.jwk import ECKey, KeySet, RSAKey

__all__ = ["AUDIENCE", "ISSUER", "Issuer"]

ISSUER = "https://idp.test"
AUDIENCE = "bankgraph"


class Issuer:
    """Holds an ES256 key (``kid`` ``k1``) and an RS256 key (``r1``); mints tokens."""

    def __init__(self) -> None:
        self.keys = [
            ECKey.generate_key("P-256", parameters={"kid": "k1", "alg": "ES256"}),
            RSAKey.generate_key(2048, parameters={"kid": "r1", "alg": "RS256"}),
        ]

    def jwks(self) -> dict[str, Any]:
        return KeySet(self.keys).as_dict(private=False)

    def rotate(self, kid: str) -> None:
        """Add a fresh ES256 key (published from now on)."""
        self.keys.append(ECKey.generate_key("P-256", parameters={"kid": kid, "alg": "ES256"}))

    def token(self, *, kid: str = "k1", ttl: int = 300, **claims: Any) -> str:
        key = next(k for k in self.keys if k.kid == kid)
        now = int(time.time())
        payload = {
            "iss": ISSUER,
            "aud": AUDIENCE,
            "sub": "customer-1",
            "iat": now,
            "exp": now + ttl,
            "scope": "openid accounts",
        }
        payload.update(claims)
        payload = {k: v for k, v in payload.items() if v is not None}
        algorithm = "ES256" if isinstance(key, ECKey) else "RS256"
        return jwt.encode({"alg": algorithm, "kid": kid}, payload, key)

    def forged(self, kid: str = "k1", **claims: Any) -> str:
        """A token naming ``kid`` but signed by a key the JWKS does not hold."""
        stranger = ECKey.generate_key("P-256", parameters={"kid": kid})
        now = int(time.time())
        payload = {"iss": ISSUER, "aud": AUDIENCE, "sub": "mallory", "exp": now + 300, **claims}
        return jwt.encode({"alg": "ES256", "kid": kid}, payload, stranger)
