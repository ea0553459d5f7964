"""Bank C wire shapes (the `data` of its envelopes) as dataclasses.

`parse_*` take decoded JSON objects and check presence and JSON types only (units stay as sent:
fen integers, basis points, `yyyyMMdd`, Shanghai wall-clock strings); they raise
BankProtocolError for a record the dialect does not allow.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from subgraphs.common.errors import BankProtocolError

__all__ = [
    "CApplication",
    "CInstallment",
    "CLoan",
    "CProduct",
    "CRepayment",
    "CUserAccount",
    "parse_application",
    "parse_installment",
    "parse_loan",
    "parse_product",
    "parse_repayment",
    "parse_user_account",
]


@dataclass(frozen=True, slots=True)
class CLoan:
    loan_no: str
    borrower_id: str
    product_code: str
    principal: int
    outstanding_principal: int
    annual_rate: int
    term_months: int
    repay_method: str
    status: str
    overdue_days: int
    overdue_amount: int | None
    five_level_class: str | None
    value_date: str | None
    maturity_date: str | None
    next_due_date: str | None
    next_due_amount: int | None
    settle_time: str | None


@dataclass(frozen=True, slots=True)
class CInstallment:
    term_no: int
    due_date: str
    principal: int
    interest: int
    penalty: int
    total: int
    paid_principal: int
    paid_interest: int
    paid_penalty: int
    status: str | None


@dataclass(frozen=True, slots=True)
class CProduct:
    product_code: str
    product_name: str
    min_amount: int
    max_amount: int
    terms: tuple[int, ...]
    repay_methods: tuple[str, ...]
    annual_rate_min: int
    annual_rate_max: int
    status: str


@dataclass(frozen=True, slots=True)
class CApplication:
    apply_no: str
    out_apply_no: str
    status: str
    loan_no: str | None
    approved_amount: int | None
    reject_code: str | None
    reject_reason: str | None
    create_time: str | None


@dataclass(frozen=True, slots=True)
class CRepayment:
    repay_no: str
    status: str
    amount: int
    penalty: int | None
    interest: int | None
    principal: int | None
    repay_time: str | None


@dataclass(frozen=True, slots=True)
class CUserAccount:
    """[Sandbox] a partner user's Bank A account (`/users/accounts` item)."""

    account_id: str
    currency: str
    status: str


def _object(record: Any) -> dict[str, Any]:
    if not isinstance(record, dict):
        raise BankProtocolError("C", "record is not an object")
    return record


def _int(record: dict[str, Any], key: str, default: int | None = None) -> int:
    value = record.get(key, default)
    if isinstance(value, bool) or not isinstance(value, int):
        raise BankProtocolError("C", f"{key} must be an integer, got {value!r}")
    return value


def _opt_int(record: dict[str, Any], key: str) -> int | None:
    return None if record.get(key) is None else _int(record, key)


def _str(record: dict[str, Any], key: str) -> str:
    value = record.get(key)
    if not isinstance(value, str) or not value:
        raise BankProtocolError("C", f"missing field {key}")
    return value


def _opt_str(record: dict[str, Any], key: str) -> str | None:
    value = record.get(key)
    return value if isinstance(value, str) and value else None


def parse_loan(raw: Any) -> CLoan:
    """A loan summary (`/loans` item) or detail (`/loans/{loan_no}`)."""
    r = _object(raw)
    return CLoan(
        loan_no=_str(r, "loan_no"),
        borrower_id=_str(r, "borrower_id"),
        product_code=_str(r, "product_code"),
        principal=_int(r, "principal"),
        outstanding_principal=_int(r, "outstanding_principal"),
        annual_rate=_int(r, "annual_rate"),
        term_months=_int(r, "term_months"),
        repay_method=_opt_str(r, "repay_method") or "",
        status=_str(r, "status"),
        overdue_days=_int(r, "overdue_days", 0),
        overdue_amount=_opt_int(r, "overdue_amount"),
        five_level_class=_opt_str(r, "five_level_class"),
        value_date=_opt_str(r, "value_date"),
        maturity_date=_opt_str(r, "maturity_date"),
        next_due_date=_opt_str(r, "next_due_date"),
        next_due_amount=_opt_int(r, "next_due_amount"),
        settle_time=_opt_str(r, "settle_time"),
    )


def parse_installment(raw: Any) -> CInstallment:
    """One `/repay-plans` item."""
    r = _object(raw)
    return CInstallment(
        term_no=_int(r, "term_no"),
        due_date=_str(r, "due_date"),
        principal=_int(r, "principal"),
        interest=_int(r, "interest"),
        penalty=_int(r, "penalty", 0),
        total=_int(r, "total"),
        paid_principal=_int(r, "paid_principal", 0),
        paid_interest=_int(r, "paid_interest", 0),
        paid_penalty=_int(r, "paid_penalty", 0),
        status=_opt_str(r, "status"),
    )


def parse_product(raw: Any) -> CProduct:
    """One `/loan/products` item."""
    r = _object(raw)
    terms = r.get("terms") or []
    methods = r.get("repay_methods") or []
    if not isinstance(terms, list) or not all(isinstance(t, int) for t in terms):
        raise BankProtocolError("C", "terms must be a list of integers")
    return CProduct(
        product_code=_str(r, "product_code"),
        product_name=_opt_str(r, "product_name") or _str(r, "product_code"),
        min_amount=_int(r, "min_amount"),
        max_amount=_int(r, "max_amount"),
        terms=tuple(terms),
        repay_methods=tuple(str(m) for m in methods),
        annual_rate_min=_int(r, "annual_rate_min"),
        annual_rate_max=_int(r, "annual_rate_max"),
        status=_opt_str(r, "status") or "ON_SALE",
    )


def parse_application(raw: Any) -> CApplication:
    """An application (creation response or query), with its `decision` once decided."""
    r = _object(raw)
    decision = r.get("decision") or {}
    if not isinstance(decision, dict):
        raise BankProtocolError("C", "decision is not an object")
    return CApplication(
        apply_no=_str(r, "apply_no"),
        out_apply_no=_opt_str(r, "out_apply_no") or "",
        status=_str(r, "status"),
        loan_no=_opt_str(r, "loan_no"),
        approved_amount=_opt_int(decision, "approved_amount"),
        reject_code=_opt_str(decision, "reject_code"),
        reject_reason=_opt_str(decision, "reject_reason"),
        create_time=_opt_str(r, "create_time"),
    )


def parse_repayment(raw: Any) -> CRepayment:
    """A repayment result and its allocation."""
    r = _object(raw)
    allocation = r.get("allocation") or {}
    if not isinstance(allocation, dict):
        raise BankProtocolError("C", "allocation is not an object")
    return CRepayment(
        repay_no=_str(r, "repay_no"),
        status=_str(r, "status"),
        amount=_int(r, "amount"),
        penalty=_opt_int(allocation, "penalty"),
        interest=_opt_int(allocation, "interest"),
        principal=_opt_int(allocation, "principal"),
        repay_time=_opt_str(r, "repay_time"),
    )


def parse_user_account(raw: Any) -> CUserAccount:
    """A `/users/accounts` list item."""
    record = _object(raw)
    return CUserAccount(
        account_id=_str(record, "account_id"),
        currency=_str(record, "currency"),
        status=_str(record, "status"),
    )
