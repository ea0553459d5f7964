"""Helpers shared by the planner tests (fixtures live in conftest.py)."""

from __future__ import annotations

from textwrap import dedent
from typing import Protocol

__all__ = ["PlanText", "expected"]


class PlanText(Protocol):
    def __call__(
        self,
        fixture: str,
        query: str,
        *,
        operation_name: str | None = None,
        labels: frozenset[str] = frozenset(),
    ) -> str: ...


def expected(text: str) -> str:
    """An inline plan snapshot, dedented and without its surrounding blank lines."""
    return dedent(text).strip("\n")
