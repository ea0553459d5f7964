"""GraphQL over HTTP parameter parsing, Accept negotiation and status policy (6.1-6.3)."""

from __future__ import annotations

import pytest

from gateway.edge.protocol import (
    GRAPHQL_RESPONSE_JSON,
    JSON,
    GraphQLParams,
    ParsedRequest,
    ProtocolError,
    negotiate,
    parse_params,
    request_error_status,
)


def post(body: bytes, content_type: str | None = "application/json", **options: object):
    settings = {"batching": False, "max_batch_size": 3}
    settings.update(options)
    return parse_params("POST", content_type, body, b"", **settings)  # type: ignore[arg-type]


def get(query_string: bytes):
    return parse_params("GET", None, b"", query_string, batching=False, max_batch_size=3)


@pytest.mark.parametrize(
    ("accept", "expected"),
    [
        (None, JSON),
        ("", JSON),
        ("*/*", JSON),
        ("application/*", JSON),
        ("application/json", JSON),
        ("application/graphql-response+json", GRAPHQL_RESPONSE_JSON),
        ("application/graphql-response+json, application/json;q=0.9", GRAPHQL_RESPONSE_JSON),
        ("application/json, application/graphql-response+json;q=0.5", JSON),
        ("application/graphql-response+json;q=0.5, */*", JSON),
        ("*/*, application/json;q=0", GRAPHQL_RESPONSE_JSON),
        ("text/html", None),
        ("application/json;q=0", None),
    ],
)
def test_negotiation(accept: str | None, expected: str | None) -> None:
    assert negotiate(accept) == expected


def test_request_error_status_policy() -> None:
    assert request_error_status(JSON, "legacy") == 200
    assert request_error_status(GRAPHQL_RESPONSE_JSON, "legacy") == 400
    assert request_error_status(JSON, "graphql-response") == 400


def test_post_json_object() -> None:
    parsed = post(b'{"query": "{ a }", "operationName": null, "variables": {"x": 1}, "z": 1}')
    assert parsed == ParsedRequest((GraphQLParams("{ a }", None, {"x": 1}, None),))


@pytest.mark.parametrize(
    ("body", "content_type", "status"),
    [
        (b'{"query": "{ a }"}', None, 415),
        (b'{"query": "{ a }"}', "text/plain", 415),
        (b'{"query": "{ a }"}', "application/json; charset=latin-1", 415),
        (b"\xff\xfe{", "application/json", 400),
        (b"{", "application/json", 400),
        (b"", "application/json", 400),
        (b'"query"', "application/json", 400),
        (b'{"notquery": "{ a }"}', "application/json", 400),
        (b'{"query": 1}', "application/json", 400),
        (b'{"query": "{ a }", "variables": []}', "application/json", 400),
        (b'{"query": "{ a }", "variables": "{}"}', "application/json", 400),
        (b'{"query": "{ a }", "operationName": 3}', "application/json", 400),
        (b'{"query": "{ a }", "extensions": "x"}', "application/json", 400),
        (b'[{"query": "{ a }"}]', "application/json", 400),
    ],
)
def test_post_refusals(body: bytes, content_type: str | None, status: int) -> None:
    parsed = post(body, content_type)
    assert isinstance(parsed, ProtocolError)
    assert parsed.status == status


def test_charset_utf8_is_accepted() -> None:
    assert isinstance(post(b'{"query": "{ a }"}', "application/json; charset=UTF-8"), ParsedRequest)


def test_batches_only_when_enabled_and_bounded() -> None:
    ok = post(b'[{"query": "{ a }"}, {"query": "{ b }"}]', batching=True)
    assert isinstance(ok, ParsedRequest) and ok.is_batch and len(ok.operations) == 2
    assert isinstance(post(b"[]", batching=True), ProtocolError)
    assert isinstance(post(b'[{"query": "{ a }"}, 1]', batching=True), ProtocolError)
    too_many = post(b"[" + b",".join([b'{"query": "{ a }"}'] * 4) + b"]", batching=True)
    assert isinstance(too_many, ProtocolError) and "at most 3" in too_many.message


def test_get_parameters() -> None:
    parsed = get(b"query=%7B+a+%7D&operationName=&variables=%7B%22x%22%3A1%7D")
    assert parsed == ParsedRequest((GraphQLParams("{ a }", None, {"x": 1}, None),))
    for bad in (b"query=%7Ba%7D&query=%7Bb%7D", b"query=%7Ba%7D&variables=%7B", b"", b"q=%ff"):
        assert isinstance(get(bad), ProtocolError)


def test_persisted_query_may_omit_the_document() -> None:
    parsed = post(b'{"extensions": {"persistedQuery": {"version": 1, "sha256Hash": "ab"}}}')
    assert isinstance(parsed, ParsedRequest) and parsed.operations[0].query is None


def test_other_methods_get_405_with_allow() -> None:
    refused = parse_params("PUT", None, b"", b"", batching=False, max_batch_size=1)
    assert isinstance(refused, ProtocolError)
    assert (refused.status, refused.headers) == (405, {"Allow": "GET, POST"})
