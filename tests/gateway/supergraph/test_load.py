"""Loading supergraphs: join versions, per-subgraph views, URLs, link names."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from gateway.supergraph import Key, SupergraphError, ViewField, load_supergraph
from tests.gateway.supergraph.handmade import JOIN_V02, RENAMED_JOIN


@pytest.mark.parametrize(
    ("fixture", "version"),
    [("basic", "v0.3"), ("override", "v0.4"), ("security", "v0.5")],
)
def test_loads_join_versions(fixture_sdl: Callable[[str], str], fixture: str, version: str) -> None:
    sdl = fixture_sdl(fixture)
    assert f"join/{version}" in sdl
    supergraph = load_supergraph(sdl)
    assert supergraph.api_schema.query_type is not None
    assert set(supergraph.views) == set(supergraph.subgraphs)


def test_subgraphs_in_declaration_order_with_urls(fixture_sdl: Callable[[str], str]) -> None:
    supergraph = load_supergraph(fixture_sdl("basic"))
    assert [(s.name, s.url, s.graph) for s in supergraph.subgraphs.values()] == [
        ("products", "http://products.invalid/graphql", "PRODUCTS"),
        ("reviews", "http://reviews.invalid/graphql", "REVIEWS"),
        ("users", "http://users.invalid/graphql", "USERS"),
    ]


def test_with_subgraph_urls_overrides_only_named(fixture_sdl: Callable[[str], str]) -> None:
    supergraph = load_supergraph(fixture_sdl("basic"))
    moved = supergraph.with_subgraph_urls({"users": "http://127.0.0.1:9/graphql"})
    assert moved.subgraphs["users"].url == "http://127.0.0.1:9/graphql"
    assert moved.subgraphs["products"].url == "http://products.invalid/graphql"
    assert supergraph.subgraphs["users"].url == "http://users.invalid/graphql"
    with pytest.raises(SupergraphError, match="unknown subgraph"):
        supergraph.with_subgraph_urls({"nope": "http://x"})


def test_views_keys_and_resolvability(fixture_sdl: Callable[[str], str]) -> None:
    supergraph = load_supergraph(fixture_sdl("keys"))
    directory = supergraph.views["directory"].types["User"]
    assert directory.keys == (Key("id"), Key("email"))
    audit = supergraph.views["audit"].types["User"]
    assert audit.keys == (Key("id", resolvable=False),)
    assert audit.resolvable_keys == ()
    seat = supergraph.views["billing"].types["Seat"]
    assert seat.keys == (Key("number venue { id }"),)


def test_views_interface_object_is_an_object(fixture_sdl: Callable[[str], str]) -> None:
    supergraph = load_supergraph(fixture_sdl("interface_object"))
    reviews_item = supergraph.views["reviews"].types["Item"]
    assert (reviews_item.kind, reviews_item.is_interface_object) == ("object", True)
    assert set(reviews_item.fields) == {"upc", "rating", "tags"}
    catalog = supergraph.views["catalog"]
    assert catalog.types["Item"].kind == "interface"
    assert catalog.possible_types["Item"] == {"Book", "Film"}
    assert "rating" not in catalog.types["Book"].fields


def test_views_requires_provides_external_override(fixture_sdl: Callable[[str], str]) -> None:
    requires = load_supergraph(fixture_sdl("requires")).views["inventory"].types["Product"]
    assert requires.fields["shippingCost"].requires == "weight"
    assert requires.fields["weight"].external
    provides = load_supergraph(fixture_sdl("provides")).views["reviews"]
    assert provides.types["Review"].fields["author"].provides == "name"
    override = load_supergraph(fixture_sdl("override"))
    taken = override.views["inventory"].types["Product"].fields["inStock"]
    assert (taken.override_from, taken.override_label) == ("catalog", "percent(25)")
    assert override.override_labels == {"percent(25)"}


def test_per_subgraph_union_members(fixture_sdl: Callable[[str], str]) -> None:
    supergraph = load_supergraph(fixture_sdl("abstract"))
    assert supergraph.views["media"].possible_types["Media"] == {"Article", "Video"}
    assert supergraph.views["stats"].possible_types["Media"] == {"Article", "Podcast"}


def test_join_v02_defaults_and_fake_externals() -> None:
    supergraph = load_supergraph(JOIN_V02)
    orders = supergraph.views["orders"]
    # Fed 1 style: the key of a type extension is external only in name ("fake external").
    assert orders.types["User"].fields["id"] == ViewField(name="id", type="ID!")
    assert orders.types["User"].keys == (Key("id", extension=True),)
    # No @join__unionMember in v0.2: every member the subgraph knows.
    assert orders.possible_types["Result"] == {"Order", "User"}
    assert "join__Graph" not in supergraph.api_schema.type_map


def test_link_as_renames_the_join_prefix() -> None:
    supergraph = load_supergraph(RENAMED_JOIN)
    assert set(supergraph.subgraphs) == {"orders", "users"}
    assert supergraph.views["users"].types["User"].keys == (Key("id"),)
    assert "j__Graph" not in supergraph.api_schema.type_map


def test_security_and_cost_directives_by_spec_name(fixture_sdl: Callable[[str], str]) -> None:
    supergraph = load_supergraph(fixture_sdl("security"))
    assert [d.name for d in supergraph.directives_on("Query", "me")] == ["authenticated"]
    scopes = supergraph.directives_on("Query", "accounts")
    assert [(d.name, dict(d.arguments)) for d in scopes] == [
        ("requiresScopes", {"scopes": [["accounts:read"]]}),
        ("listSize", {"slicingArguments": ["first"]}),
    ]
    assert [(d.name, dict(d.arguments)) for d in supergraph.directives_on("Account")] == [
        ("policy", {"policies": [["owner"]]})
    ]
    assert [d.arguments["weight"] for d in supergraph.directives_on("Account", "balance")] == [5]
    assert supergraph.directives_on("Account", "id") == ()


def test_context_arguments_are_read(fixture_sdl: Callable[[str], str]) -> None:
    supergraph = load_supergraph(fixture_sdl("security"))
    converted = supergraph.views["rates"].types["Wallet"].fields["converted"]
    [argument] = converted.context_arguments
    assert (argument.name, argument.type, argument.context) == (
        "currency",
        "String",
        "rates__customer",
    )


def test_required_fields_are_external_in_the_requiring_subgraph(
    fixture_sdl: Callable[[str], str],
) -> None:
    """The composer leaves NodeWithName.name without @join__field (so "in every subgraph"),
    but b @requires it: b cannot resolve it."""
    sdl = fixture_sdl("interface_object_requires")
    assert "  name: String\n" in sdl
    views = load_supergraph(sdl).views
    assert views["b"].types["NodeWithName"].fields["name"].external
    assert not views["a"].types["NodeWithName"].fields["name"].external


def test_owned_field_with_a_nested_external_requirement_stays_resolvable(
    fixture_sdl: Callable[[str], str],
) -> None:
    """b owns Post.author (an explicit @join__field without external) and requires
    ``author { yearsOfExperience }``: only the nested Author field is external there."""
    views = load_supergraph(fixture_sdl("requires_circular")).views
    assert not views["b"].types["Post"].fields["author"].external
    assert views["b"].types["Author"].fields["yearsOfExperience"].external
