"""Per-bank fault injection as plain ASGI middleware, off by default.

`FaultInjection` wraps one bank app and, per HTTP request, in this order:

1. rate limiting: more than `rate_limit_per_second` requests from one client key within one
   second -> the bank's own 429 response (`FaultHooks.throttled`, the dialect's shape);
2. added latency: sleeps `latency_ms` before handling;
3. hangs: with probability `hang_rate` sleeps `hang_seconds` before handling (clients with
   a shorter timeout see a timeout);
4. errors: with probability `error_rate` answers `FaultHooks.server_error(error_status)`
   (the dialect's 5xx shape) instead of calling the bank.

Configured by `FaultSettings` (from the bank's settings mapping) and changed at run time by
the admin endpoint on the same app (never subject to faults itself):

    GET    /_sandbox/faults   -> the current settings as JSON
    PUT    /_sandbox/faults   -> replace them (JSON object, omitted fields take defaults)
    DELETE /_sandbox/faults   -> back to the settings the app started with

The random source is seeded (`seed`), so a test sees a reproducible fault sequence.
"""

from __future__ import annotations

import asyncio
import dataclasses
import random
import time
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass
from typing import Any

import orjson
from starlette.requests import Request
from starlette.responses import Response
from starlette.types import ASGIApp, Receive, Scope, Send

ADMIN_PATH = "/_sandbox/faults"


@dataclass(frozen=True, slots=True)
class FaultSettings:
    """What one bank should do wrong. The defaults inject nothing.

    latency_ms: added to every request (>= 0).
    error_rate: probability in [0, 1] of answering `error_status` without calling the bank.
    error_status: a 5xx status used for injected errors.
    hang_rate: probability in [0, 1] of stalling a request for `hang_seconds`.
    hang_seconds: how long a hung request stalls before it is handled anyway.
    rate_limit_per_second: requests per client key per second; None disables throttling.
    seed: seed of the random source deciding errors and hangs.
    """

    latency_ms: int = 0
    error_rate: float = 0.0
    error_status: int = 503
    hang_rate: float = 0.0
    hang_seconds: float = 60.0
    rate_limit_per_second: int | None = None
    seed: int = 0

    def __post_init__(self) -> None:
        if self.latency_ms < 0 or self.hang_seconds < 0:
            raise ValueError("latency_ms and hang_seconds must be >= 0")
        if not (0.0 <= self.error_rate <= 1.0 and 0.0 <= self.hang_rate <= 1.0):
            raise ValueError("error_rate and hang_rate must be within [0, 1]")
        if not 500 <= self.error_status <= 599:
            raise ValueError("error_status must be a 5xx status")
        if self.rate_limit_per_second is not None and self.rate_limit_per_second < 1:
            raise ValueError("rate_limit_per_second must be >= 1 or None")

    @classmethod
    def from_mapping(
        cls, mapping: Mapping[str, str], prefix: str, defaults: FaultSettings | None = None
    ) -> FaultSettings:
        """Read `<prefix>LATENCY_MS`, `<prefix>ERROR_RATE`, ... (upper-case field names);
        missing or empty keys keep `defaults` (else the class defaults); raises `ValueError`
        on a bad value."""
        values: dict[str, Any] = {}
        for field in dataclasses.fields(cls):
            raw = mapping.get(prefix + field.name.upper())
            if raw is None or raw == "":
                continue
            values[field.name] = _coerce(field.name, raw)
        return dataclasses.replace(defaults, **values) if defaults is not None else cls(**values)

    @classmethod
    def from_json(cls, document: Any) -> FaultSettings:
        """Build from a decoded JSON object; raises `ValueError` on unknown fields or types."""
        if not isinstance(document, dict):
            raise ValueError("fault settings must be a JSON object")
        known = {field.name for field in dataclasses.fields(cls)}
        unknown = sorted(set(document) - known)
        if unknown:
            raise ValueError(f"unknown fault settings: {', '.join(unknown)}")
        values = {name: _coerce(name, value) for name, value in document.items()}
        return cls(**values)

    def to_json(self) -> dict[str, Any]:
        return dataclasses.asdict(self)


