"""The sandbox ledger: one SQLite ledger of customers, accounts and balanced transfers.

Public surface (everything a bank needs):

    ledger = Ledger.open(path_or_":memory:", clock=...)
    ledger.transfer(debit=..., credit=..., amount=Decimal("4.85"), currency="GBP", kind="card",
                    idempotency_key="bank_b:client:request-id")
    with ledger.transaction() as tx:          # atomic: bank rows + transfers together
        tx.execute("INSERT INTO my_bank_table ...")
        tx.transfer(...)
    ledger.ensure_schema("CREATE TABLE IF NOT EXISTS ...")   # a bank's own tables

Money is Decimal at the API and integer minor units in storage; every transfer is balanced
(one debit entry, one credit entry), so `totals()` is zero per currency at all times; no
customer account goes below its `min_balance`; moves across currencies are refused. See
`errors` for the refusals, `schema` for the tables (including the Bank C/D catalogue).
"""

from sandbox.ledger.errors import (
    AccountNotEnabled,
    CurrencyMismatch,
    DuplicateRecord,
    IdempotencyConflict,
    InsufficientFunds,
    InvalidAmount,
    LedgerError,
    UnknownAccount,
    UnknownCurrency,
    UnknownCustomer,
)
from sandbox.ledger.money import CURRENCY_EXPONENTS, from_minor, to_minor
from sandbox.ledger.records import Account, Bank, Customer, Entry, IdempotencyRecord, Transfer
from sandbox.ledger.store import Clock, Ledger, utc_now
from sandbox.ledger.transaction import SYSTEM_PURPOSES, LedgerTx, SystemPurpose

__all__ = [
    "CURRENCY_EXPONENTS",
    "SYSTEM_PURPOSES",
    "Account",
    "AccountNotEnabled",
    "Bank",
    "Clock",
    "CurrencyMismatch",
    "Customer",
    "DuplicateRecord",
    "Entry",
    "IdempotencyConflict",
    "IdempotencyRecord",
    "InsufficientFunds",
    "InvalidAmount",
    "Ledger",
    "LedgerError",
    "LedgerTx",
    "SystemPurpose",
    "Transfer",
    "UnknownAccount",
    "UnknownCurrency",
    "UnknownCustomer",
    "from_minor",
    "to_minor",
    "utc_now",
]
