"""Frozen records the ledger returns. Amounts are Decimal with the currency's exponent."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from typing import Any, Literal

Bank = Literal["A", "B", "C", "D", "SYS"]
"""Which bank keeps an account. `SYS` marks world-side system accounts (clearing, seed equity)."""


@dataclass(frozen=True, slots=True)
class Customer:
    """A person or business known to every bank under one id (the IdP's `sub`)."""

    id: str
    name: str
    kind: Literal["Personal", "Business"]
    created_at: datetime


@dataclass(frozen=True, slots=True)
class Account:
    """A money account in one currency.

    `min_balance` is the limit: the lowest balance the account may reach (0 for a plain
    account, minus the overdraft for an overdraft account). `None` means unbounded and is
    reserved for system accounts (customer_id `None`), which stand for the world outside.
    """

    id: str
    customer_id: str | None
    bank: Bank
    currency: str
    min_balance: Decimal | None
    account_type: Literal["Personal", "Business"] | None
    sub_type: str
    nickname: str
    description: str
    status: str
    opened_at: datetime
    iban: str | None = None
    sort_code: str | None = None
    account_number: str | None = None
    card_number: str | None = None


@dataclass(frozen=True, slots=True)
class Transfer:
    """One balanced movement: `amount` leaves `debit_account_id`, reaches `credit_account_id`.

    `replayed` is True when the call found an earlier transfer with the same idempotency key
    and the same request, and returned it instead of moving money again.
    """

    id: str
    debit_account_id: str
    credit_account_id: str
    amount: Decimal
    currency: str
    booked_at: datetime
    value_date: date
    kind: str
    reference: str
    description: str
    idempotency_key: str | None
    details: dict[str, Any] = field(default_factory=dict)
    replayed: bool = False


@dataclass(frozen=True, slots=True)
class Entry:
    """One side of a transfer as seen from one account (a statement line).

    `amount` is signed from the account holder's view: negative when money left the account.
    `balance_after` is the account's running balance after this entry.
    """

    transfer_id: str
    account_id: str
    amount: Decimal
    currency: str
    balance_after: Decimal
    booked_at: datetime
    value_date: date
    kind: str
    reference: str
    description: str
    counterparty_account_id: str
    details: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class IdempotencyRecord:
    """A stored outcome of a request, keyed by (scope, key), e.g. ("bank_b:client-1", X-Request-ID).

    `fingerprint` identifies the request (e.g. a hash of the body); `response` is whatever
    bytes the caller needs to replay the outcome.
    """

    scope: str
    key: str
    fingerprint: str
    response: bytes
    created_at: datetime
