"""OAuth2 token requests (Authlib client authentication over httpx) and token caching.

`request_token` performs one token-endpoint call; `ClientCredentialsTokens` caches the
client-credentials token of one bank client and fetches a new one shortly before it expires.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

import httpx

from subgraphs.common.errors import BankAuthError, BankProtocolError
from subgraphs.common.http import RetryPolicy, decode_json, send

__all__ = ["AccessToken", "ClientCredentialsTokens", "request_token"]

EXPIRY_LEEWAY = 30.0


@dataclass(frozen=True, slots=True)
class AccessToken:
    """A bearer token and when it stops being usable (monotonic clock seconds)."""

    access_token: str = field(repr=False)
    expires_at: float
    refresh_token: str | None = field(default=None, repr=False)
    scope: str | None = None

    def usable(self, now: float | None = None) -> bool:
        """True while more than EXPIRY_LEEWAY seconds of life remain."""
        return (now if now is not None else time.monotonic()) < self.expires_at - EXPIRY_LEEWAY


async def request_token(
    client: httpx.AsyncClient,
    url: str,
    form: Mapping[str, str],
    *,
    auth: httpx.Auth,
    bank: str,
    policy: RetryPolicy,
    retry_safe: bool,
) -> AccessToken:
    """POST `form` to the token endpoint with `auth` (client authentication).

    `retry_safe` must be False for single-use grants (authorization code, rotating refresh
    token). Raises BankAuthError on an OAuth error response, BankProtocolError on a malformed one.
    """
    request = client.build_request("POST", url, data=dict(form))
    response = await send(
        client, request, bank=bank, idempotent=retry_safe, policy=policy, auth=auth
    )
    if response.status_code in (400, 401, 403):
        error = "unknown"
        if response.headers.get("content-type", "").startswith("application/json"):
            body = decode_json(response, bank)
            error = str(body.get("error", error)) if isinstance(body, dict) else error
        raise BankAuthError(bank, f"token request refused ({response.status_code} {error})")
    if response.status_code != 200:
        raise BankProtocolError(bank, f"token endpoint answered {response.status_code}")
    body = decode_json(response, bank)
    token = body.get("access_token") if isinstance(body, dict) else None
    if not isinstance(token, str) or not token:
        raise BankProtocolError(bank, "token response without access_token")
    expires_in = body.get("expires_in", 300)
    try:
        lifetime = float(expires_in)
    except (TypeError, ValueError) as error:
        raise BankProtocolError(bank, "token response with bad expires_in") from error
    refresh = body.get("refresh_token")
    return AccessToken(
        access_token=token,
        expires_at=time.monotonic() + lifetime,
        refresh_token=refresh if isinstance(refresh, str) else None,
        scope=body.get("scope"),
    )


@dataclass(slots=True)
class ClientCredentialsTokens:
    """The cached client-credentials token of one bank client; concurrent callers share a fetch."""

    client: httpx.AsyncClient
    url: str
    scope: str
    auth_factory: Callable[[], httpx.Auth]
    bank: str
    policy: RetryPolicy
    _token: AccessToken | None = None
    _lock: asyncio.Lock = field(default_factory=asyncio.Lock)

    async def get(self) -> str:
        """A usable access token, fetched or refreshed when needed."""
        async with self._lock:
            if self._token is None or not self._token.usable():
                self._token = await request_token(
                    self.client,
                    self.url,
                    {"grant_type": "client_credentials", "scope": self.scope},
                    auth=self.auth_factory(),
                    bank=self.bank,
                    policy=self.policy,
                    retry_safe=True,
                )
            return self._token.access_token

    def invalidate(self) -> None:
        """Forget the cached token (after the bank answered 401 to it)."""
        self._token = None
