"""Pure mapping from Bank C wire records (fen, bp, yyyyMMdd, Shanghai time) to loan values.

Every function raises BankProtocolError for values outside the dialect (negative fen, unknown
statuses, malformed dates).
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

from subgraphs.common.errors import BankProtocolError
from subgraphs.common.linked_accounts import LinkedAccount
from subgraphs.common.money import MoneyValue, from_minor_units, to_minor_units
from subgraphs.loans.bank_c.wire import (
    CApplication,
    CInstallment,
    CLoan,
    CProduct,
    CRepayment,
    CUserAccount,
)
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

__all__ = [
    "SHANGHAI",
    "basis_points_to_percent",
    "fen",
    "map_application",
    "map_installment",
    "map_loan",
    "map_offer",
    "map_repayment",
    "map_user_account",
    "parse_business_date",
    "parse_timestamp",
    "to_fen",
]

SHANGHAI = ZoneInfo("Asia/Shanghai")
CURRENCY = "CNY"
_LOAN_STATES = {
    "NORMAL": LoanState.ACTIVE,
    "OVERDUE": LoanState.OVERDUE,
    "SETTLED": LoanState.CLOSED,
}


def fen(value: Any, field: str = "amount") -> MoneyValue:
    """Integer fen -> CNY Money (scale 2); negative or non-integer fen is a protocol error."""
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise BankProtocolError("C", f"{field} must be a non-negative integer of fen: {value!r}")
    return from_minor_units(value, CURRENCY)


def _optional_fen(value: Any, field: str) -> MoneyValue | None:
    return None if value is None else fen(value, field)


def to_fen(amount: Decimal) -> int:
    """CNY amount -> integer fen; ValueError if it has more than two decimals."""
    return to_minor_units(amount, CURRENCY)


def basis_points_to_percent(value: Any) -> Decimal:
    """Basis points of an annual rate -> percent (1825 -> 18.25)."""
    if isinstance(value, bool) or not isinstance(value, int):
        raise BankProtocolError("C", f"rate must be integer basis points: {value!r}")
    return Decimal(value).scaleb(-2)


def parse_business_date(text: Any) -> date:
    """`yyyyMMdd` (a Shanghai business date) -> date."""
    if not isinstance(text, str) or len(text) != 8 or not text.isdigit():
        raise BankProtocolError("C", f"bad business date {text!r}")
    try:
        return date(int(text[:4]), int(text[4:6]), int(text[6:]))
    except ValueError as error:
        raise BankProtocolError("C", f"bad business date {text!r}") from error


def _optional_date(text: Any) -> date | None:
    return None if text in (None, "") else parse_business_date(text)


def parse_timestamp(text: Any) -> datetime:
    """`yyyy-MM-dd HH:mm:ss` naive Asia/Shanghai wall-clock -> aware datetime (+08:00)."""
    try:
        naive = datetime.strptime(str(text), "%Y-%m-%d %H:%M:%S")
    except ValueError as error:
        raise BankProtocolError("C", f"bad timestamp {text!r}") from error
    return naive.replace(tzinfo=SHANGHAI)


def _optional_timestamp(text: Any) -> datetime | None:
    return None if text in (None, "") else parse_timestamp(text)


def map_installment(record: CInstallment) -> InstallmentData:
    """One `/repay-plans` term."""
    try:
        state = InstallmentState(record.status) if record.status is not None else None
    except ValueError as error:
        raise BankProtocolError("C", f"unknown installment status {record.status!r}") from error
    return InstallmentData(
        term_number=record.term_no,
        due_date=parse_business_date(record.due_date),
        amount=fen(record.total, "total"),
        principal=fen(record.principal, "principal"),
        interest=fen(record.interest, "interest"),
        penalty=fen(record.penalty, "penalty"),
        paid=fen(record.paid_principal + record.paid_interest + record.paid_penalty, "paid"),
        state=state,
    )


def map_loan(record: CLoan) -> LoanData:
    """A loan summary or detail -> LoanData; the next installment from next_due_* if present."""
    if record.status not in _LOAN_STATES:
        raise BankProtocolError("C", f"unknown loan status {record.status!r}")
    next_installment = None
    if record.next_due_date and record.next_due_amount is not None:
        next_installment = InstallmentData(
            term_number=None,
            due_date=parse_business_date(record.next_due_date),
            amount=fen(record.next_due_amount, "next_due_amount"),
            principal=None,
            interest=None,
            penalty=None,
            paid=None,
            state=None,
        )
    return LoanData(
        loan_no=record.loan_no,
        borrower_id=record.borrower_id,
        product_code=record.product_code,
        principal=fen(record.principal, "principal"),
        outstanding=fen(record.outstanding_principal, "outstanding_principal"),
        annual_rate=basis_points_to_percent(record.annual_rate),
        term_months=record.term_months,
        repay_method=record.repay_method,
        state=_LOAN_STATES[record.status],
        overdue_days=record.overdue_days,
        overdue_amount=_optional_fen(record.overdue_amount, "overdue_amount"),
        risk_class=record.five_level_class,
        value_date=_optional_date(record.value_date),
        maturity_date=_optional_date(record.maturity_date),
        next_installment=next_installment,
        settled_at=_optional_timestamp(record.settle_time),
    )


def map_offer(record: CProduct) -> OfferData:
    """One loan product."""
    return OfferData(
        product_code=record.product_code,
        name=record.product_name,
        min_amount=fen(record.min_amount, "min_amount"),
        max_amount=fen(record.max_amount, "max_amount"),
        terms_months=record.terms,
        repay_methods=record.repay_methods,
        annual_rate_min=basis_points_to_percent(record.annual_rate_min),
        annual_rate_max=basis_points_to_percent(record.annual_rate_max),
        on_sale=record.status == "ON_SALE",
    )


def map_application(record: CApplication) -> ApplicationData:
    """An application and, once decided, its outcome."""
    try:
        state = ApplicationState(record.status)
    except ValueError as error:
        raise BankProtocolError("C", f"unknown application status {record.status!r}") from error
    return ApplicationData(
        apply_no=record.apply_no,
        out_apply_no=record.out_apply_no,
        state=state,
        loan_no=record.loan_no,
        reject_code=record.reject_code,
        reject_reason=record.reject_reason,
        approved_amount=_optional_fen(record.approved_amount, "approved_amount"),
        created_at=_optional_timestamp(record.create_time),
    )


def map_repayment(record: CRepayment) -> RepaymentData:
    """A repayment with its penalty/interest/principal allocation."""
    return RepaymentData(
        repay_no=record.repay_no,
        status=record.status,
        amount=fen(record.amount, "amount"),
        penalty=_optional_fen(record.penalty, "penalty"),
        interest=_optional_fen(record.interest, "interest"),
        principal=_optional_fen(record.principal, "principal"),
        repaid_at=_optional_timestamp(record.repay_time),
    )


def map_user_account(record: CUserAccount) -> LinkedAccount:
    """A user's Bank A account; only `NORMAL` ones can receive or repay a loan."""
    return LinkedAccount(record.account_id, record.currency, record.status == "NORMAL")
