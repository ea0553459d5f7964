"""Seed Bank A: customers' accounts (sort codes, IBANs, cards) and a year of history."""

from __future__ import annotations

import random
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal
from typing import Any, Literal
from zoneinfo import ZoneInfo

from sandbox.iban import luhn_complete, make_iban
from sandbox.ledger import Account, DuplicateRecord, InsufficientFunds, LedgerTx

LONDON = ZoneInfo("Europe/London")
SORT_CODE = "204514"
"""Bank A's one sort code; IBANs are GBkk BKAA <sort code> <8-digit account number>."""
BANK_CODE = "BKAA"
CARD_BIN = "622202"


@dataclass(frozen=True, slots=True)
class AccountPlan:
    """One account to open: what it is, its overdraft and its opening balance."""

    currency: str
    sub_type: str
    nickname: str
    opening: Decimal
    overdraft: Decimal = Decimal(0)
    account_type: Literal["Personal", "Business"] = "Personal"


@dataclass(frozen=True, slots=True)
class Event:
    """A planned history line; `amount` > 0, `inbound` says which way it goes."""

    at: datetime
    account: Account
    amount: Decimal
    inbound: bool
    kind: str
    reference: str
    description: str
    counterparty: str | None = None  # another seeded account id; None = the outside world
    details: dict[str, Any] = field(default_factory=dict)
    idempotency_key: str | None = None


MERCHANTS: dict[str, tuple[tuple[str, str, Decimal, Decimal], ...]] = {
    # (merchant, merchant category code, min, max)
    "GBP": (
        ("Corner Cafe", "5814", Decimal("2.10"), Decimal("9.80")),
        ("Tesco Metro", "5411", Decimal("4.50"), Decimal("62.00")),
        ("TfL Travel", "4111", Decimal("1.75"), Decimal("8.10")),
        ("Pret A Manger", "5814", Decimal("3.20"), Decimal("12.40")),
        ("Boots", "5912", Decimal("2.99"), Decimal("35.00")),
        ("Amazon UK", "5942", Decimal("6.99"), Decimal("89.00")),
        ("Waterstones", "5942", Decimal("7.99"), Decimal("30.00")),
    ),
    "EUR": (
        ("Cafe de Flore", "5814", Decimal("3.50"), Decimal("18.00")),
        ("Carrefour", "5411", Decimal("8.00"), Decimal("95.00")),
        ("SNCF", "4112", Decimal("19.00"), Decimal("120.00")),
    ),
    "CNY": (
        ("Luckin Coffee", "5814", Decimal("9.90"), Decimal("32.00")),
        ("Hema Fresh", "5411", Decimal("25.00"), Decimal("380.00")),
        ("Didi Chuxing", "4121", Decimal("12.00"), Decimal("88.00")),
    ),
}


def open_account(
    tx: LedgerTx, rng: random.Random, customer_id: str, plan: AccountPlan, opened_at: datetime
) -> Account:
    """Open a Bank A account with a fresh number, IBAN (and card for CNY accounts)."""
    while True:
        number = f"{rng.randrange(10**7, 10**8)}"
        card = luhn_complete(CARD_BIN + f"{rng.randrange(10**12):012d}")
        try:
            return tx.add_account(
                account_id=f"acc-{rng.getrandbits(40):010x}",
                customer_id=customer_id,
                bank="A",
                currency=plan.currency,
                sub_type=plan.sub_type,
                nickname=plan.nickname,
                description=f"{plan.account_type} {plan.sub_type} {plan.currency}",
                account_type=plan.account_type,
                min_balance=-plan.overdraft,
                opened_at=opened_at,
                iban=make_iban("GB", BANK_CODE + SORT_CODE + number),
                sort_code=SORT_CODE,
                account_number=number,
                card_number=card if plan.currency == "CNY" else None,
            )
        except DuplicateRecord:
            continue  # a random number collided; draw another


def fund_opening(tx: LedgerTx, account: Account, amount: Decimal, at: datetime) -> None:
    """Give a new account its opening balance from the equity system account."""
    if amount <= 0:
        return
    tx.transfer(
        debit=tx.system_account("equity", account.currency),
        credit=account.id,
        amount=amount,
        currency=account.currency,
        kind="opening_balance",
        reference="OPENING BALANCE",
        description="Opening balance",
        booked_at=at,
    )


def apply_events(tx: LedgerTx, events: list[Event]) -> int:
    """Book events in time order; a debit the account cannot afford is skipped (a declined
    card), so no account goes below its limit. Returns how many were booked."""
    booked = 0
    for event in sorted(events, key=lambda e: (e.at, e.account.id, e.reference)):
        other = event.counterparty or tx.system_account("world", event.account.currency)
        debit, credit = (other, event.account.id) if event.inbound else (event.account.id, other)
        try:
            tx.transfer(
                debit=debit,
                credit=credit,
                amount=event.amount,
                currency=event.account.currency,
                kind=event.kind,
                reference=event.reference,
                description=event.description,
                booked_at=event.at,
                details=event.details,
                idempotency_key=event.idempotency_key,
            )
        except InsufficientFunds:
            continue
        booked += 1
    return booked


def days(start: date, end: date) -> Iterator[date]:
    """Each date from `start` to `end`, both inclusive."""
    for offset in range((end - start).days + 1):
        yield start + timedelta(days=offset)


def at_local(day: date, rng: random.Random, earliest: int = 7, latest: int = 21) -> datetime:
    """A random London time on `day` between the given hours, as UTC."""
    moment = time(rng.randrange(earliest, latest), rng.randrange(60), rng.randrange(60))
    return datetime.combine(day, moment, LONDON).astimezone(UTC)


def money(rng: random.Random, low: Decimal, high: Decimal) -> Decimal:
    """A random amount in [low, high] with two decimals."""
    cents = rng.randrange(int(low * 100), int(high * 100) + 1)
    return Decimal(cents).scaleb(-2)


def card_spending(
    rng: random.Random, account: Account, start: date, end: date, per_week: float
) -> list[Event]:
    """Card purchases at the currency's merchants, about `per_week` a week."""
    events = []
    for day in days(start, end):
        if rng.random() >= per_week / 7:
            continue
        merchant, mcc, low, high = rng.choice(MERCHANTS[account.currency])
        events.append(
            Event(
                at=at_local(day, rng),
                account=account,
                amount=money(rng, low, high),
                inbound=False,
                kind="card",
                reference=f"{merchant.upper()[:18]} {day:%m%d}",
                description=f"Card purchase, {merchant}",
                details={"merchant": merchant, "mcc": mcc},
            )
        )
    return events


def monthly(
    rng: random.Random,
    account: Account,
    start: date,
    end: date,
    *,
    day_of_month: int,
    amount: Decimal,
    inbound: bool,
    kind: str,
    name: str,
    counterparty: str | None = None,
) -> list[Event]:
    """One event a month on `day_of_month` (salary, rent, a standing transfer)."""
    events = []
    for day in days(start, end):
        if day.day != day_of_month:
            continue
        events.append(
            Event(
                at=at_local(day, rng, 6, 9),
                account=account,
                amount=amount,
                inbound=inbound,
                kind=kind,
                reference=f"{name.upper()[:20]} {day:%b%y}".upper(),
                description=name,
                counterparty=counterparty,
                details={"counterparty_name": name},
            )
        )
    return events
