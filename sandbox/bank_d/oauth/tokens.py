"""Opaque access tokens, rotating refresh tokens and PKCE authorization codes, in memory.

One ``TokenStore`` per Bank D app (tokens do not survive a restart: clients authenticate
again). Times are Unix seconds from the caller's clock.
"""

from __future__ import annotations

import base64
import hashlib
import secrets
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Grant:
    """What a token stands for: the client, the customer (None for client credentials), the
    granted scopes, and when the token stops working."""

    client_id: str
    customer_id: str | None
    scopes: frozenset[str]
    expires_at: float


@dataclass(frozen=True, slots=True)
class Code:
    """A pending authorization code, bound to its client, redirect URI and PKCE challenge."""

    grant: Grant
    redirect_uri: str
    code_challenge: str


def s256(verifier: str) -> str:
    """The PKCE ``S256`` challenge of ``verifier`` (RFC 7636 §4.2)."""
    digest = hashlib.sha256(verifier.encode("ascii")).digest()
    return base64.urlsafe_b64encode(digest).rstrip(b"=").decode("ascii")


class TokenStore:
    """Issues, looks up and retires tokens; every lookup honours expiry."""

    def __init__(self) -> None:
        self._access: dict[str, Grant] = {}
        self._refresh: dict[str, Grant] = {}
        self._codes: dict[str, Code] = {}

    def issue_access(self, grant: Grant) -> str:
        token = secrets.token_urlsafe(32)
        self._access[token] = grant
        return token

    def access(self, token: str, now: float) -> Grant | None:
        grant = self._access.get(token)
        if grant is None or grant.expires_at <= now:
            self._access.pop(token, None)
            return None
        return grant

    def issue_refresh(self, grant: Grant) -> str:
        token = secrets.token_urlsafe(32)
        self._refresh[token] = grant
        return token

    def take_refresh(self, token: str, now: float) -> Grant | None:
        """Retire a refresh token and return its grant (rotation: each works once)."""
        grant = self._refresh.pop(token, None)
        if grant is None or grant.expires_at <= now:
            return None
        return grant

    def issue_code(self, code: Code) -> str:
        value = secrets.token_urlsafe(24)
        self._codes[value] = code
        return value

    def take_code(self, value: str, now: float) -> Code | None:
        """Retire an authorization code and return it (codes work once)."""
        code = self._codes.pop(value, None)
        if code is None or code.grant.expires_at <= now:
            return None
        return code
