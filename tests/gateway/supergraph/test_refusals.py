"""Supergraphs the gateway must refuse at start-up, with a message naming the problem."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from gateway.supergraph import SupergraphError, load_supergraph
from tests.gateway.supergraph.handmade import JOIN_V02


def test_invalid_sdl() -> None:
    with pytest.raises(SupergraphError, match="invalid supergraph SDL: Syntax Error"):
        load_supergraph("type Query {")


def test_federation_1_core_supergraph() -> None:
    sdl = """
    schema @core(feature: "https://specs.apollo.dev/core/v0.2")
           @core(feature: "https://specs.apollo.dev/join/v0.1", for: EXECUTION) { query: Query }
    directive @core(feature: String!, as: String, for: core__Purpose) repeatable on SCHEMA
    enum core__Purpose { SECURITY EXECUTION }
    type Query { a: Int }
    """
    with pytest.raises(SupergraphError, match=r"Federation 1 supergraphs \(@core\)"):
        load_supergraph(sdl)


def test_unsupported_execution_link() -> None:
    sdl = JOIN_V02.replace(
        '@link(url: "https://specs.apollo.dev/join/v0.2", for: EXECUTION)',
        '@link(url: "https://specs.apollo.dev/join/v0.2", for: EXECUTION)\n'
        '  @link(url: "https://specs.apollo.dev/connect/v0.1", for: EXECUTION)',
    )
    with pytest.raises(SupergraphError, match=r"unsupported EXECUTION feature .*connect/v0\.1"):
        load_supergraph(sdl)


def test_unsupported_join_version() -> None:
    sdl = JOIN_V02.replace("join/v0.2", "join/v0.9")
    with pytest.raises(SupergraphError, match=r"unsupported EXECUTION feature .*join/v0\.9"):
        load_supergraph(sdl)


def test_unknown_link_without_purpose_is_ignored() -> None:
    sdl = JOIN_V02.replace(
        '@link(url: "https://specs.apollo.dev/join/v0.2", for: EXECUTION)',
        '@link(url: "https://specs.apollo.dev/join/v0.2", for: EXECUTION)\n'
        '  @link(url: "https://example.com/custom/v1.0")',
    )
    assert set(load_supergraph(sdl).subgraphs) == {"orders", "users"}


def test_plain_schema_is_not_a_supergraph() -> None:
    with pytest.raises(SupergraphError, match="no @link"):
        load_supergraph("type Query { a: Int }")


def test_inaccessible_leak(fixture_sdl: Callable[[str], str]) -> None:
    sdl = fixture_sdl("security").replace(
        "enum Status @join__type(graph: ACCOUNTS)",
        "enum Status @join__type(graph: ACCOUNTS) @inaccessible",
    )
    with pytest.raises(SupergraphError, match=r"Customer\.status .* Status is @inaccessible"):
        load_supergraph(sdl)


def test_invalid_schema_semantics() -> None:
    sdl = JOIN_V02.replace("buyer: User", "buyer: Missing")
    with pytest.raises(SupergraphError, match="invalid supergraph SDL: Unknown type 'Missing'"):
        load_supergraph(sdl)
