"""GraphQL over HTTP end to end through the app: methods, media types, status codes (6.1-6.3),
batching (6.5), introspection switch, query plan extension, error masking, request ids."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlencode

import orjson
import pytest
from graphql import get_introspection_query

from gateway.settings import Settings
from tests.gateway.http.conftest import MakeGateway

GR_JSON = "application/graphql-response+json"
PREFLIGHT = {"apollo-require-preflight": "true"}


async def test_health(make_gateway: MakeGateway) -> None:
    async with make_gateway() as gw:
        response = await gw.client.get("/health")
        assert (response.status_code, response.json()) == (200, {"status": "ok"})


async def test_post_and_media_types(make_gateway: MakeGateway) -> None:
    async with make_gateway() as gw:
        plain = await gw.post({"query": '{ hello(name: "Ada") }'})
        assert plain.status_code == 200
        assert plain.headers["content-type"] == "application/json; charset=utf-8"
        assert plain.json() == {"data": {"hello": "Hello Ada"}}
        modern = await gw.post(
            {"query": "{ hello }"}, headers={"accept": f"{GR_JSON}, application/json;q=0.9"}
        )
        assert modern.headers["content-type"] == f"{GR_JSON}; charset=utf-8"
        assert modern.json() == {"data": {"hello": "Hello world"}}
        refused = await gw.post({"query": "{ hello }"}, headers={"accept": "text/html"})
        assert refused.status_code == 406
        assert refused.headers["content-type"].startswith("application/json")


async def test_get_runs_queries_only(make_gateway: MakeGateway) -> None:
    async with make_gateway() as gw:
        query = urlencode(
            {"query": "query Q($n: String) { hello(name: $n) }", "variables": '{"n":"B"}'}
        )
        ok = await gw.client.get(f"/graphql?{query}", headers=PREFLIGHT)
        assert ok.json() == {"data": {"hello": "Hello B"}}
        gw.reset()
        mutation = urlencode({"query": 'mutation { rename(name: "x") }'})
        refused = await gw.client.get(f"/graphql?{mutation}", headers=PREFLIGHT)
        assert refused.status_code == 405
        assert refused.headers["allow"] == "POST"
        assert gw.subgraph_queries("accounts") == []


async def test_status_codes_for_request_errors(make_gateway: MakeGateway) -> None:
    cases = {
        "parse": ({"query": "{"}, "GRAPHQL_PARSE_FAILED"),
        "validation": ({"query": "{ nope }"}, "GRAPHQL_VALIDATION_FAILED"),
        "variables": (
            {"query": "query ($n: String!) { hello(name: $n) }", "variables": {"n": 5}},
            "BAD_USER_INPUT",
        ),
    }
    async with make_gateway() as gw:
        for body, code in cases.values():
            legacy = await gw.post(body)
            assert legacy.status_code == 200
            assert "data" not in legacy.json()
            assert legacy.json()["errors"][0]["extensions"]["code"] == code
            modern = await gw.post(body, headers={"accept": GR_JSON})
            assert modern.status_code == 400
            assert "data" not in modern.json()
    async with make_gateway(request_error_status="graphql-response") as gw:
        assert (await gw.post({"query": "{ nope }"})).status_code == 400


async def test_malformed_requests(make_gateway: MakeGateway) -> None:
    async with make_gateway() as gw:
        for body, status in [
            (b"{", 400),
            (b'{"query": 1}', 400),
            (b'{"variables": {}}', 400),
            (b'{"query": "{ hello }", "variables": []}', 400),
        ]:
            response = await gw.client.post(
                "/graphql", content=body, headers={"content-type": "application/json"}
            )
            assert response.status_code == status, body
        assert (await gw.client.put("/graphql", content=b"")).status_code == 405
        no_type = await gw.client.post("/graphql", content=b'{"query":"{ hello }"}')
        assert no_type.status_code in (400, 415)  # CSRF (400) refuses it before 415 would


async def test_batching_is_off_by_default_and_ordered_when_on(make_gateway: MakeGateway) -> None:
    batch = [{"query": '{ hello(name: "1") }'}, {"query": "{ nope }"}, {"query": "{ hello }"}]
    async with make_gateway() as gw:
        assert (await gw.post(batch)).status_code == 400
    async with make_gateway(batching=True, max_batch_size=3) as gw:
        response = await gw.post(batch)
        assert response.status_code == 200
        results = response.json()
        assert results[0] == {"data": {"hello": "Hello 1"}}
        assert results[1]["errors"][0]["extensions"]["code"] == "GRAPHQL_VALIDATION_FAILED"
        assert results[2] == {"data": {"hello": "Hello world"}}
        assert (await gw.post(batch + batch)).status_code == 400
        assert (await gw.post([])).status_code == 400


async def test_introspection_is_off_unless_enabled(make_gateway: MakeGateway) -> None:
    query = {"query": "{ __schema { queryType { name } } __typename }"}
    async with make_gateway() as gw:
        refused = await gw.post(query)
        assert "data" not in refused.json()
        assert "introspection" in refused.json()["errors"][0]["message"].lower()
        assert (await gw.post({"query": "{ __typename }"})).json() == {
            "data": {"__typename": "Query"}
        }
    async with make_gateway(introspection=True) as gw:
        assert (await gw.post(query)).json() == {
            "data": {"__schema": {"queryType": {"name": "Query"}}, "__typename": "Query"}
        }


async def test_query_plan_extension_on_request_when_enabled(make_gateway: MakeGateway) -> None:
    header = {"x-bankgraph-query-plan": "true"}
    async with make_gateway() as gw:
        assert "extensions" not in (await gw.post({"query": "{ hello }"}, headers=header)).json()
    async with make_gateway(expose_query_plan=True) as gw:
        body = (await gw.post({"query": "{ hello }"}, headers=header)).json()
        assert body["data"] == {"hello": "Hello world"}
        assert body["extensions"]["queryPlan"]["kind"] == "QueryPlan"
        only = (
            await gw.post(
                {"query": "{ hello }"}, headers={**header, "x-bankgraph-query-plan": "only"}
            )
        ).json()
        assert set(only) == {"extensions"}
        assert only["extensions"]["queryPlanText"].startswith("QueryPlan {")


async def test_subgraph_error_details_are_masked_and_logged(
    make_gateway: MakeGateway, caplog: pytest.LogCaptureFixture
) -> None:
    async with make_gateway() as gw:
        body = (await gw.post({"query": "{ diagnostics hello }"})).json()
        assert body["data"] == {"diagnostics": None, "hello": "Hello world"}
        text = orjson.dumps(body["errors"]).decode()
        assert "core banking" in text
        for secret in ("10.9.8.7", "http://", "abc.def"):
            assert secret not in text
        logged = [r.getMessage() for r in caplog.records if "errors masked" in r.getMessage()]
        assert len(logged) == 1 and "http://10.9.8.7:4000/api" in logged[0]
        assert "abc.def.ghi" not in logged[0]


async def test_request_ids(make_gateway: MakeGateway) -> None:
    async with make_gateway() as gw:
        echoed = await gw.post({"query": "{ hello }"}, headers={"x-request-id": "req-42"})
        assert echoed.headers["x-request-id"] == "req-42"
        generated = await gw.post({"query": "{ hello }"}, headers={"x-request-id": "bad id!"})
        assert len(generated.headers["x-request-id"]) == 24


async def test_graphiql_for_browsers_only_when_enabled(make_gateway: MakeGateway) -> None:
    browser = {"accept": "text/html,application/xhtml+xml"}
    async with make_gateway() as gw:
        assert (await gw.client.get("/graphql", headers=browser)).status_code == 406
    async with make_gateway(graphiql=True, introspection=True) as gw:
        page = await gw.client.get("/graphql", headers=browser)
        assert page.status_code == 200
        assert "graphiql" in page.text.lower()
        assert "script-src 'self'" in page.headers["content-security-policy"]
        asset = await gw.client.get("/graphiql/static/bankgraph-graphiql.js")
        assert asset.status_code == 200


async def test_graphiql_examples_and_prefilled_headers(
    make_gateway: MakeGateway, tmp_path: Path
) -> None:
    (tmp_path / "hello.graphql").write_text("query Hello { hello }")
    (tmp_path / "greet.graphql").write_text("query Greet($n: String) { hello }")
    (tmp_path / "greet.variables.json").write_text('{"n": "</script>"}')
    browser = {"accept": "text/html"}
    settings = {
        "graphiql": True,
        "graphiql_examples_dir": str(tmp_path),
        "graphiql_headers": {"Authorization": "Bearer demo-token"},
    }
    async with make_gateway(**settings) as gw:
        page = (await gw.client.get("/graphql", headers=browser)).text
    data = page.split('type="application/json">', 1)[1].split("</script>", 1)[0]
    options = orjson.loads(data.replace("<\\/", "</"))
    assert [e["name"] for e in options["examples"]] == ["greet", "hello"]
    assert options["examples"][0]["variables"] == {"n": "</script>"}
    assert options["defaultHeaders"] == {"Authorization": "Bearer demo-token"}
    assert "demo-token" not in repr(Settings.from_mapping(settings))


async def test_subscriptions_are_refused_as_request_errors(make_gateway: MakeGateway) -> None:
    async with make_gateway() as gw:
        legacy = await gw.post({"query": "subscription { ticks }"})
        assert legacy.status_code == 200 and "data" not in legacy.json()
        assert legacy.json()["errors"][0]["extensions"]["code"] == "SUBSCRIPTIONS_NOT_SUPPORTED"
        modern = await gw.post({"query": "subscription { ticks }"}, headers={"accept": GR_JSON})
        assert modern.status_code == 400
        assert all(not app.requests for app in gw.subgraphs.values())


async def test_the_standard_introspection_query_passes_the_default_limits(
    make_gateway: MakeGateway,
) -> None:
    query = get_introspection_query(descriptions=True, directive_is_repeatable=True)
    async with make_gateway(introspection=True) as gw:
        body = (await gw.post({"query": query, "operationName": "IntrospectionQuery"})).json()
        assert "errors" not in body
        names = {t["name"] for t in body["data"]["__schema"]["types"]}
        assert {"Query", "Account", "Customer"} <= names
        assert not names & {"_Service", "_Entity", "join__Graph", "link__Purpose"}
