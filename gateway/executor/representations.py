"""Entity representations: select them from target objects, rewrite, de-duplicate (4.6, 5.3).

For each target object of a Flatten, the fetch's ``requires`` selection is evaluated against
the object (inline fragments apply when its ``__typename`` matches). An object yields no
representation when it has no ``__typename``, matches no fragment, lacks a selected value, or
holds ``null`` where the supergraph says the value is non-null: an earlier fetch failed for it,
and the error was already reported there. ``inputRewrites`` are applied, then structurally
equal representations are merged into one entry that remembers every target producing it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

import orjson
from graphql import GraphQLSchema, is_non_null_type

from ..planner.plan import (
    FetchRewrite,
    FieldSelection,
    InlineFragmentSelection,
    KeyRenamer,
    RequiresSelection,
    ValueSetter,
)
from .paths import Target, type_matches

__all__ = ["Representations", "apply_rewrites", "build_representations"]


@dataclass(slots=True)
class Representations:
    """Distinct representations in first-seen order; ``targets[i]`` produced ``values[i]``."""

    values: list[dict[str, Any]] = field(default_factory=list)
    targets: list[list[Target]] = field(default_factory=list)


class _Incomplete(Exception):
    """A selected value is missing: the object cannot be represented."""


def build_representations(
    schema: GraphQLSchema,
    targets: Iterable[Target],
    requires: tuple[RequiresSelection, ...],
    input_rewrites: tuple[FetchRewrite, ...],
) -> Representations:
    """One entry per structurally distinct representation, in order of first appearance."""
    result = Representations()
    index_of: dict[bytes, int] = {}
    for target in targets:
        representation = _select_representation(schema, target.value, requires)
        if representation is None:
            continue
        apply_rewrites(schema, representation, input_rewrites)
        key = orjson.dumps(representation, option=orjson.OPT_SORT_KEYS)
        index = index_of.get(key)
        if index is None:
            index_of[key] = len(result.values)
            result.values.append(representation)
            result.targets.append([target])
        else:
            result.targets[index].append(target)
    return result


def _select_representation(
    schema: GraphQLSchema, value: dict[str, Any], requires: tuple[RequiresSelection, ...]
) -> dict[str, Any] | None:
    typename = value.get("__typename")
    if not isinstance(typename, str):
        return None
    representation: dict[str, Any] = {}
    try:
        _select_object(schema, value, requires, representation, check_nulls=True)
    except _Incomplete:
        return None
    if representation.get("__typename") is None:
        return None
    return representation


def _select_object(
    schema: GraphQLSchema,
    value: dict[str, Any],
    selections: tuple[RequiresSelection, ...],
    out: dict[str, Any],
    *,
    check_nulls: bool,
) -> None:
    typename = value.get("__typename")
    for selection in selections:
        if isinstance(selection, InlineFragmentSelection):
            condition = selection.type_condition
            if (
                condition is None
                or condition == typename
                or type_matches(schema, typename, condition)
            ):
                _select_object(schema, value, selection.selections, out, check_nulls=check_nulls)
            continue
        if selection.name not in value:
            raise _Incomplete
        selected = value[selection.name]
        if selection.selections and selected is not None:
            selected = _select_value(schema, selected, selection)
        if selected is None and check_nulls and _non_null(schema, typename, selection.name):
            raise _Incomplete
        previous = out.get(selection.name)
        if isinstance(previous, dict) and isinstance(selected, dict):
            previous.update(selected)
        else:
            out[selection.name] = selected


def _select_value(schema: GraphQLSchema, value: Any, selection: FieldSelection) -> Any:
    if not selection.selections or value is None:
        return value
    if isinstance(value, list):
        return [_select_value(schema, item, selection) for item in value]
    if not isinstance(value, dict):
        raise _Incomplete
    out: dict[str, Any] = {}
    _select_object(schema, value, selection.selections, out, check_nulls=False)
    return out


def _non_null(schema: GraphQLSchema, typename: Any, field_name: str) -> bool:
    if field_name == "__typename":
        return True
    parent = schema.get_type(typename) if isinstance(typename, str) else None
    fields = getattr(parent, "fields", None)
    if not fields or field_name not in fields:
        return False
    return is_non_null_type(fields[field_name].type)


def apply_rewrites(
    schema: GraphQLSchema, value: dict[str, Any], rewrites: tuple[FetchRewrite, ...]
) -> None:
    """Apply ``ValueSetter`` / ``KeyRenamer`` rewrites to ``value`` in place, in order."""
    for rewrite in rewrites:
        *steps, last = rewrite.path
        for parent in _rewrite_parents(schema, value, tuple(steps)):
            if isinstance(rewrite, ValueSetter):
                parent[last] = rewrite.set_value_to
            elif isinstance(rewrite, KeyRenamer) and last in parent:
                parent[rewrite.rename_key_to] = parent.pop(last)


def _rewrite_parents(schema: GraphQLSchema, value: Any, steps: tuple[str, ...]) -> list[dict]:
    if isinstance(value, list):
        return [parent for item in value for parent in _rewrite_parents(schema, item, steps)]
    if not isinstance(value, dict):
        return []
    if not steps:
        return [value]
    step, rest = steps[0], steps[1:]
    if step.startswith("... on "):
        if type_matches(schema, value.get("__typename"), step[len("... on ") :].strip()):
            return _rewrite_parents(schema, value, rest)
        return []
    if step in value:
        return _rewrite_parents(schema, value[step], rest)
    return []
