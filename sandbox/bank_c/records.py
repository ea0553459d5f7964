"""Bank C's records: products, borrowers, applications, loans with their terms, repayments.

Frozen values; a change produces a new value (``dataclasses.replace``) that the store saves.
Amounts are integer fen, rates basis points, timestamps aware UTC datetimes.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sandbox.bank_c.schedule import Installment


@dataclass(frozen=True, slots=True)
class Product:
    """A loan product from the ledger's ``loan_products`` catalogue."""

    product_code: str
    product_name: str
    min_amount: int
    max_amount: int
    terms: tuple[int, ...]
    repay_methods: tuple[str, ...]
    annual_rate_min: int
    annual_rate_max: int
    penalty_rate: int
    status: str


@dataclass(frozen=True, slots=True)
class Borrower:
    """A borrower; ``out_user_id`` is the sandbox customer id it is bound to, if known."""

    borrower_id: str
    name: str
    id_card_no: str
    mobile: str
    out_user_id: str | None
    create_time: dt.datetime


@dataclass(frozen=True, slots=True)
class Decision:
    """The credit decision on an application."""

    result: str
    approved_amount: int | None
    approved_term_months: int | None
    annual_rate: int | None
    reject_code: str | None
    reject_reason: str | None
    decision_time: dt.datetime


@dataclass(frozen=True, slots=True)
class Application:
    """A loan application; ``request`` is the canonical business fields, kept for idempotency."""

    apply_no: str
    mchid: str
    out_apply_no: str
    borrower_id: str
    product_code: str
    apply_amount: int
    term_months: int
    repay_method: str
    loan_purpose: str
    receive_card_no: str
    receive_account_id: str
    status: str
    request: bytes
    create_time: dt.datetime
    update_time: dt.datetime
    queries: int = 0
    decision: Decision | None = None
    loan_no: str | None = None


@dataclass(frozen=True, slots=True)
class Term:
    """One installment and what has been paid against it."""

    installment: Installment
    paid_principal: int = 0
    paid_interest: int = 0
    paid_penalty: int = 0
    paid_time: dt.datetime | None = None

    @property
    def unpaid_principal(self) -> int:
        return self.installment.principal - self.paid_principal

    @property
    def unpaid_interest(self) -> int:
        return self.installment.interest - self.paid_interest

    @property
    def is_paid(self) -> bool:
        return self.unpaid_principal == 0 and self.unpaid_interest == 0


@dataclass(frozen=True, slots=True)
class Loan:
    """A disbursed loan, repaid from and disbursed to the ledger account ``account_id``."""

    loan_no: str
    apply_no: str
    borrower_id: str
    product_code: str
    principal: int
    term_months: int
    repay_method: str
    annual_rate: int
    penalty_rate: int
    value_date: dt.date
    account_id: str
    receive_card_no: str
    terms: tuple[Term, ...]
    update_time: dt.datetime
    settle_time: dt.datetime | None = None

    @property
    def maturity_date(self) -> dt.date:
        return self.terms[-1].installment.due_date


@dataclass(frozen=True, slots=True)
class Allocation:
    """How a repayment was applied, in fen."""

    penalty: int
    interest: int
    principal: int

    @property
    def total(self) -> int:
        return self.penalty + self.interest + self.principal


@dataclass(frozen=True, slots=True)
class Repayment:
    """A repayment; ``request`` is the canonical business fields, kept for idempotency."""

    repay_no: str
    mchid: str
    out_repay_no: str
    loan_no: str
    repay_type: str
    amount: int
    allocation: Allocation
    status: str
    request: bytes
    repay_time: dt.datetime
    account_id: str
    transfer_id: str | None = None
