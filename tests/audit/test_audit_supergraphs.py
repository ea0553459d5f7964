"""The checked-in audit supergraphs are what the reference composer builds from the suites'
subgraphs today (all suites composed in one node process)."""

from __future__ import annotations

import pytest
from fixtures.federation.gateways import REPO_ROOT

from .compose import compose_suites
from .suite import SUPERGRAPH_DIR
from .suites import SUITE_NAMES, load_suite


@pytest.mark.node
def test_supergraphs_are_freshly_composed() -> None:
    if not (REPO_ROOT / "tools" / "node" / "node_modules").exists():
        pytest.skip("tools/node/node_modules absent (make test installs the composer)")
    suites = [load_suite(name) for name in SUITE_NAMES]
    stale = [
        suite.name
        for suite, sdl in zip(suites, compose_suites(suites).values(), strict=True)
        if suite.supergraph_path.read_text(encoding="utf-8") != sdl
    ]
    assert stale == [], "stale: run cd tests && python -m audit.compose"


def test_every_supergraph_belongs_to_a_suite() -> None:
    checked_in = sorted(path.stem for path in SUPERGRAPH_DIR.glob("*.graphql"))
    assert checked_in == sorted(SUITE_NAMES)
