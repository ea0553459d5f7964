"""`LedgerTx`: every read and write of the ledger, inside one SQLite transaction.

A `LedgerTx` exists only inside `with ledger.transaction() as tx:`. Everything done through
it commits together when the block ends normally and is rolled back if the block raises, so
a bank can write its own rows (loan, fund order, payment) and the matching transfer
atomically. Write methods validate everything before writing, so a refusal (a `LedgerError`)
caught inside the block leaves nothing half-done either.
"""

from __future__ import annotations

import hashlib
import sqlite3
from collections.abc import Callable, Iterable
from datetime import date, datetime
from decimal import Decimal
from typing import Any, Literal

import orjson

from sandbox.ledger import _rows
from sandbox.ledger.errors import (
    AccountNotEnabled,
    CurrencyMismatch,
    DuplicateRecord,
    IdempotencyConflict,
    InsufficientFunds,
    UnknownAccount,
    UnknownCustomer,
)
from sandbox.ledger.money import exponent, from_minor, to_minor
from sandbox.ledger.records import Account, Bank, Customer, Entry, IdempotencyRecord, Transfer

SystemPurpose = Literal["equity", "world", "loans", "funds"]
"""System accounts, one per purpose and currency, id `sys-<purpose>-<CUR>`:

- `equity`: the source of seeded opening balances;
- `world`: everyone outside the sandbox banks (merchants, employers, SEPA creditors);
- `loans`: Bank C's loan book (disbursements leave it, repayments return to it);
- `funds`: Bank D's fund custody (subscriptions go to it, redemptions leave it).
"""
SYSTEM_PURPOSES: tuple[SystemPurpose, ...] = ("equity", "world", "loans", "funds")


