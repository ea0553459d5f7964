"""The plan cache: same document -> same plan object; bounded; keyed by labels too."""

from __future__ import annotations

from collections.abc import Callable

from graphql import parse

from gateway.planner import QueryPlanner
from gateway.supergraph import Supergraph


def test_same_document_same_plan_object(supergraph_of: Callable[[str], Supergraph]) -> None:
    planner = QueryPlanner(supergraph_of("basic"))
    query = "query A { me { username } } query B { topProducts { name } }"
    first = planner.plan(parse(query), "A")
    assert planner.plan(parse(query), "A") is first
    assert planner.plan(parse(query), "B") is not first


def test_equivalent_documents_share_a_plan(supergraph_of: Callable[[str], Supergraph]) -> None:
    """The key is the normalised operation: fragments and literal conditions are resolved."""
    planner = QueryPlanner(supergraph_of("basic"))
    plain = planner.plan(parse("{ me { username } }"), None)
    spread = parse("{ me { ...F id @skip(if: true) } } fragment F on User { username }")
    assert planner.plan(spread, None) is plain


def test_cache_is_bounded(supergraph_of: Callable[[str], Supergraph]) -> None:
    planner = QueryPlanner(supergraph_of("basic"), cache_size=2)
    documents = [parse(f'{{ product(upc: "{n}") {{ name }} }}') for n in range(3)]
    first = planner.plan(documents[0], None)
    for document in documents[1:]:
        planner.plan(document, None)
    assert planner.cached_plans == 2
    assert planner.plan(parse('{ product(upc: "0") { name } }'), None) is not first


def test_override_labels_in_the_key(supergraph_of: Callable[[str], Supergraph]) -> None:
    planner = QueryPlanner(supergraph_of("override"))
    document = parse('{ product(upc: "1") { inStock } }')
    off = planner.plan(document, None)
    on = planner.plan(document, None, override_labels=frozenset({"percent(25)"}))
    assert on is not off
    # Labels the supergraph does not use do not split the cache.
    assert planner.plan(document, None, override_labels=frozenset({"other"})) is off
