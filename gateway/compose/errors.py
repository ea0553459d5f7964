"""Composition errors: one ``CompositionIssue`` per broken rule, all raised together.

Exception tree::

    CompositionError        composition failed; ``issues`` lists every rule that failed
    ConfigError             the composition config (YAML) is unusable
    IntrospectionError      a subgraph's ``_service { sdl }`` could not be fetched
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class CompositionIssue:
    """One failed composition rule, located by subgraph, type and field where they apply."""

    rule: str
    message: str
    subgraph: str | None = None
    type_name: str | None = None
    field_name: str | None = None

    def __str__(self) -> str:
        return f"[{self.rule}] {self.message}"


class CompositionError(Exception):
    """Composition failed; ``issues`` holds every failed rule in a stable order."""

    def __init__(self, issues: list[CompositionIssue] | tuple[CompositionIssue, ...]) -> None:
        self.issues = tuple(issues)
        super().__init__("\n".join(str(issue) for issue in self.issues))


class ConfigError(Exception):
    """The composition config is unreadable or invalid; the message says which entry and why."""


class IntrospectionError(Exception):
    """A live subgraph did not answer ``_service { sdl }`` with an SDL string."""
