"""Unified account-side values the accounts subgraph serves, independent of any bank dialect."""

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import date, datetime

from subgraphs.common.money import MoneyValue

__all__ = [
    "AccountData",
    "AccountKind",
    "BalanceData",
    "Direction",
    "TransactionData",
    "TransactionState",
]


class AccountKind(enum.Enum):
    CURRENT = "CURRENT"
    SAVINGS = "SAVINGS"
    CREDIT_CARD = "CREDIT_CARD"
    CHARGE_CARD = "CHARGE_CARD"
    PREPAID_CARD = "PREPAID_CARD"
    E_MONEY = "E_MONEY"
    LOAN = "LOAN"
    MORTGAGE = "MORTGAGE"
    OTHER = "OTHER"


class TransactionState(enum.Enum):
    BOOKED = "BOOKED"
    PENDING = "PENDING"
    REJECTED = "REJECTED"


class Direction(enum.Enum):
    CREDIT = "CREDIT"
    DEBIT = "DEBIT"


@dataclass(frozen=True, slots=True)
class AccountData:
    """One account. `identifications` maps scheme (IBAN, SORT_CODE_ACCOUNT_NUMBER, ...) to value."""

    account_id: str
    name: str | None
    kind: AccountKind
    business: bool
    currency: str
    status: str
    identifications: tuple[tuple[str, str], ...]

    @property
    def iban(self) -> str | None:
        return next((value for scheme, value in self.identifications if scheme == "IBAN"), None)


@dataclass(frozen=True, slots=True)
class BalanceData:
    """Booked and available balance of one account (signed: negative = overdrawn)."""

    account_id: str
    booked: MoneyValue | None
    available: MoneyValue | None
    as_of: datetime | None


@dataclass(frozen=True, slots=True)
class TransactionData:
    """One entry; `amount` is signed from the holder's view (debits negative)."""

    transaction_id: str
    account_id: str
    booked_at: datetime
    value_date: date | None
    state: TransactionState
    direction: Direction
    amount: MoneyValue
    description: str | None
    counterparty: str | None
    reference: str | None
