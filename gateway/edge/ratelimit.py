"""Per-client rate limiting: a token bucket per client key, answered 429 when empty.

The key is the verified subject when the caller authenticated (so a user is limited across
addresses), else the client's IP address. Buckets live in memory (`TokenBuckets`, bounded: the
least recently seen clients are forgotten first; each replica limits on its own) or in Redis
(`RedisTokenBuckets`, shared by all replicas, updated atomically by a server-side script; if
Redis is unreachable requests are let through and the failure is logged).
"""

from __future__ import annotations

import logging
import math
import time
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol

import orjson
import redis
import redis.asyncio
from starlette.types import ASGIApp, Receive, Scope, Send

from gateway.edge.auth import identity_of

__all__ = ["RateLimitMiddleware", "RateLimiter", "RedisTokenBuckets", "TokenBuckets"]

logger = logging.getLogger(__name__)


class RateLimiter(Protocol):
    """``await take(key)``: 0 when the request may go, else the seconds to wait."""

    async def take(self, key: str) -> float: ...


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

    async def take(self, key: str) -> float:
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


# Token bucket in one atomic step, on Redis' clock so replicas agree.
_TAKE_SCRIPT = """
local rate = tonumber(ARGV[1])
local burst = tonumber(ARGV[2])
local time = redis.call('TIME')
local now = tonumber(time[1]) + tonumber(time[2]) / 1000000
local state = redis.call('HMGET', KEYS[1], 'tokens', 'updated')
local tokens = tonumber(state[1]) or burst
local updated = tonumber(state[2]) or now
tokens = math.min(burst, tokens + math.max(0, now - updated) * rate)
local wait = 0
if tokens >= 1 then tokens = tokens - 1 else wait = (1 - tokens) / rate end
redis.call('HSET', KEYS[1], 'tokens', tostring(tokens), 'updated', tostring(now))
redis.call('EXPIRE', KEYS[1], math.ceil(burst / rate) + 1)
return tostring(wait)
"""


class RedisTokenBuckets:
    """`TokenBuckets` shared through Redis (keys ``<prefix><client key>``)."""

    def __init__(
        self,
        client: redis.asyncio.Redis,
        rate: float,
        burst: int,
        *,
        prefix: str = "bankgraph:ratelimit:",
    ) -> None:
        self._script = client.register_script(_TAKE_SCRIPT)
        self._rate = rate
        self._burst = burst
        self._prefix = prefix

    async def take(self, key: str) -> float:
        try:
            wait = await self._script(keys=[self._prefix + key], args=[self._rate, self._burst])
        except redis.RedisError as error:
            logger.warning("rate limit store unavailable, letting the request through: %s", error)
            return 0.0
        return float(wait)


class RateLimitMiddleware:
    """Plain ASGI middleware limiting requests to ``path``; must run after authentication."""

    def __init__(self, app: ASGIApp, buckets: RateLimiter, *, path: str) -> None:
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
        wait = await self.buckets.take(key)
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
