"""The loans subgraph schema: Customer.loans, Loan, schedules, applications, repayments (Bank C)."""

from __future__ import annotations

import asyncio
import enum
from collections import defaultdict
from datetime import date, datetime
from decimal import Decimal
from typing import Annotated, Any

import strawberry
from strawberry.types import Info

from subgraphs.common.app import RequestContext
from subgraphs.common.errors import BankNotFound, BankRejected
from subgraphs.common.idempotency import InvalidIdempotencyKey, bank_key_hex
from subgraphs.common.ids import InvalidGlobalId, decode_global_id, encode_global_id
from subgraphs.common.money import money
from subgraphs.common.types import (
    FEDERATION_VERSION,
    SCALAR_OVERRIDES,
    InsufficientFunds,
    InvalidInput,
    Money,
)
from subgraphs.common.validation import InputError
from subgraphs.loans.bank_c.mapping import map_application, map_repayment, to_fen
from subgraphs.loans.domain import (
    ApplicationData,
    ApplicationState,
    InstallmentData,
    InstallmentState,
    LoanData,
    LoanState,
    OfferData,
    RepaymentData,
)
from subgraphs.loans.inputs import validate_borrower, validate_card_number, validate_cny_amount
from subgraphs.loans.loaders import LoanLoaders

__all__ = ["build_schema"]

LoanStatus = strawberry.enum(LoanState, name="LoanStatus")
InstallmentStatus = strawberry.enum(InstallmentState, name="InstallmentStatus")
LoanApplicationStatus = strawberry.enum(ApplicationState, name="LoanApplicationStatus")


@strawberry.enum(description="How a loan is paid back.")
class RepayMethod(enum.Enum):
    EQUAL_INSTALLMENT = "EQUAL_INSTALLMENT"
    EQUAL_PRINCIPAL = "EQUAL_PRINCIPAL"


@strawberry.enum(description="What the money is for.")
class LoanPurpose(enum.Enum):
    WORKING_CAPITAL = "WORKING_CAPITAL"
    AGRICULTURE = "AGRICULTURE"
    EQUIPMENT = "EQUIPMENT"
    CONSUMPTION = "CONSUMPTION"


_APPLICATION_POLLS = 4
# Bank C refusals caused by the request itself.
_INPUT_CODES = {
    "PRODUCT_NOT_FOUND",
    "PRODUCT_OFF_SALE",
    "AMOUNT_OUT_OF_RANGE",
    "TERM_NOT_SUPPORTED",
    "REPAY_METHOD_NOT_SUPPORTED",
    "OUT_NO_CONFLICT",
    "ACTIVE_APPLICATION_EXISTS",
    "REPAY_AMOUNT_INVALID",
    "LOAN_SETTLED",
    "PARAM_MISSING",
    "PARAM_INVALID",
}


def _context(info: Info) -> tuple[str, LoanLoaders]:
    context: RequestContext[LoanLoaders] = info.context
    identity, loaders = context.customer()
    return identity.customer_id, loaders


def _loaders(info: Info) -> LoanLoaders:
    return _context(info)[1]


def customer_global_id(customer_id: str) -> str:
    """The Customer id every subgraph uses for `customer_id`."""
    return encode_global_id("Customer", "bankgraph", customer_id)


@strawberry.interface(description="An object with a global, opaque id.")
class Node:
    id: strawberry.ID


@strawberry.type(description="One repayment term; summary installments carry only date and amount.")
class Installment:
    term_number: int | None
    due_date: date
    amount: Money
    principal: Money | None
    interest: Money | None
    penalty: Money | None
    paid: Money | None
    status: InstallmentStatus | None  # type: ignore[valid-type]

    @classmethod
    def of(cls, data: InstallmentData) -> Installment:
        def opt(value: Any) -> Money | None:
            return Money.of(value) if value is not None else None

        return cls(
            term_number=data.term_number,
            due_date=data.due_date,
            amount=Money.of(data.amount),
            principal=opt(data.principal),
            interest=opt(data.interest),
            penalty=opt(data.penalty),
            paid=opt(data.paid),
            status=data.state,
        )


