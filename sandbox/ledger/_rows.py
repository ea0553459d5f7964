"""Conversions between SQLite rows and ledger records (private)."""

from __future__ import annotations

import sqlite3
from datetime import UTC, date, datetime
from typing import Any

import orjson

from sandbox.ledger.money import from_minor
from sandbox.ledger.records import Account, Customer, Entry, IdempotencyRecord, Transfer


def format_time(moment: datetime) -> str:
    """Fixed-width UTC text that sorts as time; refuses naive datetimes."""
    if moment.tzinfo is None:
        raise ValueError("ledger timestamps must be timezone-aware")
    return moment.astimezone(UTC).isoformat(timespec="microseconds")


def parse_time(text: str) -> datetime:
    return datetime.fromisoformat(text)


def customer(row: sqlite3.Row) -> Customer:
    return Customer(row["id"], row["name"], row["kind"], parse_time(row["created_at"]))


def account(row: sqlite3.Row) -> Account:
    currency = row["currency"]
    floor = row["min_balance_minor"]
    return Account(
        id=row["id"],
        customer_id=row["customer_id"],
        bank=row["bank"],
        currency=currency,
        min_balance=None if floor is None else from_minor(floor, currency),
        account_type=row["account_type"],
        sub_type=row["sub_type"],
        nickname=row["nickname"],
        description=row["description"],
        status=row["status"],
        opened_at=parse_time(row["opened_at"]),
        iban=row["iban"],
        sort_code=row["sort_code"],
        account_number=row["account_number"],
        card_number=row["card_number"],
    )


def transfer(row: sqlite3.Row, *, replayed: bool = False) -> Transfer:
    currency = row["currency"]
    return Transfer(
        id=row["id"],
        debit_account_id=row["debit_account_id"],
        credit_account_id=row["credit_account_id"],
        amount=from_minor(row["amount_minor"], currency),
        currency=currency,
        booked_at=parse_time(row["booked_at"]),
        value_date=date.fromisoformat(row["value_date"]),
        kind=row["kind"],
        reference=row["reference"],
        description=row["description"],
        idempotency_key=row["idempotency_key"],
        details=_details(row["details"]),
        replayed=replayed,
    )


def entry(row: sqlite3.Row) -> Entry:
    """Row of `entries` joined with its transfer (columns as selected in `ENTRY_SELECT`)."""
    currency = row["currency"]
    mine = row["account_id"]
    other = row["credit_account_id"] if row["debit_account_id"] == mine else row["debit_account_id"]
    return Entry(
        transfer_id=row["transfer_id"],
        account_id=mine,
        amount=from_minor(row["amount_minor"], currency),
        currency=currency,
        balance_after=from_minor(row["balance_after_minor"], currency),
        booked_at=parse_time(row["booked_at"]),
        value_date=date.fromisoformat(row["value_date"]),
        kind=row["kind"],
        reference=row["reference"],
        description=row["description"],
        counterparty_account_id=other,
        details=_details(row["details"]),
    )


ENTRY_SELECT = """
SELECT e.transfer_id, e.account_id, e.amount_minor, e.balance_after_minor, e.booked_at,
       t.currency, t.value_date, t.kind, t.reference, t.description, t.details,
       t.debit_account_id, t.credit_account_id
FROM entries e JOIN transfers t ON t.id = e.transfer_id
"""


def idempotency_record(row: sqlite3.Row) -> IdempotencyRecord:
    return IdempotencyRecord(
        scope=row["scope"],
        key=row["key"],
        fingerprint=row["fingerprint"],
        response=bytes(row["response"]),
        created_at=parse_time(row["created_at"]),
    )


def _details(text: str) -> dict[str, Any]:
    value = orjson.loads(text)
    return value if isinstance(value, dict) else {}
