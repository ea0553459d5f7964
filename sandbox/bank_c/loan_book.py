"""Bank C loans and repayments in the shared ledger, read and written inside one ``LedgerTx``.

A loan's schedule is never stored: it is rebuilt from the ``loans`` row with
``build_schedule`` and overlaid with ``bank_c_terms`` rows (what was paid, and the interest of
terms rewritten by an early settlement). Tables: see ``store.SCHEMA``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from typing import Any

from sandbox.bank_c.records import Allocation, Loan, Repayment, Term
from sandbox.bank_c.schedule import build_schedule
from sandbox.bank_c.store import format_time, parse_time
from sandbox.ledger import LedgerTx

# loans -----------------------------------------------------------------------------------


def loan(tx: LedgerTx, loan_no: str) -> Loan | None:
    row = tx.execute("SELECT * FROM loans WHERE loan_no = ?", (loan_no,)).fetchone()
    return None if row is None else _loan(tx, row)


def loans_of_borrower(tx: LedgerTx, borrower_id: str, mchid: str) -> list[Loan]:
    """The borrower's loans the partner may see, oldest value date first, ties by
    ``loan_no`` (see ``loan_of_partner``)."""
    rows = tx.execute(
        "SELECT l.* FROM loans l LEFT JOIN bank_c_applications a ON a.apply_no = l.apply_no"
        " WHERE l.borrower_id = ? AND (a.mchid IS NULL OR a.mchid = ?)"
        " ORDER BY l.value_date, l.loan_no",
        (borrower_id, mchid),
    ).fetchall()
    return [_loan(tx, row) for row in rows]


def loan_of_partner(tx: LedgerTx, loan_no: str, mchid: str) -> Loan | None:
    """The loan, unless it came from another partner's application. Seeded loans (no
    application row) belong to every partner: the sandbox world has one."""
    row = tx.execute(
        "SELECT l.* FROM loans l LEFT JOIN bank_c_applications a ON a.apply_no = l.apply_no"
        " WHERE l.loan_no = ? AND (a.mchid IS NULL OR a.mchid = ?)",
        (loan_no, mchid),
    ).fetchone()
    return None if row is None else _loan(tx, row)


def insert_loan(tx: LedgerTx, loan_record: Loan, disbursement_transfer_id: str) -> None:
    tx.execute(
        "INSERT INTO loans (loan_no, apply_no, borrower_id, product_code, principal_fen,"
        " term_months, repay_method, annual_rate_bp, penalty_rate_bp, value_date,"
        " receive_account_id, receive_card_no, disbursement_transfer_id, settled_at, created_at)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, ?)",
        (
            loan_record.loan_no, loan_record.apply_no, loan_record.borrower_id,
            loan_record.product_code, loan_record.principal, loan_record.term_months,
            loan_record.repay_method, loan_record.annual_rate, loan_record.penalty_rate,
            loan_record.value_date.isoformat(), loan_record.account_id,
            loan_record.receive_card_no,
            disbursement_transfer_id, format_time(loan_record.update_time),
        ),
    )  # fmt: skip


def save_loan_terms(tx: LedgerTx, before: Loan, after: Loan) -> None:
    """Persist the terms that changed between ``before`` and ``after``, and ``settle_time``."""
    for old, new in zip(before.terms, after.terms, strict=True):
        if old == new:
            continue
        tx.execute(
            "INSERT OR REPLACE INTO bank_c_terms (loan_no, term_no, interest_fen,"
            " paid_principal_fen, paid_interest_fen, paid_penalty_fen, paid_at)"
            " VALUES (?, ?, ?, ?, ?, ?, ?)",
            (
                after.loan_no, new.installment.term_no, new.installment.interest,
                new.paid_principal, new.paid_interest, new.paid_penalty,
                None if new.paid_time is None else format_time(new.paid_time),
            ),
        )  # fmt: skip
    if after.settle_time is not None and before.settle_time is None:
        tx.execute(
            "UPDATE loans SET settled_at = ? WHERE loan_no = ?",
            (format_time(after.settle_time), after.loan_no),
        )


def _loan(tx: LedgerTx, row: Any) -> Loan:
    value_date = dt.date.fromisoformat(row["value_date"])
    schedule = build_schedule(
        row["principal_fen"],
        row["term_months"],
        row["annual_rate_bp"],
        row["repay_method"],
        value_date,
    )
    state = {
        r["term_no"]: r
        for r in tx.execute("SELECT * FROM bank_c_terms WHERE loan_no = ?", (row["loan_no"],))
    }
    terms = []
    for installment in schedule:
        saved = state.get(installment.term_no)
        if saved is None:
            terms.append(Term(installment))
            continue
        terms.append(
            Term(
                replace(installment, interest=saved["interest_fen"]),
                paid_principal=saved["paid_principal_fen"],
                paid_interest=saved["paid_interest_fen"],
                paid_penalty=saved["paid_penalty_fen"],
                paid_time=parse_time(saved["paid_at"]),
            )
        )
    created = dt.datetime.fromisoformat(row["created_at"])
    settled = parse_time(row["settled_at"])
    paid_times = [term.paid_time for term in terms if term.paid_time is not None]
    return Loan(
        loan_no=row["loan_no"],
        apply_no=row["apply_no"],
        borrower_id=row["borrower_id"],
        product_code=row["product_code"],
        principal=row["principal_fen"],
        term_months=row["term_months"],
        repay_method=row["repay_method"],
        annual_rate=row["annual_rate_bp"],
        penalty_rate=row["penalty_rate_bp"],
        value_date=value_date,
        account_id=row["receive_account_id"],
        receive_card_no=row["receive_card_no"],
        terms=tuple(terms),
        update_time=max([created, *paid_times]),
        settle_time=settled,
    )


# repayments ------------------------------------------------------------------------------


def repayment_by_out_no(tx: LedgerTx, mchid: str, out_repay_no: str) -> Repayment | None:
    row = tx.execute(
        "SELECT * FROM bank_c_repayments WHERE mchid = ? AND out_repay_no = ?",
        (mchid, out_repay_no),
    ).fetchone()
    if row is None:
        return None
    return Repayment(
        repay_no=row["repay_no"],
        mchid=row["mchid"],
        out_repay_no=row["out_repay_no"],
        loan_no=row["loan_no"],
        repay_type=row["repay_type"],
        amount=row["amount_fen"],
        allocation=Allocation(row["penalty_fen"], row["interest_fen"], row["principal_fen"]),
        status=row["status"],
        request=row["request"].encode(),
        repay_time=dt.datetime.fromisoformat(row["repay_time"]),
        account_id=row["account_id"],
        transfer_id=row["transfer_id"],
    )


def insert_repayment(tx: LedgerTx, repayment: Repayment) -> None:
    allocation = repayment.allocation
    tx.execute(
        "INSERT INTO bank_c_repayments (repay_no, mchid, out_repay_no, loan_no, repay_type,"
        " amount_fen, penalty_fen, interest_fen, principal_fen, status, request, transfer_id,"
        " account_id, repay_time) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            repayment.repay_no, repayment.mchid, repayment.out_repay_no, repayment.loan_no,
            repayment.repay_type, repayment.amount, allocation.penalty, allocation.interest,
            allocation.principal, repayment.status, repayment.request.decode(),
            repayment.transfer_id, repayment.account_id, format_time(repayment.repay_time),
        ),
    )  # fmt: skip
