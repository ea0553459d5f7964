"""Every fixture graph has its corpus module here (``test_e2e_<fixture>.py``)."""

from __future__ import annotations

from pathlib import Path

from fixtures.federation.graphs import FIXTURE_NAMES


def test_every_fixture_has_an_e2e_module() -> None:
    here = Path(__file__).parent
    missing = [name for name in FIXTURE_NAMES if not (here / f"test_e2e_{name}.py").exists()]
    assert missing == []
