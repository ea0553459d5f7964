"""Engine.prepare: parse/validate once per document, operation selection, variable coercion,
request errors without ``data``; supergraph swaps."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest
from graphql import FieldNode, GraphQLError, ValidationRule

from gateway.engine import (
    Engine,
    EngineOptions,
    GraphQLRequest,
    PreparedOperation,
    RequestError,
)
from gateway.supergraph import Supergraph, load_supergraph
from tests.fixtures.federation.fixture import SUPERGRAPH_DIR


def supergraph(name: str = "variables") -> Supergraph:
    return load_supergraph((SUPERGRAPH_DIR / f"{name}.graphql").read_text())


@pytest.fixture
async def client() -> AsyncIterator[httpx.AsyncClient]:
    async with httpx.AsyncClient() as client:
        yield client


def prepare(engine: Engine, query: Any, **params: Any) -> PreparedOperation | RequestError:
    return engine.prepare(GraphQLRequest(query, **params))


def error_of(result: PreparedOperation | RequestError) -> tuple[str, list[dict[str, Any]]]:
    assert isinstance(result, RequestError)
    body = result.response()
    assert "data" not in body
    return result.kind, body["errors"]


async def test_parse_failure(client: httpx.AsyncClient) -> None:
    kind, errors = error_of(prepare(Engine(supergraph(), client), "{ user(id: "))
    assert kind == "parse"
    assert errors == [
        {
            "message": "Syntax Error: Unexpected <EOF>.",
            "locations": [{"line": 1, "column": 12}],
            "extensions": {"code": "GRAPHQL_PARSE_FAILED"},
        }
    ]


async def test_validation_failure(client: httpx.AsyncClient) -> None:
    kind, errors = error_of(prepare(Engine(supergraph(), client), '{ user(id: "1") { nope } }'))
    assert kind == "validation"
    assert errors == [
        {
            "message": "Cannot query field 'nope' on type 'User'. Did you mean 'name'?",
            "locations": [{"line": 1, "column": 19}],
            "extensions": {"code": "GRAPHQL_VALIDATION_FAILED"},
        }
    ]


@pytest.mark.parametrize("query", [None, "", "   ", 7])
async def test_missing_query(client: httpx.AsyncClient, query: Any) -> None:
    kind, errors = error_of(prepare(Engine(supergraph(), client), query))
    assert kind == "request"
    assert errors[0]["extensions"] == {"code": "BAD_REQUEST"}


async def test_operation_selection(client: httpx.AsyncClient) -> None:
    engine = Engine(supergraph(), client)
    two = 'query A { greet(name: "a") } query B { greet(name: "b") }'

    kind, errors = error_of(prepare(engine, two))
    assert (kind, errors[0]["extensions"]["code"]) == ("operation", "OPERATION_RESOLUTION_FAILURE")
    kind, errors = error_of(prepare(engine, two, operation_name="C"))
    assert errors[0]["message"] == "Unknown operation named 'C'."

    prepared = prepare(engine, two, operation_name="B")
    assert isinstance(prepared, PreparedOperation)
    assert (prepared.operation_name, prepared.operation_type) == ("B", "query")


async def test_variables_are_coerced_and_only_provided_declared_ones_forwarded(
    client: httpx.AsyncClient,
) -> None:
    query = """
    query Q($id: ID!, $max: Int, $p: String = "?") {
      user(id: $id) { posts(max: $max) }
      greet(name: "x", punct: $p)
    }
    """
    prepared = prepare(Engine(supergraph(), client), query, variables={"id": 7, "undeclared": 1})

    assert isinstance(prepared, PreparedOperation)
    assert prepared.variables == {"id": 7}
    assert prepared.coerced_variables == {"id": "7", "p": "?"}


@pytest.mark.parametrize(
    ("variables", "message"),
    [
        ({}, "Expected a value of non-null type 'ID!' to be provided."),
        ({"id": None}, "Expected value of non-null type 'ID!' not to be None."),
        ({"id": "1", "max": "ten"}, "Int cannot represent non-integer value: 'ten'"),
    ],
)
async def test_bad_variables(
    client: httpx.AsyncClient, variables: dict[str, Any], message: str
) -> None:
    query = "query Q($id: ID!, $max: Int) { user(id: $id) { posts(max: $max) } }"
    kind, errors = error_of(prepare(Engine(supergraph(), client), query, variables=variables))
    assert kind == "variables"
    assert errors[0]["message"].endswith(message)
    assert errors[0]["extensions"] == {"code": "BAD_USER_INPUT"}


async def test_variables_must_be_an_object(client: httpx.AsyncClient) -> None:
    query = "query Q($id: ID!) { user(id: $id) { name } }"
    kind, _ = error_of(prepare(Engine(supergraph(), client), query, variables=["1"]))
    assert kind == "variables"


async def test_documents_are_parsed_and_validated_once(client: httpx.AsyncClient) -> None:
    engine = Engine(supergraph(), client)
    first = prepare(engine, '{ greet(name: "a") }')
    second = prepare(engine, '{ greet(name: "a") }')
    assert isinstance(first, PreparedOperation) and isinstance(second, PreparedOperation)
    assert first.document is second.document
    assert prepare(engine, "{ nope }") is not None  # cached failures answer the same
    assert error_of(prepare(engine, "{ nope }")) == error_of(prepare(engine, "{ nope }"))


class NoAliases(ValidationRule):
    """Edge-style extra rule: refuse aliases."""

    def enter_field(self, node: FieldNode, *_args: Any) -> None:
        if node.alias is not None:
            self.report_error(GraphQLError("Aliases are not allowed.", node))


async def test_extra_validation_rules_and_disabled_introspection(
    client: httpx.AsyncClient,
) -> None:
    engine = Engine(
        supergraph(), client, EngineOptions(validation_rules=(NoAliases,), introspection=False)
    )
    kind, errors = error_of(prepare(engine, '{ a: greet(name: "a") }'))
    assert (kind, errors[0]["message"]) == ("validation", "Aliases are not allowed.")
    kind, errors = error_of(prepare(engine, "{ __schema { queryType { name } } }"))
    assert kind == "validation"
    assert "introspection" in errors[0]["message"].lower()
    assert isinstance(prepare(engine, '{ greet(name: "a") }'), PreparedOperation)


async def test_update_supergraph_swaps_state_and_keeps_prepared_operations(
    client: httpx.AsyncClient,
) -> None:
    old, new = supergraph("variables"), supergraph("parallel")
    engine = Engine(old, client)
    prepared = prepare(engine, '{ greet(name: "a") }')
    assert isinstance(prepared, PreparedOperation)

    engine.update_supergraph(new)

    assert engine.supergraph is new
    assert prepared.supergraph is old
    kind, _ = error_of(prepare(engine, '{ greet(name: "a") }'))
    assert kind == "validation"
