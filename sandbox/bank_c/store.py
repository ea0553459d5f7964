"""Bank C rows in the shared ledger: read and write records inside one ``LedgerTx``.

Products, borrowers and loans live in the ledger's catalogue tables (written by the seed and
by disbursements). Bank C adds ``SCHEMA``: applications, per-term repayment state and
repayments. A loan's schedule is never stored: it is rebuilt from the loan row with
``build_schedule`` and overlaid with ``bank_c_terms`` rows (what was paid, and the interest
of terms rewritten by an early settlement).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from typing import Any

import orjson

from sandbox.bank_c.records import (
    Allocation,
    Application,
    Borrower,
    Decision,
    Loan,
    Product,
    Repayment,
    Term,
)
from sandbox.bank_c.schedule import build_schedule
from sandbox.ledger import LedgerTx

SCHEMA = """
CREATE TABLE IF NOT EXISTS bank_c_applications (
    apply_no TEXT PRIMARY KEY,
    mchid TEXT NOT NULL,
    out_apply_no TEXT NOT NULL,
    borrower_id TEXT NOT NULL REFERENCES borrowers(borrower_id),
    product_code TEXT NOT NULL,
    apply_amount_fen INTEGER NOT NULL CHECK (apply_amount_fen > 0),
    term_months INTEGER NOT NULL,
    repay_method TEXT NOT NULL,
    loan_purpose TEXT NOT NULL,
    receive_card_no TEXT NOT NULL,
    receive_account_id TEXT NOT NULL REFERENCES accounts(id),
    status TEXT NOT NULL,
    request TEXT NOT NULL,              -- canonical JSON of the business fields
    queries INTEGER NOT NULL DEFAULT 0,
    decision TEXT,                      -- JSON, NULL while PROCESSING
    loan_no TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    UNIQUE (mchid, out_apply_no)
);
CREATE INDEX IF NOT EXISTS bank_c_applications_by_borrower
    ON bank_c_applications(borrower_id, status);
