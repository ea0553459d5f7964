"""CSRF and CORS as configured, per-client rate limiting and demand control over HTTP."""

from __future__ import annotations

from tests.gateway.edge.issuer import Issuer
from tests.gateway.http.conftest import MakeGateway

ORIGIN = "https://app.example"


async def test_csrf_prevention(make_gateway: MakeGateway) -> None:
    async with make_gateway() as gw:
        form = await gw.client.post(
            "/graphql",
            content=b"query=%7B+hello+%7D",
            headers={"content-type": "application/x-www-form-urlencoded"},
        )
        assert form.status_code == 400
        assert form.json()["errors"][0]["extensions"]["code"] == "CSRF_ERROR"
        bare_get = await gw.client.get("/graphql?query=%7B+hello+%7D")
        assert bare_get.json()["errors"][0]["extensions"]["code"] == "CSRF_ERROR"
        named = await gw.client.get(
            "/graphql?query=%7B+hello+%7D", headers={"x-apollo-operation-name": "Q"}
        )
        assert named.json() == {"data": {"hello": "Hello world"}}
        assert all("CSRF" not in str(app.requests) for app in gw.subgraphs.values())
    async with make_gateway(csrf_prevention=False) as gw:
        bare_get = await gw.client.get("/graphql?query=%7B+hello+%7D")
        assert bare_get.json() == {"data": {"hello": "Hello world"}}


async def test_cors_from_settings(make_gateway: MakeGateway) -> None:
    async with make_gateway() as gw:  # no origins configured: no CORS headers at all
        response = await gw.post({"query": "{ hello }"}, headers={"origin": ORIGIN})
        assert "access-control-allow-origin" not in response.headers
    async with make_gateway(cors_allow_origins=[ORIGIN]) as gw:
        preflight = await gw.client.options(
            "/graphql",
            headers={
                "origin": ORIGIN,
                "access-control-request-method": "POST",
                "access-control-request-headers": "content-type, authorization",
            },
        )
        assert preflight.status_code == 200
        assert preflight.headers["access-control-allow-origin"] == ORIGIN
        assert "apollo-require-preflight" in preflight.headers["access-control-allow-headers"]
        other = await gw.client.options(
            "/graphql",
            headers={"origin": "https://evil.example", "access-control-request-method": "POST"},
        )
        assert other.status_code == 400
        simple = await gw.post({"query": "{ hello }"}, headers={"origin": ORIGIN})
        assert simple.headers["access-control-allow-origin"] == ORIGIN
        assert "x-request-id" in simple.headers["access-control-expose-headers"]


async def test_rate_limit_per_client(make_gateway: MakeGateway, issuer: Issuer) -> None:
    async with make_gateway(rate_limit_per_second=0.001, rate_limit_burst=2) as gw:
        anonymous = [(await gw.post({"query": "{ hello }"})).status_code for _ in range(3)]
        assert anonymous == [200, 200, 429]
        # an authenticated caller is limited by subject, not by the shared address
        token = issuer.token(sub="customer-9")
        user = [(await gw.post({"query": "{ hello }"}, token=token)).status_code for _ in range(3)]
        assert user == [200, 200, 429]
        limited = await gw.post({"query": "{ hello }"}, token=token)
        assert limited.json()["errors"][0]["extensions"]["code"] == "RATE_LIMITED"
        assert (await gw.client.get("/health")).status_code == 200


async def test_demand_control(make_gateway: MakeGateway, issuer: Issuer) -> None:
    token = issuer.token()
    async with make_gateway(max_cost=100) as gw:
        cheap = await gw.post({"query": "{ transactions(first: 5) { id } }"}, token=token)
        assert cheap.json()["data"]["transactions"][0] == {"id": "t0"}
        gw.reset()
        # the slicing argument sizes the list: 150 transactions x 1
        costly = await gw.post({"query": "{ transactions(first: 150) { id } }"}, token=token)
        assert costly.status_code == 400
        error = costly.json()["errors"][0]
        assert error["extensions"] == {
            "code": "COST_ESTIMATED_TOO_EXPENSIVE",
            "cost": {"estimated": 150, "max": 100},
        }
        # 10 accounts (default list size) x (1 + riskScore's @cost(weight: 50))
        risky = await gw.post({"query": "{ accounts { riskScore } }"}, token=token)
        assert risky.json()["errors"][0]["extensions"]["cost"]["estimated"] == 510
        assert all(not app.requests for app in gw.subgraphs.values())


async def test_rate_limit_is_shared_through_redis(
    make_gateway: MakeGateway, redis_url: str
) -> None:
    options = {"redis_url": redis_url, "rate_limit_per_second": 0.001, "rate_limit_burst": 2}
    async with make_gateway(**options) as first, make_gateway(**options) as second:
        statuses = [
            (await gw.post({"query": "{ hello }"})).status_code for gw in (first, second, first)
        ]
        assert statuses == [200, 200, 429]
