"""The funds subgraph schema: Fund catalogue, Customer holdings and suitability, fund orders."""

from __future__ import annotations

from collections import defaultdict
from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Annotated, Any

import strawberry
from strawberry.types import Info

from subgraphs.common.app import RequestContext
from subgraphs.common.errors import BankNotFound, BankRejected
from subgraphs.common.idempotency import InvalidIdempotencyKey, bank_key_uuid
from subgraphs.common.ids import (
    InvalidGlobalId,
    customer_global_id,
    decode_global_id,
    encode_global_id,
)
from subgraphs.common.linked_accounts import account_local_id, check_linked_account
from subgraphs.common.money import money
from subgraphs.common.relay import BankPage, page_through
from subgraphs.common.types import (
    FEDERATION_VERSION,
    SCHEMA_CONFIG,
    Connection,
    Edge,
    InsufficientFunds,
    InvalidInput,
    Money,
    PageInfo,
)
from subgraphs.common.validation import InputError, validate_amount
from subgraphs.funds.bank_d.mapping import map_fund, map_order
from subgraphs.funds.domain import FundData, HoldingData, OrderData, OrderKind, OrderState
from subgraphs.funds.loaders import FundLoaders, InvestmentAccount
from subgraphs.funds.suitability import Unsuitable, check_subscription

__all__ = ["build_schema"]

FundOrderType = strawberry.enum(OrderKind, name="FundOrderType")
FundOrderStatus = strawberry.enum(OrderState, name="FundOrderStatus")
RECOMMENDATIONS = 5
# Bank D codes: 3001 risk above tolerance, 3002 assessment expired, 3005 insufficient units,
# 3009 [Sandbox] the settlement account lacks the amount, 3010 [Sandbox] the settlement account
# is in another currency or not enabled, 3000 a bad parameter (e.g. unknown settlementAccountId).
_UNSUITABLE = {"3001", "3002"}
_INSUFFICIENT = {"3005", "3009"}
_SETTLEMENT = {"3010"}
_KEY_REUSED = "3007"  # the idempotency-key was used before with another body


def _context(info: Info) -> tuple[str, FundLoaders]:
    context: RequestContext[FundLoaders] = info.context
    identity, loaders = context.customer()
    return identity.customer_id, loaders


def _loaders(info: Info) -> FundLoaders:
    return _context(info)[1]


@strawberry.interface(description="An object with a global, opaque id.")
class Node:
    id: strawberry.ID


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
        data = await _loaders(info).funds.load(str(code))
        return Fund.of(data) if data is not None else None

    @strawberry.field(description="NAV change over one year, percent (null without history).")
    async def one_year_return(self, info: Info) -> Decimal | None:
        return await _loaders(info).returns.load(self.data.code)


async def _fund(info: Info, code: str) -> Fund:
    data = await _loaders(info).funds.load(code)
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
        return await _fund(info, self.data.fund_code)


@strawberry.federation.type(keys=["id"], description="A bank customer (the signed-in user).")
class Customer:
    id: strawberry.ID

    @classmethod
    def resolve_reference(cls, info: Info, id: strawberry.ID) -> Customer:
        customer_id, _ = _context(info)
        if id != customer_global_id(customer_id):
            raise BankNotFound("D", "customer not found")
        return cls(id=id)

    @strawberry.field(description="Risk tolerance 1 (C1) .. 5 (C5) from the latest assessment.")
    async def risk_tolerance(self, info: Info) -> int | None:
        profile = await _loaders(info).risk_profile()
        return profile.tolerance if profile is not None else None

    @strawberry.field(description="Fund positions at Bank D.")
    async def fund_holdings(self, info: Info) -> list[FundHolding]:
        return [FundHolding.of(h) for h in await _loaders(info).holdings()]

    @strawberry.field(description="Market value of all holdings, one total per currency.")
    async def holdings_value(self, info: Info) -> list[Money]:
        totals: dict[str, Decimal] = defaultdict(Decimal)
        for holding in await _loaders(info).holdings():
            totals[holding.market_value.currency] += holding.market_value.amount
        return [Money.of(money(totals[c], c)) for c in sorted(totals)]

    @strawberry.field(
        description="Open funds within the customer's risk tolerance (none before an assessment)."
    )
    async def recommended_funds(self, info: Info) -> list[Fund]:
        loaders = _loaders(info)
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
        customer_id, loaders = _context(info)
        try:
            account_id, order_id = decode_global_id(id, "FundOrder", "D").local_id.split("/", 1)
            raw = await loaders.client.order(customer_id, account_id, order_id)
        except (InvalidGlobalId, ValueError, BankNotFound):
            return None
        currency = await _account_currency(loaders, account_id)
        return FundOrder.of(map_order(raw, account_id, currency))

    @strawberry.field(description="The fund ordered.")
    async def fund(self, info: Info) -> Fund:
        return await _fund(info, self.data.fund_code)


