"""``/metrics``: responses by status (middleware answers included), errors by code, latency."""

from __future__ import annotations

from tests.gateway.edge.issuer import Issuer
from tests.gateway.http.conftest import MakeGateway


def samples(text: str) -> dict[str, float]:
    return {
        line.rsplit(" ", 1)[0]: float(line.rsplit(" ", 1)[1])
        for line in text.splitlines()
        if line and not line.startswith("#")
    }


async def test_metrics_count_what_clients_got(make_gateway: MakeGateway, issuer: Issuer) -> None:
    async with make_gateway(metrics=True) as gw:
        await gw.post({"query": "{ hello }"})
        await gw.post({"query": "{ nope }"})
        await gw.post({"query": "{ me { name } }"})  # anonymous: filtered, partial data
        await gw.post({"query": "{ hello }"}, token=issuer.token(ttl=-3600))
        response = await gw.client.get("/metrics")
        assert response.headers["content-type"].startswith("text/plain; version=0.0.4")
        values = samples(response.text)
        assert values['bankgraph_gateway_responses_total{status="200"}'] == 3
        assert values['bankgraph_gateway_responses_total{status="401"}'] == 1
        assert values['bankgraph_gateway_errors_total{code="GRAPHQL_VALIDATION_FAILED"}'] == 1
        assert values['bankgraph_gateway_errors_total{code="UNAUTHORIZED_FIELD_OR_TYPE"}'] == 1
        assert values["bankgraph_gateway_request_duration_seconds_count"] == 4
        assert values['bankgraph_gateway_request_duration_seconds_bucket{le="+Inf"}'] == 4


async def test_metrics_are_off_by_default(make_gateway: MakeGateway) -> None:
    async with make_gateway() as gw:
        assert (await gw.client.get("/metrics")).status_code == 404
