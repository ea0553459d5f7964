"""Bank C rows in the shared ledger: products, borrowers, applications (``loan_book`` has
loans and repayments), read and written inside one ``LedgerTx``.

Products, borrowers and loans live in the ledger's catalogue tables (written by the seed and
by disbursements). Bank C adds ``SCHEMA``: applications, per-term repayment state and
repayments.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import orjson

from sandbox.bank_c.records import (
    Application,
    Borrower,
    Decision,
    Product,
)
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


def format_time(moment: dt.datetime) -> str:
    if moment.tzinfo is None:
        raise ValueError("timestamps must be timezone-aware")
    return moment.astimezone(dt.UTC).isoformat(timespec="microseconds")


def parse_time(text: str | None) -> dt.datetime | None:
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
            format_time(borrower.create_time),
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
            format_time(app.create_time), format_time(app.update_time),
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
        "decision_time": format_time(decision.decision_time),
    }


def _decision(data: dict[str, Any]) -> Decision:
    return Decision(**{**data, "decision_time": dt.datetime.fromisoformat(data["decision_time"])})