async def _account_currency(loaders: FundLoaders, account_id: str) -> str:
    accounts = await loaders.investment_accounts()
    return next((a.currency for a in accounts if a.account_id == account_id), "CNY")


@strawberry.type(description="The fund's risk level exceeds the customer's tolerance.")
class UnsuitableProduct:
    message: str
    fund_risk_level: int | None
    risk_tolerance: int | None


FundOrderResult = Annotated[
    FundOrder | InvalidInput | InsufficientFunds | UnsuitableProduct,
    strawberry.union("FundOrderResult"),
]


async def _order_account(loaders: FundLoaders) -> InvestmentAccount | None:
    accounts = [a for a in await loaders.investment_accounts() if a.status == "OPEN"]
    return accounts[0] if accounts else None


_NO_INVESTMENT_ACCOUNT = "no open investment account at Bank D; open one before trading funds"


def _available_units(holding: HoldingData) -> Decimal:
    return holding.available_units if holding.available_units is not None else holding.units


async def _settlement_refusal(
    loaders: FundLoaders, account_id: str, field: str, fund: FundData
) -> InvalidInput | None:
    """InvalidInput unless `account_id` is the caller's enabled account in the fund's currency."""
    try:
        check_linked_account(
            account_id,
            field,
            fund.currency,
            await loaders.settlement_accounts(),
            f"fund {fund.code} orders",
        )
    except InputError as error:
        return InvalidInput(message=str(error), field=error.field)
    return None


async def _place(
    info: Info,
    account: InvestmentAccount,
    fund: FundData,
    body: dict[str, Any],
    key: str,
    account_field: str,
) -> FundOrderResult:
    """POST the order; Bank D's refusals become typed results (nothing moved)."""
    customer_id, loaders = _context(info)
    try:
        raw = await loaders.client.place_order(customer_id, account.account_id, key, body)
    except BankRejected as error:
        if error.code in _UNSUITABLE:
            return UnsuitableProduct(
                message=error.detail, fund_risk_level=fund.risk_level, risk_tolerance=None
            )
        if error.code in _INSUFFICIENT:
            return InsufficientFunds(message=error.detail, available=None)
        if error.code == _KEY_REUSED:
            return InvalidInput(message=error.detail, field="idempotencyKey")
        named = error.code in _SETTLEMENT or "settlementAccountId" in error.detail
        return InvalidInput(
            message=f"{error.code}: {error.detail}", field=account_field if named else None
        )
    except BankNotFound as error:
        # 403 706 on an order: the settlement account is another customer's.
        if "706" in str(error):
            return InvalidInput(message=f"{account_field} is not one of your accounts",
                                field=account_field)  # fmt: skip
        return InvalidInput(message=str(error), field="fundCode")
    loaders.forget_customer_data()
    return FundOrder.of(map_order(raw, account.account_id, fund.currency))


@strawberry.type
class Query:
    @strawberry.field(description="The fund catalogue, optionally up to a risk level.")
    async def funds(
        self,
        info: Info,
        max_risk_level: int | None = None,
        first: int = 20,
        after: str | None = None,
    ) -> Connection[Fund]:
        loaders = _loaders(info)

        async def fetch(token: str | None) -> BankPage[FundData]:
            page = await loaders.client.funds_page(token)
            items = [map_fund(raw) for raw in page.items]
            if max_risk_level is not None:
                items = [f for f in items if f.risk_level <= max_risk_level]
            return BankPage(items, page.next_offset)

        slice_ = await page_through(fetch, first, after)
        return Connection(
            edges=[Edge(node=Fund.of(item), cursor=cursor) for item, cursor in slice_.items],
            page_info=PageInfo(has_next_page=slice_.has_next_page, end_cursor=slice_.end_cursor),
        )

    @strawberry.field(description="One fund by code.")
    async def fund(self, info: Info, code: strawberry.ID) -> Fund | None:
        data = await _loaders(info).funds.load(str(code))
        return Fund.of(data) if data is not None else None


