"""Per-client rate limiting: a token bucket per client key, answered 429 when empty.

The key is the verified subject when the caller authenticated (so a user is limited across
addresses), else the client's IP address. Buckets live in memory (bounded: the least recently
seen clients are forgotten first); each replica limits on its own.
"""

from __future__ import annotations

import math
import time
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass

import orjson
from starlette.types import ASGIApp, Receive, Scope, Send

from gateway.edge.auth import identity_of

__all__ = ["RateLimitMiddleware", "TokenBuckets"]


@dataclass(slots=True)
class _Bucket:
    tokens: float
    updated: float


class TokenBuckets:
    """``rate`` tokens per second up to ``burst``; `take` answers the wait in seconds (0 = ok)."""

    def __init__(
        self,
        rate: float,
        burst: int,
        *,
        max_clients: int = 100_000,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._rate = rate
        self._burst = burst
        self._max_clients = max_clients
        self._clock = clock
        self._buckets: OrderedDict[str, _Bucket] = OrderedDict()

    def take(self, key: str) -> float:
        now = self._clock()
        bucket = self._buckets.get(key)
        if bucket is None:
            bucket = self._buckets[key] = _Bucket(float(self._burst), now)
            if len(self._buckets) > self._max_clients:
                self._buckets.popitem(last=False)
        else:
            self._buckets.move_to_end(key)
            bucket.tokens = min(self._burst, bucket.tokens + (now - bucket.updated) * self._rate)
            bucket.updated = now
        if bucket.tokens >= 1:
            bucket.tokens -= 1
            return 0.0
        return (1 - bucket.tokens) / self._rate


class RateLimitMiddleware:
    """Plain ASGI middleware limiting requests to ``path``; must run after authentication."""

    def __init__(self, app: ASGIApp, buckets: TokenBuckets, *, path: str) -> None:
        self.app = app
        self.buckets = buckets
        self.path = path

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["path"] != self.path or scope["method"] == "OPTIONS":
            await self.app(scope, receive, send)
            return
        identity = identity_of(scope)
        client = scope.get("client")
        key = (
            f"sub:{identity.subject}"
            if identity.is_authenticated and identity.subject
            else f"ip:{client[0] if client else 'unknown'}"
        )
        wait = self.buckets.take(key)
        if wait == 0:
            await self.app(scope, receive, send)
            return
        body = orjson.dumps(
            {"errors": [{"message": "Too many requests.", "extensions": {"code": "RATE_LIMITED"}}]}
        )
        await send(
            {
                "type": "http.response.start",
                "status": 429,
                "headers": [
                    (b"content-type", b"application/json; charset=utf-8"),
                    (b"content-length", str(len(body)).encode()),
                    (b"retry-after", str(max(1, math.ceil(wait))).encode()),
                ],
            }
        )
        await send({"type": "http.response.body", "body": body})
