"""Hostile input is refused with the right status and error, before the engine validates it or
any subgraph is asked, and the gateway keeps serving other clients meanwhile.

Refusals coded ``MAX_*_LIMIT``/``DOCUMENT_TOO_LARGE`` come from the edge's `LimitGuard`, which
runs before validation (whose overlapping-fields rule is quadratic in hostile input); their
cost is measured by ``bench/edge_hostile.py``, not here.
"""

from __future__ import annotations

import asyncio
from typing import Any

import orjson
import pytest

from tests.gateway.http.conftest import GatewayHarness, MakeGateway

LIMITS = {"max_depth": 10, "max_aliases": 30, "max_root_fields": 20, "max_directives": 20}


def fragment_bomb(levels: int) -> str:
    fragments = [f"fragment F{i} on Query {{ ...F{i + 1} ...F{i + 1} }}" for i in range(levels)]
    fragments.append(f"fragment F{levels} on Query {{ h: hello }}")
    return "{ ...F0 } " + " ".join(fragments)


HOSTILE: dict[str, tuple[dict[str, Any], int, str]] = {
    "deep nesting": (
        {"query": "{" + " a {" * 40 + " b" + " }" * 40 + " }"},
        400,
        "MAX_DEPTH_LIMIT",
    ),
    "nesting beyond the parser": (
        {"query": "{" + "a{" * 3000 + "b" + "}" * 3000 + "}"},
        400,
        "MAX_DEPTH_LIMIT",
    ),
    "alias bomb": (
        {"query": "{ " + " ".join(f"a{i}: hello" for i in range(4000)) + " }"},
        400,
        "MAX_ALIASES_LIMIT",
    ),
    "fragment bomb": ({"query": fragment_bomb(40)}, 400, "MAX_ALIASES_LIMIT"),
    "root fields": ({"query": "{ " + "hello " * 25 + "}"}, 400, "MAX_ROOT_FIELDS_LIMIT"),
    "directives": (
        {"query": "{ hello " + "@include(if: true) " * 25 + "}"},
        400,
        "MAX_DIRECTIVES_LIMIT",
    ),
    "tokens": ({"query": "{ " + "a " * 20_000 + "}"}, 400, "MAX_TOKENS_LIMIT"),
    "oversized document": (
        {"query": "{ hello }" + " " * 150_000},
        400,
        "DOCUMENT_TOO_LARGE",
    ),
    "oversized variables": (
        {"query": "query ($s: String) { hello(name: $s) }", "variables": {"s": "x" * 300_000}},
        400,
        "VARIABLES_TOO_LARGE",
    ),
}


@pytest.mark.parametrize("name", list(HOSTILE))
async def test_hostile_documents_are_refused_before_validation(
    make_gateway: MakeGateway, name: str
) -> None:
    body, status, code = HOSTILE[name]
    async with make_gateway(**LIMITS) as gw:
        response = await gw.post(body)
        assert response.status_code == status
        assert [e["extensions"]["code"] for e in response.json()["errors"]][:1] == [code]
        assert all(not app.requests for app in gw.subgraphs.values())
        await assert_still_serving(gw)


async def test_cyclic_fragments_are_a_validation_error(make_gateway: MakeGateway) -> None:
    query = "{ ...A } fragment A on Query { hello ...B } fragment B on Query { ...A }"
    async with make_gateway() as gw:
        response = await gw.post({"query": query})
        assert response.status_code == 200  # application/json: the audited legacy status
        errors = response.json()["errors"]
        assert "data" not in response.json()
        assert any("Cannot spread fragment 'A' within itself" in e["message"] for e in errors)
        await assert_still_serving(gw)


async def test_body_over_the_limit_is_413_without_reading_it_all(make_gateway: MakeGateway) -> None:
    async with make_gateway(max_body_bytes=10_000) as gw:
        response = await gw.post({"query": "{ hello }", "variables": {"s": "x" * 20_000}})
        assert response.status_code == 413
        assert response.headers["content-type"].startswith("application/json")
        url = "/graphql?query=" + "a" * 20_000
        too_long = await gw.client.get(url, headers={"apollo-require-preflight": "1"})
        assert too_long.status_code == 414


async def test_invalid_utf8_and_wrong_content_types(make_gateway: MakeGateway) -> None:
    async with make_gateway() as gw:
        invalid = await gw.client.post(
            "/graphql",
            content=b'{"query": "{ hello(name: \\"\xff\xfe\\") }"}',
            headers={"content-type": "application/json"},
        )
        assert invalid.status_code == 400
        assert "UTF-8" in invalid.json()["errors"][0]["message"]
        for content_type, status in [
            ("application/xml", 415),
            ("application/graphql", 415),
            ("text/plain", 400),  # a simple request: CSRF prevention answers first
            ("multipart/form-data; boundary=x", 400),
        ]:
            response = await gw.client.post(
                "/graphql",
                content=b'{"query": "{ hello }"}',
                headers={"content-type": content_type},
            )
            assert response.status_code == status, content_type
        await assert_still_serving(gw)


async def test_huge_batches_are_refused_whole(make_gateway: MakeGateway) -> None:
    async with make_gateway(batching=True, max_batch_size=10) as gw:
        response = await gw.post([{"query": "{ hello }"}] * 10_000)
        assert response.status_code == 400
        assert "at most 10" in response.json()["errors"][0]["message"]
        assert all(not app.requests for app in gw.subgraphs.values())


async def test_other_clients_are_served_while_hostile_requests_arrive(
    make_gateway: MakeGateway,
) -> None:
    async with make_gateway(**LIMITS) as gw:
        hostile = [gw.post(body) for body, _, _ in HOSTILE.values()] * 3
        normal = [gw.post({"query": f'{{ hello(name: "{n}") }}'}) for n in range(10)]
        responses = await asyncio.gather(*hostile, *normal)
        assert all(r.status_code == 400 for r in responses[: len(hostile)])
        greetings = [orjson.loads(r.content) for r in responses[len(hostile) :]]
        assert greetings == [{"data": {"hello": f"Hello {n}"}} for n in range(10)]


async def assert_still_serving(gw: GatewayHarness) -> None:
    response = await gw.post({"query": "{ hello }"})
    assert response.json() == {"data": {"hello": "Hello world"}}


async def test_deeply_nested_json_is_refused_as_invalid(make_gateway: MakeGateway) -> None:
    nested = b"[" * 5000 + b"]" * 5000
    body = (
        b'{"query": "query ($v: String) { hello(name: $v) }", "variables": {"v": ' + nested + b"}}"
    )
    async with make_gateway() as gw:
        response = await gw.client.post(
            "/graphql", content=body, headers={"content-type": "application/json"}
        )
        assert response.status_code == 400
        assert response.json()["errors"][0]["message"] == "Request body is not valid JSON."
        await assert_still_serving(gw)
