"""APQ over HTTP (miss -> register -> GET hit), errors, trusted documents, Redis shared store."""

from __future__ import annotations

import hashlib
from pathlib import Path
from urllib.parse import urlencode

import orjson

from tests.gateway.http.conftest import MakeGateway

QUERY = 'query Greet { hello(name: "APQ") }'
HASH = hashlib.sha256(QUERY.encode()).hexdigest()
EXTENSIONS = {"persistedQuery": {"version": 1, "sha256Hash": HASH}}
PREFLIGHT = {"apollo-require-preflight": "true"}


def get_url(extensions: dict[str, object], **params: str) -> str:
    return "/graphql?" + urlencode({"extensions": orjson.dumps(extensions).decode(), **params})


async def test_round_trip_miss_register_then_get_hit(make_gateway: MakeGateway) -> None:
    async with make_gateway() as gw:
        miss = await gw.client.get(get_url(EXTENSIONS), headers=PREFLIGHT)
        assert miss.status_code == 200
        assert miss.json() == {
            "errors": [
                {
                    "message": "PersistedQueryNotFound",
                    "extensions": {"code": "PERSISTED_QUERY_NOT_FOUND"},
                }
            ]
        }
        assert miss.headers["cache-control"] == "private, no-cache, must-revalidate"
        registered = await gw.post({"query": QUERY, "extensions": EXTENSIONS})
        assert registered.json() == {"data": {"hello": "Hello APQ"}}
        hit = await gw.client.get(get_url(EXTENSIONS), headers=PREFLIGHT)
        assert hit.json() == {"data": {"hello": "Hello APQ"}}


async def test_apq_errors(make_gateway: MakeGateway) -> None:
    async with make_gateway() as gw:
        mismatch = await gw.post({"query": "{ hello }", "extensions": EXTENSIONS})
        assert mismatch.status_code == 400
        assert mismatch.json()["errors"][0]["message"] == "provided sha does not match query"
        version = {"persistedQuery": {"version": 2, "sha256Hash": HASH}}
        unsupported = await gw.post({"query": QUERY, "extensions": version})
        assert unsupported.status_code == 400
        assert unsupported.json()["errors"][0]["message"] == "Unsupported persisted query version"
        mutation = 'mutation { rename(name: "x") }'
        digest = hashlib.sha256(mutation.encode()).hexdigest()
        extensions = {"persistedQuery": {"version": 1, "sha256Hash": digest}}
        await gw.post({"query": mutation, "extensions": extensions})
        over_get = await gw.client.get(get_url(extensions), headers=PREFLIGHT)
        assert over_get.status_code == 405
    async with make_gateway(apq=False) as gw:
        disabled = await gw.post({"extensions": EXTENSIONS})
        assert disabled.status_code == 200
        assert disabled.json()["errors"][0]["extensions"]["code"] == "PERSISTED_QUERY_NOT_SUPPORTED"


async def test_trusted_documents_mode_refuses_unknown_documents(
    make_gateway: MakeGateway, tmp_path: Path
) -> None:
    manifest = tmp_path / "trusted.json"
    manifest.write_bytes(orjson.dumps({HASH: QUERY}))
    async with make_gateway(
        trusted_documents_file=str(manifest), trusted_documents_only=True
    ) as gw:
        by_hash = await gw.client.get(get_url(EXTENSIONS), headers=PREFLIGHT)
        assert by_hash.json() == {"data": {"hello": "Hello APQ"}}
        by_text = await gw.post({"query": QUERY})
        assert by_text.json() == {"data": {"hello": "Hello APQ"}}
        for body in (
            {"query": "{ hello }"},
            {
                "query": "{ hello }",
                "extensions": {
                    "persistedQuery": {
                        "version": 1,
                        "sha256Hash": hashlib.sha256(b"{ hello }").hexdigest(),
                    }
                },
            },
        ):
            refused = await gw.post(body)
            assert refused.status_code == 400
            assert (
                refused.json()["errors"][0]["extensions"]["code"] == "PERSISTED_QUERY_NOT_IN_LIST"
            )
        assert all(not app.requests or len(app.requests) == 2 for app in gw.subgraphs.values())


async def test_redis_store_is_shared_between_two_gateways(
    make_gateway: MakeGateway, redis_url: str
) -> None:
    async with (
        make_gateway(redis_url=redis_url) as first,
        make_gateway(redis_url=redis_url) as second,
    ):
        assert (await first.post({"query": QUERY, "extensions": EXTENSIONS})).status_code == 200
        hit = await second.client.get(get_url(EXTENSIONS), headers=PREFLIGHT)
        assert hit.json() == {"data": {"hello": "Hello APQ"}}


async def test_documents_that_fail_validation_are_not_registered(make_gateway: MakeGateway) -> None:
    invalid = "{ nope }"
    extensions = {
        "persistedQuery": {"version": 1, "sha256Hash": hashlib.sha256(invalid.encode()).hexdigest()}
    }
    async with make_gateway() as gw:
        refused = await gw.post({"query": invalid, "extensions": extensions})
        assert refused.json()["errors"][0]["extensions"]["code"] == "GRAPHQL_VALIDATION_FAILED"
        miss = await gw.post({"extensions": extensions})
        assert miss.json()["errors"][0]["extensions"]["code"] == "PERSISTED_QUERY_NOT_FOUND"
