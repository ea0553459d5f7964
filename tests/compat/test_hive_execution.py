"""Hive Gateway answers the corpus of the execution fixtures (``FIXTURES``) exactly as
written: our fixture subgraphs and supergraphs run on an existing engine, and the corpus is
what a reference engine does. Cases whose errors differ deliberately (``Case.hive_differs``)
compare data and subgraph traffic only; cases exposing a Hive bug (``Case.hive_bug``) are
strict xfails."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from fixtures.federation.corpus import corpus_params, hive_bugs
from fixtures.federation.fixture import Case
from fixtures.federation.harness import FixtureDeployment, assert_case, assert_traffic, ordered

pytestmark = pytest.mark.node

FIXTURES = ("mutations", "parallel", "introspection", "batching", "errors", "shop", "library")


@pytest.mark.parametrize(("fixture_name", "case"), corpus_params(FIXTURES, hive_bugs(FIXTURES)))
def test_hive_gateway_answers_the_corpus(
    hive_deployment: Callable[[str], FixtureDeployment], fixture_name: str, case: Case
) -> None:
    run = hive_deployment(fixture_name).run(case)
    if case.hive_differs is None:
        assert_case(run, case)
    else:
        assert ordered(run.response.get("data")) == ordered(case.expected.get("data"))
        assert_traffic(run, case)
