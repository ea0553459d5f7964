"""Fund order mutations: subscribeFund and redeemFund with typed results and idempotency keys."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal
from typing import Annotated, Any

import strawberry
from strawberry.types import Info

from subgraphs.common.errors import BankNotFound, BankRejected
from subgraphs.common.idempotency import InvalidIdempotencyKey, bank_key_uuid
from subgraphs.common.linked_accounts import account_local_id, check_linked_account
from subgraphs.common.types import InsufficientFunds, InvalidInput
from subgraphs.common.validation import InputError, validate_amount
from subgraphs.funds.bank_d.mapping import map_order
from subgraphs.funds.domain import FundData, HoldingData
from subgraphs.funds.loaders import FundLoaders, InvestmentAccount
from subgraphs.funds.suitability import Unsuitable, check_subscription
from subgraphs.funds.types import FundOrder, context_of

__all__ = ["FundOrderResult", "Mutation", "UnsuitableProduct"]

# Bank D codes: 3001 risk above tolerance, 3002 assessment expired, 3005 insufficient units,
# 3009 [Sandbox] the settlement account lacks the amount, 3010 [Sandbox] the settlement account
# is in another currency or not enabled, 3000 a bad parameter (e.g. unknown settlementAccountId).
_UNSUITABLE = {"3001", "3002"}
_INSUFFICIENT = {"3005", "3009"}
_SETTLEMENT = {"3010"}
_KEY_REUSED = "3007"  # the idempotency-key was used before with another body


@strawberry.type(description="The fund's risk level exceeds the customer's tolerance.")
class UnsuitableProduct:
    message: str
    fund_risk_level: int | None
    risk_tolerance: int | None


FundOrderResult = Annotated[
    FundOrder | InvalidInput | InsufficientFunds | UnsuitableProduct,
    strawberry.union("FundOrderResult"),
]


async def _check_order(
    customer_id: str,
    loaders: FundLoaders,
    fund_code: str,
    quantity: tuple[Decimal, str],
    settlement: tuple[strawberry.ID, str],
    idempotency: tuple[str, str],
) -> tuple[FundData, str, str] | InvalidInput:
    """(the fund, settlement account id at the bank, Bank D idempotency-key), or InvalidInput.

    `quantity` and `settlement` pair a value with its GraphQL argument name, which a refusal
    names as its field; `idempotency` pairs the caller's key with the operation it scopes.
    """
    try:
        validate_amount(quantity[0], quantity[1], decimals=2)
        account_id = account_local_id(settlement[0], settlement[1])
        key = bank_key_uuid(customer_id, idempotency[0], idempotency[1])
    except InputError as error:
        return InvalidInput(message=str(error), field=error.field)
    except InvalidIdempotencyKey as error:
        return InvalidInput(message=str(error), field="idempotencyKey")
    fund = await loaders.funds.load(fund_code)
    if fund is None:
        return InvalidInput(message=f"unknown fund {fund_code}", field="fundCode")
    return fund, account_id, key


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
    customer_id, loaders = context_of(info)
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
        customer_id, loaders = context_of(info)
        checked = await _check_order(
            customer_id,
            loaders,
            str(fund_code),
            (amount, "amount"),
            (from_account_id, "fromAccountId"),
            (idempotency_key, "funds.subscribe"),
        )
        if isinstance(checked, InvalidInput):
            return checked
        fund, source, key = checked
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
        customer_id, loaders = context_of(info)
        checked = await _check_order(
            customer_id,
            loaders,
            str(fund_code),
            (units, "units"),
            (to_account_id, "toAccountId"),
            (idempotency_key, "funds.redeem"),
        )
        if isinstance(checked, InvalidInput):
            return checked
        fund, target, key = checked
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
