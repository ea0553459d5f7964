"""Pure mapping from Bank A (UK Open Banking) wire records to unified account values.

No I/O. Every function raises BankProtocolError for values the standard does not allow.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable
from datetime import date, datetime
from decimal import Decimal

from subgraphs.accounts.bank_a.wire import OBAccount, OBAmount, OBBalance, OBTransaction
from subgraphs.accounts.domain import (
    AccountData,
    AccountKind,
    BalanceData,
    Direction,
    TransactionData,
    TransactionState,
)
from subgraphs.common.errors import BankProtocolError
from subgraphs.common.money import CurrencyError, MoneyValue, money

__all__ = [
    "BalanceKind",
    "balance_kind",
    "booking_window",
    "dedupe_key",
    "map_account",
    "map_balances",
    "map_transaction",
    "padded_date",
    "parse_datetime",
    "signed_amount",
]

_OB_AMOUNT = re.compile(r"^\d{1,13}(\.\d{1,5})?$")

_KINDS = {
    "CurrentAccount": AccountKind.CURRENT,
    "Savings": AccountKind.SAVINGS,
    "CreditCard": AccountKind.CREDIT_CARD,
    "ChargeCard": AccountKind.CHARGE_CARD,
    "PrePaidCard": AccountKind.PREPAID_CARD,
    "EMoney": AccountKind.E_MONEY,
    "Loan": AccountKind.LOAN,
    "Mortgage": AccountKind.MORTGAGE,
}

_SCHEMES = {
    "UK.OBIE.IBAN": "IBAN",
    "UK.OBIE.SortCodeAccountNumber": "SORT_CODE_ACCOUNT_NUMBER",
    "UK.OBIE.BBAN": "BBAN",
    "UK.OBIE.PAN": "PAN",
    "UK.OBIE.Paym": "PAYM",
}

_STATES = {
    "Booked": TransactionState.BOOKED,
    "Pending": TransactionState.PENDING,
    "Rejected": TransactionState.REJECTED,
}


class BalanceKind:
    """Unified balance kinds (section 6 of bank-dialects.md)."""

    BOOKED = "BOOKED"
    AVAILABLE = "AVAILABLE"
    EXPECTED = "EXPECTED"
    OTHER = "OTHER"


def signed_amount(amount: OBAmount, indicator: str) -> MoneyValue:
    """Unsigned OB amount plus CreditDebitIndicator -> signed Money (Debit negative, zero 0)."""
    if not _OB_AMOUNT.match(amount.amount):
        raise BankProtocolError("A", f"amount {amount.amount!r} breaks the OB pattern")
    if indicator not in ("Credit", "Debit"):
        raise BankProtocolError("A", f"unknown CreditDebitIndicator {indicator!r}")
    value = Decimal(amount.amount)
    try:
        return money(-value if indicator == "Debit" else value, amount.currency)
    except CurrencyError as error:
        raise BankProtocolError("A", str(error)) from error


def parse_datetime(text: str) -> datetime:
    """An OB response date-time; it must carry an offset (`Z`, `+01:00`)."""
    try:
        value = datetime.fromisoformat(text)
    except ValueError as error:
        raise BankProtocolError("A", f"bad date-time {text!r}") from error
    if value.tzinfo is None:
        raise BankProtocolError("A", f"date-time without offset {text!r}")
    return value


def padded_date(text: str) -> date:
    """A date-only value OB pads with 00:00:00: its date in the offset the bank sent."""
    return parse_datetime(text).date()


def balance_kind(ob_type: str) -> str:
    """OB balance Type -> BOOKED / AVAILABLE / EXPECTED / OTHER."""
    if ob_type.endswith("Booked"):
        return BalanceKind.BOOKED
    if ob_type.endswith("Available") and ob_type != "ForwardAvailable":
        return BalanceKind.AVAILABLE
    if ob_type in ("Expected", "ForwardAvailable"):
        return BalanceKind.EXPECTED
    return BalanceKind.OTHER


def normalise_identification(scheme: str, value: str) -> str:
    """IBANs upper case without spaces; other schemes as sent."""
    return value.replace(" ", "").upper() if scheme == "IBAN" else value


def map_account(account: OBAccount) -> AccountData:
    """OBAccount6 -> AccountData; unknown sub-types become OTHER, schemes keep their OB suffix."""
    identifications = []
    for scheme_name, value in account.identifications:
        scheme = _SCHEMES.get(scheme_name, scheme_name)
        identifications.append((scheme, normalise_identification(scheme, value)))
    return AccountData(
        account_id=account.account_id,
        name=account.nickname or account.description,
        kind=_KINDS.get(account.account_sub_type or "", AccountKind.OTHER),
        business=account.account_type == "Business",
        currency=account.currency,
        status=(account.status or "Enabled").upper(),
        identifications=tuple(identifications),
    )


# Interim (intraday) figures are fresher than closing ones, closing fresher than opening.
_PREFERENCE = ("Interim", "Closing", "Expected", "Forward", "Opening", "PreviouslyClosed")


def _rank(ob_type: str) -> int:
    return next((i for i, prefix in enumerate(_PREFERENCE) if ob_type.startswith(prefix)), 99)


def map_balances(account_id: str, balances: Iterable[OBBalance]) -> BalanceData:
    """All OB balances of one account -> its booked and available balance (signed).

    Picks the freshest Booked and Available entries (Interim before Closing before Opening);
    `as_of` is the latest DateTime among the entries picked.
    """
    best: dict[str, OBBalance] = {}
    for balance in balances:
        if balance.account_id != account_id:
            continue
        kind = balance_kind(balance.type)
        if kind not in (BalanceKind.BOOKED, BalanceKind.AVAILABLE):
            continue
        current = best.get(kind)
        if current is None or _rank(balance.type) < _rank(current.type):
            best[kind] = balance

    def value(kind: str) -> MoneyValue | None:
        entry = best.get(kind)
        return None if entry is None else signed_amount(entry.amount, entry.credit_debit_indicator)

    stamps = [parse_datetime(entry.date_time) for entry in best.values()]
    return BalanceData(
        account_id=account_id,
        booked=value(BalanceKind.BOOKED),
        available=value(BalanceKind.AVAILABLE),
        as_of=max(stamps) if stamps else None,
    )


def dedupe_key(transaction: OBTransaction) -> str:
    """TransactionId, or (it is optional in OB) a hash of time, amount, indicator, reference."""
    if transaction.transaction_id:
        return transaction.transaction_id
    material = "|".join(
        (
            transaction.booking_date_time,
            transaction.amount.amount,
            transaction.amount.currency,
            transaction.credit_debit_indicator,
            transaction.transaction_reference or "",
        )
    )
    return "h-" + hashlib.sha256(material.encode()).hexdigest()[:32]


def map_transaction(transaction: OBTransaction) -> TransactionData:
    """OBTransaction6 -> TransactionData with a signed amount and the counterparty's name."""
    debit = transaction.credit_debit_indicator == "Debit"
    state = _STATES.get(transaction.status)
    if state is None:
        raise BankProtocolError("A", f"unknown transaction Status {transaction.status!r}")
    counterparty = transaction.merchant_name or (
        transaction.creditor_name if debit else transaction.debtor_name
    )
    return TransactionData(
        transaction_id=dedupe_key(transaction),
        account_id=transaction.account_id,
        booked_at=parse_datetime(transaction.booking_date_time),
        value_date=padded_date(transaction.value_date_time)
        if transaction.value_date_time
        else None,
        state=state,
        direction=Direction.DEBIT if debit else Direction.CREDIT,
        amount=signed_amount(transaction.amount, transaction.credit_debit_indicator),
        description=transaction.transaction_information or transaction.transaction_reference,
        counterparty=counterparty,
        reference=transaction.transaction_reference,
    )


def booking_window(start: date | None, end: date | None) -> dict[str, str]:
    """Query parameters for a date filter: OB wants local (Europe/London) times, no offset."""
    params: dict[str, str] = {}
    if start is not None:
        params["fromBookingDateTime"] = f"{start.isoformat()}T00:00:00"
    if end is not None:
        params["toBookingDateTime"] = f"{end.isoformat()}T23:59:59"
    return params
