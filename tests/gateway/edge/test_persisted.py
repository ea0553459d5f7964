"""APQ and trusted documents: every branch of 6.4, memory and Redis stores."""

from __future__ import annotations

import socket
from pathlib import Path

import orjson
import pytest
import redis.asyncio

from gateway.edge.persisted import (
    MemoryDocumentStore,
    PersistedError,
    RedisDocumentStore,
    TrustedDocuments,
    document_hash,
    register_document,
    resolve_document,
)
from gateway.edge.protocol import GraphQLParams

QUERY = "{ accounts { iban } }"
HASH = document_hash(QUERY)


def by_hash(sha256: str = HASH, version: object = 1, query: str | None = None) -> GraphQLParams:
    extension = {"persistedQuery": {"version": version, "sha256Hash": sha256}}
    return GraphQLParams(query, None, None, extension)


def test_hash_is_lowercase_hex_sha256_of_the_utf8_text() -> None:
    assert document_hash("{ a }") == (
        "1c7e1e347f726166b5b1c55afd61f278cc9b45e00c108ec33d540a566379811b"
    )
    assert (
        document_hash("{ é }") == "6ed1179be308ef4c2e705b3e9bdb43678ae4f31bfd35e2b11f9aa3addc48a710"
    )


async def test_round_trip_miss_register_hit() -> None:
    store = MemoryDocumentStore()
    miss = await resolve_document(by_hash(), store=store, trusted=None, trusted_only=False)
    assert isinstance(miss, PersistedError)
    assert (miss.status, miss.message, miss.code) == (
        200,
        "PersistedQueryNotFound",
        "PERSISTED_QUERY_NOT_FOUND",
    )
    assert miss.headers["Cache-Control"] == "private, no-cache, must-revalidate"
    registered = await resolve_document(
        by_hash(query=QUERY), store=store, trusted=None, trusted_only=False
    )
    assert isinstance(registered, GraphQLParams) and registered.query == QUERY
    assert await store.get(HASH) is None  # stored only once the caller validated it
    await register_document(registered, store)
    hit = await resolve_document(by_hash(), store=store, trusted=None, trusted_only=False)
    assert isinstance(hit, GraphQLParams) and hit.query == QUERY


@pytest.mark.parametrize(
    ("params", "status", "message"),
    [
        (by_hash(query="{ other }"), 400, "provided sha does not match query"),
        (by_hash(version=2), 400, "Unsupported persisted query version"),
        (by_hash(sha256=""), 400, "persistedQuery needs a sha256Hash string."),
    ],
)
async def test_bad_extensions(params: GraphQLParams, status: int, message: str) -> None:
    store = MemoryDocumentStore()
    error = await resolve_document(params, store=store, trusted=None, trusted_only=False)
    assert isinstance(error, PersistedError)
    assert (error.status, error.message) == (status, message)
    assert await store.get(document_hash("{ other }")) is None  # nothing stored


async def test_apq_disabled() -> None:
    error = await resolve_document(by_hash(), store=None, trusted=None, trusted_only=False)
    assert isinstance(error, PersistedError)
    assert (error.status, error.code) == (200, "PERSISTED_QUERY_NOT_SUPPORTED")


async def test_memory_store_is_bounded_lru() -> None:
    store = MemoryDocumentStore(max_entries=2)
    await store.put("a", "A")
    await store.put("b", "B")
    assert await store.get("a") == "A"
    await store.put("c", "C")
    assert (await store.get("a"), await store.get("b"), await store.get("c")) == ("A", None, "C")


def _manifest(tmp_path: Path, apollo: bool) -> Path:
    path = tmp_path / "manifest.json"
    if apollo:
        payload: object = {
            "format": "apollo-persisted-query-manifest",
            "version": 1,
            "operations": [{"id": "x", "name": "A", "type": "query", "body": QUERY}],
        }
    else:
        payload = {HASH: QUERY}
    path.write_bytes(orjson.dumps(payload))
    return path


@pytest.mark.parametrize("apollo", [False, True])
async def test_trusted_documents_only(tmp_path: Path, apollo: bool) -> None:
    trusted = TrustedDocuments.from_file(_manifest(tmp_path, apollo))
    store = MemoryDocumentStore()
    options = {"store": store, "trusted": trusted, "trusted_only": True}
    known_text = await resolve_document(GraphQLParams(QUERY), **options)  # type: ignore[arg-type]
    assert isinstance(known_text, GraphQLParams)
    known_hash = await resolve_document(by_hash(), **options)  # type: ignore[arg-type]
    assert isinstance(known_hash, GraphQLParams) and known_hash.query == QUERY
    other = "{ secrets }"
    for params in (
        GraphQLParams(other),
        by_hash(sha256=document_hash(other)),
        by_hash(sha256=document_hash(other), query=other),
    ):
        refused = await resolve_document(params, **options)  # type: ignore[arg-type]
        assert isinstance(refused, PersistedError)
        assert (refused.status, refused.code) == (400, "PERSISTED_QUERY_NOT_IN_LIST")
    assert await store.get(document_hash(other)) is None  # APQ cannot register


def test_manifest_with_a_wrong_hash_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "m.json"
    path.write_bytes(orjson.dumps({"0" * 64: QUERY}))
    with pytest.raises(ValueError, match="does not match"):
        TrustedDocuments.from_file(path)


async def test_redis_store_round_trip_shared_between_two_clients(redis_url: str) -> None:
    first = redis.asyncio.Redis.from_url(redis_url)
    second = redis.asyncio.Redis.from_url(redis_url)
    try:
        writer = RedisDocumentStore(first, ttl_seconds=60)
        reader = RedisDocumentStore(second, ttl_seconds=60)
        miss = await resolve_document(by_hash(), store=reader, trusted=None, trusted_only=False)
        assert isinstance(miss, PersistedError) and miss.code == "PERSISTED_QUERY_NOT_FOUND"
        await register_document(by_hash(query=QUERY), writer)
        hit = await resolve_document(by_hash(), store=reader, trusted=None, trusted_only=False)
        assert isinstance(hit, GraphQLParams) and hit.query == QUERY
        assert 0 < await second.ttl("bankgraph:apq:" + HASH) <= 60
    finally:
        await first.aclose()
        await second.aclose()


async def test_unreachable_redis_degrades_to_misses() -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    client = redis.asyncio.Redis.from_url(f"redis://127.0.0.1:{port}/0", socket_connect_timeout=1)
    try:
        store = RedisDocumentStore(client, ttl_seconds=60)
        await store.put(HASH, QUERY)  # logged, not raised
        miss = await resolve_document(by_hash(), store=store, trusted=None, trusted_only=False)
        assert isinstance(miss, PersistedError) and miss.code == "PERSISTED_QUERY_NOT_FOUND"
    finally:
        await client.aclose()
