"""Validation of Bank D request input: order bodies, dates, filters.

Every function returns typed values or raises ``FdxError`` (400 ``3000`` for a malformed
parameter or body, 400 ``702`` / ``703`` for dates).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from sandbox.bank_d import jsonio
from sandbox.bank_d.errors import FdxError, bad_request
from sandbox.bank_d.orders import OrderRequest

FUND_CODE = re.compile(r"[0-9]{6}")
MAX_AMOUNT = Decimal("1000000000")
ORDER_STATUSES = ("SUBMITTED", "CONFIRMED", "FAILED", "CANCELLED")


def order_request(body: bytes) -> OrderRequest:
    """Parse a fund-order body: BUY carries ``amount``, SELL carries ``units``."""
    try:
        document = jsonio.loads(body)
    except ValueError as exc:
        raise bad_request(f"the body is not valid JSON: {exc}") from None
    if not isinstance(document, dict):
        raise bad_request("the body must be a JSON object")
    fund_code = document.get("fundCode")
    if not isinstance(fund_code, str) or FUND_CODE.fullmatch(fund_code) is None:
        raise bad_request("fundCode must be a 6-digit fund code")
    order_type = document.get("orderType")
    if order_type not in ("BUY", "SELL"):
        raise bad_request("orderType must be BUY or SELL")
    acknowledged = document.get("riskMismatchAcknowledged", False)
    if not isinstance(acknowledged, bool):
        raise bad_request("riskMismatchAcknowledged must be a boolean")
    wanted, unwanted = ("amount", "units") if order_type == "BUY" else ("units", "amount")
    if document.get(unwanted) is not None:
        raise bad_request(f"a {order_type} order carries {wanted}, not {unwanted}")
    quantity = _quantity(document, wanted)
    settlement = document.get("settlementAccountId")
    valid = isinstance(settlement, str) and 0 < len(settlement) <= 64
    if settlement is not None and not valid:
        raise bad_request("settlementAccountId must be an account id")
    return OrderRequest(
        fund_code=fund_code,
        order_type=order_type,
        amount=quantity if order_type == "BUY" else None,
        units=quantity if order_type == "SELL" else None,
        risk_mismatch_acknowledged=acknowledged,
        settlement_account_id=settlement,
    )


def _quantity(document: dict[str, Any], field: str) -> Decimal:
    """A positive JSON number with at most two decimals, as a two-decimal Decimal."""
    value = document.get(field)
    if isinstance(value, bool) or not isinstance(value, int | Decimal):
        raise bad_request(f"{field} must be a JSON number")
    number = Decimal(value)
    if not number.is_finite() or number <= 0 or number > MAX_AMOUNT:
        raise bad_request(f"{field} must be positive")
    if number != number.quantize(Decimal("0.01")):
        raise bad_request(f"{field} has more than two decimals")
    return number.quantize(Decimal("0.01"))


def date_range(
    query: Mapping[str, str], start_key: str, end_key: str
) -> tuple[dt.date, dt.date] | None:
    """Both dates or neither: a missing bound or start after end -> 703, bad format -> 702."""
    start, end = query.get(start_key), query.get(end_key)
    if not start and not end:
        return None
    if not start or not end:
        raise FdxError(400, "703", f"{start_key} and {end_key} go together")
    try:
        first, last = dt.date.fromisoformat(start), dt.date.fromisoformat(end)
    except ValueError:
        raise FdxError(400, "702", "dates must be YYYY-MM-DD") from None
    if len(start) != 10 or len(end) != 10:
        raise FdxError(400, "702", "dates must be YYYY-MM-DD")
    if first > last:
        raise FdxError(400, "703", f"{start_key} is after {end_key}")
    return first, last


def choice(query: Mapping[str, str], key: str, allowed: tuple[str, ...]) -> str | None:
    value = query.get(key)
    if not value:
        return None
    if value not in allowed:
        raise bad_request(f"{key} must be one of {', '.join(allowed)}")
    return value