class LedgerTx:
    """Operations on the ledger within one open transaction (see module docstring)."""

    def __init__(self, connection: sqlite3.Connection, clock: Callable[[], datetime]) -> None:
        self._db = connection
        self._clock = clock

    def now(self) -> datetime:
        """The ledger clock (timezone-aware UTC); every default timestamp comes from it."""
        return self._clock()

    def execute(self, sql: str, parameters: Iterable[Any] | dict[str, Any] = ()) -> sqlite3.Cursor:
        """Run raw SQL in this transaction (for bank-owned tables); rows are `sqlite3.Row`."""
        return self._db.execute(sql, parameters)

    # customers -------------------------------------------------------------------------

    def add_customer(
        self,
        customer_id: str,
        name: str,
        kind: Literal["Personal", "Business"] = "Personal",
        created_at: datetime | None = None,
    ) -> Customer:
        """Create a customer; raises `DuplicateRecord` if the id exists."""
        at = _rows.format_time(created_at or self.now())
        try:
            self._db.execute(
                "INSERT INTO customers (id, name, kind, created_at) VALUES (?, ?, ?, ?)",
                (customer_id, name, kind, at),
            )
        except sqlite3.IntegrityError as exc:
            raise DuplicateRecord(f"customer {customer_id!r} exists") from exc
        return self.customer(customer_id)

    def customer(self, customer_id: str) -> Customer:
        """The customer; raises `UnknownCustomer`."""
        row = self._db.execute("SELECT * FROM customers WHERE id = ?", (customer_id,)).fetchone()
        if row is None:
            raise UnknownCustomer(f"no customer {customer_id!r}")
        return _rows.customer(row)

    def customers(self) -> list[Customer]:
        """Every customer, ordered by id."""
        rows = self._db.execute("SELECT * FROM customers ORDER BY id").fetchall()
        return [_rows.customer(row) for row in rows]

    # accounts --------------------------------------------------------------------------

    def add_account(
        self,
        *,
        account_id: str,
        customer_id: str | None,
        bank: Bank,
        currency: str,
        sub_type: str,
        nickname: str,
        min_balance: Decimal | None = Decimal(0),
        account_type: Literal["Personal", "Business"] | None = "Personal",
        description: str = "",
        status: str = "Enabled",
        opened_at: datetime | None = None,
        iban: str | None = None,
        sort_code: str | None = None,
        account_number: str | None = None,
        card_number: str | None = None,
    ) -> Account:
        """Open an account with balance 0.

        `min_balance` is the limit (0, or minus an overdraft); `None` (unbounded) is only for
        system accounts with no customer. Raises `UnknownCustomer`, `UnknownCurrency`,
        `DuplicateRecord` (id, IBAN or card number taken) or `ValueError`.
        """
        if customer_id is not None:
            self.customer(customer_id)
        elif min_balance is not None:
            raise ValueError("accounts without a customer are system accounts: min_balance=None")
        if min_balance is None and customer_id is not None:
            raise ValueError("a customer account needs a finite min_balance")
        exponent(currency)
        floor = None if min_balance is None else _signed_minor(min_balance, currency)
        if floor is not None and floor > 0:
            raise ValueError("min_balance must be zero or negative (an overdraft)")
        try:
            self._db.execute(
                "INSERT INTO accounts (id, customer_id, bank, currency, min_balance_minor,"
                " account_type, sub_type, nickname, description, status, opened_at, iban,"
                " sort_code, account_number, card_number)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    account_id, customer_id, bank, currency, floor, account_type, sub_type,
                    nickname, description, status, _rows.format_time(opened_at or self.now()),
                    iban, sort_code, account_number, card_number,
                ),
            )  # fmt: skip
        except sqlite3.IntegrityError as exc:
            raise DuplicateRecord(f"account {account_id!r} (or its IBAN/card) exists") from exc
        return self.account(account_id)

    def set_account_status(self, account_id: str, status: str) -> Account:
        """Change an account's status (`Enabled`, `Disabled`, ...); raises `UnknownAccount`."""
        self.account(account_id)
        self._db.execute("UPDATE accounts SET status = ? WHERE id = ?", (status, account_id))
        return self.account(account_id)

    def account(self, account_id: str) -> Account:
        """The account; raises `UnknownAccount`."""
        return self._account_where("id = ?", account_id)

    def account_by_iban(self, iban: str) -> Account:
        """The account with this IBAN (spaces and case ignored); raises `UnknownAccount`."""
        return self._account_where("iban = ?", iban.replace(" ", "").upper())

    def account_by_card(self, card_number: str) -> Account:
        """The account a debit card number belongs to; raises `UnknownAccount`."""
        return self._account_where("card_number = ?", card_number)

    def accounts(self, customer_id: str | None = None, bank: Bank | None = None) -> list[Account]:
        """Accounts filtered by customer and/or bank, ordered by id."""
        sql, args = "SELECT * FROM accounts WHERE 1 = 1", []
        if customer_id is not None:
            sql, args = sql + " AND customer_id = ?", [*args, customer_id]
        if bank is not None:
            sql, args = sql + " AND bank = ?", [*args, bank]
        rows = self._db.execute(sql + " ORDER BY id", args).fetchall()
        return [_rows.account(row) for row in rows]

    def balance(self, account_id: str) -> Decimal:
        """Booked balance of the account; raises `UnknownAccount`."""
        row = self._db.execute(
            "SELECT balance_minor, currency FROM accounts WHERE id = ?", (account_id,)
        ).fetchone()
        if row is None:
            raise UnknownAccount(f"no account {account_id!r}")
        return from_minor(row["balance_minor"], row["currency"])

    def system_account(self, purpose: SystemPurpose, currency: str) -> str:
        """Id of the system account for `purpose` in `currency`, created on first use."""
        exponent(currency)
        if purpose not in SYSTEM_PURPOSES:
            raise ValueError(f"unknown system purpose {purpose!r}")
        account_id = f"sys-{purpose}-{currency}"
        self._db.execute(
            "INSERT OR IGNORE INTO accounts (id, customer_id, bank, currency, min_balance_minor,"
            " account_type, sub_type, nickname, description, status, opened_at)"
            " VALUES (?, NULL, 'SYS', ?, NULL, NULL, 'System', ?, ?, 'Enabled', ?)",
            (account_id, currency, account_id, f"system account: {purpose}",
             _rows.format_time(self.now())),
        )  # fmt: skip
        return account_id

    def totals(self) -> dict[str, Decimal]:
        """Sum of all balances per currency, system accounts included: always zero."""
        rows = self._db.execute(
            "SELECT currency, SUM(balance_minor) AS total FROM accounts GROUP BY currency"
        ).fetchall()
        return {row["currency"]: from_minor(row["total"], row["currency"]) for row in rows}

    # transfers -------------------------------------------------------------------------

    def transfer(
        self,
        *,
        debit: str,
        credit: str,
        amount: Decimal,
        currency: str,
        kind: str,
        reference: str = "",
        description: str = "",
        idempotency_key: str | None = None,
        booked_at: datetime | None = None,
        value_date: date | None = None,
        details: dict[str, Any] | None = None,
    ) -> Transfer:
        """Move `amount` of `currency` from account `debit` to account `credit`.

        Idempotent on `idempotency_key` (global; prefix it with a scope such as
        `"bank_b:<client>:"`): the same key with the same debit, credit, amount, currency, kind
        and reference returns the first transfer with `replayed=True` and moves nothing;
        with anything different raises `IdempotencyConflict`.
        Raises before writing anything: `InvalidAmount` (not > 0, too precise, too large),
        `UnknownAccount`, `CurrencyMismatch` (either account or the amount in another
        currency; the sandbox has no FX), `AccountNotEnabled`, `InsufficientFunds` (the
        debit account would go below its `min_balance`), `ValueError` (same account twice).
        """
        minor = to_minor(amount, currency)
        fingerprint = _fingerprint(debit, credit, minor, currency, kind, reference)
        if idempotency_key is not None:
            earlier = self._transfer_row("idempotency_key = ?", idempotency_key)
            if earlier is not None:
                if earlier["fingerprint"] != fingerprint:
                    raise IdempotencyConflict(
                        f"idempotency key {idempotency_key!r} was used for another transfer"
                    )
                return _rows.transfer(earlier, replayed=True)
        if debit == credit:
            raise ValueError("debit and credit account are the same")
        source, target = self._movable(debit, currency), self._movable(credit, currency)
        floor = source["min_balance_minor"]
        if floor is not None and source["balance_minor"] - minor < floor:
            raise InsufficientFunds(f"account {debit!r} lacks {amount} {currency}")
        at = booked_at or self.now()
        seq = self._db.execute("SELECT COALESCE(MAX(seq), 0) + 1 FROM transfers").fetchone()[0]
        transfer_id = f"tx-{seq:010d}"
        self._db.execute(
            "INSERT INTO transfers (seq, id, debit_account_id, credit_account_id, amount_minor,"
            " currency, booked_at, value_date, kind, reference, description, idempotency_key,"
            " fingerprint, details) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                seq, transfer_id, debit, credit, minor, currency, _rows.format_time(at),
                (value_date or at.date()).isoformat(), kind, reference, description,
                idempotency_key, fingerprint, orjson.dumps(details or {}).decode(),
            ),
        )  # fmt: skip
        self._post(transfer_id, source, -minor, at)
        self._post(transfer_id, target, minor, at)
        return self.transfer_by_id(transfer_id)

    def transfer_by_id(self, transfer_id: str) -> Transfer:
        """The transfer; raises `KeyError` if unknown."""
        row = self._transfer_row("id = ?", transfer_id)
        if row is None:
            raise KeyError(transfer_id)
        return _rows.transfer(row)

    def transfer_by_key(self, idempotency_key: str) -> Transfer | None:
        """The transfer made under this idempotency key, if any."""
        row = self._transfer_row("idempotency_key = ?", idempotency_key)
        return None if row is None else _rows.transfer(row)

    def entries(
        self,
        account_id: str,
        *,
        booked_from: datetime | None = None,
        booked_to: datetime | None = None,
    ) -> list[Entry]:
        """Statement lines of the account, newest `booked_at` first (ties: newest posting
        first). Bounds are inclusive and timezone-aware. Raises `UnknownAccount`."""
        self.account(account_id)
        sql, args = _rows.ENTRY_SELECT + " WHERE e.account_id = ?", [account_id]
        if booked_from is not None:
            sql, args = sql + " AND e.booked_at >= ?", [*args, _rows.format_time(booked_from)]
        if booked_to is not None:
            sql, args = sql + " AND e.booked_at <= ?", [*args, _rows.format_time(booked_to)]
        rows = self._db.execute(sql + " ORDER BY e.booked_at DESC, e.seq DESC", args).fetchall()
        return [_rows.entry(row) for row in rows]

    # idempotency records ---------------------------------------------------------------

    def recall(
        self, scope: str, key: str, *, not_before: datetime | None = None
    ) -> IdempotencyRecord | None:
        """The record stored under (scope, key), ignoring one created before `not_before`
        (how a 24-hour replay window is expressed)."""
        row = self._db.execute(
            "SELECT * FROM idempotency_records WHERE scope = ? AND key = ?", (scope, key)
        ).fetchone()
        if row is None:
            return None
        record = _rows.idempotency_record(row)
        if not_before is not None and record.created_at < not_before:
            return None
        return record

    def remember(
        self, scope: str, key: str, fingerprint: str, response: bytes
    ) -> IdempotencyRecord:
        """Store (or replace an expired-by-caller) record for (scope, key).

        Replaces any existing record: callers check `recall` first and decide between replay,
        conflict and a fresh request (an expired record is simply overwritten).
        """
        self._db.execute(
            "INSERT OR REPLACE INTO idempotency_records (scope, key, fingerprint, response,"
            " created_at) VALUES (?, ?, ?, ?, ?)",
            (scope, key, fingerprint, response, _rows.format_time(self.now())),
        )
        record = self.recall(scope, key)
        assert record is not None
        return record

    # internals -------------------------------------------------------------------------

    def _account_where(self, clause: str, value: str) -> Account:
        row = self._db.execute(f"SELECT * FROM accounts WHERE {clause}", (value,)).fetchone()
        if row is None:
            raise UnknownAccount(f"no account {value!r}")
        return _rows.account(row)

    def _movable(self, account_id: str, currency: str) -> sqlite3.Row:
        row = self._db.execute("SELECT * FROM accounts WHERE id = ?", (account_id,)).fetchone()
        if row is None:
            raise UnknownAccount(f"no account {account_id!r}")
        if row["currency"] != currency:
            raise CurrencyMismatch(
                f"account {account_id!r} is in {row['currency']}, not {currency}"
            )
        if row["status"] != "Enabled":
            raise AccountNotEnabled(f"account {account_id!r} is {row['status']}")
        return row

    def _post(self, transfer_id: str, account: sqlite3.Row, minor: int, at: datetime) -> None:
        balance = account["balance_minor"] + minor
        self._db.execute(
            "UPDATE accounts SET balance_minor = ? WHERE id = ?", (balance, account["id"])
        )
        self._db.execute(
            "INSERT INTO entries (transfer_id, account_id, amount_minor, balance_after_minor,"
            " booked_at) VALUES (?, ?, ?, ?, ?)",
            (transfer_id, account["id"], minor, balance, _rows.format_time(at)),
        )

    def _transfer_row(self, clause: str, value: str) -> sqlite3.Row | None:
        return self._db.execute(f"SELECT * FROM transfers WHERE {clause}", (value,)).fetchone()


def _signed_minor(amount: Decimal, currency: str) -> int:
    """Minor units of a zero-or-signed limit (to_minor accepts only positive amounts)."""
    if amount == 0:
        return 0
    minor = to_minor(abs(amount), currency)
    return -minor if amount < 0 else minor


def _fingerprint(debit: str, credit: str, minor: int, currency: str, kind: str, ref: str) -> str:
    canonical = orjson.dumps([debit, credit, minor, currency, kind, ref])
    return hashlib.sha256(canonical).hexdigest()
