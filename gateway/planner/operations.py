"""Operation printing: a fetch group's selection -> the GraphQL document sent to its subgraph."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from .groups import FetchGroup

__all__ = ["REPRESENTATIONS", "FetchOperation", "print_fetch_operation"]

REPRESENTATIONS = "representations"


@dataclass(frozen=True, slots=True)
class FetchOperation:
    text: str
    variable_usages: tuple[str, ...]
    representations_variable: str = REPRESENTATIONS


def print_fetch_operation(
    group: FetchGroup,
    kind: str,
    name: str | None,
    variable_definitions: Mapping[str, str],
) -> FetchOperation:
    """The subgraph operation and the client variables it uses (declared with the client's
    types and defaults, in the client's declaration order); conditions the plan already
    checks before running the fetch are left out. An entity fetch binds the
    representations to ``$representations``, or to a fresh name when the client's variable of
    that name is used here."""
    selection = group.selection.without_conditions(group.conditions or frozenset())
    used = selection.variables()
    usages = tuple(v for v in variable_definitions if v in used)
    declarations = [variable_definitions[v] for v in usages]
    representations = REPRESENTATIONS
    while representations in variable_definitions:
        representations = f"_{representations}"
    if group.is_entity:
        declarations.insert(0, f"${representations}: [_Any!]!")
        body = [f"  _entities(representations: ${representations}) {{"]
        body.extend(selection.print_lines(2))
        body.append("  }")
        kind = "query"
    else:
        body = selection.print_lines(1)
    arguments = f"({', '.join(declarations)})" if declarations else ""
    if name is None and not arguments and kind == "query":
        head = "{"
    else:
        head = f"{kind}{' ' + name if name else ''}{arguments} {{"
    return FetchOperation("\n".join([head, *body, "}"]), usages, representations)
