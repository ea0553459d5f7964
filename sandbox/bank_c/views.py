"""Bank C JSON shapes (snake_case, fen, ``yyyyMMdd`` dates, Shanghai timestamps).

Pure functions from records to the ``data`` member of the envelope.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sandbox.bank_c import formats
from sandbox.bank_c.loan_state import LoanView, TermView, view_loan
from sandbox.bank_c.records import Application, Borrower, Loan, Product, Repayment
from sandbox.ledger import Account


def product(item: Product) -> dict[str, Any]:
    return {
        "product_code": item.product_code,
        "product_name": item.product_name,
        "min_amount": item.min_amount,
        "max_amount": item.max_amount,
        "terms": list(item.terms),
        "repay_methods": list(item.repay_methods),
        "annual_rate_min": item.annual_rate_min,
        "annual_rate_max": item.annual_rate_max,
        "penalty_rate": item.penalty_rate,
        "status": item.status,
    }


def page(items: list[dict[str, Any]], page_no: int, page_size: int) -> dict[str, Any]:
    """Slice ``items`` to one page; past the end gives an empty ``list``."""
    start = (page_no - 1) * page_size
    return {
        "page_no": page_no,
        "page_size": page_size,
        "total_count": len(items),
        "list": items[start : start + page_size],
    }


def application_created(app: Application) -> dict[str, Any]:
    return {
        "apply_no": app.apply_no,
        "out_apply_no": app.out_apply_no,
        "borrower_id": app.borrower_id,
        "status": app.status,
        "create_time": formats.timestamp(app.create_time),
    }


def application(app: Application) -> dict[str, Any]:
    data: dict[str, Any] = {
        "apply_no": app.apply_no,
        "out_apply_no": app.out_apply_no,
        "borrower_id": app.borrower_id,
        "product_code": app.product_code,
        "apply_amount": app.apply_amount,
        "term_months": app.term_months,
        "repay_method": app.repay_method,
        "status": app.status,
        "loan_no": app.loan_no,
        "create_time": formats.timestamp(app.create_time),
        "update_time": formats.timestamp(app.update_time),
    }
    if app.decision is not None:
        decision = app.decision
        data["decision"] = {
            "result": decision.result,
            "approved_amount": decision.approved_amount,
            "approved_term_months": decision.approved_term_months,
            "annual_rate": decision.annual_rate,
            "reject_code": decision.reject_code,
            "reject_reason": decision.reject_reason,
            "decision_time": formats.timestamp(decision.decision_time),
        }
    return data


def loan_summary(loan: Loan, today: dt.date) -> dict[str, Any]:
    """The loan fields of ``GET /loans/{loan_no}``, derived on ``today``."""
    state: LoanView = view_loan(loan, today)
    return {
        "loan_no": loan.loan_no,
        "apply_no": loan.apply_no,
        "borrower_id": loan.borrower_id,
        "product_code": loan.product_code,
        "principal": loan.principal,
        "term_months": loan.term_months,
        "repay_method": loan.repay_method,
        "annual_rate": loan.annual_rate,
        "penalty_rate": loan.penalty_rate,
        "value_date": formats.date(loan.value_date),
        "maturity_date": formats.date(loan.maturity_date),
        "status": state.status,
        "outstanding_principal": state.outstanding_principal,
        "overdue_days": state.overdue_days,
        "overdue_amount": state.overdue_amount,
        "five_level_class": state.five_level_class,
        "next_due_date": formats.date(state.next_due_date),
        "next_due_amount": state.next_due_amount,
        "settle_time": formats.timestamp(loan.settle_time),
        "update_time": formats.timestamp(loan.update_time),
        "receive_card_no": formats.mask_card(loan.receive_card_no),
        "receive_account_id": loan.account_id,
    }


def repay_plans(loan: Loan, today: dt.date) -> dict[str, Any]:
    return {"list": [_term(term) for term in view_loan(loan, today).terms]}


def _term(view: TermView) -> dict[str, Any]:
    term, installment = view.term, view.term.installment
    return {
        "term_no": installment.term_no,
        "due_date": formats.date(installment.due_date),
        "principal": installment.principal,
        "interest": installment.interest,
        "penalty": view.penalty,
        "total": installment.principal + installment.interest + view.penalty,
        "paid_principal": term.paid_principal,
        "paid_interest": term.paid_interest,
        "paid_penalty": term.paid_penalty,
        "status": view.status,
        "overdue_days": view.overdue_days,
        "paid_time": formats.timestamp(term.paid_time),
    }


def repayment(item: Repayment) -> dict[str, Any]:
    return {
        "repay_no": item.repay_no,
        "out_repay_no": item.out_repay_no,
        "loan_no": item.loan_no,
        "repay_type": item.repay_type,
        "status": item.status,
        "amount": item.amount,
        "allocation": {
            "penalty": item.allocation.penalty,
            "interest": item.allocation.interest,
            "principal": item.allocation.principal,
        },
        "repay_time": formats.timestamp(item.repay_time),
        "repay_account_id": item.account_id,
    }


def borrower(item: Borrower) -> dict[str, Any]:
    return {
        "borrower_id": item.borrower_id,
        "out_user_id": item.out_user_id,
        "name": item.name,
        "id_card_no": formats.mask_id_card(item.id_card_no),
        "mobile": formats.mask_mobile(item.mobile),
        "create_time": formats.timestamp(item.create_time),
    }


def user_account(account: Account) -> dict[str, Any]:
    """[Sandbox] A Bank A account of a partner user; only an enabled CNY account (``status``
    ``NORMAL``) can receive a loan or pay one back."""
    return {
        "account_id": account.id,
        "currency": account.currency,
        "status": "NORMAL" if account.status == "Enabled" else "FROZEN",
        "card_no": formats.mask_card(account.card_number) if account.card_number else None,
    }