@strawberry.type
class Mutation:
    @strawberry.mutation(
        description="Buy a fund for an amount; refused as UnsuitableProduct above the customer's "
        "risk tolerance before any money moves. The same idempotencyKey buys once."
    )
    async def subscribe_fund(
        self,
        info: Info,
        fund_code: strawberry.ID,
        amount: Decimal,
        from_account_id: strawberry.ID,
        idempotency_key: str,
    ) -> FundOrderResult:
        customer_id, loaders = _context(info)
        try:
            validate_amount(amount, "amount", decimals=2)
            source = account_local_id(from_account_id, "fromAccountId")
            key = bank_key_uuid(customer_id, idempotency_key, "funds.subscribe")
        except InputError as error:
            return InvalidInput(message=str(error), field=error.field)
        except InvalidIdempotencyKey as error:
            return InvalidInput(message=str(error), field="idempotencyKey")
        fund = await loaders.funds.load(str(fund_code))
        if fund is None:
            return InvalidInput(message=f"unknown fund {fund_code}", field="fundCode")
        account = await _order_account(loaders)
        if account is None:
            return InvalidInput(message=_NO_INVESTMENT_ACCOUNT, field=None)
        verdict = check_subscription(fund, amount, await loaders.risk_profile(), datetime.now(UTC))
        if isinstance(verdict, Unsuitable):
            return UnsuitableProduct(
                message=verdict.reason,
                fund_risk_level=fund.risk_level,
                risk_tolerance=verdict.tolerance,
            )
        if isinstance(verdict, InputError):
            return InvalidInput(message=str(verdict), field=verdict.field)
        refusal = await _settlement_refusal(loaders, source, "fromAccountId", fund)
        if refusal is not None:
            return refusal
        body = {
            "fundCode": fund.code,
            "orderType": "BUY",
            "amount": amount,
            "settlementAccountId": source,
        }
        return await _place(info, account, fund, body, key, "fromAccountId")

    @strawberry.mutation(description="Sell fund units; the same idempotencyKey sells once.")
    async def redeem_fund(
        self,
        info: Info,
        fund_code: strawberry.ID,
        units: Decimal,
        to_account_id: strawberry.ID,
        idempotency_key: str,
    ) -> FundOrderResult:
        customer_id, loaders = _context(info)
        try:
            validate_amount(units, "units", decimals=2)
            target = account_local_id(to_account_id, "toAccountId")
            key = bank_key_uuid(customer_id, idempotency_key, "funds.redeem")
        except InputError as error:
            return InvalidInput(message=str(error), field=error.field)
        except InvalidIdempotencyKey as error:
            return InvalidInput(message=str(error), field="idempotencyKey")
        fund = await loaders.funds.load(str(fund_code))
        if fund is None:
            return InvalidInput(message=f"unknown fund {fund_code}", field="fundCode")
        # An order sells from one investment account: the one holding the most free units.
        held = [h for h in await loaders.holdings() if h.fund_code == fund.code]
        holding = max(held, key=_available_units, default=None)
        if holding is None or units > _available_units(holding):
            return InsufficientFunds(message="not enough available units", available=None)
        accounts = await loaders.investment_accounts()
        account = next(a for a in accounts if a.account_id == holding.account_id)
        refusal = await _settlement_refusal(loaders, target, "toAccountId", fund)
        if refusal is not None:
            return refusal
        body = {
            "fundCode": fund.code,
            "orderType": "SELL",
            "units": units,
            "settlementAccountId": target,
        }
        return await _place(info, account, fund, body, key, "toAccountId")


def build_schema() -> strawberry.federation.Schema:
    """The funds subgraph schema (Federation 2)."""
    return strawberry.federation.Schema(
        query=Query,
        mutation=Mutation,
        types=[Customer, Fund, FundOrder],
        config=SCHEMA_CONFIG,
        federation_version=FEDERATION_VERSION,
    )