@dataclass(frozen=True, slots=True)
class FaultHooks:
    """How one bank's dialect says "too many requests" and "server error".

    throttled: builds the dialect's 429 response.
    server_error: builds the dialect's response for a 5xx status.
    client_key: which client a request counts against for rate limiting (default: the
        `Authorization` header, else the peer address).
    """

    throttled: Callable[[], Response]
    server_error: Callable[[int], Response]
    client_key: Callable[[Scope], str] | None = None


class FaultInjection:
    """ASGI middleware injecting `FaultSettings` faults into one bank (see module docstring)."""

    def __init__(
        self,
        app: ASGIApp,
        *,
        settings: FaultSettings,
        hooks: FaultHooks,
        monotonic: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
    ) -> None:
        self.app = app
        self.initial = settings
        self.settings = settings
        self.hooks = hooks
        self._monotonic = monotonic
        self._sleep = sleep
        self._random = random.Random(settings.seed)
        self._window: tuple[int, dict[str, int]] = (-1, {})

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        if scope["path"] == ADMIN_PATH:
            await self._admin(scope, receive, send)
            return
        settings = self.settings
        if settings.rate_limit_per_second is not None and self._over_limit(scope, settings):
            await self.hooks.throttled()(scope, receive, send)
            return
        if settings.latency_ms:
            await self._sleep(settings.latency_ms / 1000)
        if settings.hang_rate and self._random.random() < settings.hang_rate:
            await self._sleep(settings.hang_seconds)
        if settings.error_rate and self._random.random() < settings.error_rate:
            await self.hooks.server_error(settings.error_status)(scope, receive, send)
            return
        await self.app(scope, receive, send)

    def configure(self, settings: FaultSettings) -> None:
        """Replace the settings (and reseed the random source) from now on."""
        self.settings = settings
        self._random = random.Random(settings.seed)

    def _over_limit(self, scope: Scope, settings: FaultSettings) -> bool:
        second = int(self._monotonic())
        current, counts = self._window
        if second != current:
            counts = {}
            self._window = (second, counts)
        key = (self.hooks.client_key or _default_client_key)(scope)
        counts[key] = counts.get(key, 0) + 1
        limit = settings.rate_limit_per_second or 0
        return counts[key] > limit

    async def _admin(self, scope: Scope, receive: Receive, send: Send) -> None:
        request = Request(scope, receive)
        if request.method == "PUT":
            try:
                self.configure(FaultSettings.from_json(orjson.loads(await request.body())))
            except (orjson.JSONDecodeError, ValueError, TypeError) as exc:
                response = _json({"error": str(exc)}, 400)
                await response(scope, receive, send)
                return
        elif request.method == "DELETE":
            self.configure(self.initial)
        elif request.method != "GET":
            await Response(status_code=405, headers={"Allow": "GET, PUT, DELETE"})(
                scope, receive, send
            )
            return
        await _json(self.settings.to_json(), 200)(scope, receive, send)


def _default_client_key(scope: Scope) -> str:
    for name, value in scope.get("headers", []):
        if name == b"authorization":
            return value.decode("latin-1")
    client = scope.get("client")
    return str(client[0]) if client else "-"


def _json(document: Any, status: int) -> Response:
    return Response(orjson.dumps(document), status_code=status, media_type="application/json")


_FLOATS = {"error_rate", "hang_rate", "hang_seconds"}


def _coerce(name: str, value: Any) -> Any:
    """Parse one setting from env text or JSON; booleans are never numbers."""
    if isinstance(value, bool):
        raise ValueError(f"{name} must be a number")
    if name == "rate_limit_per_second" and (value is None or value in ("", "off", "none")):
        return None
    try:
        if name in _FLOATS:
            return float(value)
        if isinstance(value, float) and not value.is_integer():
            raise ValueError
        return int(value)
    except (TypeError, ValueError):
        raise ValueError(f"{name} must be a number, got {value!r}") from None
