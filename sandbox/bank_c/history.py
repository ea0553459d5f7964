"""Back-filled repayment history for seeded loans.

A loan the seed books with a value date in the past would show every past term as overdue.
``repay_due_terms`` repays, on each due date at 10:00 Shanghai time, every unpaid term due on
or before ``until``, with real ledger debits from the loan's account, exactly as ``CURRENT``
repayments through the API would have. It needs Bank C's tables: run
``ledger.ensure_schema(sandbox.bank_c.SCHEMA)`` first.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from sandbox.bank_c import formats, loan_book, loan_state
from sandbox.bank_c.records import Repayment
from sandbox.ledger import InsufficientFunds, LedgerTx

REPAID_AT = dt.time(10, 0)


def repay_due_terms(tx: LedgerTx, mchid: str, loan_no: str, until: dt.date) -> int:
    """Repay the loan's terms due by ``until`` in order; return how many were repaid.

    Stops at the first term the account cannot pay (that term and later ones stay unpaid and
    become overdue). Raises ``KeyError`` for an unknown loan.
    """
    loan = loan_book.loan(tx, loan_no)
    if loan is None:
        raise KeyError(loan_no)
    repaid = 0
    for term in loan.terms:
        due = term.installment.due_date
        if due > until:
            break
        if term.is_paid:
            continue
        moment = dt.datetime.combine(due, REPAID_AT, formats.SHANGHAI).astimezone(dt.UTC)
        after, allocation = loan_state.repay_current(loan, due, moment)
        out_repay_no = f"SEED-{loan_no[-16:]}-{term.installment.term_no:02d}"
        try:
            transfer = tx.transfer(
                debit=loan.account_id,
                credit=tx.system_account("loans", "CNY"),
                amount=Decimal(allocation.total).scaleb(-2),
                currency="CNY",
                kind="loan_repayment",
                reference=loan_no,
                description=f"Bank C repayment {out_repay_no}",
                idempotency_key=f"bank_c:{mchid}:repay:{out_repay_no}",
                booked_at=moment,
                value_date=due,
            )
        except InsufficientFunds:
            break
        loan_book.save_loan_terms(tx, loan, after)
        loan_book.insert_repayment(
            tx,
            Repayment(
                repay_no=formats.bank_no("RP", moment),
                mchid=mchid,
                out_repay_no=out_repay_no,
                loan_no=loan_no,
                repay_type="CURRENT",
                amount=allocation.total,
                allocation=allocation,
                status="SUCCESS",
                request=b"{}",
                repay_time=moment,
                account_id=loan.account_id,
                transfer_id=transfer.id,
            ),
        )
        loan, repaid = after, repaid + 1
    return repaid
