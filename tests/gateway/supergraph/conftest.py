"""Supergraph test helpers: read a planner fixture supergraph's SDL by name."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

FIXTURES = Path(__file__).parents[1] / "planner" / "fixtures"


@pytest.fixture
def fixture_sdl() -> Callable[[str], str]:
    def read(name: str) -> str:
        return (FIXTURES / name / "supergraph.graphql").read_text(encoding="utf-8")

    return read
