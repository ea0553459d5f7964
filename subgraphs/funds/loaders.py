"""Request-scoped loading for one customer at Bank D.

The catalogue is walked once per request (N funds resolved by code cost one walk); accounts
with all their holdings come from one `resultType=details` list call; the risk profile is one
call; one-year returns are one NAV call per fund shown (bounded concurrency).
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal
from typing import TypeVar

from aiodataloader import DataLoader

from subgraphs.common.batching import gather_bounded
from subgraphs.common.errors import BankNotFound
from subgraphs.common.linked_accounts import LinkedAccount
from subgraphs.funds.bank_d.client import BankDClient
from subgraphs.funds.bank_d.mapping import (
    map_fund,
    map_holding,
    map_risk_profile,
    map_settlement_account,
)
from subgraphs.funds.bank_d.wire import DInvestmentAccount
from subgraphs.funds.domain import FundData, HoldingData, RiskProfileData

__all__ = ["FundLoaders", "InvestmentAccount", "one_year_return"]

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class InvestmentAccount:
    """An investment account descriptor: id, status and currency."""

    account_id: str
    status: str
    currency: str


def one_year_return(now: Decimal, year_ago: Decimal) -> Decimal:
    """Percentage change between two NAVs, half-up to 0.01."""
    return ((now / year_ago - 1) * 100).quantize(Decimal("0.01"), ROUND_HALF_UP)


@dataclass(slots=True)
class FundLoaders:
    """Loaders for `customer_id`; build one per GraphQL request."""

    client: BankDClient
    customer_id: str
    funds: DataLoader = field(init=False)
    returns: DataLoader = field(init=False)
    _memo: dict[str, asyncio.Future[object]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.funds = DataLoader(self._load_funds)
        self.returns = DataLoader(self._load_returns)

    async def _once(self, name: str, make: Callable[[], Awaitable[T]]) -> T:
        if name not in self._memo:
            self._memo[name] = asyncio.ensure_future(make())
        return await self._memo[name]  # type: ignore[return-value]

    async def catalogue(self) -> list[FundData]:
        """Every fund Bank D sells."""

        async def fetch() -> list[FundData]:
            return [map_fund(raw) for raw in await self.client.all_funds()]

        return await self._once("catalogue", fetch)

    async def _account_details(self) -> list[DInvestmentAccount]:
        async def fetch() -> list[DInvestmentAccount]:
            return await self.client.accounts(self.customer_id)

        return await self._once("accounts", fetch)

    async def investment_accounts(self) -> list[InvestmentAccount]:
        """The customer's investment accounts."""
        return [
            InvestmentAccount(item.account_id, item.status, item.currency or "CNY")
            for item in await self._account_details()
        ]

    async def holdings(self) -> list[HoldingData]:
        """Every fund position across the customer's investment accounts."""
        return [
            map_holding(holding, account.account_id, account.currency or "CNY")
            for account in await self._account_details()
            for holding in account.holdings
        ]

    async def risk_profile(self) -> RiskProfileData | None:
        """The customer's suitability assessment; None when they never took one (Bank D
        answers 404 `1107`, "data not found")."""

        async def fetch() -> RiskProfileData | None:
            try:
                return map_risk_profile(await self.client.risk_profile(self.customer_id))
            except BankNotFound:
                return None

        return await self._once("risk", fetch)

    async def settlement_accounts(self) -> list[LinkedAccount]:
        """The customer's Bank A accounts as Bank D sees them (to pay for or receive orders)."""

        async def fetch() -> list[LinkedAccount]:
            raw = await self.client.settlement_accounts(self.customer_id)
            return [map_settlement_account(item) for item in raw]

        return await self._once("settlement", fetch)

    def forget_customer_data(self) -> None:
        """Drop cached accounts and holdings (after an order changed them)."""
        self._memo.pop("accounts", None)

    async def _load_funds(self, codes: Sequence[str]) -> list[FundData | None]:
        by_code = {fund.code: fund for fund in await self.catalogue()}
        return [by_code.get(code) for code in codes]

    async def _load_returns(self, codes: Sequence[str]) -> list[Decimal | BaseException | None]:
        by_code = {fund.code: fund for fund in await self.catalogue()}

        async def one(code: str) -> Decimal | None:
            fund = by_code.get(code)
            if fund is None:
                return None
            target: date = fund.nav_date - timedelta(days=365)
            navs = await self.client.navs(
                code, (target - timedelta(days=10)).isoformat(), target.isoformat()
            )
            if not navs:
                return None
            then = navs[0].nav_per_unit
            return one_year_return(fund.nav.amount, then) if then > 0 else None

        return await gather_bounded(codes, one)
