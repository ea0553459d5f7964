"""Bank D wire shapes (FDX resources and the `/bankd/v1` extensions) as dataclasses.

`parse_*` take JSON decoded with numbers as Decimal (`decode_json`), unwrap FDX class keys, and
refuse floats and missing required fields with BankProtocolError. Units stay as sent: money and
units as Decimal, NAV dates as `YYYY-MM-DD` strings, timestamps as RFC 3339 strings, risk levels
as "R3" / "C4".
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from subgraphs.common.errors import BankProtocolError

__all__ = [
    "DFund",
    "DHolding",
    "DInvestmentAccount",
    "DNav",
    "DOrder",
    "DRiskProfile",
    "DSettlementAccount",
    "decimal",
    "parse_account",
    "parse_accounts",
    "parse_fund",
    "parse_holding",
    "parse_nav",
    "parse_order",
    "parse_risk_profile",
    "parse_settlement_account",
    "unwrap",
]


@dataclass(frozen=True, slots=True)
class DFund:
    fund_code: str
    fund_name: str
    security_id: str | None
    fund_type: str | None
    risk_level: str
    currency: str | None
    nav_per_unit: Decimal
    nav_date: str
    status: str
    min_subscription_amount: Decimal | None
    min_redemption_units: Decimal | None
    subscription_fee_rate: Decimal | None
    redemption_fee_rate: Decimal | None


@dataclass(frozen=True, slots=True)
class DHolding:
    holding_id: str
    symbol: str
    holding_name: str | None
    units: Decimal
    current_unit_price: Decimal | None
    current_unit_price_date: str | None
    market_value: Decimal
    purchased_price: Decimal | None
    currency: str | None
    attributes: tuple[tuple[str, str], ...]

    def attribute(self, name: str) -> str | None:
        """The `fiAttributes` value called `name`, if present."""
        return next((value for key, value in self.attributes if key == name), None)


@dataclass(frozen=True, slots=True)
class DInvestmentAccount:
    account_id: str
    status: str
    currency: str | None
    holdings: tuple[DHolding, ...]


@dataclass(frozen=True, slots=True)
class DRiskProfile:
    investor_type: str
    risk_tolerance: str
    lowest_category: bool
    expires_on: str | None


@dataclass(frozen=True, slots=True)
class DSettlementAccount:
    """[Sandbox] a Bank A account a fund order may settle with."""

    account_id: str
    currency: str
    status: str


@dataclass(frozen=True, slots=True)
class DOrder:
    order_id: str
    fund_code: str
    order_type: str
    status: str
    amount: Decimal | None
    units: Decimal | None
    order_timestamp: str | None
    trade_date: str | None
    expected_confirm_date: str | None
    confirmed_units: Decimal | None
    confirmed_amount: Decimal | None
    fee: Decimal | None
    failure_reason: str | None


@dataclass(frozen=True, slots=True)
class DNav:
    nav_date: str
    nav_per_unit: Decimal


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


def _opt_decimal(record: dict[str, Any], key: str) -> Decimal | None:
    return None if record.get(key) is None else decimal(record[key], key)


def _object(raw: Any) -> dict[str, Any]:
    if not isinstance(raw, dict):
        raise BankProtocolError("D", "record is not an object")
    return raw


def _str(record: dict[str, Any], key: str) -> str:
    value = record.get(key)
    if isinstance(value, int | Decimal) and not isinstance(value, bool):
        value = str(value)  # FDX prints some identifiers and codes as numbers
    if not isinstance(value, str) or not value:
        raise BankProtocolError("D", f"missing field {key}")
    return value


def _opt_str(record: dict[str, Any], key: str) -> str | None:
    value = record.get(key)
    return str(value) if value not in (None, "") else None


def _currency(value: Any) -> str | None:
    """FDX `currency` is `{"currencyCode": "USD"}`; the fund catalogue may send a bare code."""
    if isinstance(value, dict):
        value = value.get("currencyCode")
    return str(value) if value else None


def unwrap(items: Any, wanted: str) -> Iterator[dict[str, Any]]:
    """FDX one-key class wrappers (`{"investmentAccount": {...}}`): yield `wanted`, skip others."""
    for item in items or []:
        if isinstance(item, dict) and isinstance(item.get(wanted), dict):
            yield item[wanted]


def parse_fund(raw: Any) -> DFund:
    """A `/bankd/v1/funds` item."""
    r = _object(raw)
    return DFund(
        fund_code=_str(r, "fundCode"),
        fund_name=_opt_str(r, "fundName") or _str(r, "fundCode"),
        security_id=_opt_str(r, "securityId"),
        fund_type=_opt_str(r, "fundType"),
        risk_level=_str(r, "riskLevel"),
        currency=_currency(r.get("currency")),
        nav_per_unit=decimal(r.get("navPerUnit"), "navPerUnit"),
        nav_date=_str(r, "navDate"),
        status=_opt_str(r, "status") or "OPEN",
        min_subscription_amount=_opt_decimal(r, "minSubscriptionAmount"),
        min_redemption_units=_opt_decimal(r, "minRedemptionUnits"),
        subscription_fee_rate=_opt_decimal(r, "subscriptionFeeRate"),
        redemption_fee_rate=_opt_decimal(r, "redemptionFeeRate"),
    )


def parse_holding(raw: Any) -> DHolding:
    """An FDX holding; the fund code is `symbol` (else `securityId`)."""
    r = _object(raw)
    attributes = tuple(
        (str(a.get("name")), str(a.get("value")))
        for a in r.get("fiAttributes") or []
        if isinstance(a, dict) and a.get("value") is not None
    )
    symbol = _opt_str(r, "symbol") or _str(r, "securityId")
    return DHolding(
        holding_id=_opt_str(r, "holdingId") or symbol,
        symbol=symbol,
        holding_name=_opt_str(r, "holdingName"),
        units=decimal(r.get("units"), "units"),
        current_unit_price=_opt_decimal(r, "currentUnitPrice"),
        current_unit_price_date=_opt_str(r, "currentUnitPriceDate"),
        market_value=decimal(r.get("marketValue"), "marketValue"),
        purchased_price=_opt_decimal(r, "purchasedPrice"),
        currency=_currency(r.get("currency")),
        attributes=attributes,
    )


def parse_account(raw: Any) -> DInvestmentAccount:
    """An investment account descriptor or detail (unwrapped), with its holdings."""
    r = _object(raw)
    if "investmentAccount" in r:
        r = _object(r["investmentAccount"])
    return DInvestmentAccount(
        account_id=_str(r, "accountId"),
        status=_opt_str(r, "status") or "OPEN",
        currency=_currency(r.get("currency")),
        holdings=tuple(parse_holding(h) for h in r.get("holdings") or []),
    )


def parse_accounts(items: Any) -> list[DInvestmentAccount]:
    """`accounts[]` of `/fdx/v5/accounts`: investment accounts only, other classes skipped."""
    return [parse_account(item) for item in unwrap(items, "investmentAccount")]


def parse_risk_profile(raw: Any) -> DRiskProfile:
    """`/bankd/v1/customers/current/risk-profile`."""
    r = _object(raw)
    return DRiskProfile(
        investor_type=_opt_str(r, "investorType") or "ORDINARY",
        risk_tolerance=_str(r, "riskTolerance"),
        lowest_category=bool(r.get("lowestCategory")),
        expires_on=_opt_str(r, "expiresOn"),
    )


def parse_order(raw: Any) -> DOrder:
    """A fund order as placed or read."""
    r = _object(raw)
    return DOrder(
        order_id=_str(r, "orderId"),
        fund_code=_str(r, "fundCode"),
        order_type=_str(r, "orderType"),
        status=_str(r, "status"),
        amount=_opt_decimal(r, "amount"),
        units=_opt_decimal(r, "units"),
        order_timestamp=_opt_str(r, "orderTimestamp"),
        trade_date=_opt_str(r, "tradeDate"),
        expected_confirm_date=_opt_str(r, "expectedConfirmDate"),
        confirmed_units=_opt_decimal(r, "confirmedUnits"),
        confirmed_amount=_opt_decimal(r, "confirmedAmount"),
        fee=_opt_decimal(r, "fee"),
        failure_reason=_opt_str(r, "failureReason"),
    )


def parse_nav(raw: Any) -> DNav:
    """One `/navs` item."""
    r = _object(raw)
    return DNav(
        nav_date=_str(r, "navDate"), nav_per_unit=decimal(r.get("navPerUnit"), "navPerUnit")
    )


def parse_settlement_account(raw: Any) -> DSettlementAccount:
    """A `/bankd/v1/customers/current/settlement-accounts` item."""
    r = _object(raw)
    currency = _currency(r.get("currency"))
    if currency is None:
        raise BankProtocolError("D", "settlement account without a currency")
    return DSettlementAccount(
        account_id=_str(r, "accountId"), currency=currency, status=_str(r, "status")
    )
