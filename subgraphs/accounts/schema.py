"""The accounts subgraph schema: Customer, Account, Balance, Transaction (Bank A).

Also resolves `Customer.netWorth` from fields owned by loans and funds (`@requires`),
`Payment.debtorAccount` from the payment's debtor IBAN, and `Loan.disbursementAccount`.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from datetime import date, datetime
from decimal import Decimal
from typing import Annotated, Any

import strawberry
from strawberry.types import Info

from subgraphs.accounts.bank_a.mapping import booking_window, map_transaction
from subgraphs.accounts.domain import (
    AccountData,
    AccountKind,
    BalanceData,
    Direction,
    TransactionData,
    TransactionState,
)
from subgraphs.accounts.loaders import AccountLoaders
from subgraphs.common.app import RequestContext
from subgraphs.common.ids import (
    InvalidGlobalId,
    customer_global_id,
    decode_global_id,
    encode_global_id,
)
from subgraphs.common.money import MoneyValue, money, parse_decimal
from subgraphs.common.types import (
    FEDERATION_VERSION,
    SCHEMA_CONFIG,
    Connection,
    Edge,
    Money,
    Node,
    PageInfo,
)

__all__ = ["build_schema"]

AccountType = strawberry.enum(AccountKind, name="AccountType")
TransactionStatus = strawberry.enum(TransactionState, name="TransactionStatus")
TransactionDirection = strawberry.enum(Direction, name="TransactionDirection")


def _loaders(info: Info) -> AccountLoaders:
    context: RequestContext[AccountLoaders] = info.context
    return context.customer()[1]


@strawberry.type(description="Booked and available balance; negative means overdrawn.")
class Balance:
    booked: Money | None
    available: Money | None
    as_of: datetime | None

    @classmethod
    def of(cls, data: BalanceData) -> Balance:
        return cls(
            booked=Money.of(data.booked) if data.booked else None,
            available=Money.of(data.available) if data.available else None,
            as_of=data.as_of,
        )


@strawberry.type(description="One account entry; amount is signed (debits negative).")
class Transaction:
    id: strawberry.ID
    booked_at: datetime | None
    value_date: date | None
    status: TransactionStatus  # type: ignore[valid-type]
    direction: TransactionDirection  # type: ignore[valid-type]
    amount: Money
    description: str | None
    counterparty: str | None
    reference: str | None

    @classmethod
    def of(cls, data: TransactionData) -> Transaction:
        return cls(
            id=strawberry.ID(
                encode_global_id("Transaction", "A", f"{data.account_id}/{data.transaction_id}")
            ),
            booked_at=data.booked_at,
            value_date=data.value_date,
            status=data.state,
            direction=data.direction,
            amount=Money.of(data.amount),
            description=data.description,
            counterparty=data.counterparty,
            reference=data.reference,
        )


@strawberry.type(description="Where an account can be reached: scheme and identification.")
class AccountIdentifier:
    scheme: str
    identification: str


@strawberry.federation.type(keys=["id"], description="A bank account at Bank A.")
class Account(Node):
    id: strawberry.ID
    name: str | None
    type: AccountType  # type: ignore[valid-type]
    business: bool
    currency: str
    status: str
    iban: str | None
    identifiers: list[AccountIdentifier]
    data: strawberry.Private[AccountData]

    @classmethod
    def of(cls, data: AccountData) -> Account:
        return cls(
            id=strawberry.ID(encode_global_id("Account", "A", data.account_id)),
            name=data.name,
            type=data.kind,
            business=data.business,
            currency=data.currency,
            status=data.status,
            iban=data.iban,
            identifiers=[
                AccountIdentifier(scheme=s, identification=i) for s, i in data.identifications
            ],
            data=data,
        )

    @classmethod
    async def resolve_reference(cls, info: Info, id: strawberry.ID) -> Account | None:
        return await _account_by_global_id(info, id)

    @strawberry.field(description="Booked and available balance (one bulk bank call per request).")
    async def balance(self, info: Info) -> Balance:
        return Balance.of(await _loaders(info).balances.load(self.data.account_id))

    @strawberry.field(description="Entries, newest first; `from`/`to` are inclusive dates.")
    async def transactions(
        self,
        info: Info,
        first: int = 20,
        after: str | None = None,
        from_: Annotated[date | None, strawberry.argument(name="from")] = None,
        to: date | None = None,
    ) -> Connection[Transaction]:
        slice_ = await _loaders(info).transactions.slice(
            self.data.account_id, first, after, booking_window(from_, to)
        )
        edges = [
            Edge(node=Transaction.of(map_transaction(raw)), cursor=c) for raw, c in slice_.items
        ]
        return Connection(
            edges=edges,
            page_info=PageInfo(has_next_page=slice_.has_next_page, end_cursor=slice_.end_cursor),
        )


async def _account_by_global_id(info: Info, global_id: str) -> Account | None:
    loaders = _loaders(info)
    try:
        account_id = decode_global_id(global_id, "Account", "A").local_id
    except InvalidGlobalId:
        return None
    data = await loaders.accounts.load(account_id)
    return Account.of(data) if data is not None else None


def _money_list(raw: Any) -> list[MoneyValue]:
    """Money values that arrive inside a representation (`@requires` inputs)."""
    values = []
    for item in raw or []:
        values.append(money(parse_decimal(str(item["amount"])), str(item["currency"])))
    return values


def net_worth(
    balances: Iterable[MoneyValue], assets: Iterable[MoneyValue], debts: Iterable[MoneyValue]
) -> list[MoneyValue]:
    """Balances plus assets minus debts, one total per currency, sorted by currency; no FX."""
    totals: dict[str, Decimal] = defaultdict(Decimal)
    for value in [*balances, *assets]:
        totals[value.currency] += value.amount
    for value in debts:
        totals[value.currency] -= value.amount
    return [money(totals[currency], currency) for currency in sorted(totals)]


@strawberry.federation.type(keys=["id"], description="A bank customer (the signed-in user).")
class Customer:
    id: strawberry.ID
    name: str
    total_outstanding: list[Money] = strawberry.federation.field(
        external=True, default_factory=list
    )
    holdings_value: list[Money] = strawberry.federation.field(external=True, default_factory=list)
    required: strawberry.Private[dict[str, Any] | None] = None

    @classmethod
    def resolve_reference(cls, info: Info, id: strawberry.ID, **rest: Any) -> Customer:
        identity = info.context.check_own_customer(id, "A")
        return cls(id=id, name=identity.name or identity.customer_id, required=rest)

    @strawberry.field(description="Every account the customer shares with Bank A.")
    async def accounts(self, info: Info) -> list[Account]:
        return [Account.of(data) for data in await _loaders(info).all_accounts()]

    @strawberry.federation.field(
        requires=["totalOutstanding { amount currency } holdingsValue { amount currency }"],
        description="Account balances + fund holdings − loans outstanding, per currency (no FX).",
    )
    async def net_worth(self, info: Info) -> list[Money]:
        loaders = _loaders(info)
        required = self.required or {}
        accounts = await loaders.all_accounts()
        balances = await loaders.balances.load_many([a.account_id for a in accounts])
        booked = [b.booked for b in balances if b.booked is not None]
        values = net_worth(
            booked,
            _money_list(required.get("holdingsValue")),
            _money_list(required.get("totalOutstanding")),
        )
        return [Money.of(value) for value in values]


@strawberry.federation.type(keys=["id"], description="A payment (owned by payments).")
class Payment:
    id: strawberry.ID
    debtor_iban: str = strawberry.federation.field(external=True, default="")

    @classmethod
    def resolve_reference(cls, id: strawberry.ID, **rest: Any) -> Payment:
        return cls(id=id, debtor_iban=str(rest.get("debtorIban") or ""))

    @strawberry.federation.field(requires=["debtorIban"], description="The debited account.")
    async def debtor_account(self, info: Info) -> Account | None:
        if not self.debtor_iban:
            return None
        data = await _loaders(info).account_by_iban(self.debtor_iban)
        return Account.of(data) if data is not None else None


@strawberry.federation.type(keys=["id"], description="A loan (owned by loans).")
class Loan:
    id: strawberry.ID
    currency: str = strawberry.federation.field(external=True, default="")

    @classmethod
    def resolve_reference(cls, id: strawberry.ID, **rest: Any) -> Loan:
        return cls(id=id, currency=str(rest.get("currency") or ""))

    @strawberry.federation.field(
        requires=["currency"],
        description="The account the loan was paid into and is repaid from (same currency).",
    )
    async def disbursement_account(self, info: Info) -> Account | None:
        accounts = await _loaders(info).all_accounts()
        candidates = [a for a in accounts if a.currency == self.currency]
        current = [a for a in candidates if a.kind is AccountKind.CURRENT]
        chosen = (current or candidates or [None])[0]
        return Account.of(chosen) if chosen is not None else None


@strawberry.type
class Query:
    @strawberry.field(description="The authenticated customer.")
    def me(self, info: Info) -> Customer | None:
        context: RequestContext[AccountLoaders] = info.context
        identity, _ = context.customer()
        return Customer(
            id=strawberry.ID(customer_global_id(identity.customer_id)),
            name=identity.name or identity.customer_id,
        )

    @strawberry.field(description="One of the caller's accounts; null for any other id.")
    async def account(self, info: Info, id: strawberry.ID) -> Account | None:
        return await _account_by_global_id(info, id)


def build_schema() -> strawberry.federation.Schema:
    """The accounts subgraph schema (Federation 2)."""
    return strawberry.federation.Schema(
        query=Query,
        types=[Account, Customer, Payment, Loan],
        config=SCHEMA_CONFIG,
        federation_version=FEDERATION_VERSION,
    )
