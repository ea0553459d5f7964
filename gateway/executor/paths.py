"""Walking the response tree: Flatten paths and rewrite paths (federation.md 4.5, 5.1).

A path step is a response name, ``"@"`` (every item of a list; nested lists are entered item by
item), ``"@|[A,B]"`` (every item whose ``__typename`` matches one of the types) or
``"... on T"`` (only objects whose ``__typename`` matches ``T``). ``null``, missing values and
non-objects end their branch silently: they are simply not targets.
"""

from __future__ import annotations

from typing import Any, NamedTuple

from graphql import GraphQLSchema, is_abstract_type

from .errors import ResponsePath

__all__ = ["Target", "find_targets", "type_matches"]

_ANY_ITEM = "@"
_TYPE_STEP = "... on "


class Target(NamedTuple):
    """An object of the response tree and its concrete response path (list indices as ints).

    A named tuple, not a dataclass: a request creates one per entity, and a tuple is built
    several times faster than a frozen dataclass instance."""

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
    end = len(path)
    # (value, its response path, index of the next step in ``path``)
    stack: list[tuple[Any, ResponsePath, int]] = [(root, (), 0)]
    while stack:
        value, at, position = stack.pop()
        if isinstance(value, list):
            # Lists are entered item by item whatever the step, so "@" once or once per
            # nesting level both reach the objects of nested lists.
            after = position + 1 if position < end and path[position] == _ANY_ITEM else position
            stack.extend((value[i], (*at, i), after) for i in range(len(value) - 1, -1, -1))
        elif isinstance(value, dict):
            if position == end:
                targets.append(Target(value, at))
                continue
            step = path[position]
            if step == _ANY_ITEM:
                stack.append((value, at, position + 1))
            elif step.startswith(_ANY_ITEM) or step.startswith(_TYPE_STEP):
                if _type_step_matches(schema, value, step):
                    stack.append((value, at, position + 1))
            elif step in value:
                stack.append((value[step], (*at, step), position + 1))
    return targets


def _type_step_matches(schema: GraphQLSchema, value: dict[str, Any], step: str) -> bool:
    """Whether an object passes a ``"@|[A,B]"`` or ``"... on T"`` step."""
    typename = value.get("__typename")
    if step.startswith(_TYPE_STEP):
        return type_matches(schema, typename, step[len(_TYPE_STEP) :].strip())
    names = step[len(_ANY_ITEM) + 2 : -1].split(",")
    return any(type_matches(schema, typename, name.strip()) for name in names)
