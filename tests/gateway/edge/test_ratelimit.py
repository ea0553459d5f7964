"""Token buckets per client and the 429 middleware."""

from __future__ import annotations

import httpx
import redis.asyncio
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import PlainTextResponse
from starlette.routing import Route

from gateway.edge.ratelimit import RateLimitMiddleware, RedisTokenBuckets, TokenBuckets


class FakeClock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


async def test_bucket_allows_burst_then_the_sustained_rate() -> None:
    clock = FakeClock()
    buckets = TokenBuckets(rate=2, burst=3, clock=clock)
    assert [await buckets.take("a") for _ in range(3)] == [0, 0, 0]
    assert await buckets.take("a") == 0.5
    assert await buckets.take("b") == 0  # another client has its own bucket
    clock.now = 0.5
    assert await buckets.take("a") == 0
    assert await buckets.take("a") > 0


async def test_client_table_is_bounded() -> None:
    buckets = TokenBuckets(rate=1, burst=1, max_clients=2, clock=FakeClock())
    for key in ("a", "b", "c"):
        await buckets.take(key)
    assert await buckets.take("a") == 0  # forgotten, so it starts with a full bucket again


async def test_redis_buckets_are_shared_between_replicas(redis_url: str) -> None:
    first = redis.asyncio.Redis.from_url(redis_url)
    second = redis.asyncio.Redis.from_url(redis_url)
    try:
        one = RedisTokenBuckets(first, rate=0.001, burst=3)
        two = RedisTokenBuckets(second, rate=0.001, burst=3)
        waits = [await one.take("ip:1"), await two.take("ip:1"), await one.take("ip:1")]
        assert waits == [0, 0, 0]
        assert await two.take("ip:1") > 100  # the shared bucket is empty
        assert await one.take("ip:2") == 0
        assert 0 < await first.ttl("bankgraph:ratelimit:ip:1") <= 3001
    finally:
        await first.aclose()
        await second.aclose()


async def test_unreachable_redis_lets_requests_through() -> None:
    client = redis.asyncio.Redis.from_url("redis://127.0.0.1:1/0", socket_connect_timeout=1)
    try:
        assert await RedisTokenBuckets(client, rate=1, burst=1).take("ip:1") == 0
    finally:
        await client.aclose()


async def _ok(request: Request) -> PlainTextResponse:
    return PlainTextResponse("ok")


async def test_middleware_answers_429_with_retry_after() -> None:
    app = RateLimitMiddleware(
        Starlette(routes=[Route("/graphql", _ok), Route("/health", _ok)]),
        TokenBuckets(rate=0.01, burst=2),
        path="/graphql",
    )
    async with httpx.AsyncClient(
        transport=httpx.ASGITransport(app), base_url="http://gateway.test"
    ) as client:
        statuses = [(await client.get("/graphql")).status_code for _ in range(3)]
        assert statuses == [200, 200, 429]
        limited = await client.get("/graphql")
        assert limited.json()["errors"][0]["extensions"]["code"] == "RATE_LIMITED"
        assert int(limited.headers["retry-after"]) >= 1
        assert (await client.get("/health")).status_code == 200
