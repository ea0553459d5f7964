"""Parameter validation for Bank C requests: missing -> 40001, malformed -> 40002.

Each function reads one field from a decoded JSON object or query mapping and returns it
typed, or raises ``BankCError``. Amounts are JSON integers: booleans, floats and negative
numbers are malformed.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

import orjson

from sandbox.bank_c.errors import BankCError, invalid, missing

OUT_NO = re.compile(r"[A-Za-z0-9_-]{6,32}")
BANK_NO = re.compile(r"[A-Za-z0-9]{32}")
MOBILE = re.compile(r"1[0-9]{10}")
CARD_NO = re.compile(r"[0-9]{16,19}")
ID_CARD = re.compile(r"[0-9]{17}[0-9X]")
OUT_USER_ID = re.compile(r"[A-Za-z0-9_.@-]{1,64}")
LEDGER_ID = re.compile(r"[A-Za-z0-9_.:-]{1,64}")
LOAN_PURPOSES = ("WORKING_CAPITAL", "AGRICULTURE", "EQUIPMENT", "CONSUMPTION")
_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_ID_CHECK = "10X98765432"
MAX_PAGE_SIZE = 100
MAX_FEN = 10**13


def decode_object(body: bytes) -> dict[str, Any]:
    """Decode a request body that must be a JSON object."""
    try:
        value = orjson.loads(body)
    except orjson.JSONDecodeError as exc:
        raise BankCError("40002", "PARAM_INVALID", f"请求体不是合法的 JSON: {exc}") from None
    if not isinstance(value, dict):
        raise BankCError("40002", "PARAM_INVALID", "请求体必须是 JSON 对象")
    return value


def text(source: Mapping[str, Any], field: str, pattern: re.Pattern[str] | None = None) -> str:
    """A required non-empty string, optionally matching ``pattern`` in full."""
    value = source.get(field)
    if value is None or value == "":
        raise missing(field)
    if not isinstance(value, str):
        raise invalid(field, "must be a string")
    if pattern is not None and pattern.fullmatch(value) is None:
        raise invalid(field, f"must match {pattern.pattern}")
    return value


def optional_text(
    source: Mapping[str, Any], field: str, pattern: re.Pattern[str] | None = None
) -> str | None:
    if source.get(field) is None:
        return None
    return text(source, field, pattern)


def fen(source: Mapping[str, Any], field: str) -> int:
    """A required positive amount in whole fen (a JSON integer)."""
    value = source.get(field)
    if value is None:
        raise missing(field)
    if isinstance(value, bool) or not isinstance(value, int):
        raise invalid(field, "must be an integer number of fen")
    if value <= 0 or value > MAX_FEN:
        raise invalid(field, "must be a positive number of fen")
    return value


def positive_int(source: Mapping[str, Any], field: str) -> int:
    value = source.get(field)
    if value is None:
        raise missing(field)
    if isinstance(value, bool) or not isinstance(value, int) or value <= 0:
        raise invalid(field, "must be a positive integer")
    return value


def choice(source: Mapping[str, Any], field: str, allowed: tuple[str, ...]) -> str:
    value = text(source, field)
    if value not in allowed:
        raise invalid(field, f"must be one of {', '.join(allowed)}")
    return value


def id_card_no(source: Mapping[str, Any], field: str = "id_card_no") -> str:
    """An 18-character resident ID with a valid ISO 7064 MOD 11-2 check character."""
    value = text(source, field, ID_CARD)
    total = sum(int(digit) * weight for digit, weight in zip(value, _ID_WEIGHTS, strict=False))
    if _ID_CHECK[total % 11] != value[-1]:
        raise invalid(field, "check character does not match (ISO 7064 MOD 11-2)")
    return value


def nested_object(source: Mapping[str, Any], field: str) -> dict[str, Any]:
    value = source.get(field)
    if value is None:
        raise missing(field)
    if not isinstance(value, dict):
        raise invalid(field, "must be an object")
    return value


def query_int(query: Mapping[str, str], field: str, default: int, maximum: int) -> int:
    """A 1-based integer query parameter, ``default`` when absent."""
    raw = query.get(field)
    if raw is None or raw == "":
        return default
    if not raw.isdigit() or not 1 <= int(raw) <= maximum:
        raise invalid(field, f"must be an integer from 1 to {maximum}")
    return int(raw)


def page_params(query: Mapping[str, str]) -> tuple[int, int]:
    """``(page_no, page_size)``: defaults 1 and 20, ``page_size`` at most 100."""
    return query_int(query, "page_no", 1, 10**9), query_int(query, "page_size", 20, MAX_PAGE_SIZE)
