"""Bank D (FDX + fund extensions) wire JSON -> unified funds, table-driven."""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any

import httpx
import pytest

from subgraphs.common.errors import BankProtocolError
from subgraphs.common.http import decode_json
from subgraphs.common.linked_accounts import LinkedAccount
from subgraphs.common.money import money
from subgraphs.funds.bank_d.mapping import (
    cost_basis,
    map_fund,
    map_holding,
    map_order,
    map_risk_profile,
    map_settlement_account,
    parse_level,
)
from subgraphs.funds.bank_d.wire import (
    parse_account,
    parse_accounts,
    parse_fund,
    parse_holding,
    parse_order,
    parse_risk_profile,
    parse_settlement_account,
    unwrap,
)
from subgraphs.funds.domain import FundData, OrderKind, OrderState, RiskProfileData
from subgraphs.funds.loaders import one_year_return
from subgraphs.funds.suitability import Suitable, Unsuitable, check_subscription

ACCOUNT = b"""{"investmentAccount": {
  "accountId": "inv-200017", "accountCategory": "INVESTMENT_ACCOUNT", "status": "OPEN",
  "currency": {"currencyCode": "CNY"}, "balanceAsOf": "2024-06-12T01:30:00.000Z",
  "currentValue": 10005.49, "availableCashBalance": 0.00,
  "holdings": [{
    "holdingId": "h-77120", "securityId": "CNF000000013", "securityIdType": "ISIN",
    "symbol": "660012", "holdingName": "Harbour Balanced Mixed Fund A",
    "holdingType": "MUTUALFUND", "positionType": "LONG",
    "units": 8004.39, "currentUnitPrice": 1.2500, "currentUnitPriceDate": "2024-06-11",
    "marketValue": 10005.49, "purchasedPrice": 1.2345, "cashAccount": false,
    "fiAttributes": [{"name": "riskLevel", "value": "R3"},
                     {"name": "availableUnits", "value": "8004.39"},
                     {"name": "frozenUnits", "value": "0.00"}]
  }, {
    "holdingId": "h-9", "symbol": "000009", "units": 100, "currentUnitPrice": 1.1,
    "marketValue": 110.1, "currency": {"currencyCode": "USD"},
    "fiAttributes": [{"name": "riskLevel", "value": "R5"}]
  }]}}"""


def body(raw: bytes) -> Any:
    return decode_json(httpx.Response(200, content=raw), "D")


def test_json_numbers_are_decimals_not_floats() -> None:
    raw = body(ACCOUNT)
    assert isinstance(raw["investmentAccount"]["currentValue"], Decimal)
    account = parse_account(raw)
    assert account.account_id == "inv-200017" and account.currency == "CNY"
    holding = map_holding(account.holdings[0], "inv-200017", "CNY")
    assert holding.units == Decimal("8004.39")
    assert format(holding.market_value.amount, "f") == "10005.49"
    assert format(holding.nav.amount, "f") == "1.2500"  # NAV at scale 4
    assert holding.nav_date == date(2024, 6, 11)  # the Shanghai NAV date as sent
    assert holding.risk_level == 3 and holding.available_units == Decimal("8004.39")
    assert holding.cost_basis is not None and holding.cost_basis.amount == Decimal("9881.42")


def test_holding_currency_overrides_the_account_currency() -> None:
    holding = map_holding(parse_account(body(ACCOUNT)).holdings[1], "inv-1", "CNY")
    assert holding.market_value.currency == "USD"
    assert format(holding.market_value.amount, "f") == "110.10"
    assert format(holding.nav.amount, "f") == "1.1000"


def test_floats_are_refused() -> None:
    with pytest.raises(BankProtocolError):
        parse_holding({"units": 1.5, "marketValue": 1, "symbol": "x"})
    with pytest.raises(BankProtocolError):
        parse_holding({"units": Decimal(1), "symbol": "x"})  # marketValue missing


def test_fdx_wrappers_are_unwrapped_and_unknown_classes_skipped() -> None:
    items = [{"investmentAccount": {"accountId": "a"}}, {"depositAccount": {"accountId": "b"}}, "x"]
    assert [i["accountId"] for i in unwrap(items, "investmentAccount")] == ["a"]
    assert [a.account_id for a in parse_accounts(items)] == ["a"]


@pytest.mark.parametrize(
    ("value", "prefix", "level"), [("R1", "R", 1), ("C4", "C", 4), (5, "R", 5)]
)
def test_levels(value: Any, prefix: str, level: int) -> None:
    assert parse_level(value, prefix) == level


@pytest.mark.parametrize("value", ["R6", "C0", "high", None])
def test_bad_levels(value: Any) -> None:
    with pytest.raises(BankProtocolError):
        parse_level(value, "R")


