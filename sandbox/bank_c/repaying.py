"""Repayments: the amount due, the ledger debit, and the loan's new state, atomically.

Runs inside the caller's ``LedgerTx``. ``CURRENT`` clears every overdue term, or else the next
unpaid one; ``SETTLE_ALL`` settles early (``loan_state.settle_all``). The ``amount`` must equal
what is due, else ``REPAY_AMOUNT_INVALID`` and nothing changes. A debit the ledger refuses
(insufficient funds, disabled account) is recorded as a ``FAILED`` repayment that moved
nothing; the same ``out_repay_no`` then replays that outcome.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from sandbox.bank_c import formats, loan_book, loan_state
from sandbox.bank_c.errors import invalid, refused
from sandbox.bank_c.inputs import RepaymentRequest
from sandbox.bank_c.lending import customer_cny_account
from sandbox.bank_c.records import Allocation, Loan, Repayment
from sandbox.ledger import LedgerError, LedgerTx


def repay(tx: LedgerTx, mchid: str, req: RepaymentRequest, now: dt.datetime) -> Repayment:
    """Apply a repayment, or return the existing one for a resent ``out_repay_no``."""
    existing = loan_book.repayment_by_out_no(tx, mchid, req.out_repay_no)
    if existing is not None:
        if existing.request != req.fingerprint():
            raise refused("OUT_NO_CONFLICT", f"out_repay_no {req.out_repay_no} 已用于其他还款")
        return existing
    loan = find_loan(tx, req.loan_no, mchid)
    today = formats.business_date(now)
    if loan_state.view_loan(loan, today).status == "SETTLED":
        raise refused("LOAN_SETTLED", "贷款已结清")
    if req.repay_type == "CURRENT":
        after, allocation = loan_state.repay_current(loan, today, now)
    else:
        after, allocation = loan_state.settle_all(loan, today, now)
    if allocation.total != req.amount:
        raise refused("REPAY_AMOUNT_INVALID", f"应还金额为 {allocation.total} 分")
    account_id = _paying_account(tx, loan, req)
    repay_no = formats.bank_no("RP", now)
    transfer_id = _debit(tx, mchid, account_id, loan, req, repay_no, now)
    if transfer_id is None:
        allocation, status = Allocation(0, 0, 0), "FAILED"
    else:
        loan_book.save_loan_terms(tx, loan, after)
        status = "SUCCESS"
    repayment = Repayment(
        repay_no=repay_no,
        mchid=mchid,
        out_repay_no=req.out_repay_no,
        loan_no=loan.loan_no,
        repay_type=req.repay_type,
        amount=req.amount,
        allocation=allocation,
        status=status,
        request=req.fingerprint(),
        repay_time=now,
        account_id=account_id,
        transfer_id=transfer_id,
    )
    loan_book.insert_repayment(tx, repayment)
    return repayment


def find_loan(tx: LedgerTx, loan_no: str, mchid: str) -> Loan:
    """The partner's loan; ``LOAN_NOT_FOUND`` if unknown or another partner's."""
    loan = loan_book.loan_of_partner(tx, loan_no, mchid)
    if loan is None:
        raise refused("LOAN_NOT_FOUND", f"贷款 {loan_no} 不存在")
    return loan


def _paying_account(tx: LedgerTx, loan: Loan, req: RepaymentRequest) -> str:
    """``repay_account_id`` if given (an enabled CNY account of the loan's customer), else the
    loan's receiving account."""
    if req.repay_account_id is None:
        return loan.account_id
    account = customer_cny_account(tx, req.repay_account_id, "repay_account_id")
    if account.customer_id != tx.account(loan.account_id).customer_id:
        raise invalid("repay_account_id", "not an account of the borrower")
    return account.id


def _debit(
    tx: LedgerTx,
    mchid: str,
    account_id: str,
    loan: Loan,
    req: RepaymentRequest,
    repay_no: str,
    now: dt.datetime,
) -> str | None:
    """Move the repayment to Bank C's loan book; None when the ledger refuses the debit."""
    try:
        transfer = tx.transfer(
            debit=account_id,
            credit=tx.system_account("loans", "CNY"),
            amount=Decimal(req.amount).scaleb(-2),
            currency="CNY",
            kind="loan_repayment",
            reference=loan.loan_no,
            description=f"Bank C repayment {repay_no}",
            idempotency_key=f"bank_c:{mchid}:repay:{req.out_repay_no}",
            value_date=formats.business_date(now),
        )
    except LedgerError:
        return None
    return transfer.id
