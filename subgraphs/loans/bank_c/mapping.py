"""Pure mapping from Bank C wire records (fen, bp, yyyyMMdd, Shanghai time) to loan values.

Bank C records arrive as the decoded `data` objects of its envelope; these functions read them
directly and raise BankProtocolError for values outside the dialect.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

from subgraphs.common.errors import BankProtocolError
from subgraphs.common.money import MoneyValue, from_minor_units, to_minor_units
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


def _require(record: Any, key: str) -> Any:
    if not isinstance(record, dict) or record.get(key) is None:
        raise BankProtocolError("C", f"missing field {key}")
    return record[key]


def map_installment(record: dict[str, Any]) -> InstallmentData:
    """One `/repay-plans` item."""
    paid = sum(int(record.get(k) or 0) for k in ("paid_principal", "paid_interest", "paid_penalty"))
    status = record.get("status")
    try:
        state = InstallmentState(status) if status is not None else None
    except ValueError as error:
        raise BankProtocolError("C", f"unknown installment status {status!r}") from error
    return InstallmentData(
        term_number=int(_require(record, "term_no")),
        due_date=parse_business_date(_require(record, "due_date")),
        amount=fen(_require(record, "total"), "total"),
        principal=fen(_require(record, "principal"), "principal"),
        interest=fen(_require(record, "interest"), "interest"),
        penalty=fen(record.get("penalty") or 0, "penalty"),
        paid=fen(paid, "paid"),
        state=state,
    )


def map_loan(record: dict[str, Any]) -> LoanData:
    """A loan summary or detail -> LoanData; the next installment from next_due_* if present."""
    status = _require(record, "status")
    if status not in _LOAN_STATES:
        raise BankProtocolError("C", f"unknown loan status {status!r}")
    next_due = record.get("next_due_date")
    next_installment = None
    if next_due and record.get("next_due_amount") is not None:
        next_installment = InstallmentData(
            term_number=None,
            due_date=parse_business_date(next_due),
            amount=fen(record["next_due_amount"], "next_due_amount"),
            principal=None,
            interest=None,
            penalty=None,
            paid=None,
            state=None,
        )
    return LoanData(
        loan_no=str(_require(record, "loan_no")),
        borrower_id=str(_require(record, "borrower_id")),
        product_code=str(_require(record, "product_code")),
        principal=fen(_require(record, "principal"), "principal"),
        outstanding=fen(_require(record, "outstanding_principal"), "outstanding_principal"),
        annual_rate=basis_points_to_percent(_require(record, "annual_rate")),
        term_months=int(_require(record, "term_months")),
        repay_method=str(record.get("repay_method") or ""),
        state=_LOAN_STATES[status],
        overdue_days=int(record.get("overdue_days") or 0),
        overdue_amount=_optional_fen(record.get("overdue_amount"), "overdue_amount"),
        risk_class=record.get("five_level_class"),
        value_date=_optional_date(record.get("value_date")),
        maturity_date=_optional_date(record.get("maturity_date")),
        next_installment=next_installment,
        settled_at=_optional_timestamp(record.get("settle_time")),
    )


def map_offer(record: dict[str, Any]) -> OfferData:
    """One `/loan/products` item."""
    return OfferData(
        product_code=str(_require(record, "product_code")),
        name=str(record.get("product_name") or record["product_code"]),
        min_amount=fen(_require(record, "min_amount"), "min_amount"),
        max_amount=fen(_require(record, "max_amount"), "max_amount"),
        terms_months=tuple(int(t) for t in record.get("terms") or []),
        repay_methods=tuple(str(m) for m in record.get("repay_methods") or []),
        annual_rate_min=basis_points_to_percent(_require(record, "annual_rate_min")),
        annual_rate_max=basis_points_to_percent(_require(record, "annual_rate_max")),
        on_sale=record.get("status") == "ON_SALE",
    )


def map_application(record: dict[str, Any]) -> ApplicationData:
    """An application record (with its `decision` once decided)."""
    status = _require(record, "status")
    try:
        state = ApplicationState(status)
    except ValueError as error:
        raise BankProtocolError("C", f"unknown application status {status!r}") from error
    decision = record.get("decision") or {}
    return ApplicationData(
        apply_no=str(_require(record, "apply_no")),
        out_apply_no=str(record.get("out_apply_no") or ""),
        state=state,
        loan_no=record.get("loan_no") or None,
        reject_code=decision.get("reject_code"),
        reject_reason=decision.get("reject_reason"),
        approved_amount=_optional_fen(decision.get("approved_amount"), "approved_amount"),
        created_at=_optional_timestamp(record.get("create_time")),
    )


def map_repayment(record: dict[str, Any]) -> RepaymentData:
    """A repayment result with its penalty/interest/principal allocation."""
    allocation = record.get("allocation") or {}
    return RepaymentData(
        repay_no=str(_require(record, "repay_no")),
        status=str(_require(record, "status")),
        amount=fen(_require(record, "amount"), "amount"),
        penalty=_optional_fen(allocation.get("penalty"), "penalty"),
        interest=_optional_fen(allocation.get("interest"), "interest"),
        principal=_optional_fen(allocation.get("principal"), "principal"),
        repaid_at=_optional_timestamp(record.get("repay_time")),
    )
