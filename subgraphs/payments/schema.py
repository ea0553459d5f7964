"""The payments subgraph schema: Payment, Account.payments and the payment mutations (Bank B)."""

from __future__ import annotations

import asyncio
from dataclasses import replace
from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Annotated, Any

import strawberry
from strawberry.types import Info

from subgraphs.common.app import RequestContext
from subgraphs.common.errors import BankNotFound, BankRejected
from subgraphs.common.idempotency import InvalidIdempotencyKey, bank_key_uuid
from subgraphs.common.ids import InvalidGlobalId, decode_global_id, encode_global_id
from subgraphs.common.relay import BankPage, page_through
from subgraphs.common.types import (
    FEDERATION_VERSION,
    SCHEMA_CONFIG,
    Connection,
    Edge,
    InsufficientFunds,
    InvalidInput,
    Money,
    Node,
    PageInfo,
)
from subgraphs.common.validation import InputError
from subgraphs.payments.bank_b.mapping import initiation_body, map_payment
from subgraphs.payments.domain import PaymentData, PaymentState
from subgraphs.payments.inputs import validate_payment
from subgraphs.payments.loaders import PaymentLoaders

__all__ = ["build_schema"]

PaymentStatus = strawberry.enum(PaymentState, name="PaymentStatus")
# Bank codes that mean "the input was wrong" rather than "the bank refused the payment".
_INPUT_CODES = {"FORMAT_ERROR", "PARAMETER_NOT_CONSISTENT", "EXECUTION_DATE_INVALID"}
_SETTLE_POLLS = 4


def _loaders(info: Info) -> PaymentLoaders:
    context: RequestContext[PaymentLoaders] = info.context
    return context.customer()[1]


@strawberry.federation.type(keys=["id"], description="A SEPA credit transfer at Bank B.")
class Payment(Node):
    id: strawberry.ID
    status: PaymentStatus  # type: ignore[valid-type]
    status_code: str = strawberry.field(description="Raw ISO 20022 transaction status code.")
    amount: Money
    debtor_iban: str
    creditor_name: str
    creditor_iban: str
    remittance_information: str | None
    requested_execution_date: date | None
    end_to_end_identification: str | None
    created_at: datetime | None
    funds_available: bool | None

    @classmethod
    def of(cls, data: PaymentData) -> Payment:
        return cls(
            id=strawberry.ID(encode_global_id("Payment", "B", data.payment_id)),
            status=data.state,
            status_code=data.status_code,
            amount=Money.of(data.amount),
            debtor_iban=data.debtor_iban,
            creditor_name=data.creditor_name,
            creditor_iban=data.creditor_iban,
            remittance_information=data.remittance_information,
            requested_execution_date=data.requested_execution_date,
            end_to_end_identification=data.end_to_end_identification,
            created_at=data.created_at,
            funds_available=data.funds_available,
        )

    @classmethod
    async def resolve_reference(cls, info: Info, id: strawberry.ID) -> Payment | None:
        return await _payment(info, id)


async def _payment(info: Info, global_id: str) -> Payment | None:
    """The caller's payment, or None. Bank B lets any of our PSUs read any payment of our
    client, so ownership is checked here: the debtor account must list it for this PSU."""
    loaders = _loaders(info)
    try:
        payment_id = decode_global_id(global_id, "Payment", "B").local_id
        data = await loaders.payments.load(payment_id)
    except (InvalidGlobalId, BankNotFound):
        return None
    owned = await loaders.by_debtor.load(data.debtor_iban)
    if not any(item.payment_id == payment_id for item in owned):
        return None
    return Payment.of(data)


@strawberry.federation.type(keys=["id"], description="An account (owned by accounts).")
class Account:
    id: strawberry.ID
    iban: str | None = strawberry.federation.field(external=True, default=None)
    currency: str = strawberry.federation.field(external=True, default="")

    @classmethod
    def resolve_reference(cls, id: strawberry.ID, **rest: Any) -> Account:
        return cls(id=id, iban=rest.get("iban"), currency=str(rest.get("currency") or ""))

    @strawberry.federation.field(
        requires=["iban currency"],
        description="SEPA payments debited from this account, newest first (EUR accounts only).",
    )
    async def payments(
        self, info: Info, first: int = 20, after: str | None = None
    ) -> Connection[Payment]:
        loaders = _loaders(info)
        iban = self.iban if self.currency == "EUR" else None

        async def fetch(_: str | None) -> BankPage[PaymentData]:
            items = await loaders.by_debtor.load(iban) if iban else []
            return BankPage(items, None)

        slice_ = await page_through(fetch, first, after)
        return Connection(
            edges=[Edge(node=Payment.of(item), cursor=cursor) for item, cursor in slice_.items],
            page_info=PageInfo(has_next_page=slice_.has_next_page, end_cursor=slice_.end_cursor),
        )


@strawberry.input(description="An amount to move.")
class MoneyInput:
    amount: Decimal
    currency: str


@strawberry.input(description="A SEPA credit transfer to initiate.")
class InitiatePaymentInput:
    debtor_iban: str
    creditor_iban: str
    creditor_name: str
    amount: MoneyInput
    remittance_information: str | None = None
    requested_execution_date: date | None = None
    end_to_end_identification: str | None = None


