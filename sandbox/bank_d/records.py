"""Bank D's records: funds and NAVs, investment accounts, holdings, fund orders.

Frozen values read from (and written back to) the ledger's tables. Money, units, NAVs and fee
rates are Decimal; timestamps aware UTC datetimes; dates Shanghai business dates.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal


@dataclass(frozen=True, slots=True)
class Fund:
    fund_code: str
    fund_name: str
    security_id: str
    fund_type: str
    risk_level: str
    currency: str
    cutoff_time: dt.time
    time_zone: str
    min_subscription_amount: Decimal
    min_redemption_units: Decimal
    subscription_fee_rate: Decimal
    redemption_fee_rate: Decimal
    status: str

    @property
    def is_money_market(self) -> bool:
        return self.fund_type == "MONEY_MARKET"


@dataclass(frozen=True, slots=True)
class Nav:
    """One published NAV; the two yields only for money-market funds."""

    fund_code: str
    nav_date: dt.date
    nav_per_unit: Decimal
    accumulated_nav: Decimal
    yield_per_10k_units: Decimal | None = None
    seven_day_annualized_yield: Decimal | None = None


@dataclass(frozen=True, slots=True)
class InvestmentAccount:
    account_id: str
    customer_id: str
    account_type: str
    account_number: str
    product_name: str
    nickname: str
    status: str
    currency: str
    opened_at: dt.datetime


@dataclass(frozen=True, slots=True)
class Holding:
    """A position; ``frozen_units`` are locked by redemptions not yet confirmed."""

    holding_id: str
    account_id: str
    fund_code: str
    units: Decimal
    frozen_units: Decimal
    purchased_price: Decimal

    @property
    def available_units(self) -> Decimal:
        return self.units - self.frozen_units


@dataclass(frozen=True, slots=True)
class Order:
    """A fund order: BUY by ``amount`` or SELL by ``units``, priced at the NAV of ``trade_date``.

    ``cash_account_id`` is the customer's ledger account the order settles against.
    """

    order_id: str
    account_id: str
    fund_code: str
    order_type: str
    amount: Decimal | None
    units: Decimal | None
    risk_mismatch_acknowledged: bool
    status: str
    order_timestamp: dt.datetime
    trade_date: dt.date
    expected_confirm_date: dt.date
    settlement_date: dt.date | None
    cash_account_id: str
    updated_at: dt.datetime
    nav_date: dt.date | None = None
    confirmed_nav: Decimal | None = None
    confirmed_units: Decimal | None = None
    confirmed_amount: Decimal | None = None
    fee: Decimal | None = None
    failure_code: str | None = None
    failure_reason: str | None = None
