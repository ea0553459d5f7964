"""DocumentCache: bounded LRU of parsed + validated documents (and of their failures)."""

from __future__ import annotations

import pytest
from graphql import DocumentNode, build_schema

from gateway.documents import DocumentCache, DocumentErrors

SCHEMA = build_schema("type Query { a: Int b: Int c: Int }")


def test_least_recently_used_document_is_evicted() -> None:
    cache = DocumentCache(SCHEMA, max_size=2)
    a = cache.get("{ a }")
    b = cache.get("{ b }")
    assert cache.get("{ a }") is a  # hit: "{ b }" is now the least recently used
    cache.get("{ c }")
    assert len(cache) == 2
    assert cache.get("{ a }") is a
    assert cache.get("{ b }") is not b


def test_failures_are_cached_and_coded() -> None:
    cache = DocumentCache(SCHEMA)
    parse_failure = cache.get("{ a")
    assert isinstance(parse_failure, DocumentErrors) and parse_failure.kind == "parse"
    assert cache.get("{ a") is parse_failure
    invalid = cache.get("{ d }")
    assert isinstance(invalid, DocumentErrors) and invalid.kind == "validation"
    assert invalid.errors[0]["extensions"] == {"code": "GRAPHQL_VALIDATION_FAILED"}


def test_empty_selection_sets_and_token_limit_are_refused() -> None:
    cache = DocumentCache(SCHEMA, max_tokens=20)
    assert isinstance(cache.get("{ a }"), DocumentNode)
    assert isinstance(cache.get("{ }"), DocumentErrors)
    too_long = cache.get("{ " + " ".join(f"x{n}: a" for n in range(20)) + " }")
    assert isinstance(too_long, DocumentErrors) and too_long.kind == "parse"


def test_size_must_be_positive() -> None:
    with pytest.raises(ValueError):
        DocumentCache(SCHEMA, max_size=0)
