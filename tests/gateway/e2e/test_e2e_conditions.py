"""Our gateway's engine on the ``conditions`` fixture (tests/fixtures/federation/graphs/):
exact responses and subgraph traffic for its whole corpus."""

from __future__ import annotations

import pytest
from fixtures.federation.corpus import corpus_params
from fixtures.federation.fixture import Case
from fixtures.federation.harness import assert_case

_UNUSED_VARIABLE = (
    "planner: the root fetch to subgraph 'a' declares $hide although the only use of $hide"
    " (the @skip fragment) moved to the entity fetch to 'b'; 'a' rejects the operation"
    " (\"Variable '$hide' is never used.\") and me becomes null"
)
KNOWN_GAPS: dict[tuple[str, str], str] = {
    ("conditions", "skip on an inline fragment with a defaulted variable"): _UNUSED_VARIABLE,
    ("conditions", "skip on a fragment spread, variable given"): _UNUSED_VARIABLE,
}


@pytest.mark.parametrize(("fixture_name", "case"), corpus_params(["conditions"], KNOWN_GAPS))
async def test_corpus(run_case, fixture_name: str, case: Case) -> None:
    assert_case(await run_case(fixture_name, case), case)