@strawberry.type(description="The bank refused the payment; `code` is the bank's code.")
class PaymentRejected:
    message: str
    code: str
    payment: Payment | None


@strawberry.type(description="The payment can no longer be cancelled.")
class CancellationRefused:
    message: str
    code: str
    payment: Payment | None


InitiatePaymentResult = Annotated[
    Payment | InvalidInput | InsufficientFunds | PaymentRejected,
    strawberry.union("InitiatePaymentResult"),
]
CancelPaymentResult = Annotated[
    Payment | InvalidInput | CancellationRefused, strawberry.union("CancelPaymentResult")
]


async def _follow(loaders: PaymentLoaders, payment_id: str) -> PaymentData:
    """Poll the status a few times so an early rejection (no funds) is reported at once.

    The resource itself carries no `fundsAvailable`; the status endpoint does, so it is kept.
    """
    client, psu = loaders.client, loaders.customer_id
    data = map_payment(await client.get_payment(psu, payment_id))
    funds: bool | None = None
    for _ in range(_SETTLE_POLLS):
        if data.state in (PaymentState.REJECTED, PaymentState.CANCELLED, PaymentState.COMPLETED):
            break
        await asyncio.sleep(0.05)
        _, funds = await client.get_status(psu, payment_id)
        data = replace(
            map_payment(await client.get_payment(psu, payment_id)), funds_available=funds
        )
    if data.state is PaymentState.REJECTED and funds is None:
        _, funds = await client.get_status(psu, payment_id)
        data = replace(data, funds_available=funds)
    return data


@strawberry.type
class Query:
    @strawberry.field(description="One of the caller's payments; null for any other id.")
    async def payment(self, info: Info, id: strawberry.ID) -> Payment | None:
        return await _payment(info, id)


@strawberry.type
class Mutation:
    @strawberry.mutation(
        description="Initiate a SEPA credit transfer; the same idempotencyKey never pays twice."
    )
    async def initiate_payment(
        self, info: Info, input: InitiatePaymentInput, idempotency_key: str
    ) -> InitiatePaymentResult:
        loaders = _loaders(info)
        try:
            order = validate_payment(
                debtor_iban=input.debtor_iban,
                creditor_iban=input.creditor_iban,
                creditor_name=input.creditor_name,
                amount=input.amount.amount,
                currency=input.amount.currency,
                remittance=input.remittance_information,
                requested_execution_date=input.requested_execution_date,
                end_to_end_identification=input.end_to_end_identification,
                now=datetime.now(UTC),
            )
            request_id = bank_key_uuid(loaders.customer_id, idempotency_key, "payments.initiate")
        except InputError as error:
            return InvalidInput(message=str(error), field=error.field)
        except InvalidIdempotencyKey as error:
            return InvalidInput(message=str(error), field="idempotencyKey")
        body = initiation_body(
            debtor_iban=order.debtor_iban,
            creditor_iban=order.creditor_iban,
            creditor_name=order.creditor_name,
            amount=order.amount,
            currency=order.currency,
            remittance=order.remittance,
            requested_execution_date=order.requested_execution_date,
            end_to_end_identification=order.end_to_end_identification,
        )
        try:
            created = await loaders.client.initiate(loaders.customer_id, request_id, body)
        except BankRejected as error:
            if error.code in _INPUT_CODES:
                return InvalidInput(message=error.detail, field=error.field)
            return PaymentRejected(message=error.detail, code=error.code, payment=None)
        data = await _follow(loaders, created.payment_id)
        if data.state is PaymentState.REJECTED:
            if data.funds_available is False:
                return InsufficientFunds(
                    message="the debtor account cannot cover the payment", available=None
                )
            return PaymentRejected(
                message="the bank rejected the payment",
                code=data.status_code,
                payment=Payment.of(data),
            )
        return Payment.of(data)

    @strawberry.mutation(description="Cancel a payment that has not started executing.")
    async def cancel_payment(self, info: Info, id: strawberry.ID) -> CancelPaymentResult:
        loaders = _loaders(info)
        if await _payment(info, id) is None:
            return InvalidInput(message="no such payment", field="id")
        payment_id = decode_global_id(id, "Payment", "B").local_id
        try:
            await loaders.client.cancel(loaders.customer_id, payment_id)
        except BankNotFound:
            return InvalidInput(message="no such payment", field="id")
        except BankRejected as error:
            current = map_payment(await loaders.client.get_payment(loaders.customer_id, payment_id))
            return CancellationRefused(
                message=error.detail, code=error.code, payment=Payment.of(current)
            )
        return Payment.of(
            map_payment(await loaders.client.get_payment(loaders.customer_id, payment_id))
        )


def build_schema() -> strawberry.federation.Schema:
    """The payments subgraph schema (Federation 2)."""
    return strawberry.federation.Schema(
        query=Query,
        mutation=Mutation,
        types=[Account, Payment],
        config=SCHEMA_CONFIG,
        federation_version=FEDERATION_VERSION,
    )
