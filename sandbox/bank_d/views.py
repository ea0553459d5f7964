"""FDX JSON shapes of Bank D (camelCase, Decimal JSON numbers, RFC 3339 UTC timestamps).

Pure functions from records to JSON-ready dicts; serialise them with ``jsonio.dumps``.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from sandbox.bank_d import calendar
from sandbox.bank_d.pricing import cents, market_value
from sandbox.bank_d.records import Fund, Holding, InvestmentAccount, Nav, Order
from sandbox.bank_d.suitability import RiskProfile
from sandbox.ledger import Account

FOUR = Decimal("0.0001")


def timestamp(moment: dt.datetime) -> str:
    """RFC 3339 in UTC with milliseconds, e.g. ``2024-06-11T06:59:58.120Z``."""
    utc = moment.astimezone(dt.UTC)
    return utc.strftime("%Y-%m-%dT%H:%M:%S.") + f"{utc.microsecond // 1000:03d}Z"


def nav_value(value: Decimal) -> Decimal:
    return value.quantize(FOUR)


def account_descriptor(account: InvestmentAccount) -> dict[str, Any]:
    return {
        "accountId": account.account_id,
        "accountCategory": "INVESTMENT_ACCOUNT",
        "accountType": account.account_type,
        "accountNumberDisplay": "****" + account.account_number[-4:],
        "productName": account.product_name,
        "nickname": account.nickname,
        "status": account.status,
        "currency": {"currencyCode": account.currency},
    }


def account_details(
    account: InvestmentAccount,
    positions: list[tuple[Holding, Fund, Nav | None]],
    now: dt.datetime,
) -> dict[str, Any]:
    """Descriptor plus balances and holdings; ``currentValue`` sums the holdings in the
    account's currency (a QDII holding in USD is listed but not added)."""
    items = [holding(position, fund, nav, account.currency) for position, fund, nav in positions]
    value = sum(
        (item["marketValue"] for item, (_, fund, _) in zip(items, positions, strict=True)
         if fund.currency == account.currency),
        Decimal("0.00"),
    )  # fmt: skip
    return {
        **account_descriptor(account),
        "balanceAsOf": timestamp(now),
        "currentValue": cents(value),
        "availableCashBalance": Decimal("0.00"),
        "holdings": items,
    }


def holding(position: Holding, fund: Fund, nav: Nav | None, currency: str) -> dict[str, Any]:
    price = nav.nav_per_unit if nav is not None else position.purchased_price
    item: dict[str, Any] = {
        "holdingId": position.holding_id,
        "securityId": fund.security_id,
        "securityIdType": "ISIN",
        "symbol": fund.fund_code,
        "holdingName": fund.fund_name,
        "holdingType": "MUTUALFUND",
        "positionType": "LONG",
        "units": cents(position.units),
        "currentUnitPrice": nav_value(price),
        "currentUnitPriceDate": None if nav is None else nav.nav_date.isoformat(),
        "marketValue": market_value(position.units, price),
        "purchasedPrice": nav_value(position.purchased_price),
        "cashAccount": False,
        "fiAttributes": [
            {"name": "riskLevel", "value": fund.risk_level},
            {"name": "availableUnits", "value": f"{cents(position.available_units):f}"},
            {"name": "frozenUnits", "value": f"{cents(position.frozen_units):f}"},
        ],
    }
    if fund.is_money_market:
        item["holdingSubType"] = "MONEYMARKET"
    if fund.currency != currency:
        item["currency"] = {"currencyCode": fund.currency}
    return item


def fund(item: Fund, nav: Nav | None) -> dict[str, Any]:
    data: dict[str, Any] = {
        "fundCode": item.fund_code,
        "fundName": item.fund_name,
        "securityId": item.security_id,
        "securityIdType": "ISIN",
        "fundType": item.fund_type,
        "riskLevel": item.risk_level,
        "currency": {"currencyCode": item.currency},
        "navPerUnit": None if nav is None else nav_value(nav.nav_per_unit),
        "navDate": None if nav is None else nav.nav_date.isoformat(),
        "accumulatedNav": None if nav is None else nav_value(nav.accumulated_nav),
        "cutoffTime": item.cutoff_time.strftime("%H:%M:%S"),
        "timeZone": item.time_zone,
        "minSubscriptionAmount": cents(item.min_subscription_amount),
        "minRedemptionUnits": cents(item.min_redemption_units),
        "subscriptionFeeRate": item.subscription_fee_rate,
        "redemptionFeeRate": item.redemption_fee_rate,
        "status": item.status,
    }
    if item.is_money_market and nav is not None:
        data["yieldPer10kUnits"] = nav.yield_per_10k_units
        data["sevenDayAnnualizedYield"] = nav.seven_day_annualized_yield
    return data


