"""GraphQL object types of the funds subgraph: Fund, FundHolding, Customer, FundOrder."""

from __future__ import annotations

from collections import defaultdict
from datetime import date, datetime
from decimal import Decimal

import strawberry
from strawberry.types import Info

from subgraphs.common.app import RequestContext
from subgraphs.common.errors import BankNotFound
from subgraphs.common.ids import (
    InvalidGlobalId,
    decode_global_id,
    encode_global_id,
)
from subgraphs.common.money import money
from subgraphs.common.types import Money, Node
from subgraphs.funds.bank_d.mapping import map_order
from subgraphs.funds.domain import FundData, HoldingData, OrderData, OrderKind, OrderState
from subgraphs.funds.loaders import FundLoaders

__all__ = [
    "Customer",
    "Fund",
    "FundHolding",
    "FundOrder",
    "account_currency",
    "context_of",
    "fund_by_code",
    "loaders_of",
]

FundOrderType = strawberry.enum(OrderKind, name="FundOrderType")
FundOrderStatus = strawberry.enum(OrderState, name="FundOrderStatus")
RECOMMENDATIONS = 5


def context_of(info: Info) -> tuple[str, FundLoaders]:
    context: RequestContext[FundLoaders] = info.context
    identity, loaders = context.customer()
    return identity.customer_id, loaders


def loaders_of(info: Info) -> FundLoaders:
    return context_of(info)[1]


@strawberry.federation.type(keys=["code"], description="A mutual fund sold by Bank D.")
class Fund:
    code: strawberry.ID
    name: str
    isin: str | None
    fund_type: str | None
    risk_level: int = strawberry.field(description="1 (R1, lowest) .. 5 (R5, highest).")
    currency: str
    nav: Money
    nav_date: date
    status: str
    min_subscription: Money | None
    data: strawberry.Private[FundData]

    @classmethod
    def of(cls, data: FundData) -> Fund:
        return cls(
            code=strawberry.ID(data.code),
            name=data.name,
            isin=data.isin,
            fund_type=data.fund_type,
            risk_level=data.risk_level,
            currency=data.currency,
            nav=Money.of(data.nav),
            nav_date=data.nav_date,
            status=data.status,
            min_subscription=Money.of(data.min_subscription) if data.min_subscription else None,
            data=data,
        )

    @classmethod
    async def resolve_reference(cls, info: Info, code: strawberry.ID) -> Fund | None:
        data = await loaders_of(info).funds.load(str(code))
        return Fund.of(data) if data is not None else None

    @strawberry.field(description="NAV change over one year, percent (null without history).")
    async def one_year_return(self, info: Info) -> Decimal | None:
        return await loaders_of(info).returns.load(self.data.code)


async def fund_by_code(info: Info, code: str) -> Fund:
    data = await loaders_of(info).funds.load(code)
    if data is None:
        raise BankNotFound("D", f"unknown fund {code}")
    return Fund.of(data)


@strawberry.type(description="A position in one fund.")
class FundHolding:
    id: strawberry.ID
    units: Decimal
    available_units: Decimal | None
    market_value: Money
    cost_basis: Money | None
    unrealized_gain: Money | None
    nav_date: date | None
    data: strawberry.Private[HoldingData]

    @classmethod
    def of(cls, data: HoldingData) -> FundHolding:
        gain = None
        if data.cost_basis is not None:
            gain = money(
                data.market_value.amount - data.cost_basis.amount, data.market_value.currency
            )
        return cls(
            id=strawberry.ID(
                encode_global_id("FundHolding", "D", f"{data.account_id}/{data.holding_id}")
            ),
            units=data.units,
            available_units=data.available_units,
            market_value=Money.of(data.market_value),
            cost_basis=Money.of(data.cost_basis) if data.cost_basis else None,
            unrealized_gain=Money.of(gain) if gain else None,
            nav_date=data.nav_date,
            data=data,
        )

    @strawberry.field(description="The fund held.")
    async def fund(self, info: Info) -> Fund:
        return await fund_by_code(info, self.data.fund_code)


