"""Hive Gateway answers the whole fixture corpus exactly as written: our fixture subgraphs
and supergraphs run on an existing engine, and the corpus is what a reference engine does."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from fixtures.federation.fixture import Case
from fixtures.federation.graphs import FIXTURE_NAMES, load_fixture
from fixtures.federation.harness import FixtureDeployment, assert_case

pytestmark = pytest.mark.node

CORPUS = [(name, case) for name in FIXTURE_NAMES for case in load_fixture(name).cases]


@pytest.mark.parametrize(
    ("fixture_name", "case"), CORPUS, ids=[f"{name}: {case.name}" for name, case in CORPUS]
)
def test_hive_gateway_answers_the_corpus(
    hive_deployment: Callable[[str], FixtureDeployment], fixture_name: str, case: Case
) -> None:
    run = hive_deployment(fixture_name).run(case)
    if case.hive_differs is not None:
        assert "data" in run.response or "errors" in run.response, run.response
        pytest.skip(f"documented difference: {case.hive_differs}")
    assert_case(run, case)