CREATE TABLE IF NOT EXISTS bank_c_terms (
    loan_no TEXT NOT NULL REFERENCES loans(loan_no),
    term_no INTEGER NOT NULL,
    interest_fen INTEGER NOT NULL,      -- the term's interest (rewritten by early settlement)
    paid_principal_fen INTEGER NOT NULL,
    paid_interest_fen INTEGER NOT NULL,
    paid_penalty_fen INTEGER NOT NULL,
    paid_at TEXT,
    PRIMARY KEY (loan_no, term_no)
);
CREATE TABLE IF NOT EXISTS bank_c_repayments (
    repay_no TEXT PRIMARY KEY,
    mchid TEXT NOT NULL,
    out_repay_no TEXT NOT NULL,
    loan_no TEXT NOT NULL REFERENCES loans(loan_no),
    repay_type TEXT NOT NULL,
    amount_fen INTEGER NOT NULL,
    penalty_fen INTEGER NOT NULL,
    interest_fen INTEGER NOT NULL,
    principal_fen INTEGER NOT NULL,
    status TEXT NOT NULL,
    request TEXT NOT NULL,
    transfer_id TEXT REFERENCES transfers(id),
    account_id TEXT NOT NULL REFERENCES accounts(id),   -- the account debited (or not)
    repay_time TEXT NOT NULL,
    UNIQUE (mchid, out_repay_no)
);
"""


def _time(moment: dt.datetime) -> str:
    if moment.tzinfo is None:
        raise ValueError("timestamps must be timezone-aware")
    return moment.astimezone(dt.UTC).isoformat(timespec="microseconds")


def _parse_time(text: str | None) -> dt.datetime | None:
    return None if text is None else dt.datetime.fromisoformat(text)


# products --------------------------------------------------------------------------------


def products(tx: LedgerTx) -> list[Product]:
    rows = tx.execute("SELECT * FROM loan_products ORDER BY product_code").fetchall()
    return [_product(row) for row in rows]


def product(tx: LedgerTx, code: str) -> Product | None:
    row = tx.execute("SELECT * FROM loan_products WHERE product_code = ?", (code,)).fetchone()
    return None if row is None else _product(row)


def _product(row: Any) -> Product:
    return Product(
        product_code=row["product_code"],
        product_name=row["product_name"],
        min_amount=row["min_amount_fen"],
        max_amount=row["max_amount_fen"],
        terms=tuple(orjson.loads(row["terms"])),
        repay_methods=tuple(orjson.loads(row["repay_methods"])),
        annual_rate_min=row["annual_rate_min_bp"],
        annual_rate_max=row["annual_rate_max_bp"],
        penalty_rate=row["penalty_rate_bp"],
        status=row["status"],
    )


# borrowers -------------------------------------------------------------------------------


def borrower_by_id(tx: LedgerTx, borrower_id: str) -> Borrower | None:
    return _borrower_where(tx, "borrower_id = ?", borrower_id)


def borrower_by_customer(tx: LedgerTx, customer_id: str) -> Borrower | None:
    return _borrower_where(tx, "customer_id = ?", customer_id)


def borrower_by_id_card(tx: LedgerTx, id_card_no: str) -> Borrower | None:
    return _borrower_where(tx, "id_card_no = ?", id_card_no)


def insert_borrower(tx: LedgerTx, borrower: Borrower) -> None:
    tx.execute(
        "INSERT INTO borrowers (borrower_id, customer_id, name, id_card_no, mobile, created_at)"
        " VALUES (?, ?, ?, ?, ?, ?)",
        (
            borrower.borrower_id,
            borrower.out_user_id,
            borrower.name,
            borrower.id_card_no,
            borrower.mobile,
            _time(borrower.create_time),
        ),
    )


def _borrower_where(tx: LedgerTx, clause: str, value: str) -> Borrower | None:
    row = tx.execute(f"SELECT * FROM borrowers WHERE {clause}", (value,)).fetchone()
    if row is None:
        return None
    return Borrower(
        borrower_id=row["borrower_id"],
        name=row["name"],
        id_card_no=row["id_card_no"],
        mobile=row["mobile"],
        out_user_id=row["customer_id"],
        create_time=dt.datetime.fromisoformat(row["created_at"]),
    )


# applications ----------------------------------------------------------------------------


def application(tx: LedgerTx, mchid: str, apply_no: str) -> Application | None:
    return _application_where(tx, "mchid = ? AND apply_no = ?", (mchid, apply_no))


def application_by_out_no(tx: LedgerTx, mchid: str, out_apply_no: str) -> Application | None:
    return _application_where(tx, "mchid = ? AND out_apply_no = ?", (mchid, out_apply_no))


def has_processing_application(tx: LedgerTx, borrower_id: str) -> bool:
    row = tx.execute(
        "SELECT 1 FROM bank_c_applications WHERE borrower_id = ? AND status = 'PROCESSING'",
        (borrower_id,),
    ).fetchone()
    return row is not None


def save_application(tx: LedgerTx, app: Application) -> None:
    """Insert or replace the application row."""
    decision = None if app.decision is None else orjson.dumps(_decision_json(app.decision))
    tx.execute(
        "INSERT OR REPLACE INTO bank_c_applications (apply_no, mchid, out_apply_no,"
        " borrower_id, product_code, apply_amount_fen, term_months, repay_method, loan_purpose,"
        " receive_card_no, receive_account_id, status, request, queries, decision, loan_no,"
        " created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            app.apply_no, app.mchid, app.out_apply_no, app.borrower_id, app.product_code,
            app.apply_amount, app.term_months, app.repay_method, app.loan_purpose,
            app.receive_card_no, app.receive_account_id, app.status, app.request.decode(),
            app.queries, None if decision is None else decision.decode(), app.loan_no,
            _time(app.create_time), _time(app.update_time),
        ),
    )  # fmt: skip


def _application_where(tx: LedgerTx, clause: str, args: tuple[str, ...]) -> Application | None:
    row = tx.execute(f"SELECT * FROM bank_c_applications WHERE {clause}", args).fetchone()
    if row is None:
        return None
    return Application(
        apply_no=row["apply_no"],
        mchid=row["mchid"],
        out_apply_no=row["out_apply_no"],
        borrower_id=row["borrower_id"],
        product_code=row["product_code"],
        apply_amount=row["apply_amount_fen"],
        term_months=row["term_months"],
        repay_method=row["repay_method"],
        loan_purpose=row["loan_purpose"],
        receive_card_no=row["receive_card_no"],
        receive_account_id=row["receive_account_id"],
        status=row["status"],
        request=row["request"].encode(),
        create_time=dt.datetime.fromisoformat(row["created_at"]),
        update_time=dt.datetime.fromisoformat(row["updated_at"]),
        queries=row["queries"],
        decision=None if row["decision"] is None else _decision(orjson.loads(row["decision"])),
        loan_no=row["loan_no"],
    )


def _decision_json(decision: Decision) -> dict[str, Any]:
    return {
        "result": decision.result,
        "approved_amount": decision.approved_amount,
        "approved_term_months": decision.approved_term_months,
        "annual_rate": decision.annual_rate,
        "reject_code": decision.reject_code,
        "reject_reason": decision.reject_reason,
        "decision_time": _time(decision.decision_time),
    }


def _decision(data: dict[str, Any]) -> Decision:
    return Decision(**{**data, "decision_time": dt.datetime.fromisoformat(data["decision_time"])})


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
            disbursement_transfer_id, _time(loan_record.update_time),
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
                None if new.paid_time is None else _time(new.paid_time),
            ),
        )  # fmt: skip
    if after.settle_time is not None and before.settle_time is None:
        tx.execute(
            "UPDATE loans SET settled_at = ? WHERE loan_no = ?",
            (_time(after.settle_time), after.loan_no),
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
                paid_time=_parse_time(saved["paid_at"]),
            )
        )
    created = dt.datetime.fromisoformat(row["created_at"])
    settled = _parse_time(row["settled_at"])
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
            repayment.transfer_id, repayment.account_id, _time(repayment.repay_time),
        ),
    )  # fmt: skip
