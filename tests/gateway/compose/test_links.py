"""Reading subgraphs: federation versions 2.0-2.11, renamed and namespaced imports, link
prefixes, Federation 1 style, and the federation plumbing a subgraph library adds."""

from __future__ import annotations

import pytest

from gateway.compose import CompositionError, SubgraphSource, compose
from gateway.compose.errors import CompositionIssue
from gateway.compose.subgraph import parse_subgraph

VERSIONS = [f"2.{minor}" for minor in range(12)]
ACCOUNTS = """
type Query { me: User }
type User @key(fields: "id") { id: ID! name: String }
"""


def _compose(*sdls: str) -> str:
    return compose(
        [SubgraphSource(f"s{i}", f"http://s{i}.test/graphql", sdl) for i, sdl in enumerate(sdls)]
    )


@pytest.mark.parametrize("version", VERSIONS)
def test_every_federation_2_version_is_accepted(version: str) -> None:
    url = f"https://specs.apollo.dev/federation/v{version}"
    link = f'extend schema @link(url: "{url}", import: ["@key"])'
    supergraph = _compose(link + ACCOUNTS)
    assert '@join__type(graph: S0, key: "id")' in supergraph


def test_link_prefix_rename_and_import_rename_mean_the_same_as_the_defaults() -> None:
    plain = (
        'extend schema @link(url: "https://specs.apollo.dev/federation/v2.5",'
        ' import: ["@key", "@shareable", "@authenticated"])\n'
        "type Query { me: User @shareable @authenticated }\n"
        'type User @key(fields: "id") { id: ID! name: String @federation__inaccessible }'
    )
    renamed = (
        'extend schema @link(url: "https://specs.apollo.dev/federation/v2.5", as: "fed",'
        ' import: [{name: "@key", as: "@primaryKey"}, {name: "@shareable", as: "@share"},'
        ' "@authenticated"])\n'
        "type Query { me: User @share @authenticated }\n"
        'type User @primaryKey(fields: "id") { id: ID! name: String @fed__inaccessible }'
    )
    assert _compose(renamed) == _compose(plain)
    assert "name: String @inaccessible" in _compose(plain)


def test_directive_newer_than_the_linked_version_is_rejected() -> None:
    sdl = (
        'extend schema @link(url: "https://specs.apollo.dev/federation/v2.0",'
        ' import: ["@key", "@interfaceObject"])\n' + ACCOUNTS
    )
    with pytest.raises(CompositionError) as raised:
        _compose(sdl)
    assert raised.value.issues[0].rule == "INVALID_LINK_DIRECTIVE_USAGE"
    assert '"@interfaceObject"' in str(raised.value)


def test_federation_1_extensions_mark_keys_as_extension_and_fake_externals() -> None:
    owner = 'type User @key(fields: "id") { id: ID! name: String }\nextend type Query { me: User }'
    extender = (
        'extend type User @key(fields: "id") { id: ID! @external posts: Int }\n'
        'type Product @extends @key(fields: "upc") { upc: String! @external stock: Int }\n'
    )
    products = 'type Product @key(fields: "upc") { upc: String! }\ntype Query { p: Product }'
    supergraph = _compose(owner, extender, products)
    assert '@join__type(graph: S1, key: "id", extension: true)' in supergraph
    assert '@join__type(graph: S1, key: "upc", extension: true)' in supergraph
    assert "external: true" not in supergraph


def test_library_plumbing_is_stripped() -> None:
    sdl = """
    schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key", "FieldSet"]) {
      query: RootQuery
    }
    directive @key(fields: FieldSet!, resolvable: Boolean = true) repeatable on OBJECT | INTERFACE
    directive @link(url: String, as: String, import: [link__Import]) repeatable on SCHEMA
    scalar FieldSet
    scalar link__Import
    scalar _Any
    type _Service { sdl: String! }
    union _Entity = User
    type RootQuery {
      _entities(representations: [_Any!]!): [_Entity]!
      _service: _Service!
      me: User
    }
    type User @key(fields: "id") { id: ID! }
    """
    issues: list[CompositionIssue] = []
    subgraph = parse_subgraph("a", "http://a", sdl, issues)
    assert issues == []
    assert subgraph is not None
    assert sorted(subgraph.types) == ["Query", "User"]
    assert list(subgraph.types["Query"].fields) == ["me"]
    assert subgraph.directive_definitions == {}