@strawberry.federation.type(keys=["id"], description="A loan at Bank C.")
class Loan(Node):
    id: strawberry.ID
    product: str
    currency: str
    principal: Money
    outstanding: Money
    annual_rate: Decimal = strawberry.field(description="Percent per year (18.25 = 18.25 %).")
    term_months: int
    repay_method: str
    status: LoanStatus  # type: ignore[valid-type]
    overdue_days: int
    risk_classification: str | None
    value_date: date | None
    maturity_date: date | None
    next_installment: Installment | None
    data: strawberry.Private[LoanData]

    @classmethod
    def of(cls, data: LoanData) -> Loan:
        return cls(
            id=strawberry.ID(encode_global_id("Loan", "C", data.loan_no)),
            product=data.product_code,
            currency=data.principal.currency,
            principal=Money.of(data.principal),
            outstanding=Money.of(data.outstanding),
            annual_rate=data.annual_rate,
            term_months=data.term_months,
            repay_method=data.repay_method,
            status=data.state,
            overdue_days=data.overdue_days,
            risk_classification=data.risk_class,
            value_date=data.value_date,
            maturity_date=data.maturity_date,
            next_installment=Installment.of(data.next_installment)
            if data.next_installment
            else None,
            data=data,
        )

    @classmethod
    async def resolve_reference(cls, info: Info, id: strawberry.ID) -> Loan | None:
        return await _loan(info, id)

    @strawberry.field(description="The full repayment schedule.")
    async def schedule(self, info: Info) -> list[Installment]:
        terms = await _loaders(info).schedules.load(self.data.loan_no)
        return [Installment.of(term) for term in terms]


async def _loan(info: Info, global_id: str) -> Loan | None:
    try:
        loan_no = decode_global_id(global_id, "Loan", "C").local_id
    except InvalidGlobalId:
        return None
    data = await _loaders(info).loans.load(loan_no)
    return Loan.of(data) if data is not None else None


@strawberry.type(description="A loan product the customer can apply for.")
class LoanOffer:
    product_code: str
    name: str
    min_amount: Money
    max_amount: Money
    terms_months: list[int]
    repay_methods: list[str]
    annual_rate_min: Decimal
    annual_rate_max: Decimal

    @classmethod
    def of(cls, data: OfferData) -> LoanOffer:
        return cls(
            product_code=data.product_code,
            name=data.name,
            min_amount=Money.of(data.min_amount),
            max_amount=Money.of(data.max_amount),
            terms_months=list(data.terms_months),
            repay_methods=list(data.repay_methods),
            annual_rate_min=data.annual_rate_min,
            annual_rate_max=data.annual_rate_max,
        )


@strawberry.federation.type(keys=["id"], description="A bank customer (the signed-in user).")
class Customer:
    id: strawberry.ID

    @classmethod
    def resolve_reference(cls, info: Info, id: strawberry.ID) -> Customer:
        customer_id, _ = _context(info)
        if id != customer_global_id(customer_id):
            raise BankNotFound("C", "customer not found")
        return cls(id=id)

    @strawberry.field(description="The customer's loans at Bank C.")
    async def loans(self, info: Info) -> list[Loan]:
        return [Loan.of(data) for data in await _loaders(info).all_loans()]

    @strawberry.field(description="Loan products on sale.")
    async def loan_offers(self, info: Info) -> list[LoanOffer]:
        return [LoanOffer.of(data) for data in await _loaders(info).offers() if data.on_sale]

    @strawberry.field(description="Outstanding principal of open loans, one total per currency.")
    async def total_outstanding(self, info: Info) -> list[Money]:
        totals: dict[str, Decimal] = defaultdict(Decimal)
        for loan in await _loaders(info).all_loans():
            if loan.state is not LoanState.CLOSED:
                totals[loan.outstanding.currency] += loan.outstanding.amount
        return [Money.of(money(totals[c], c)) for c in sorted(totals)]


