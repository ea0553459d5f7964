"""Every engine fixture graph (tests/fixtures/federation): our supergraph matches the checked-in
one composed by the reference composer (same API schema, same join and spec metadata), and our
own supergraph loader derives the same API schema from both."""

from __future__ import annotations

import pytest
from compose_golden import api_schema_text, join_facts, linked_specs
from fixtures.federation.graphs import FIXTURE_NAMES, load_fixture
from graphql import lexicographic_sort_schema, print_schema

from gateway.compose import SubgraphSource, compose
from gateway.supergraph import load_supergraph


@pytest.mark.parametrize("name", FIXTURE_NAMES)
def test_fixture_supergraph_matches_the_reference(name: str) -> None:
    fixture = load_fixture(name)
    sources = [SubgraphSource(s["name"], s["url"], s["sdl"]) for s in fixture.compose_input()]
    reference = fixture.supergraph_path.read_text(encoding="utf-8")
    ours = compose(sources)
    assert api_schema_text(ours) == api_schema_text(reference)
    assert join_facts(ours) == join_facts(reference)
    assert linked_specs(ours) == linked_specs(reference)
    ours_api = load_supergraph(ours).api_schema
    reference_api = load_supergraph(reference).api_schema
    assert print_schema(lexicographic_sort_schema(ours_api)) == print_schema(
        lexicographic_sort_schema(reference_api)
    )
