"""Loan mutations: applyForLoan and repayLoan with typed results and idempotency keys."""

from __future__ import annotations

import asyncio
import enum
from datetime import datetime
from decimal import Decimal
from typing import Annotated, Any

import strawberry
from strawberry.types import Info

from subgraphs.common.errors import BankRejected
from subgraphs.common.idempotency import InvalidIdempotencyKey, bank_key_hex
from subgraphs.common.ids import InvalidGlobalId, decode_global_id, encode_global_id
from subgraphs.common.linked_accounts import account_local_id, check_linked_account
from subgraphs.common.types import (
    InsufficientFunds,
    InvalidInput,
    Money,
)
from subgraphs.common.validation import InputError
from subgraphs.loans.bank_c.mapping import map_application, map_repayment, to_fen
from subgraphs.loans.domain import (
    ApplicationData,
    ApplicationState,
    RepaymentData,
)
from subgraphs.loans.inputs import validate_borrower, validate_card_number, validate_cny_amount
from subgraphs.loans.loaders import LoanLoaders
from subgraphs.loans.types import (
    Loan,
    LoanApplicationStatus,
    context_of,
)

__all__ = ["Mutation"]


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
# Bank C names the offending body field in PARAM_MISSING/PARAM_INVALID messages; the GraphQL
# argument or input field each one comes from.
_FIELDS = {
    "repay_account_id": "fromAccountId",
    "receive_account_id": "receiveAccountId",
    "receive_card_no": "receiveCardNumber",
    "apply_amount": "amount",
    "term_months": "termMonths",
    "repay_method": "repayMethod",
    "product_code": "productCode",
}


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
    receive_account_id: strawberry.ID | None = strawberry.field(
        default=None,
        description="The caller's CNY Account (global id) that receives the money.",
    )
    receive_card_number: str | None = strawberry.field(
        default=None,
        description="A debit card receiving the money; with receiveAccountId, they must agree. "
        "One of the two is required.",
    )


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


def _input_field(error: BankRejected, default: str | None) -> str | None:
    """The GraphQL field a Bank C refusal points at: the idempotency key for a reused `out_*_no`,
    else the first body field its message names (`参数 receive_card_no 不合法: ...`)."""
    if error.code == "OUT_NO_CONFLICT":
        return "idempotencyKey"
    named = [(error.detail.find(name), f) for name, f in _FIELDS.items() if name in error.detail]
    return min(named)[1] if named else default


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
class Mutation:
    @strawberry.mutation(description="Apply for a loan; the same idempotencyKey applies once.")
    async def apply_for_loan(
        self, info: Info, input: LoanApplicationInput, idempotency_key: str
    ) -> LoanApplicationResult:
        customer_id, loaders = context_of(info)
        try:
            amount = validate_cny_amount(input.amount, "amount")
            borrower = validate_borrower(
                input.borrower.name, input.borrower.id_card_number, input.borrower.mobile
            )
            card = input.receive_card_number
            if card is not None:
                validate_card_number(card, "receiveCardNumber")
            account = input.receive_account_id
            if account is not None:
                account = account_local_id(account, "receiveAccountId")
            elif card is None:
                raise InputError("receiveAccountId", "name receiveAccountId or receiveCardNumber")
            out_apply_no = "BG" + bank_key_hex(customer_id, idempotency_key, "loans.apply", 30)
            if account is not None:
                accounts = await loaders.bank_a_accounts()
                check_linked_account(
                    account, "receiveAccountId", "CNY", accounts, "loan disbursements"
                )
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
        }
        if card is not None:
            body["receive_card_no"] = card
        if account is not None:
            body["receive_account_id"] = account
        try:
            created = await loaders.client.apply(body)
            data = await _decided(loaders, created.apply_no)
        except BankRejected as error:
            if error.code in _INPUT_CODES:
                return InvalidInput(message=error.detail, field=_input_field(error, None))
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
        customer_id, loaders = context_of(info)
        try:
            validate_cny_amount(amount, "amount")
            loan_no = decode_global_id(loan_id, "Loan", "C").local_id
            account = account_local_id(from_account_id, "fromAccountId")
            out_repay_no = "BG" + bank_key_hex(customer_id, idempotency_key, "loans.repay", 30)
        except InputError as error:
            return InvalidInput(message=str(error), field=error.field)
        except InvalidGlobalId as error:
            return InvalidInput(message=str(error), field="loanId")
        except InvalidIdempotencyKey as error:
            return InvalidInput(message=str(error), field="idempotencyKey")
        loan, accounts = await asyncio.gather(
            loaders.loans.load(loan_no), loaders.bank_a_accounts()
        )
        if loan is None:
            return InvalidInput(message="no such loan", field="loanId")
        try:
            check_linked_account(account, "fromAccountId", "CNY", accounts, "loan repayments")
        except InputError as error:
            return InvalidInput(message=str(error), field=error.field)
        due = loan.next_installment.amount.amount if loan.next_installment else None
        if loan.overdue_amount is not None and loan.overdue_amount.amount > 0:
            due = loan.overdue_amount.amount
        body = {
            "out_repay_no": out_repay_no,
            "repay_type": "CURRENT" if amount == due else "SETTLE_ALL",
            "amount": to_fen(amount),
            "repay_account_id": account,
        }
        try:
            result = map_repayment(await loaders.client.repay(loan_no, body))
        except BankRejected as error:
            if error.code in ("INSUFFICIENT_BALANCE", "INSUFFICIENT_FUNDS", "BALANCE_NOT_ENOUGH"):
                return InsufficientFunds(message=error.detail, available=None)
            if error.code in _INPUT_CODES:
                return InvalidInput(message=error.detail, field=_input_field(error, "amount"))
            return RepaymentRefused(message=error.detail, code=error.code)
        if result.status == "FAILED":
            # Bank C records a debit the ledger refused (no funds) as a FAILED repayment.
            return InsufficientFunds(
                message="the repayment account could not be debited", available=None
            )
        loaders.forget_loans()
        updated = await loaders.loans.load(loan_no)
        return _repayment(result, Loan.of(updated) if updated is not None else None)
