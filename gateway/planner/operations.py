"""Operation printing: a fetch group's selection -> the GraphQL document sent to its subgraph."""

from __future__ import annotations

from collections.abc import Mapping

from .groups import FetchGroup

__all__ = ["REPRESENTATIONS", "print_fetch_operation"]

REPRESENTATIONS = "representations"


def print_fetch_operation(
    group: FetchGroup,
    kind: str,
    name: str | None,
    variable_definitions: Mapping[str, str],
) -> tuple[str, tuple[str, ...]]:
    """The subgraph operation and the client variables it uses (declared with the client's
    types and defaults, in the client's declaration order)."""
    used = group.selection.variables()
    usages = tuple(v for v in variable_definitions if v in used)
    declarations = [variable_definitions[v] for v in usages]
    if group.is_entity:
        declarations.insert(0, f"${REPRESENTATIONS}: [_Any!]!")
        body = [f"  _entities({REPRESENTATIONS}: ${REPRESENTATIONS}) {{"]
        body.extend(group.selection.print_lines(2))
        body.append("  }")
        kind = "query"
    else:
        body = group.selection.print_lines(1)
    arguments = f"({', '.join(declarations)})" if declarations else ""
    if name is None and not arguments and kind == "query":
        head = "{"
    else:
        head = f"{kind}{' ' + name if name else ''}{arguments} {{"
    return "\n".join([head, *body, "}"]), usages
