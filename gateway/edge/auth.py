"""Bearer JWT authentication: verify the token, expose the caller's `Identity`.

`TokenVerifier.verify` checks, in order: compact JWS shape, algorithm in the allow-list (never
``none`` or HMAC), a ``kid`` the JWKS knows (an unknown ``kid`` refreshes the JWKS once, at most
every ``min_refresh_seconds``), the signature, then ``exp``/``nbf``/``iat`` with clock-skew
leeway, ``iss`` and ``aud``. It returns an `Identity` or an `AuthenticationError` value naming
the failed check; it raises only for bugs.

`AuthenticationMiddleware` (plain ASGI, shaped like starlette's trustedhost) puts the verified
`Identity` into the ASGI scope under `IDENTITY_KEY`. No ``Authorization`` header means the
anonymous identity (unless authentication is required); a header that does not verify is
answered 401 before anything else runs.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

import httpx
import orjson
from joserfc import jws, jwt
from joserfc.errors import ExpiredTokenError, JoseError
from joserfc.jwk import KeySet
from starlette.types import ASGIApp, Receive, Scope, Send

from gateway.settings import Settings

__all__ = [
    "ANONYMOUS",
    "IDENTITY_KEY",
    "URLJWKS",
    "AuthenticationError",
    "AuthenticationMiddleware",
    "FileJWKS",
    "Identity",
    "JWKSSource",
    "TokenVerifier",
    "identity_of",
    "verifier_from_settings",
]

IDENTITY_KEY = "bankgraph.identity"

logger = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class Identity:
    """Who is calling. ``token`` is the verified bearer token (forwarded to subgraphs)."""

    subject: str | None = None
    scopes: frozenset[str] = frozenset()
    claims: Mapping[str, Any] = field(default_factory=dict, repr=False)
    token: str | None = field(default=None, repr=False)

    @property
    def is_authenticated(self) -> bool:
        return self.token is not None


ANONYMOUS = Identity()


@dataclass(frozen=True, slots=True)
class AuthenticationError:
    """Why a presented token was refused (safe to show the client); ``status`` 401, or 503
    when the keys to check it cannot be had."""

    reason: str
    status: int = 401


class JWKSSource(Protocol):
    """Where keys come from. ``refresh=True`` asks for fresh keys (unknown ``kid``)."""

    async def key_set(self, *, refresh: bool = False) -> KeySet: ...


class FileJWKS:
    """A JWKS file, read again on refresh (key rotation by replacing the file)."""

    def __init__(self, path: str | Path) -> None:
        self._path = Path(path)
        self._keys: KeySet | None = None

    async def key_set(self, *, refresh: bool = False) -> KeySet:
        if self._keys is None or refresh:
            self._keys = KeySet.import_key_set(orjson.loads(self._path.read_bytes()))
        return self._keys


class URLJWKS:
    """A JWKS fetched over HTTP, cached ``cache_seconds``; refreshes are rate limited and
    concurrent callers share one fetch."""

    def __init__(
        self,
        url: str,
        client: httpx.AsyncClient,
        *,
        cache_seconds: float = 600,
        min_refresh_seconds: float = 10,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._url = url
        self._client = client
        self._cache_seconds = cache_seconds
        self._min_refresh_seconds = min_refresh_seconds
        self._clock = clock
        self._keys: KeySet | None = None
        self._fetched_at = 0.0
        self._lock = asyncio.Lock()

    async def key_set(self, *, refresh: bool = False) -> KeySet:
        async with self._lock:
            age = self._clock() - self._fetched_at
            stale = self._keys is None or age >= self._cache_seconds
            if stale or (refresh and age >= self._min_refresh_seconds):
                await self._fetch()
            assert self._keys is not None
            return self._keys

    async def _fetch(self) -> None:
        try:
            response = await self._client.get(self._url, headers={"Accept": "application/json"})
            response.raise_for_status()
            keys = KeySet.import_key_set(orjson.loads(response.content))
        except (httpx.HTTPError, orjson.JSONDecodeError, JoseError, ValueError, TypeError):
            if self._keys is None:
                raise
            return  # keep serving with the keys we have; the IdP may be briefly down
        self._keys = keys
        self._fetched_at = self._clock()


class TokenVerifier:
    """Verifies compact JWS bearer tokens against a `JWKSSource` and the claim rules."""

    def __init__(
        self,
        keys: JWKSSource,
        *,
        issuer: str | None,
        audiences: tuple[str, ...],
        algorithms: tuple[str, ...],
        clock_skew_seconds: int,
        scope_claim: str = "scope",
        now: Callable[[], float] = time.time,
    ) -> None:
        self._keys = keys
        self._issuer = issuer
        self._audiences = audiences
        self._algorithms = algorithms
        self._skew = clock_skew_seconds
        self._scope_claim = scope_claim
        self._now = now

    async def verify(self, token: str) -> Identity | AuthenticationError:
        try:
            header = jws.extract_compact(token.encode("ascii")).protected
        except (JoseError, ValueError, UnicodeError):
            return AuthenticationError("malformed token")
        algorithm = header.get("alg")
        if algorithm not in self._algorithms:
            return AuthenticationError("token algorithm not allowed")
        kid = header.get("kid")
        try:
            key_set = await self._keys.key_set()
            if not _has_key(key_set, kid):
                key_set = await self._keys.key_set(refresh=True)
        except (httpx.HTTPError, OSError, JoseError, ValueError, TypeError):
            logger.exception("cannot load the JWKS")
            return AuthenticationError("token keys are unavailable", status=503)
        if not _has_key(key_set, kid):
            return AuthenticationError("token signed by an unknown key")
        try:
            decoded = jwt.decode(token, key_set, algorithms=list(self._algorithms))
        except JoseError:
            return AuthenticationError("token signature is invalid")
        return self._check_claims(decoded.claims, token)

    def _check_claims(self, claims: dict[str, Any], token: str) -> Identity | AuthenticationError:
        options: dict[str, Any] = {"exp": {"essential": True}}
        if self._issuer is not None:
            options["iss"] = {"essential": True, "value": self._issuer}
        if self._audiences:
            options["aud"] = {"essential": True, "values": list(self._audiences)}
        registry = jwt.JWTClaimsRegistry(now=lambda: int(self._now()), leeway=self._skew, **options)
        try:
            registry.validate(claims)
        except JoseError as error:
            return AuthenticationError(_claim_reason(error))
        subject = claims.get("sub")
        return Identity(
            subject=subject if isinstance(subject, str) else None,
            scopes=_scopes(claims.get(self._scope_claim)),
            claims=claims,
            token=token,
        )


def verifier_from_settings(settings: Settings, client: httpx.AsyncClient) -> TokenVerifier | None:
    """The verifier `settings` describe, or ``None`` when no JWKS is configured."""
    keys: JWKSSource
    if settings.jwks_file:
        keys = FileJWKS(settings.jwks_file)
    elif settings.jwks_url:
        keys = URLJWKS(
            settings.jwks_url,
            client,
            cache_seconds=settings.jwks_cache_seconds,
            min_refresh_seconds=settings.jwks_min_refresh_seconds,
        )
    else:
        return None
    return TokenVerifier(
        keys,
        issuer=settings.jwt_issuer,
        audiences=settings.jwt_audiences,
        algorithms=settings.jwt_algorithms,
        clock_skew_seconds=settings.jwt_clock_skew_seconds,
        scope_claim=settings.scope_claim,
    )


def identity_of(scope: Scope) -> Identity:
    """The identity `AuthenticationMiddleware` stored (anonymous when it did not run)."""
    identity = scope.get(IDENTITY_KEY, ANONYMOUS)
    assert isinstance(identity, Identity)
    return identity


class AuthenticationMiddleware:
    """Verifies ``Authorization: Bearer`` on HTTP requests; 401 on a bad or missing token.

    With no verifier configured, any ``Authorization`` header is refused (a token nobody can
    check must not be forwarded as if it meant something).
    """

    def __init__(
        self, app: ASGIApp, verifier: TokenVerifier | None, *, required: bool = False
    ) -> None:
        self.app = app
        self.verifier = verifier
        self.required = required

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] == "OPTIONS":
            await self.app(scope, receive, send)
            return
        outcome = await self._authenticate(_header(scope, b"authorization"))
        if isinstance(outcome, AuthenticationError):
            await _refuse(outcome, send)
            return
        scope[IDENTITY_KEY] = outcome
        await self.app(scope, receive, send)

    async def _authenticate(self, authorization: str | None) -> Identity | AuthenticationError:
        if authorization is None:
            if self.required:
                return AuthenticationError("authentication required")
            return ANONYMOUS
        scheme, _, token = authorization.partition(" ")
        if scheme.lower() != "bearer" or not token.strip():
            return AuthenticationError("expected a Bearer token")
        if self.verifier is None:
            return AuthenticationError("bearer tokens are not accepted by this gateway")
        return await self.verifier.verify(token.strip())


def _has_key(key_set: KeySet, kid: object) -> bool:
    if kid is None:
        return len(key_set.keys) == 1  # a single-key JWKS may omit kid
    return any(key.kid == kid for key in key_set.keys)


def _scopes(value: object) -> frozenset[str]:
    if isinstance(value, str):
        return frozenset(value.split())
    if isinstance(value, list):
        return frozenset(item for item in value if isinstance(item, str))
    return frozenset()


def _claim_reason(error: JoseError) -> str:
    if isinstance(error, ExpiredTokenError):
        return "token has expired"
    claim = getattr(error, "claim", None)
    if claim:
        return f"token claim '{claim}' is missing or invalid"
    return "token claims are invalid"


def _header(scope: Scope, name: bytes) -> str | None:
    for key, value in scope["headers"]:
        if key == name:
            return value.decode("latin-1")
    return None


async def _refuse(error: AuthenticationError, send: Send) -> None:
    code = "UNAUTHENTICATED" if error.status == 401 else "AUTHENTICATION_UNAVAILABLE"
    message = f"Unauthenticated: {error.reason}."
    body = orjson.dumps({"errors": [{"message": message, "extensions": {"code": code}}]})
    headers = [
        (b"content-type", b"application/json; charset=utf-8"),
        (b"content-length", str(len(body)).encode()),
    ]
    if error.status == 401:
        headers.append((b"www-authenticate", b'Bearer error="invalid_token"'))
    await send({"type": "http.response.start", "status": error.status, "headers": headers})
    await send({"type": "http.response.body", "body": body})