def test_fund_catalogue_item() -> None:
    fund = map_fund(
        parse_fund(
            body(
                b'{"fundCode": "660012", "fundName": "Harbour Balanced",'
                b' "securityId": "CNF000000013", "fundType": "MIXED", "riskLevel": "R3",'
                b' "currency": "CNY", "navPerUnit": 1.25,'
                b' "navDate": "2024-06-11", "minSubscriptionAmount": 10,'
                b' "subscriptionFeeRate": 0.012, "redemptionFeeRate": 0.005, "status": "OPEN"}'
            )
        )
    )
    assert fund.risk_level == 3 and format(fund.nav.amount, "f") == "1.2500"
    assert fund.subscription_fee_rate == Decimal("0.012")
    assert (
        fund.min_subscription is not None and format(fund.min_subscription.amount, "f") == "10.00"
    )


@pytest.mark.parametrize(
    ("order_type", "status", "kind", "state"),
    [
        ("BUY", "SUBMITTED", OrderKind.SUBSCRIPTION, OrderState.PENDING),
        ("SELL", "CONFIRMED", OrderKind.REDEMPTION, OrderState.CONFIRMED),
        ("BUY", "FAILED", OrderKind.SUBSCRIPTION, OrderState.REJECTED),
        ("SELL", "CANCELLED", OrderKind.REDEMPTION, OrderState.CANCELLED),
    ],
)
def test_order_types_and_statuses(
    order_type: str, status: str, kind: OrderKind, state: OrderState
) -> None:
    order = map_order(
        parse_order(
            {
                "orderId": "o1",
                "fundCode": "660012",
                "orderType": order_type,
                "status": status,
                "amount": Decimal("10000.00"),
                "orderTimestamp": "2024-06-11T06:59:58.120Z",
                "tradeDate": "2024-06-11",
                "expectedConfirmDate": "2024-06-12",
            }
        ),
        "inv-1",
        "CNY",
    )
    assert (order.kind, order.state) == (kind, state)
    assert order.created_at == datetime(2024, 6, 11, 6, 59, 58, 120000, tzinfo=UTC)
    # 06:59 UTC is 14:59 in Shanghai: the trade date is taken as sent, not derived.
    assert order.trade_date == date(2024, 6, 11)


def test_cost_basis_and_returns_round_half_up() -> None:
    assert cost_basis(Decimal("8004.39"), Decimal("1.2345"), "CNY").amount == Decimal("9881.42")
    assert cost_basis(Decimal("1"), None, "CNY") is None
    assert one_year_return(Decimal("1.2500"), Decimal("1.0000")) == Decimal("25.00")
    assert one_year_return(Decimal("0.9"), Decimal("1.2")) == Decimal("-25.00")


def fund(level: int, status: str = "OPEN") -> FundData:
    return FundData(
        code="660012",
        name="f",
        isin=None,
        fund_type=None,
        risk_level=level,
        currency="CNY",
        nav=money(Decimal("1.25"), "CNY"),
        nav_date=date(2026, 6, 12),
        status=status,
        min_subscription=money(Decimal("10"), "CNY"),
        min_redemption_units=None,
        subscription_fee_rate=None,
        redemption_fee_rate=None,
    )


NOW = datetime(2026, 6, 15, 2, tzinfo=UTC)
C4 = map_risk_profile(
    parse_risk_profile(
        {"investorType": "ORDINARY", "riskTolerance": "C4", "expiresOn": "2027-01-01"}
    )
)


@pytest.mark.parametrize(
    ("level", "profile", "verdict"),
    [
        (4, C4, Suitable),
        (5, C4, Unsuitable),
        (
            5,
            RiskProfileData(professional=True, tolerance=1, lowest_category=False, expires_on=None),
            Suitable,
        ),
        (
            1,
            RiskProfileData(
                professional=False, tolerance=5, lowest_category=False, expires_on=date(2026, 6, 14)
            ),
            Unsuitable,
        ),
        (1, None, Unsuitable),
    ],
)
def test_suitability(level: int, profile: RiskProfileData | None, verdict: type) -> None:
    assert isinstance(check_subscription(fund(level), Decimal("100"), profile, NOW), verdict)


def test_suitability_checks_minimum_and_status() -> None:
    assert not isinstance(check_subscription(fund(1), Decimal("5"), C4, NOW), Suitable | Unsuitable)
    assert not isinstance(
        check_subscription(fund(1, "CLOSED"), Decimal("50"), C4, NOW), Suitable | Unsuitable
    )


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (
            {"accountId": "acc-1", "currency": {"currencyCode": "USD"}, "status": "OPEN"},
            LinkedAccount("acc-1", "USD", True),
        ),
        (
            {"accountId": "acc-2", "currency": "CNY", "status": "RESTRICTED"},
            LinkedAccount("acc-2", "CNY", False),
        ),
    ],
)
def test_settlement_accounts(raw: dict[str, Any], expected: LinkedAccount) -> None:
    assert map_settlement_account(parse_settlement_account(raw)) == expected


@pytest.mark.parametrize("raw", [{"accountId": "a", "status": "OPEN"}, {"currency": "CNY"}, []])
def test_bad_settlement_accounts(raw: Any) -> None:
    with pytest.raises(BankProtocolError):
        parse_settlement_account(raw)
