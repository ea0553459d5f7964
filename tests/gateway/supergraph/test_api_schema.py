"""The API schema: no join/link machinery, @inaccessible elements removed, validated."""

from __future__ import annotations

from collections.abc import Callable

from graphql import print_schema

from gateway.supergraph import load_supergraph


def test_api_schema_strips_machinery_and_inaccessible(fixture_sdl: Callable[[str], str]) -> None:
    supergraph = load_supergraph(fixture_sdl("security"))
    assert print_schema(supergraph.api_schema) == (
        """type Query {
  me: Customer
  accounts(first: Int): [Account!]!
  ping: String
}

type Customer {
  id: ID!
  currency: String!
  accounts: [Account!]!
  status: Status!
  wallet: [Wallet!]!
}

type Account {
  id: ID!
  balance: Int
  nickname: String
}

type Wallet {
  id: ID!
  converted: Int
}

enum Status {
  ACTIVE
}"""
    )


def test_full_schema_keeps_inaccessible_elements(fixture_sdl: Callable[[str], str]) -> None:
    supergraph = load_supergraph(fixture_sdl("security"))
    customer = supergraph.schema.get_type("Customer")
    assert "secret" in customer.fields  # type: ignore[union-attr]
    assert "secret" not in supergraph.api_schema.get_type("Customer").fields  # type: ignore[union-attr]


def test_no_linked_definitions_survive(fixture_sdl: Callable[[str], str]) -> None:
    for name in ("basic", "override", "security", "interface_object"):
        api = load_supergraph(fixture_sdl(name)).api_schema
        for type_name in api.type_map:
            assert "__" not in type_name.lstrip("_"), type_name
        assert {d.name for d in api.directives} == {
            "include",
            "skip",
            "deprecated",
            "specifiedBy",
            "oneOf",
        }


def test_inaccessible_field_is_gone_but_plannable(fixture_sdl: Callable[[str], str]) -> None:
    supergraph = load_supergraph(fixture_sdl("override"))
    api_product = supergraph.api_schema.get_type("Product")
    assert "legacyCode" not in api_product.fields  # type: ignore[union-attr]
    assert "legacyCode" in supergraph.views["catalog"].types["Product"].fields


def test_composed_executable_directive_is_kept(fixture_sdl: Callable[[str], str]) -> None:
    """@access comes from a custom linked spec (@composeDirective) but is executable: clients
    may use it, so the API schema keeps its definition (and the enum it takes)."""
    api_schema = load_supergraph(fixture_sdl("composed_directive")).api_schema
    access = api_schema.get_directive("access")
    assert access is not None
    assert [location.name for location in access.locations] == ["FIELD"]
    assert api_schema.get_type("Scope") is not None
    assert api_schema.get_directive("join__field") is None