def nav_entry(nav: Nav, money_market: bool) -> dict[str, Any]:
    data: dict[str, Any] = {
        "navDate": nav.nav_date.isoformat(),
        "navPerUnit": nav_value(nav.nav_per_unit),
        "accumulatedNav": nav_value(nav.accumulated_nav),
    }
    if money_market:
        data["yieldPer10kUnits"] = nav.yield_per_10k_units
        data["sevenDayAnnualizedYield"] = nav.seven_day_annualized_yield
    return data


def risk_profile(profile: RiskProfile) -> dict[str, Any]:
    return {
        "investorType": profile.investor_type,
        "riskTolerance": profile.risk_tolerance,
        "lowestCategory": profile.lowest_category,
        "assessedOn": profile.assessed_on.isoformat(),
        "expiresOn": profile.expires_on.isoformat(),
    }


def settlement_account(account: Account) -> dict[str, Any]:
    """[Sandbox] A Bank A account that can pay for or receive fund orders (``OPEN`` only when
    enabled; ``RESTRICTED`` ones are listed so a client can say why they cannot be used)."""
    number = account.account_number or account.card_number or account.id
    return {
        "accountId": account.id,
        "accountNumberDisplay": "****" + number[-4:],
        "currency": {"currencyCode": account.currency},
        "status": "OPEN" if account.status == "Enabled" else "RESTRICTED",
    }


def order(item: Order, fund_item: Fund) -> dict[str, Any]:
    data: dict[str, Any] = {
        "orderId": item.order_id,
        "accountId": item.account_id,
        "fundCode": item.fund_code,
        "securityId": fund_item.security_id,
        "orderType": item.order_type,
        "unitType": "CURRENCY" if item.order_type == "BUY" else "SHARES",
        "status": item.status,
        "orderTimestamp": timestamp(item.order_timestamp),
        "tradeDate": item.trade_date.isoformat(),
        "expectedConfirmDate": item.expected_confirm_date.isoformat(),
        "riskMismatchAcknowledged": item.risk_mismatch_acknowledged,
        "settlementAccountId": item.cash_account_id,
    }
    if item.order_type == "BUY":
        data["amount"] = item.amount
    else:
        data["units"] = item.units
        data["settlementDate"] = _date(item.settlement_date)
    if item.status == "CONFIRMED":
        data.update(
            navDate=_date(item.nav_date),
            confirmedNav=item.confirmed_nav,
            confirmedUnits=item.confirmed_units,
            confirmedAmount=item.confirmed_amount,
            fee=item.fee,
        )
    if item.status == "FAILED":
        data.update(failureCode=item.failure_code, failureReason=item.failure_reason)
    return data


def transaction(item: Order, fund_item: Fund) -> dict[str, Any]:
    """The investment transaction of a confirmed order."""
    buying = item.order_type == "BUY"
    assert item.confirmed_units is not None
    return {
        "transactionId": "t-" + item.order_id,
        "postedTimestamp": timestamp(posted_at(item)),
        "transactionTimestamp": timestamp(item.order_timestamp),
        "description": f"{'Subscription' if buying else 'Redemption'} {fund_item.fund_name}",
        "debitCreditMemo": "DEBIT" if buying else "CREDIT",
        "status": "POSTED",
        "amount": item.confirmed_amount,
        "transactionType": "PURCHASED" if buying else "SOLD",
        "securityId": fund_item.security_id,
        "securityIdType": "ISIN",
        "symbol": fund_item.fund_code,
        "units": item.confirmed_units,
        "unitPrice": item.confirmed_nav,
        "fees": item.fee,
        "shares": item.confirmed_units if buying else -item.confirmed_units,
    }


def posted_at(item: Order) -> dt.datetime:
    """When a confirmed order posts: 00:00 Shanghai on its confirmation day."""
    return calendar.shanghai(item.expected_confirm_date, dt.time(0, 0))


def _date(value: dt.date | None) -> str | None:
    return None if value is None else value.isoformat()
