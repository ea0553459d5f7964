"""`IdentityProvider`: issues and describes RS256/ES256 customer JWTs (no HTTP here)."""

from __future__ import annotations

import secrets
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from joserfc import jwt
from joserfc.jwk import ECKey, RSAKey

from sandbox.credentials import IdpKeys

AUDIENCE = "bankgraph"
DEFAULT_SCOPE = "openid accounts payments loans funds"
SCOPES = ("openid", "accounts", "payments", "loans", "funds")
SIGNING_ALGORITHMS = ("RS256", "ES256")
"""What `issue_token` can sign with: RS256 (RSA-2048, the default) and ES256 (P-256)."""


@dataclass(frozen=True, slots=True)
class IdpSettings:
    """issuer: the IdP's public base URL (the `iss` claim), no trailing slash.
    token_ttl_seconds: lifetime of issued tokens (the contract's default 900 s).
    keys: the RS256 and ES256 signing keys and the public JWKS of both."""

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
        keys = settings.keys
        self._signers: dict[str, tuple[str, RSAKey | ECKey]] = {
            "RS256": (keys.kid, RSAKey.import_key(str(keys.private_key_pem))),
            "ES256": (keys.ec_kid, ECKey.import_key(str(keys.ec_private_key_pem))),
        }

    def issue_token(
        self,
        customer_id: str,
        *,
        scope: str = DEFAULT_SCOPE,
        ttl_seconds: int | None = None,
        alg: str = "RS256",
    ) -> str:
        """A JWT for the customer signed with `alg` (one of `SIGNING_ALGORITHMS`) under that
        key's `kid`: `iss`, `sub`, `aud: bankgraph`, `iat`, `exp`, `jti`, `scope`, `name`.
        Raises `KeyError` (unknown customer) or `ValueError` (a scope outside `SCOPES`, a
        non-positive ttl, or an unsupported alg)."""
        if alg not in self._signers:
            raise ValueError(f"unsupported alg {alg!r}: use one of {', '.join(SIGNING_ALGORITHMS)}")
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
        kid, key = self._signers[alg]
        return jwt.encode({"alg": alg, "kid": kid, "typ": "JWT"}, claims, key)

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
            "id_token_signing_alg_values_supported": list(SIGNING_ALGORITHMS),
            "scopes_supported": list(SCOPES),
            "claims_supported": ["iss", "sub", "aud", "iat", "exp", "jti", "scope", "name"],
        }
