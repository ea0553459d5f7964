"""Pure mapping from Bank D (FDX + fund extensions) records to unified fund values.

Records arrive decoded with JSON numbers as Decimal (never float). Money is scale 2, NAV 4.
Dates are Shanghai business dates taken as sent, never derived from UTC timestamps.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from subgraphs.common.errors import BankProtocolError
from subgraphs.common.money import CurrencyError, MoneyValue, money
from subgraphs.funds.domain import (
    FundData,
    HoldingData,
    OrderData,
    OrderKind,
    OrderState,
    RiskProfileData,
)

__all__ = [
    "cost_basis",
    "decimal",
    "map_fund",
    "map_holding",
    "map_order",
    "map_risk_profile",
    "parse_level",
    "unwrap",
]

CENT = Decimal("0.01")
NAV_SCALE = Decimal("0.0001")
_ORDER_KINDS = {"BUY": OrderKind.SUBSCRIPTION, "SELL": OrderKind.REDEMPTION}
_ORDER_STATES = {
    "SUBMITTED": OrderState.PENDING,
    "CONFIRMED": OrderState.CONFIRMED,
    "FAILED": OrderState.REJECTED,
    "CANCELLED": OrderState.CANCELLED,
}


def decimal(value: Any, field: str) -> Decimal:
    """A JSON number (Decimal or int) or numeric string as Decimal; floats are refused."""
    if isinstance(value, bool | float):
        raise BankProtocolError("D", f"{field} decoded as {type(value).__name__}")
    if isinstance(value, Decimal):
        return value
    if isinstance(value, int):
        return Decimal(value)
    if isinstance(value, str):
        try:
            return Decimal(value)
        except ArithmeticError as error:
            raise BankProtocolError("D", f"{field} is not a number: {value!r}") from error
    raise BankProtocolError("D", f"{field} is not a number: {value!r}")


def _opt_decimal(value: Any, field: str) -> Decimal | None:
    return None if value is None else decimal(value, field)


def _money(value: Any, currency: str, field: str) -> MoneyValue:
    try:
        return money(decimal(value, field), currency)
    except CurrencyError as error:
        raise BankProtocolError("D", str(error)) from error


def _nav(value: Any, currency: str, field: str) -> MoneyValue:
    return MoneyValue(decimal(value, field).quantize(NAV_SCALE, ROUND_HALF_UP), currency)


def currency_code(value: Any, default: str) -> str:
    """FDX `currency` may be `{"currencyCode": "USD"}` or a bare code; absent -> default."""
    if isinstance(value, dict):
        value = value.get("currencyCode")
    return str(value) if value else default


def parse_level(value: Any, prefix: str) -> int:
    """ "R3" / "C4" (or a bare 1..5) -> 1..5."""
    text = str(value)
    if text.startswith(prefix):
        text = text[len(prefix) :]
    if text not in ("1", "2", "3", "4", "5"):
        raise BankProtocolError("D", f"bad {prefix} level {value!r}")
    return int(text)


def _date(value: Any, field: str) -> date:
    try:
        return date.fromisoformat(str(value))
    except ValueError as error:
        raise BankProtocolError("D", f"bad {field} {value!r}") from error


def _opt_date(value: Any, field: str) -> date | None:
    return None if value in (None, "") else _date(value, field)


def _timestamp(value: Any) -> datetime | None:
    if value in (None, ""):
        return None
    try:
        return datetime.fromisoformat(str(value))
    except ValueError as error:
        raise BankProtocolError("D", f"bad timestamp {value!r}") from error


def unwrap(items: Any, wanted: str) -> Iterator[dict[str, Any]]:
    """FDX one-key class wrappers (`{"investmentAccount": {...}}`): yield `wanted`, skip others."""
    for item in items or []:
        if isinstance(item, dict) and isinstance(item.get(wanted), dict):
            yield item[wanted]


def map_fund(record: dict[str, Any]) -> FundData:
    """A `/bankd/v1/funds` item."""
    currency = currency_code(record.get("currency"), "CNY")
    min_sub = record.get("minSubscriptionAmount")
    return FundData(
        code=str(record["fundCode"]),
        name=str(record.get("fundName") or record["fundCode"]),
        isin=record.get("securityId"),
        fund_type=record.get("fundType"),
        risk_level=parse_level(record.get("riskLevel"), "R"),
        currency=currency,
        nav=_nav(record.get("navPerUnit"), currency, "navPerUnit"),
        nav_date=_date(record.get("navDate"), "navDate"),
        status=str(record.get("status") or "OPEN"),
        min_subscription=None if min_sub is None else _money(min_sub, currency, "minimum"),
        min_redemption_units=_opt_decimal(record.get("minRedemptionUnits"), "minRedemptionUnits"),
        subscription_fee_rate=_opt_decimal(record.get("subscriptionFeeRate"), "fee rate"),
        redemption_fee_rate=_opt_decimal(record.get("redemptionFeeRate"), "fee rate"),
    )


def _attributes(record: dict[str, Any]) -> dict[str, Any]:
    return {
        str(a.get("name")): a.get("value")
        for a in record.get("fiAttributes") or []
        if isinstance(a, dict)
    }


def cost_basis(units: Decimal, purchased_price: Decimal | None, currency: str) -> MoneyValue | None:
    """units × average purchase NAV, half-up to the cent (fees excluded, as Bank D defines)."""
    if purchased_price is None:
        return None
    return money((units * purchased_price).quantize(CENT, ROUND_HALF_UP), currency)


def map_holding(record: dict[str, Any], account_id: str, account_currency: str) -> HoldingData:
    """An FDX holding; the fund code is `symbol`, risk level from `fiAttributes`."""
    currency = currency_code(record.get("currency"), account_currency)
    attributes = _attributes(record)
    units = decimal(record.get("units"), "units")
    price = record.get("currentUnitPrice")
    level = attributes.get("riskLevel")
    return HoldingData(
        holding_id=str(record.get("holdingId") or record.get("symbol")),
        account_id=account_id,
        fund_code=str(record.get("symbol") or record.get("securityId")),
        name=record.get("holdingName"),
        units=units,
        available_units=_opt_decimal(attributes.get("availableUnits"), "availableUnits"),
        nav=None if price is None else _nav(price, currency, "currentUnitPrice"),
        nav_date=_opt_date(record.get("currentUnitPriceDate"), "currentUnitPriceDate"),
        market_value=_money(record.get("marketValue"), currency, "marketValue"),
        cost_basis=cost_basis(
            units, _opt_decimal(record.get("purchasedPrice"), "purchasedPrice"), currency
        ),
        risk_level=None if level is None else parse_level(level, "R"),
    )


def map_risk_profile(record: dict[str, Any]) -> RiskProfileData:
    """`/customers/current/risk-profile`."""
    return RiskProfileData(
        professional=record.get("investorType") == "PROFESSIONAL",
        tolerance=parse_level(record.get("riskTolerance"), "C"),
        lowest_category=bool(record.get("lowestCategory")),
        expires_on=_opt_date(record.get("expiresOn"), "expiresOn"),
    )


def map_order(record: dict[str, Any], account_id: str, currency: str) -> OrderData:
    """BUY/SELL -> SUBSCRIPTION/REDEMPTION, SUBMITTED -> PENDING, FAILED -> REJECTED."""
    kind = _ORDER_KINDS.get(str(record.get("orderType")))
    state = _ORDER_STATES.get(str(record.get("status")))
    if kind is None or state is None:
        raise BankProtocolError("D", f"unknown order type/status in {record.get('orderId')!r}")
    amount = record.get("amount")
    confirmed = record.get("confirmedAmount")
    fee = record.get("fee")
    return OrderData(
        order_id=str(record["orderId"]),
        account_id=account_id,
        fund_code=str(record.get("fundCode")),
        kind=kind,
        state=state,
        amount=None if amount is None else _money(amount, currency, "amount"),
        units=_opt_decimal(record.get("units"), "units"),
        trade_date=_opt_date(record.get("tradeDate"), "tradeDate"),
        expected_confirm_date=_opt_date(record.get("expectedConfirmDate"), "expectedConfirmDate"),
        confirmed_units=_opt_decimal(record.get("confirmedUnits"), "confirmedUnits"),
        confirmed_amount=None if confirmed is None else _money(confirmed, currency, "confirmed"),
        fee=None if fee is None else _money(fee, currency, "fee"),
        created_at=_timestamp(record.get("orderTimestamp")),
        failure_reason=record.get("failureReason"),
    )
