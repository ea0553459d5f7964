"""Our gateway's engine on the ``library`` fixture (tests/fixtures/federation/graphs/):
exact responses and subgraph traffic for its whole corpus."""

from __future__ import annotations

import pytest
from fixtures.federation.corpus import corpus_params
from fixtures.federation.fixture import Case
from fixtures.federation.harness import assert_case

KNOWN_GAPS: dict[tuple[str, str], str] = {
    (
        "library",
        "one interface-object field with different arguments in sibling concrete fragments",
    ): (
        "planner: `{ media { ... on Film { tags } ... on Book { tags(first: 1) } } }` sends"
        " ratings one `... on Media { tags tags(first: 1) }` selection (both fragments rebased"
        " onto the interface object) and ratings rejects it: \"Fields 'tags' conflict because"
        ' they have differing arguments"; data becomes null. Alias one (as for 4.15 item 1)'
        " or keep the fetches apart"
    ),
}


@pytest.mark.parametrize(("fixture_name", "case"), corpus_params(["library"], KNOWN_GAPS))
async def test_corpus(run_case, fixture_name: str, case: Case) -> None:
    assert_case(await run_case(fixture_name, case), case)
