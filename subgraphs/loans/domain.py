"""Unified loan values served by the loans subgraph."""

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from subgraphs.common.money import MoneyValue

__all__ = [
    "ApplicationData",
    "ApplicationState",
    "InstallmentData",
    "InstallmentState",
    "LoanData",
    "LoanState",
    "OfferData",
    "RepaymentData",
]


class LoanState(enum.Enum):
    ACTIVE = "ACTIVE"
    OVERDUE = "OVERDUE"
    CLOSED = "CLOSED"


class InstallmentState(enum.Enum):
    NOT_DUE = "NOT_DUE"
    PARTIALLY_PAID = "PARTIALLY_PAID"
    PAID = "PAID"
    OVERDUE = "OVERDUE"


class ApplicationState(enum.Enum):
    PROCESSING = "PROCESSING"
    APPROVED = "APPROVED"
    DISBURSED = "DISBURSED"
    DISBURSE_FAILED = "DISBURSE_FAILED"
    REJECTED = "REJECTED"


@dataclass(frozen=True, slots=True)
class InstallmentData:
    """One term of a schedule (or just the next due date and amount from a loan summary)."""

    term_number: int | None
    due_date: date
    amount: MoneyValue
    principal: MoneyValue | None
    interest: MoneyValue | None
    penalty: MoneyValue | None
    paid: MoneyValue | None
    state: InstallmentState | None


@dataclass(frozen=True, slots=True)
class LoanData:
    """One loan; `annual_rate` is a percentage (18.25 = 18.25 % p.a.)."""

    loan_no: str
    borrower_id: str
    product_code: str
    principal: MoneyValue
    outstanding: MoneyValue
    annual_rate: Decimal
    term_months: int
    repay_method: str
    state: LoanState
    overdue_days: int
    overdue_amount: MoneyValue | None
    risk_class: str | None
    value_date: date | None
    maturity_date: date | None
    next_installment: InstallmentData | None
    settled_at: datetime | None


@dataclass(frozen=True, slots=True)
class OfferData:
    """A loan product on sale."""

    product_code: str
    name: str
    min_amount: MoneyValue
    max_amount: MoneyValue
    terms_months: tuple[int, ...]
    repay_methods: tuple[str, ...]
    annual_rate_min: Decimal
    annual_rate_max: Decimal
    on_sale: bool


@dataclass(frozen=True, slots=True)
class ApplicationData:
    """A loan application and, once decided, its outcome."""

    apply_no: str
    out_apply_no: str
    state: ApplicationState
    loan_no: str | None
    reject_code: str | None
    reject_reason: str | None
    approved_amount: MoneyValue | None
    created_at: datetime | None


@dataclass(frozen=True, slots=True)
class RepaymentData:
    """A repayment and how it was allocated."""

    repay_no: str
    status: str
    amount: MoneyValue
    penalty: MoneyValue | None
    interest: MoneyValue | None
    principal: MoneyValue | None
    repaid_at: datetime | None
