"""Who is calling: verify the bearer JWT the gateway forwards, against the IdP's JWKS.

A token is accepted only with a valid signature from a key in the IdP's JWKS, the configured
issuer, audience "bankgraph", an unexpired `exp` and a non-empty `sub` (the customer id).
The JWKS is fetched lazily and refetched (at most once per `refresh_interval`) when a token names
a key id it does not contain, so IdP key rotation needs no restart.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field

import httpx
from joserfc import jwt
from joserfc.errors import InvalidKeyIdError, JoseError
from joserfc.jwk import KeySet

__all__ = ["Identity", "IdentityError", "IdentityVerifier"]

ALGORITHMS = ("RS256", "ES256")
"""What the IdP signs with; never `none` or HMAC (a JWKS public key is no shared secret)."""


class IdentityError(Exception):
    """The request carries no acceptable identity; the message says why (never the token)."""


@dataclass(frozen=True, slots=True)
class Identity:
    """A verified caller: the customer id (`sub`), display name and granted scopes."""

    customer_id: str
    name: str | None
    scopes: frozenset[str]


@dataclass(slots=True)
class IdentityVerifier:
    """Verifies bearer tokens; one per app, built by the app factory.

    `jwks` may be given up front (e.g. read from the credentials directory); otherwise it is
    fetched from `jwks_url` with `http`.
    """

    issuer: str
    audience: str
    jwks_url: str
    http: httpx.AsyncClient
    leeway: int = 30
    refresh_interval: float = 30.0
    jwks: KeySet | None = None
    _fetched_at: float = field(default=float("-inf"), repr=False)

    async def verify_header(self, authorization: str | None) -> Identity:
        """The identity in an `Authorization: Bearer <jwt>` header; raises IdentityError."""
        if not authorization:
            raise IdentityError("missing bearer token")
        scheme, _, token = authorization.partition(" ")
        if scheme.lower() != "bearer" or not token.strip():
            raise IdentityError("authorization is not a bearer token")
        return await self.verify(token.strip())

    async def verify(self, token: str) -> Identity:
        """The identity carried by `token`; raises IdentityError for any defect."""
        decoded = await self._decode(token)
        registry = jwt.JWTClaimsRegistry(
            leeway=self.leeway,
            iss={"essential": True, "value": self.issuer},
            aud={"essential": True, "value": self.audience},
            exp={"essential": True},
            sub={"essential": True},
        )
        try:
            registry.validate(decoded.claims)
        except JoseError as error:
            raise IdentityError(f"token rejected: {error.error}") from error
        claims = decoded.claims
        subject = claims.get("sub")
        if not isinstance(subject, str) or not subject:
            raise IdentityError("token has no subject")
        scope = claims.get("scope", "")
        name = claims.get("name")
        return Identity(
            customer_id=subject,
            name=name if isinstance(name, str) else None,
            scopes=frozenset(scope.split()) if isinstance(scope, str) else frozenset(),
        )

    async def _decode(self, token: str) -> jwt.Token:
        keys = self.jwks if self.jwks is not None else await self._refresh()
        try:
            return jwt.decode(token, keys, algorithms=list(ALGORITHMS))
        except InvalidKeyIdError:
            pass
        except (JoseError, ValueError) as error:
            raise IdentityError("token signature or format invalid") from error
        if time.monotonic() - self._fetched_at < self.refresh_interval:
            raise IdentityError("token signed by an unknown key")
        keys = await self._refresh()
        try:
            return jwt.decode(token, keys, algorithms=list(ALGORITHMS))
        except (JoseError, ValueError) as error:
            raise IdentityError("token signature or format invalid") from error

    async def _refresh(self) -> KeySet:
        try:
            response = await self.http.get(self.jwks_url)
            response.raise_for_status()
            keys = KeySet.import_key_set(response.json())
        except (httpx.HTTPError, ValueError, JoseError) as error:
            raise IdentityError("identity provider keys unavailable") from error
        self.jwks = keys
        self._fetched_at = time.monotonic()
        return keys
