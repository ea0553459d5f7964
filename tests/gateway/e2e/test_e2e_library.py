"""Our gateway's engine on the ``library`` fixture (tests/fixtures/federation/graphs/):
exact responses and subgraph traffic for its whole corpus."""

from __future__ import annotations

import pytest
from fixtures.federation.corpus import corpus_params
from fixtures.federation.fixture import Case
from fixtures.federation.harness import assert_case

KNOWN_GAPS: dict[tuple[str, str], str] = {}


@pytest.mark.parametrize(("fixture_name", "case"), corpus_params(["library"], KNOWN_GAPS))
async def test_corpus(run_case, fixture_name: str, case: Case) -> None:
    assert_case(await run_case(fixture_name, case), case)
