"""Deep merge of fetched data into the response tree (federation.md 5.3)."""

from __future__ import annotations

from typing import Any

__all__ = ["deep_merge", "merge_into_targets"]


def deep_merge(target: dict[str, Any], source: dict[str, Any]) -> None:
    """Merge ``source`` into ``target`` in place.

    Objects merge key by key recursively, lists of equal length element by element; any
    other value (a leaf, ``null``, lists of different lengths) overwrites. ``source`` is not
    modified but parts of it may become shared with ``target``.
    """
    for key, incoming in source.items():
        current = target.get(key)
        if isinstance(current, dict) and isinstance(incoming, dict):
            deep_merge(current, incoming)
        elif (
            isinstance(current, list)
            and isinstance(incoming, list)
            and len(current) == len(incoming)
        ):
            _merge_lists(current, incoming)
        else:
            target[key] = incoming


def _merge_lists(current: list[Any], incoming: list[Any]) -> None:
    for index, item in enumerate(incoming):
        existing = current[index]
        if isinstance(existing, dict) and isinstance(item, dict):
            deep_merge(existing, item)
        elif isinstance(existing, list) and isinstance(item, list) and len(existing) == len(item):
            _merge_lists(existing, item)
        else:
            current[index] = item


def merge_into_targets(targets: list[dict[str, Any]], source: dict[str, Any]) -> None:
    """Merge ``source`` into every target; each target after the first gets its own copy so
    that later fetches merging below one target never write into another."""
    for position, target in enumerate(targets):
        deep_merge(target, source if position == 0 else _copy_json(source))


def _copy_json(value: Any) -> Any:
    """A deep copy of decoded JSON (dicts, lists, immutable leaves): ``copy.deepcopy``'s
    memo and dispatch cost several times more, and JSON has no shared or cyclic parts."""
    if type(value) is dict:
        return {key: _copy_json(item) for key, item in value.items()}
    if type(value) is list:
        return [_copy_json(item) for item in value]
    return value
