"""Bank B payments in the ledger database (table `bank_b_payments`), so they survive a
restart together with the money they moved."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any

import orjson

from sandbox.ledger import LedgerTx

SCHEMA = """
CREATE TABLE IF NOT EXISTS bank_b_payments (
    payment_id TEXT PRIMARY KEY,
    client_id TEXT NOT NULL,
    psu_id TEXT NOT NULL REFERENCES customers(id),
    request_id TEXT NOT NULL,
    document TEXT NOT NULL,             -- the initiation body as sent (JSON)
    debtor_account_id TEXT NOT NULL REFERENCES accounts(id),
    creditor_iban TEXT NOT NULL,
    creditor_account_id TEXT REFERENCES accounts(id),   -- NULL: outside the sandbox
    amount TEXT NOT NULL,               -- EUR decimal string
    execution_date TEXT,                -- NULL: immediate
    date_moved INTEGER NOT NULL,
    status TEXT NOT NULL,               -- ISO 20022 transaction status code
    status_changed_at TEXT NOT NULL,
    status_seen INTEGER NOT NULL,       -- reported by a read since it changed
    sca_status TEXT NOT NULL,
    authorisation_id TEXT NOT NULL UNIQUE,
    redirect_uri TEXT NOT NULL,
    nok_redirect_uri TEXT,
    funds_available INTEGER,            -- NULL until the funds check
    psu_message TEXT,
    transfer_id TEXT REFERENCES transfers(id),
    created_at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS bank_b_payments_by_debtor
    ON bank_b_payments(debtor_account_id, created_at);
CREATE INDEX IF NOT EXISTS bank_b_payments_by_psu
    ON bank_b_payments(client_id, psu_id, created_at);
CREATE INDEX IF NOT EXISTS bank_b_payments_open ON bank_b_payments(status);
"""

FINAL = frozenset({"ACSC", "ACCC", "RJCT", "CANC"})


@dataclass(frozen=True, slots=True)
class Payment:
    payment_id: str
    client_id: str
    psu_id: str
    request_id: str
    document: dict[str, Any]
    debtor_account_id: str
    creditor_iban: str
    creditor_account_id: str | None
    amount: Decimal
    execution_date: date | None
    date_moved: bool
    status: str
    status_changed_at: datetime
    status_seen: bool
    sca_status: str
    authorisation_id: str
    redirect_uri: str
    nok_redirect_uri: str | None
    funds_available: bool | None
    psu_message: str | None
    transfer_id: str | None
    created_at: datetime


def insert(tx: LedgerTx, payment: Payment) -> None:
    tx.execute(f"INSERT INTO bank_b_payments VALUES ({', '.join('?' * 22)})", _row(payment))


def update(tx: LedgerTx, payment: Payment) -> None:
    row = _row(payment)
    tx.execute(
        "UPDATE bank_b_payments SET status = ?, status_changed_at = ?, status_seen = ?,"
        " sca_status = ?, funds_available = ?, psu_message = ?, transfer_id = ?"
        " WHERE payment_id = ?",
        (row[11], row[12], row[13], row[14], row[18], row[19], row[20], payment.payment_id),
    )


def get(tx: LedgerTx, payment_id: str) -> Payment | None:
    row = tx.execute("SELECT * FROM bank_b_payments WHERE payment_id = ?", (payment_id,)).fetchone()
    return None if row is None else _payment(row)


def by_authorisation(tx: LedgerTx, authorisation_id: str) -> Payment | None:
    row = tx.execute(
        "SELECT * FROM bank_b_payments WHERE authorisation_id = ?", (authorisation_id,)
    ).fetchone()
    return None if row is None else _payment(row)


def by_psu(tx: LedgerTx, client_id: str, psu_id: str) -> list[Payment]:
    """The client's payments initiated for the PSU, newest first."""
    rows = tx.execute(
        "SELECT * FROM bank_b_payments WHERE client_id = ? AND psu_id = ?"
        " ORDER BY created_at DESC, rowid DESC",
        (client_id, psu_id),
    ).fetchall()
    return [_payment(row) for row in rows]


def open_ids(tx: LedgerTx) -> list[str]:
    """Ids of payments not in a final status."""
    marks = ", ".join(f"'{status}'" for status in sorted(FINAL))
    rows = tx.execute(
        f"SELECT payment_id FROM bank_b_payments WHERE status NOT IN ({marks})"
    ).fetchall()
    return [row["payment_id"] for row in rows]


def _row(p: Payment) -> tuple[Any, ...]:
    return (
        p.payment_id, p.client_id, p.psu_id, p.request_id, orjson.dumps(p.document).decode(),
        p.debtor_account_id, p.creditor_iban, p.creditor_account_id, str(p.amount),
        p.execution_date.isoformat() if p.execution_date else None, int(p.date_moved),
        p.status, _time(p.status_changed_at), int(p.status_seen), p.sca_status,
        p.authorisation_id, p.redirect_uri, p.nok_redirect_uri,
        None if p.funds_available is None else int(p.funds_available), p.psu_message,
        p.transfer_id, _time(p.created_at),
    )  # fmt: skip


def _payment(row: Any) -> Payment:
    funds = row["funds_available"]
    execution = row["execution_date"]
    return Payment(
        payment_id=row["payment_id"],
        client_id=row["client_id"],
        psu_id=row["psu_id"],
        request_id=row["request_id"],
        document=orjson.loads(row["document"]),
        debtor_account_id=row["debtor_account_id"],
        creditor_iban=row["creditor_iban"],
        creditor_account_id=row["creditor_account_id"],
        amount=Decimal(row["amount"]),
        execution_date=date.fromisoformat(execution) if execution else None,
        date_moved=bool(row["date_moved"]),
        status=row["status"],
        status_changed_at=datetime.fromisoformat(row["status_changed_at"]),
        status_seen=bool(row["status_seen"]),
        sca_status=row["sca_status"],
        authorisation_id=row["authorisation_id"],
        redirect_uri=row["redirect_uri"],
        nok_redirect_uri=row["nok_redirect_uri"],
        funds_available=None if funds is None else bool(funds),
        psu_message=row["psu_message"],
        transfer_id=row["transfer_id"],
        created_at=datetime.fromisoformat(row["created_at"]),
    )


def _time(moment: datetime) -> str:
    return moment.astimezone(UTC).isoformat(timespec="microseconds")
