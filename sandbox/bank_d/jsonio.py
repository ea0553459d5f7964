"""Exact JSON numbers for FDX: request numbers parse as Decimal, Decimals print as numbers.

``loads`` uses the standard library parser with ``parse_float=Decimal`` (orjson would give
binary floats); ``dumps`` uses orjson and writes each Decimal as a JSON number with exactly
its digits (``1.2500``, ``0.00``).
"""

from __future__ import annotations

import json
import re
from decimal import Decimal
from typing import Any

import orjson

_MARK = "\x00DEC"
_MARKED = re.compile(rb'"\\u0000DEC(-?[0-9]+(?:\.[0-9]+)?)"')


def _default(value: Any) -> str:
    if isinstance(value, Decimal) and value.is_finite():
        return f"{_MARK}{value:f}"
    raise TypeError(f"cannot serialise {type(value).__name__}")


def dumps(document: Any) -> bytes:
    """Serialise ``document``; Decimal values become JSON numbers, never strings or floats."""
    return _MARKED.sub(rb"\1", orjson.dumps(document, default=_default))


def _reject_constant(name: str) -> Any:
    raise ValueError(f"{name} is not valid JSON")


def loads(body: bytes) -> Any:
    """Parse JSON with every non-integer number as Decimal; raises ``ValueError``."""
    return json.loads(body, parse_float=Decimal, parse_constant=_reject_constant)