@strawberry.type(description="A loan application; `loan` is set once disbursed.")
class LoanApplication:
    id: strawberry.ID
    status: LoanApplicationStatus  # type: ignore[valid-type]
    approved_amount: Money | None
    created_at: datetime | None
    loan: Loan | None


@strawberry.type(description="The bank declined the application (a decision, not an error).")
class LoanDeclined:
    message: str
    code: str


@strawberry.type(description="A repayment applied to a loan.")
class Repayment:
    id: strawberry.ID
    status: str
    amount: Money
    penalty: Money | None
    interest: Money | None
    principal: Money | None
    repaid_at: datetime | None
    loan: Loan | None


@strawberry.type(description="The bank refused the repayment.")
class RepaymentRefused:
    message: str
    code: str


@strawberry.input(description="Who is borrowing, as the bank's KYC needs it.")
class BorrowerInput:
    name: str
    id_card_number: str
    mobile: str


@strawberry.input(description="A loan application.")
class LoanApplicationInput:
    product_code: str
    amount: Decimal
    term_months: int
    repay_method: RepayMethod
    purpose: LoanPurpose
    borrower: BorrowerInput
    receive_card_number: str


LoanApplicationResult = Annotated[
    LoanApplication | InvalidInput | LoanDeclined, strawberry.union("LoanApplicationResult")
]
RepaymentResult = Annotated[
    Repayment | InvalidInput | InsufficientFunds | RepaymentRefused,
    strawberry.union("RepaymentResult"),
]


async def _decided(loaders: LoanLoaders, apply_no: str) -> ApplicationData:
    """Query the application until it leaves PROCESSING (bounded; Bank C decides at once)."""
    data = map_application(await loaders.client.application(apply_no))
    for _ in range(_APPLICATION_POLLS):
        if data.state is not ApplicationState.PROCESSING:
            break
        await asyncio.sleep(0.05)
        data = map_application(await loaders.client.application(apply_no))
    return data


def _repayment(data: RepaymentData, loan: Loan | None) -> Repayment:
    def opt(value: Any) -> Money | None:
        return Money.of(value) if value is not None else None

    return Repayment(
        id=strawberry.ID(encode_global_id("Repayment", "C", data.repay_no)),
        status=data.status,
        amount=Money.of(data.amount),
        penalty=opt(data.penalty),
        interest=opt(data.interest),
        principal=opt(data.principal),
        repaid_at=data.repaid_at,
        loan=loan,
    )


@strawberry.type
class Query:
    @strawberry.field(description="One of the caller's loans; null for any other id.")
    async def loan(self, info: Info, id: strawberry.ID) -> Loan | None:
        return await _loan(info, id)


