"""Bank A wire shapes (OBReadAccount6, OBReadBalance1, OBReadTransaction6) as dataclasses.

`parse_*` functions take decoded JSON (with JSON numbers as Decimal) and raise
BankProtocolError on anything that breaks the standard's required fields.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Generic, TypeVar
from urllib.parse import urlsplit

from subgraphs.common.errors import BankProtocolError

__all__ = [
    "OBAccount",
    "OBAmount",
    "OBBalance",
    "OBCreditLine",
    "OBPage",
    "OBTransaction",
    "parse_accounts",
    "parse_balances",
    "parse_transactions",
]

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class OBAmount:
    amount: str
    currency: str


@dataclass(frozen=True, slots=True)
class OBAccount:
    account_id: str
    status: str | None
    currency: str
    account_type: str | None
    account_sub_type: str | None
    nickname: str | None
    description: str | None
    identifications: tuple[tuple[str, str], ...]


@dataclass(frozen=True, slots=True)
class OBCreditLine:
    included: bool
    type: str | None
    amount: OBAmount | None


@dataclass(frozen=True, slots=True)
class OBBalance:
    account_id: str
    amount: OBAmount
    credit_debit_indicator: str
    type: str
    date_time: str
    credit_lines: tuple[OBCreditLine, ...]


@dataclass(frozen=True, slots=True)
class OBTransaction:
    account_id: str
    transaction_id: str | None
    transaction_reference: str | None
    credit_debit_indicator: str
    status: str
    booking_date_time: str
    value_date_time: str | None
    amount: OBAmount
    transaction_information: str | None
    merchant_name: str | None
    creditor_name: str | None
    debtor_name: str | None


@dataclass(frozen=True, slots=True)
class OBPage(Generic[T]):
    """Records of one page and the query string of `Links.Next` (None when absent)."""

    records: tuple[T, ...]
    next_query: str | None


def _require(obj: Any, key: str) -> Any:
    if not isinstance(obj, dict) or key not in obj:
        raise BankProtocolError("A", f"missing required field {key}")
    return obj[key]


def _amount(obj: Any) -> OBAmount:
    amount = _require(obj, "Amount")
    currency = _require(obj, "Currency")
    if not isinstance(amount, str) or not isinstance(currency, str):
        raise BankProtocolError("A", "Amount and Currency must be strings")
    return OBAmount(amount, currency)


def _data_list(body: Any, key: str) -> list[Any]:
    records = _require(_require(body, "Data"), key)
    if not isinstance(records, list):
        raise BankProtocolError("A", f"Data.{key} is not a list")
    return records


def _next_query(body: dict[str, Any]) -> str | None:
    links = body.get("Links") or {}
    nxt = links.get("Next") if isinstance(links, dict) else None
    if not nxt:
        return None
    return urlsplit(str(nxt)).query or None


def _account(raw: dict[str, Any]) -> OBAccount:
    identifications = tuple(
        (str(item.get("SchemeName", "")), str(item.get("Identification", "")))
        for item in raw.get("Account") or []
        if isinstance(item, dict)
    )
    return OBAccount(
        account_id=str(_require(raw, "AccountId")),
        status=raw.get("Status"),
        currency=str(_require(raw, "Currency")),
        account_type=raw.get("AccountType"),
        account_sub_type=raw.get("AccountSubType"),
        nickname=raw.get("Nickname"),
        description=raw.get("Description"),
        identifications=identifications,
    )


def parse_accounts(body: Any) -> OBPage[OBAccount]:
    """Data.Account[] of an OBReadAccount6 page."""
    return OBPage(tuple(_account(raw) for raw in _data_list(body, "Account")), _next_query(body))


def _balance(raw: dict[str, Any]) -> OBBalance:
    lines = tuple(
        OBCreditLine(
            included=bool(line.get("Included")),
            type=line.get("Type"),
            amount=_amount(line["Amount"]) if isinstance(line.get("Amount"), dict) else None,
        )
        for line in raw.get("CreditLine") or []
        if isinstance(line, dict)
    )
    return OBBalance(
        account_id=str(_require(raw, "AccountId")),
        amount=_amount(_require(raw, "Amount")),
        credit_debit_indicator=str(_require(raw, "CreditDebitIndicator")),
        type=str(_require(raw, "Type")),
        date_time=str(_require(raw, "DateTime")),
        credit_lines=lines,
    )


def parse_balances(body: Any) -> OBPage[OBBalance]:
    """Data.Balance[] of an OBReadBalance1 page."""
    return OBPage(tuple(_balance(raw) for raw in _data_list(body, "Balance")), _next_query(body))


def _party_name(raw: Any) -> str | None:
    return raw.get("Name") if isinstance(raw, dict) else None


def _transaction(raw: dict[str, Any]) -> OBTransaction:
    merchant = raw.get("MerchantDetails")
    return OBTransaction(
        account_id=str(_require(raw, "AccountId")),
        transaction_id=raw.get("TransactionId"),
        transaction_reference=raw.get("TransactionReference"),
        credit_debit_indicator=str(_require(raw, "CreditDebitIndicator")),
        status=str(_require(raw, "Status")),
        booking_date_time=str(_require(raw, "BookingDateTime")),
        value_date_time=raw.get("ValueDateTime"),
        amount=_amount(_require(raw, "Amount")),
        transaction_information=raw.get("TransactionInformation"),
        merchant_name=merchant.get("MerchantName") if isinstance(merchant, dict) else None,
        creditor_name=_party_name(raw.get("CreditorAccount")),
        debtor_name=_party_name(raw.get("DebtorAccount")),
    )


def parse_transactions(body: Any) -> OBPage[OBTransaction]:
    """Data.Transaction[] of an OBReadTransaction6 page."""
    records = tuple(_transaction(raw) for raw in _data_list(body, "Transaction"))
    return OBPage(records, _next_query(body))
