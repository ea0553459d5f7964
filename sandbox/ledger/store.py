"""`Ledger`: the one SQLite ledger behind all four sandbox banks.

Concurrency: every transaction holds the ledger's lock (threads of one process) and a SQLite
`BEGIN IMMEDIATE` write lock (other processes on the same file), so check-then-debit cannot
interleave and nothing can double-spend. Transactions never nest: a second
`transaction()` in the thread that holds one raises `RuntimeError` instead of deadlocking;
inside a transaction use the `LedgerTx` methods, and never `await` inside one.

Durability: a file ledger is opened in WAL mode with `synchronous=FULL`; every committed
transaction survives a crash or restart. `":memory:"` gives a private ledger for tests.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

from sandbox.ledger.records import Account, Bank, Customer, Entry, Transfer
from sandbox.ledger.schema import CATALOGUE, CORE
from sandbox.ledger.transaction import LedgerTx, SystemPurpose

Clock = Callable[[], datetime]
"""Returns the current time, timezone-aware; injected so tests can move time."""

SCHEMA_VERSION = "1"


def utc_now() -> datetime:
    """The default ledger clock."""
    return datetime.now(UTC)


class Ledger:
    """One ledger: customers, accounts, balanced transfers, idempotency records and the
    Bank C/D catalogue tables. Build with `Ledger.open`; close with `close()` or `with`."""

    def __init__(self, connection: sqlite3.Connection, clock: Clock) -> None:
        self._db = connection
        self._clock = clock
        self._lock = threading.Lock()
        self._owner: int | None = None

    @classmethod
    def open(cls, path: str | Path = ":memory:", *, clock: Clock = utc_now) -> Ledger:
        """Open (creating if needed) the ledger at `path`; `":memory:"` for a private one.

        Creates the core and catalogue tables if missing; existing data is kept.
        """
        target = str(path)
        if target != ":memory:":
            Path(target).parent.mkdir(parents=True, exist_ok=True)
        connection = sqlite3.connect(
            target, isolation_level=None, check_same_thread=False, timeout=30.0
        )
        connection.row_factory = sqlite3.Row
        connection.execute("PRAGMA foreign_keys = ON")
        if target != ":memory:":
            connection.execute("PRAGMA journal_mode = WAL")
            connection.execute("PRAGMA synchronous = FULL")
        ledger = cls(connection, clock)
        ledger.ensure_schema(CORE + CATALOGUE)
        with ledger.transaction() as tx:
            tx.execute(
                "INSERT OR IGNORE INTO meta (key, value) VALUES ('schema_version', ?)",
                (SCHEMA_VERSION,),
            )
        return ledger

    def close(self) -> None:
        """Close the connection; the ledger is unusable afterwards."""
        with self._lock:
            self._db.close()

    def __enter__(self) -> Ledger:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def now(self) -> datetime:
        """The ledger clock."""
        return self._clock()

    def ensure_schema(self, ddl: str) -> None:
        """Run idempotent DDL (`CREATE TABLE IF NOT EXISTS ...`): how a bank adds its tables.

        Run it from the bank's app factory; it is safe to run on every start.
        """
        with self._locked():
            self._db.executescript(ddl)

    @contextmanager
    def transaction(self) -> Iterator[LedgerTx]:
        """Open a write transaction; commit on normal exit, roll back if the block raises."""
        with self._locked():
            self._db.execute("BEGIN IMMEDIATE")
            try:
                yield LedgerTx(self._db, self._clock)
                self._db.execute("COMMIT")
            except BaseException:
                if self._db.in_transaction:  # also when COMMIT itself failed
                    self._db.execute("ROLLBACK")
                raise

    # one-call conveniences: each runs in its own transaction ---------------------------

    def customer(self, customer_id: str) -> Customer:
        """See `LedgerTx.customer`."""
        with self.transaction() as tx:
            return tx.customer(customer_id)

    def customers(self) -> list[Customer]:
        """See `LedgerTx.customers`."""
        with self.transaction() as tx:
            return tx.customers()

    def account(self, account_id: str) -> Account:
        """See `LedgerTx.account`."""
        with self.transaction() as tx:
            return tx.account(account_id)

    def account_by_iban(self, iban: str) -> Account:
        """See `LedgerTx.account_by_iban`."""
        with self.transaction() as tx:
            return tx.account_by_iban(iban)

    def accounts(self, customer_id: str | None = None, bank: Bank | None = None) -> list[Account]:
        """See `LedgerTx.accounts`."""
        with self.transaction() as tx:
            return tx.accounts(customer_id, bank)

    def balance(self, account_id: str) -> Decimal:
        """See `LedgerTx.balance`."""
        with self.transaction() as tx:
            return tx.balance(account_id)

    def totals(self) -> dict[str, Decimal]:
        """See `LedgerTx.totals`."""
        with self.transaction() as tx:
            return tx.totals()

    def system_account(self, purpose: SystemPurpose, currency: str) -> str:
        """See `LedgerTx.system_account`."""
        with self.transaction() as tx:
            return tx.system_account(purpose, currency)

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
        """See `LedgerTx.transfer`."""
        with self.transaction() as tx:
            return tx.transfer(
                debit=debit, credit=credit, amount=amount, currency=currency, kind=kind,
                reference=reference, description=description, idempotency_key=idempotency_key,
                booked_at=booked_at, value_date=value_date, details=details,
            )  # fmt: skip

    def entries(
        self,
        account_id: str,
        *,
        booked_from: datetime | None = None,
        booked_to: datetime | None = None,
    ) -> list[Entry]:
        """See `LedgerTx.entries`."""
        with self.transaction() as tx:
            return tx.entries(account_id, booked_from=booked_from, booked_to=booked_to)

    @contextmanager
    def _locked(self) -> Iterator[None]:
        me = threading.get_ident()
        if self._owner == me:
            raise RuntimeError(
                "ledger transaction already open in this thread"
                " (a nested call, or an await inside a transaction)"
            )
        with self._lock:
            self._owner = me
            try:
                yield
            finally:
                self._owner = None