@strawberry.type
class Mutation:
    @strawberry.mutation(description="Apply for a loan; the same idempotencyKey applies once.")
    async def apply_for_loan(
        self, info: Info, input: LoanApplicationInput, idempotency_key: str
    ) -> LoanApplicationResult:
        customer_id, loaders = _context(info)
        try:
            amount = validate_cny_amount(input.amount, "amount")
            borrower = validate_borrower(
                input.borrower.name, input.borrower.id_card_number, input.borrower.mobile
            )
            card = validate_card_number(input.receive_card_number, "receiveCardNumber")
            out_apply_no = "BG" + bank_key_hex(customer_id, idempotency_key, "loans.apply", 30)
        except InputError as error:
            return InvalidInput(message=str(error), field=error.field)
        except InvalidIdempotencyKey as error:
            return InvalidInput(message=str(error), field="idempotencyKey")
        body = {
            "out_apply_no": out_apply_no,
            "out_user_id": customer_id,
            "product_code": input.product_code,
            "apply_amount": to_fen(amount),
            "term_months": input.term_months,
            "repay_method": input.repay_method.value,
            "loan_purpose": input.purpose.value,
            "borrower": {
                "name": borrower.name,
                "id_card_no": borrower.id_card_no,
                "mobile": borrower.mobile,
            },
            "receive_card_no": card,
        }
        try:
            created = await loaders.client.apply(body)
            data = await _decided(loaders, str(created["apply_no"]))
        except BankRejected as error:
            if error.code in _INPUT_CODES:
                return InvalidInput(message=error.detail, field=None)
            raise
        if data.state is ApplicationState.REJECTED:
            return LoanDeclined(
                message=data.reject_reason or "application declined", code=data.reject_code or ""
            )
        loaders.forget_loans()
        loan = await loaders.loans.load(data.loan_no) if data.loan_no else None
        return LoanApplication(
            id=strawberry.ID(encode_global_id("LoanApplication", "C", data.apply_no)),
            status=data.state,
            approved_amount=Money.of(data.approved_amount) if data.approved_amount else None,
            created_at=data.created_at,
            loan=Loan.of(loan) if loan is not None else None,
        )

    @strawberry.mutation(
        description="Repay a loan (the amount due, or everything to settle early); "
        "the same idempotencyKey repays once."
    )
    async def repay_loan(
        self,
        info: Info,
        loan_id: strawberry.ID,
        amount: Decimal,
        from_account_id: strawberry.ID,
        idempotency_key: str,
    ) -> RepaymentResult:
        customer_id, loaders = _context(info)
        try:
            validate_cny_amount(amount, "amount")
            loan_no = decode_global_id(loan_id, "Loan", "C").local_id
            decode_global_id(from_account_id, "Account", "A")
            out_repay_no = "BG" + bank_key_hex(customer_id, idempotency_key, "loans.repay", 30)
        except InputError as error:
            return InvalidInput(message=str(error), field=error.field)
        except InvalidGlobalId as error:
            return InvalidInput(message=str(error), field="loanId/fromAccountId")
        except InvalidIdempotencyKey as error:
            return InvalidInput(message=str(error), field="idempotencyKey")
        loan = await loaders.loans.load(loan_no)
        if loan is None:
            return InvalidInput(message="no such loan", field="loanId")
        due = loan.next_installment.amount.amount if loan.next_installment else None
        if loan.overdue_amount is not None and loan.overdue_amount.amount > 0:
            due = loan.overdue_amount.amount
        body = {
            "out_repay_no": out_repay_no,
            "repay_type": "CURRENT" if amount == due else "SETTLE_ALL",
            "amount": to_fen(amount),
        }
        try:
            result = map_repayment(await loaders.client.repay(loan_no, body))
        except BankRejected as error:
            if error.code in ("INSUFFICIENT_BALANCE", "INSUFFICIENT_FUNDS", "BALANCE_NOT_ENOUGH"):
                return InsufficientFunds(message=error.detail, available=None)
            if error.code in _INPUT_CODES:
                return InvalidInput(message=error.detail, field="amount")
            return RepaymentRefused(message=error.detail, code=error.code)
        if result.status == "FAILED":
            # Bank C records a debit the ledger refused (no funds) as a FAILED repayment.
            return InsufficientFunds(
                message="the repayment account could not be debited", available=None
            )
        loaders.forget_loans()
        updated = await loaders.loans.load(loan_no)
        return _repayment(result, Loan.of(updated) if updated is not None else None)


def build_schema() -> strawberry.federation.Schema:
    """The loans subgraph schema (Federation 2)."""
    return strawberry.federation.Schema(
        query=Query,
        mutation=Mutation,
        types=[Customer, Loan],
        scalar_overrides=SCALAR_OVERRIDES,
        federation_version=FEDERATION_VERSION,
    )
