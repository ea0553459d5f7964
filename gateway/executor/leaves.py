"""Leaf values from subgraphs checked against the API schema before they reach the client.

Built-in scalars follow the GraphQL result coercion rules over JSON values (``Int`` is 32-bit,
integral floats are accepted; ``ID`` may be a string or an integer and is output as a string);
an enum value must exist in the API schema's enum, so an ``@inaccessible`` or unknown value is
invalid; custom scalars pass through unchanged.
"""

from __future__ import annotations

import math
from typing import Any

from graphql import GraphQLEnumType, GraphQLScalarType

__all__ = ["valid_leaf_value"]

_INT_MIN, _INT_MAX = -(2**31), 2**31 - 1


def valid_leaf_value(leaf_type: GraphQLScalarType | GraphQLEnumType, value: Any) -> Any:
    """The value to output for a stored leaf, or ``None`` when it is invalid for the type."""
    if isinstance(leaf_type, GraphQLEnumType):
        return value if isinstance(value, str) and value in leaf_type.values else None
    name = leaf_type.name
    is_number = isinstance(value, int | float) and not isinstance(value, bool)
    if name == "Int":
        if is_number and _INT_MIN <= value <= _INT_MAX and float(value).is_integer():
            return int(value)
        return None
    if name == "Float":
        return value if is_number and math.isfinite(value) else None
    if name == "String":
        return value if isinstance(value, str) else None
    if name == "Boolean":
        return value if isinstance(value, bool) else None
    if name == "ID":
        if isinstance(value, str):
            return value
        return str(value) if isinstance(value, int) and not isinstance(value, bool) else None
    return value
