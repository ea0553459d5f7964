"""What an audit suite is: subgraphs, the composed supergraph, and the expected responses.

The audit judges a response exactly as ``assert_audit_response`` does: ``data`` by deep
equality (key order ignored, absent = null) and errors by presence only: ``AuditCase.errors``
``True`` means "at least one error", ``False`` means "no errors at all".
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from fixtures.federation.fixture import placeholder_url
from fixtures.federation.subgraph import SubgraphSpec

__all__ = [
    "APOLLO_SUPERGRAPH_DIR",
    "COMPOSERS",
    "SUPERGRAPH_DIR",
    "AuditCase",
    "AuditSuite",
    "assert_audit_response",
]

SUPERGRAPH_DIR = Path(__file__).parent / "supergraphs"
# The audit itself composes with @apollo/composition: the same suites composed by it too, so
# the supergraph loader meets the output the audit will hand us (see ``compose --apollo``).
APOLLO_SUPERGRAPH_DIR = SUPERGRAPH_DIR / "apollo"
COMPOSERS = ("reference", "apollo")


@dataclass(frozen=True)
class AuditCase:
    """One operation of a suite. ``name`` is ours (the audit numbers its tests); ``data`` is
    the expected ``data`` (``None`` = null data). ``scopes`` stands for the audit's bearer
    token: ``None`` = no token (anonymous), else an authenticated caller with these scopes
    (the token's verification is the edge's job, tested elsewhere)."""

    name: str
    query: str
    data: Mapping[str, Any] | None
    errors: bool = False
    variables: Mapping[str, Any] | None = None
    scopes: frozenset[str] | None = None


@dataclass(frozen=True)
class AuditSuite:
    """One audit test suite. ``reset`` restores mutable data before each case.

    ``skip_satisfiability`` composes without the reference composer's satisfiability rule: set
    only where its version (0.27.0) rejects a graph that ``@apollo/composition`` (which the
    audit composes with) accepts, e.g. ``@requires`` with nested inline fragments.
    ``supergraph_patches`` are (old, new) text replacements applied to the composed
    supergraph, each exactly once, where ``@apollo/composition`` composes differently (e.g.
    it types a ``@shareable`` field returning a union member in one subgraph and the union in
    another as the union; the reference composer picks the member).
    """

    name: str
    subgraphs: tuple[SubgraphSpec, ...]
    cases: tuple[AuditCase, ...]
    reset: Callable[[], None] | None = field(default=None)
    skip_satisfiability: bool = False
    supergraph_patches: tuple[tuple[str, str], ...] = ()

    @property
    def supergraph_path(self) -> Path:
        return SUPERGRAPH_DIR / f"{self.name}.graphql"

    @property
    def apollo_supergraph_path(self) -> Path:
        return APOLLO_SUPERGRAPH_DIR / f"{self.name}.graphql"

    def supergraph_sdl(self, composer: str) -> str:
        """The checked-in supergraph of ``composer`` (one of ``COMPOSERS``)."""
        path = self.apollo_supergraph_path if composer == "apollo" else self.supergraph_path
        return path.read_text(encoding="utf-8")

    def compose_input(self) -> list[dict[str, str]]:
        """The reference composer's stdin, each subgraph at its placeholder URL."""
        return [
            {"name": spec.name, "url": placeholder_url(spec.name), "sdl": spec.sdl}
            for spec in self.subgraphs
        ]


def assert_audit_response(actual: Mapping[str, Any], case: AuditCase) -> None:
    """The audit's verdict on ``actual``: same ``data``, errors present iff expected."""
    assert actual.get("data") == case.data, actual
    if case.errors:
        assert actual.get("errors"), actual
    else:
        assert not actual.get("errors"), actual
