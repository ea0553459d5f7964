"""Unified fund values served by the funds subgraph."""

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from subgraphs.common.money import MoneyValue

__all__ = [
    "FundData",
    "HoldingData",
    "OrderData",
    "OrderKind",
    "OrderState",
    "RiskProfileData",
]


class OrderKind(enum.Enum):
    SUBSCRIPTION = "SUBSCRIPTION"
    REDEMPTION = "REDEMPTION"


class OrderState(enum.Enum):
    PENDING = "PENDING"
    CONFIRMED = "CONFIRMED"
    REJECTED = "REJECTED"
    CANCELLED = "CANCELLED"


@dataclass(frozen=True, slots=True)
class FundData:
    """A fund in the catalogue; `nav` at scale 4, fee rates as fractions."""

    code: str
    name: str
    isin: str | None
    fund_type: str | None
    risk_level: int
    currency: str
    nav: MoneyValue
    nav_date: date
    status: str
    min_subscription: MoneyValue | None
    min_redemption_units: Decimal | None
    subscription_fee_rate: Decimal | None
    redemption_fee_rate: Decimal | None


@dataclass(frozen=True, slots=True)
class HoldingData:
    """A fund position in an investment account."""

    holding_id: str
    account_id: str
    fund_code: str
    name: str | None
    units: Decimal
    available_units: Decimal | None
    nav: MoneyValue | None
    nav_date: date | None
    market_value: MoneyValue
    cost_basis: MoneyValue | None
    risk_level: int | None


@dataclass(frozen=True, slots=True)
class RiskProfileData:
    """The customer's suitability assessment; tolerance 1..5 (C1..C5)."""

    professional: bool
    tolerance: int
    lowest_category: bool
    expires_on: date | None


@dataclass(frozen=True, slots=True)
class OrderData:
    """A fund order as Bank D reports it."""

    order_id: str
    account_id: str
    fund_code: str
    kind: OrderKind
    state: OrderState
    amount: MoneyValue | None
    units: Decimal | None
    trade_date: date | None
    expected_confirm_date: date | None
    confirmed_units: Decimal | None
    confirmed_amount: MoneyValue | None
    fee: MoneyValue | None
    created_at: datetime | None
    failure_reason: str | None
