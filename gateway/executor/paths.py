"""Walking the response tree: Flatten paths and rewrite paths (federation.md 4.5, 5.1).

A path step is a response name, ``"@"`` (every item of a list; nested lists are entered item by
item), ``"@|[A,B]"`` (every item whose ``__typename`` matches one of the types) or
``"... on T"`` (only objects whose ``__typename`` matches ``T``). ``null``, missing values and
non-objects end their branch silently: they are simply not targets.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from graphql import GraphQLSchema, is_abstract_type

from .errors import ResponsePath

__all__ = ["Target", "find_targets", "type_matches"]

_ANY_ITEM = "@"
_TYPE_STEP = "... on "


@dataclass(frozen=True, slots=True)
class Target:
    """An object of the response tree and its concrete response path (list indices as ints)."""

    value: dict[str, Any]
    path: ResponsePath


def type_matches(schema: GraphQLSchema, typename: Any, condition: str) -> bool:
    """Whether an object whose ``__typename`` is ``typename`` matches ``... on condition``.

    Equal names match (also for an interface name stored by an interface object); otherwise
    ``condition`` must be an interface the type implements or a union it belongs to.
    """
    if not isinstance(typename, str):
        return False
    if typename == condition:
        return True
    abstract = schema.get_type(condition)
    concrete = schema.get_type(typename)
    if abstract is None or concrete is None or not is_abstract_type(abstract):
        return False
    return schema.is_sub_type(abstract, concrete)  # type: ignore[arg-type]


def find_targets(schema: GraphQLSchema, root: Any, path: tuple[str, ...]) -> list[Target]:
    """Every object reached by walking ``path`` from ``root``, in document order.

    Iterative (an explicit stack), so arbitrarily nested lists from a subgraph cannot
    exhaust the interpreter's recursion limit.
    """
    targets: list[Target] = []
    stack: list[tuple[Any, ResponsePath, tuple[str, ...]]] = [(root, (), path)]
    while stack:
        value, at, steps = stack.pop()
        if isinstance(value, list):
            # Lists are entered item by item whatever the step, so "@" once or once per
            # nesting level both reach the objects of nested lists.
            rest = steps[1:] if steps and steps[0] == _ANY_ITEM else steps
            stack.extend(
                (item, (*at, index), rest) for index, item in reversed(list(enumerate(value)))
            )
        elif isinstance(value, dict):
            if not steps:
                targets.append(Target(value, at))
            else:
                stack.extend(_step(schema, value, at, steps))
    return targets


def _step(
    schema: GraphQLSchema, value: dict[str, Any], at: ResponsePath, steps: tuple[str, ...]
) -> list[tuple[Any, ResponsePath, tuple[str, ...]]]:
    """Where one step leads from an object: at most one next position."""
    step, rest = steps[0], steps[1:]
    if step == _ANY_ITEM:
        return [(value, at, rest)]
    if step.startswith(_ANY_ITEM + "|["):
        names = step[len(_ANY_ITEM) + 2 : -1].split(",")
        typename = value.get("__typename")
        if any(type_matches(schema, typename, name.strip()) for name in names):
            return [(value, at, rest)]
        return []
    if step.startswith(_TYPE_STEP):
        if type_matches(schema, value.get("__typename"), step[len(_TYPE_STEP) :].strip()):
            return [(value, at, rest)]
        return []
    if step in value:
        return [(value[step], (*at, step), rest)]
    return []