@strawberry.federation.type(keys=["id"], description="A bank customer (the signed-in user).")
class Customer:
    id: strawberry.ID

    @classmethod
    def resolve_reference(cls, info: Info, id: strawberry.ID) -> Customer:
        info.context.check_own_customer(id, "D")
        return cls(id=id)

    @strawberry.field(description="Risk tolerance 1 (C1) .. 5 (C5) from the latest assessment.")
    async def risk_tolerance(self, info: Info) -> int | None:
        profile = await loaders_of(info).risk_profile()
        return profile.tolerance if profile is not None else None

    @strawberry.field(description="Fund positions at Bank D.")
    async def fund_holdings(self, info: Info) -> list[FundHolding]:
        return [FundHolding.of(h) for h in await loaders_of(info).holdings()]

    @strawberry.field(description="Market value of all holdings, one total per currency.")
    async def holdings_value(self, info: Info) -> list[Money]:
        totals: dict[str, Decimal] = defaultdict(Decimal)
        for holding in await loaders_of(info).holdings():
            totals[holding.market_value.currency] += holding.market_value.amount
        return [Money.of(money(totals[c], c)) for c in sorted(totals)]

    @strawberry.field(
        description="Open funds within the customer's risk tolerance (none before an assessment)."
    )
    async def recommended_funds(self, info: Info) -> list[Fund]:
        loaders = loaders_of(info)
        profile = await loaders.risk_profile()
        if profile is None:
            return []
        funds = [
            f
            for f in await loaders.catalogue()
            if f.status == "OPEN" and (profile.professional or f.risk_level <= profile.tolerance)
        ]
        funds.sort(key=lambda f: (-f.risk_level, f.code))
        return [Fund.of(f) for f in funds[:RECOMMENDATIONS]]


@strawberry.federation.type(keys=["id"], description="A subscription or redemption order.")
class FundOrder(Node):
    id: strawberry.ID
    type: FundOrderType  # type: ignore[valid-type]
    status: FundOrderStatus  # type: ignore[valid-type]
    amount: Money | None
    units: Decimal | None
    trade_date: date | None
    expected_confirm_date: date | None
    confirmed_units: Decimal | None
    confirmed_amount: Money | None
    fee: Money | None
    created_at: datetime | None
    failure_reason: str | None
    data: strawberry.Private[OrderData]

    @classmethod
    def of(cls, data: OrderData) -> FundOrder:
        return cls(
            id=strawberry.ID(
                encode_global_id("FundOrder", "D", f"{data.account_id}/{data.order_id}")
            ),
            type=data.kind,
            status=data.state,
            amount=Money.of(data.amount) if data.amount else None,
            units=data.units,
            trade_date=data.trade_date,
            expected_confirm_date=data.expected_confirm_date,
            confirmed_units=data.confirmed_units,
            confirmed_amount=Money.of(data.confirmed_amount) if data.confirmed_amount else None,
            fee=Money.of(data.fee) if data.fee else None,
            created_at=data.created_at,
            failure_reason=data.failure_reason,
            data=data,
        )

    @classmethod
    async def resolve_reference(cls, info: Info, id: strawberry.ID) -> FundOrder | None:
        customer_id, loaders = context_of(info)
        try:
            account_id, order_id = decode_global_id(id, "FundOrder", "D").local_id.split("/", 1)
            raw = await loaders.client.order(customer_id, account_id, order_id)
        except (InvalidGlobalId, ValueError, BankNotFound):
            return None
        currency = await account_currency(loaders, account_id)
        return FundOrder.of(map_order(raw, account_id, currency))

    @strawberry.field(description="The fund ordered.")
    async def fund(self, info: Info) -> Fund:
        return await fund_by_code(info, self.data.fund_code)


async def account_currency(loaders: FundLoaders, account_id: str) -> str:
    accounts = await loaders.investment_accounts()
    return next((a.currency for a in accounts if a.account_id == account_id), "CNY")
