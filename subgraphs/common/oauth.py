"""OAuth2 token requests (Authlib client authentication over httpx) and token caching.

`request_token` performs one token-endpoint call (`TokenEndpoint` binds its fixed
arguments for one bank client); `ClientCredentialsTokens` caches the
client-credentials token of one bank client and fetches a new one shortly before it expires;
`AuthorizationCodeGrants` keeps one authorization-code grant per customer (refreshed, else
re-authorised); `authorization_code` runs one auto-approved `/authorize` redirect for its code.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass, field
from urllib.parse import parse_qs, urlsplit

import httpx

from subgraphs.common.errors import BankAuthError, BankProtocolError
from subgraphs.common.http import RetryPolicy, decode_json, send

__all__ = [
    "AccessToken",
    "AuthorizationCodeGrants",
    "ClientCredentialsTokens",
    "TokenEndpoint",
    "authorization_code",
    "request_token",
]

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


@dataclass(frozen=True, slots=True)
class TokenEndpoint:
    """One bank client's token endpoint: where to POST and how the client authenticates.

    `auth_factory` is called once per request, so each request gets fresh client
    authentication (a new `private_key_jwt` assertion, for instance).
    """

    client: httpx.AsyncClient
    url: str
    auth_factory: Callable[[], httpx.Auth]
    bank: str
    policy: RetryPolicy

    async def request(self, form: Mapping[str, str], *, retry_safe: bool) -> AccessToken:
        """One token request; see `request_token` for `retry_safe` and what is raised."""
        return await request_token(
            self.client,
            self.url,
            form,
            auth=self.auth_factory(),
            bank=self.bank,
            policy=self.policy,
            retry_safe=retry_safe,
        )


@dataclass(slots=True)
class ClientCredentialsTokens:
    """The cached client-credentials token of one bank client; concurrent callers share a fetch."""

    endpoint: TokenEndpoint
    scope: str
    _token: AccessToken | None = None
    _lock: asyncio.Lock = field(default_factory=asyncio.Lock)

    async def get(self) -> str:
        """A usable access token, fetched or refreshed when needed."""
        async with self._lock:
            if self._token is None or not self._token.usable():
                self._token = await self.endpoint.request(
                    {"grant_type": "client_credentials", "scope": self.scope}, retry_safe=True
                )
            return self._token.access_token

    def invalidate(self) -> None:
        """Forget the cached token (after the bank answered 401 to it)."""
        self._token = None


@dataclass(slots=True)
class AuthorizationCodeGrants:
    """One bank client's authorization-code grants, one per customer.

    `get` returns a usable access token: the cached one, else one from the refresh token, else
    a new grant: `authorise(customer_id)` runs the bank's authorisation and returns the
    authorization-code token request form. Concurrent callers for one customer share a fetch.
    Token requests are never retried (single-use code, rotating refresh token).
    """

    endpoint: TokenEndpoint
    authorise: Callable[[str], Awaitable[Mapping[str, str]]]
    _grants: dict[str, AccessToken] = field(default_factory=dict)
    _locks: dict[str, asyncio.Lock] = field(default_factory=dict)

    async def get(self, customer_id: str) -> str:
        """A usable access token for `customer_id`; raises BankAuthError when refused."""
        lock = self._locks.setdefault(customer_id, asyncio.Lock())
        async with lock:
            grant = self._grants.get(customer_id)
            if grant is not None and grant.usable():
                return grant.access_token
            fresh: AccessToken | None = None
            if grant is not None and grant.refresh_token:
                try:
                    fresh = await self.endpoint.request(
                        {"grant_type": "refresh_token", "refresh_token": grant.refresh_token},
                        retry_safe=False,
                    )
                except BankAuthError:
                    fresh = None
            if fresh is None:
                form = await self.authorise(customer_id)
                fresh = await self.endpoint.request(form, retry_safe=False)
            self._grants[customer_id] = fresh
            return fresh.access_token

    def invalidate(self, customer_id: str) -> None:
        """Forget the customer's grant (the bank refused its token): the next `get` starts over."""
        self._grants.pop(customer_id, None)


async def authorization_code(
    client: httpx.AsyncClient,
    url: str,
    params: Mapping[str, str],
    *,
    bank: str,
    policy: RetryPolicy,
) -> str:
    """GET the authorization endpoint with `params` (including `state`); the redirect's code.

    The bank must answer with a 302/303 redirect carrying the same `state` and a `code`;
    otherwise raises BankAuthError. Never retried (a code is single-use).
    """
    request = client.build_request("GET", url, params=dict(params))
    response = await send(client, request, bank=bank, idempotent=False, policy=policy)
    location = response.headers.get("location")
    if response.status_code not in (302, 303) or not location:
        raise BankAuthError(bank, f"authorisation did not redirect ({response.status_code})")
    query = parse_qs(urlsplit(location).query)
    if query.get("state", [None])[0] != params["state"]:
        raise BankAuthError(bank, "authorisation redirect with a foreign state")
    if "code" not in query:
        raise BankAuthError(bank, f"authorisation refused: {query.get('error', ['?'])[0]}")
    return query["code"][0]
