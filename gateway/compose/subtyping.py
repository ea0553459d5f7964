"""Type algebra for merging one field's type across subgraphs.

Output positions take the most general type (nullable beats non-null, an interface or union beats
its implementations/members); input positions take the most restrictive (non-null wins) and need
the same named type everywhere. ``None`` means the two types cannot be merged.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

NamedSubtype = Callable[[str, str], bool]  # (sub, super) -> bool, for distinct named types


def _unwrap_list(type_ref: str) -> str | None:
    return type_ref[1:-1] if type_ref.startswith("[") and type_ref.endswith("]") else None


def is_output_subtype(sub: str, sup: str, named: NamedSubtype) -> bool:
    """Whether a value of ``sub`` is always a valid value of ``sup`` (output covariance)."""
    if sup.endswith("!"):
        return sub.endswith("!") and is_output_subtype(sub[:-1], sup[:-1], named)
    sub = sub.removesuffix("!")
    sub_item, sup_item = _unwrap_list(sub), _unwrap_list(sup)
    if sub_item is not None or sup_item is not None:
        if sub_item is None or sup_item is None:
            return False
        return is_output_subtype(sub_item, sup_item, named)
    return sub == sup or named(sub, sup)


def merge_output_types(current: str, other: str, named: NamedSubtype) -> str | None:
    """The more general of two compatible output types, ``None`` if neither contains the other."""
    if is_output_subtype(other, current, named):
        return current
    if is_output_subtype(current, other, named):
        return other
    return _relax_nullability(current, other)


def _relax_nullability(a: str, b: str) -> str | None:
    """Same shape up to non-null markers -> the shape with nulls allowed wherever either allows."""
    return _merge_nullability(a, b, both_required=True)


def merge_input_types(types: Iterable[str]) -> str | None:
    """Same shape up to non-null markers -> the shape that is non-null wherever any is.

    ``types`` is one input position's type in each subgraph defining it (at least one).
    """
    remaining = iter(types)
    merged: str | None = next(remaining)
    for type_ref in remaining:
        if merged is None:
            return None
        merged = _merge_nullability(merged, type_ref, both_required=False)
    return merged


def _merge_nullability(a: str, b: str, *, both_required: bool) -> str | None:
    """Merge two types of the same shape up to non-null markers, ``None`` for other shapes.

    A level of the result is non-null when both levels are (``both_required``) or when either
    is (otherwise).
    """
    a_required, b_required = a.endswith("!"), b.endswith("!")
    inner_a, inner_b = a.removesuffix("!"), b.removesuffix("!")
    item_a, item_b = _unwrap_list(inner_a), _unwrap_list(inner_b)
    if item_a is not None and item_b is not None:
        merged = _merge_nullability(item_a, item_b, both_required=both_required)
        if merged is None:
            return None
        inner = f"[{merged}]"
    elif item_a is None and item_b is None and inner_a == inner_b:
        inner = inner_a
    else:
        return None
    required = a_required and b_required if both_required else a_required or b_required
    return inner + "!" if required else inner
