"""The ISO 20022 status progression of a payment, and its settlement in the ledger.

    RCVD --SCA ok--> ACTC (ACWC if the date was moved) --> ACSP --> ACSC
                             \\--future date--> PDNG --execution date--> ACSP --> ACSC
    RCVD --SCA failed or abandoned--> RJCT;  ACTC/PDNG --funds check fails--> RJCT

A step is taken only when it is *due*: the current status has been reported by a read since
it was set, or `step_seconds` have passed. Executing (-> ACSP) debits the PSU's EUR account
in the same ledger transaction, with idempotency key `bank_b:<paymentId>`; a refusal
(insufficient funds, disabled account) ends in RJCT with `fundsAvailable: false`.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta

from sandbox.bank_b import store
from sandbox.bank_b.calendar import berlin_date
from sandbox.bank_b.store import FINAL, Payment
from sandbox.ledger import InsufficientFunds, LedgerError, LedgerTx


def advance(tx: LedgerTx, payment: Payment, *, step_seconds: float, auto_sca: bool,
            sca_timeout_seconds: int) -> Payment:  # fmt: skip
    """Take every due step of the payment and store the result."""
    now = tx.now()
    current = payment
    while current.status not in FINAL and _due(current, now, step_seconds):
        following = _step(tx, current, now, auto_sca, sca_timeout_seconds)
        if following is None:
            break
        current = following
    if current is not payment:
        store.update(tx, current)
    return current


def finish_sca(tx: LedgerTx, payment: Payment, *, approved: bool) -> Payment:
    """Record the PSU's SCA outcome (the `/sca/{id}` redirect page); no-op once decided."""
    if payment.status != "RCVD" or payment.sca_status != "received":
        return payment
    now = tx.now()
    result = (
        _changed(payment, now, _accepted_status(payment), sca_status="finalised")
        if approved
        else _changed(payment, now, "RJCT", sca_status="failed", psu_message="SCA failed")
    )
    store.update(tx, result)
    return result


def cancel(tx: LedgerTx, payment: Payment) -> Payment:
    """Cancel a payment not yet executed (the caller checked its status)."""
    cancelled = _changed(payment, tx.now(), "CANC")
    store.update(tx, cancelled)
    return cancelled


def mark_seen(tx: LedgerTx, payment: Payment) -> Payment:
    """Note that the current status was reported to the TPP."""
    if payment.status_seen:
        return payment
    seen = replace(payment, status_seen=True)
    store.update(tx, seen)
    return seen


def _due(payment: Payment, now: datetime, step_seconds: float) -> bool:
    elapsed = now - payment.status_changed_at
    return payment.status_seen or elapsed >= timedelta(seconds=step_seconds)


def _step(tx: LedgerTx, p: Payment, now: datetime, auto_sca: bool, timeout: int) -> Payment | None:
    if p.status == "RCVD":
        if auto_sca and p.sca_status == "received":
            return _changed(p, now, _accepted_status(p), sca_status="finalised")
        if now - p.created_at >= timedelta(seconds=timeout):
            return _changed(p, now, "RJCT", sca_status="failed", psu_message="SCA abandoned")
        return None
    if p.status in {"ACTC", "ACWC"}:
        if p.execution_date is not None and p.execution_date > berlin_date(now):
            return _changed(p, now, "PDNG")
        return _execute(tx, p, now)
    if p.status == "PDNG":
        if p.execution_date is not None and p.execution_date > berlin_date(now):
            return None
        return _execute(tx, p, now)
    if p.status == "ACSP":
        return _changed(p, now, "ACSC")
    return None


def _execute(tx: LedgerTx, p: Payment, now: datetime) -> Payment:
    credit = p.creditor_account_id or tx.system_account("world", "EUR")
    document = p.document
    try:
        transfer = tx.transfer(
            debit=p.debtor_account_id,
            credit=credit,
            amount=p.amount,
            currency="EUR",
            kind="sepa_credit_transfer",
            reference=str(document.get("endToEndIdentification") or p.payment_id),
            description=str(document.get("remittanceInformationUnstructured") or "SEPA transfer"),
            idempotency_key=f"bank_b:{p.payment_id}",
            value_date=p.execution_date or berlin_date(now),
            details={"payment_id": p.payment_id, "counterparty_iban": p.creditor_iban,
                     "counterparty_name": document.get("creditorName"), "bank": "B"},
        )  # fmt: skip
    except InsufficientFunds:
        return _changed(p, now, "RJCT", funds_available=False, psu_message="Insufficient funds")
    except LedgerError as exc:
        return _changed(p, now, "RJCT", funds_available=False, psu_message=str(exc)[:500])
    return _changed(p, now, "ACSP", funds_available=True, transfer_id=transfer.id)


def _accepted_status(payment: Payment) -> str:
    return "ACWC" if payment.date_moved else "ACTC"


def _changed(payment: Payment, now: datetime, status: str, **changes: object) -> Payment:
    return replace(payment, status=status, status_changed_at=now, status_seen=False, **changes)  # type: ignore[arg-type]
