"""`IdentityProvider`: issues and describes RS256 customer JWTs (no HTTP here)."""

from __future__ import annotations

import secrets
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from joserfc import jwt
from joserfc.jwk import RSAKey

from sandbox.credentials import IdpKeys

AUDIENCE = "bankgraph"
DEFAULT_SCOPE = "openid accounts payments loans funds"
SCOPES = ("openid", "accounts", "payments", "loans", "funds")


@dataclass(frozen=True, slots=True)
class IdpSettings:
    """issuer: the IdP's public base URL (the `iss` claim), no trailing slash.
    token_ttl_seconds: lifetime of issued tokens (the contract's default 900 s).
    keys: signing key and public JWKS."""

    issuer: str
    keys: IdpKeys
    token_ttl_seconds: int = 900


class IdentityProvider:
    """Mints customer tokens for known customers; `lookup_name(customer_id)` returns the
    customer's display name or raises `KeyError` for an unknown customer."""

    def __init__(
        self,
        settings: IdpSettings,
        lookup_name: Callable[[str], str],
        clock: Callable[[], datetime],
    ) -> None:
        self.settings = settings
        self._lookup_name = lookup_name
        self._clock = clock
        self._key = RSAKey.import_key(
            str(settings.keys.private_key_pem), parameters={"kid": settings.keys.kid}
        )

    def issue_token(
        self, customer_id: str, *, scope: str = DEFAULT_SCOPE, ttl_seconds: int | None = None
    ) -> str:
        """A signed JWT for the customer: `iss`, `sub`, `aud: bankgraph`, `iat`, `exp`,
        `jti`, `scope`, `name`. Raises `KeyError` (unknown customer) or `ValueError`
        (a scope outside `SCOPES`, or a non-positive ttl)."""
        unknown = sorted(set(scope.split()) - set(SCOPES))
        if unknown:
            raise ValueError(f"unknown scopes: {' '.join(unknown)}")
        ttl = self.settings.token_ttl_seconds if ttl_seconds is None else ttl_seconds
        if ttl <= 0:
            raise ValueError("ttl_seconds must be positive")
        name = self._lookup_name(customer_id)
        issued = int(self._clock().timestamp())
        claims = {
            "iss": self.settings.issuer,
            "sub": customer_id,
            "aud": AUDIENCE,
            "iat": issued,
            "exp": issued + ttl,
            "jti": secrets.token_hex(12),
            "scope": scope,
            "name": name,
        }
        header = {"alg": "RS256", "kid": self.settings.keys.kid, "typ": "JWT"}
        return jwt.encode(header, claims, self._key)

    def jwks(self) -> dict[str, Any]:
        """The public JWKS (what `/jwks.json` serves)."""
        return self.settings.keys.public_jwks

    def discovery(self) -> dict[str, Any]:
        """The OpenID Provider metadata document. There is no login or token endpoint:
        tokens are minted through `issue_token` or `bankgraph-sandbox token CUSTOMER`."""
        issuer = self.settings.issuer
        return {
            "issuer": issuer,
            "jwks_uri": f"{issuer}/jwks.json",
            "response_types_supported": ["id_token"],
            "subject_types_supported": ["public"],
            "id_token_signing_alg_values_supported": ["RS256"],
            "scopes_supported": list(SCOPES),
            "claims_supported": ["iss", "sub", "aud", "iat", "exp", "jti", "scope", "name"],
        }
