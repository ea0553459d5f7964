"""Pure mapping from Bank D wire records (FDX + fund extensions) to unified fund values.

Money is scale 2 (JSON numbers already decoded as Decimal), NAV scale 4. NAV, trade and
confirmation dates are Shanghai business dates taken as sent, never derived from UTC
timestamps. Raises BankProtocolError for values outside the dialect.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from subgraphs.common.errors import BankProtocolError
from subgraphs.common.linked_accounts import LinkedAccount
from subgraphs.common.money import CurrencyError, MoneyValue, money
from subgraphs.funds.bank_d.wire import (
    DFund,
    DHolding,
    DOrder,
    DRiskProfile,
    DSettlementAccount,
    decimal,
)
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
    "map_fund",
    "map_holding",
    "map_order",
    "map_risk_profile",
    "map_settlement_account",
    "parse_level",
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


def _money(value: Decimal, currency: str) -> MoneyValue:
    try:
        return money(value, currency)
    except CurrencyError as error:
        raise BankProtocolError("D", str(error)) from error


def _opt_money(value: Decimal | None, currency: str) -> MoneyValue | None:
    return None if value is None else _money(value, currency)


def _nav(value: Decimal, currency: str) -> MoneyValue:
    return MoneyValue(value.quantize(NAV_SCALE, ROUND_HALF_UP), currency)


def parse_level(value: Any, prefix: str) -> int:
    """ "R3" / "C4" (or a bare 1..5) -> 1..5."""
    text = str(value)
    if text.startswith(prefix):
        text = text[len(prefix) :]
    if text not in ("1", "2", "3", "4", "5"):
        raise BankProtocolError("D", f"bad {prefix} level {value!r}")
    return int(text)


def _date(value: str, field: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError as error:
        raise BankProtocolError("D", f"bad {field} {value!r}") from error


def _opt_date(value: str | None, field: str) -> date | None:
    return None if value is None else _date(value, field)


def _timestamp(value: str | None) -> datetime | None:
    if value is None:
        return None
    try:
        return datetime.fromisoformat(value)
    except ValueError as error:
        raise BankProtocolError("D", f"bad timestamp {value!r}") from error


def map_fund(record: DFund) -> FundData:
    """A catalogue fund (currency CNY unless the fund says otherwise)."""
    currency = record.currency or "CNY"
    return FundData(
        code=record.fund_code,
        name=record.fund_name,
        isin=record.security_id,
        fund_type=record.fund_type,
        risk_level=parse_level(record.risk_level, "R"),
        currency=currency,
        nav=_nav(record.nav_per_unit, currency),
        nav_date=_date(record.nav_date, "navDate"),
        status=record.status,
        min_subscription=_opt_money(record.min_subscription_amount, currency),
        min_redemption_units=record.min_redemption_units,
        subscription_fee_rate=record.subscription_fee_rate,
        redemption_fee_rate=record.redemption_fee_rate,
    )


def cost_basis(units: Decimal, purchased_price: Decimal | None, currency: str) -> MoneyValue | None:
    """units × average purchase NAV, half-up to the cent (fees excluded, as Bank D defines)."""
    if purchased_price is None:
        return None
    return money((units * purchased_price).quantize(CENT, ROUND_HALF_UP), currency)


def map_holding(record: DHolding, account_id: str, account_currency: str) -> HoldingData:
    """An FDX holding; its currency overrides the account's; risk level from `fiAttributes`."""
    currency = record.currency or account_currency
    level = record.attribute("riskLevel")
    available = record.attribute("availableUnits")
    price = record.current_unit_price
    return HoldingData(
        holding_id=record.holding_id,
        account_id=account_id,
        fund_code=record.symbol,
        name=record.holding_name,
        units=record.units,
        available_units=None if available is None else decimal(available, "availableUnits"),
        nav=None if price is None else _nav(price, currency),
        nav_date=_opt_date(record.current_unit_price_date, "currentUnitPriceDate"),
        market_value=_money(record.market_value, currency),
        cost_basis=cost_basis(record.units, record.purchased_price, currency),
        risk_level=None if level is None else parse_level(level, "R"),
    )


def map_risk_profile(record: DRiskProfile) -> RiskProfileData:
    """The suitability assessment; tolerance C1..C5 -> 1..5."""
    return RiskProfileData(
        professional=record.investor_type == "PROFESSIONAL",
        tolerance=parse_level(record.risk_tolerance, "C"),
        lowest_category=record.lowest_category,
        expires_on=_opt_date(record.expires_on, "expiresOn"),
    )


def map_order(record: DOrder, account_id: str, currency: str) -> OrderData:
    """BUY/SELL -> SUBSCRIPTION/REDEMPTION; SUBMITTED -> PENDING, FAILED -> REJECTED."""
    kind = _ORDER_KINDS.get(record.order_type)
    state = _ORDER_STATES.get(record.status)
    if kind is None or state is None:
        raise BankProtocolError("D", f"unknown order type/status in {record.order_id!r}")
    return OrderData(
        order_id=record.order_id,
        account_id=account_id,
        fund_code=record.fund_code,
        kind=kind,
        state=state,
        amount=_opt_money(record.amount, currency),
        units=record.units,
        trade_date=_opt_date(record.trade_date, "tradeDate"),
        expected_confirm_date=_opt_date(record.expected_confirm_date, "expectedConfirmDate"),
        confirmed_units=record.confirmed_units,
        confirmed_amount=_opt_money(record.confirmed_amount, currency),
        fee=_opt_money(record.fee, currency),
        created_at=_timestamp(record.order_timestamp),
        failure_reason=record.failure_reason,
    )


def map_settlement_account(record: DSettlementAccount) -> LinkedAccount:
    """A Bank A account orders may settle with; only `OPEN` ones can pay or be paid."""
    return LinkedAccount(record.account_id, record.currency, record.status == "OPEN")
