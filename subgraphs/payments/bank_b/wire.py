"""Bank B wire shapes: the payment resource, the initiation response, tppMessages."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from subgraphs.common.errors import BankProtocolError

__all__ = ["BGPayment", "TppMessage", "parse_payment", "parse_payment_list", "parse_tpp_messages"]


@dataclass(frozen=True, slots=True)
class TppMessage:
    category: str
    code: str
    path: str | None
    text: str | None


@dataclass(frozen=True, slots=True)
class BGPayment:
    """A payment resource (stored initiation body + status) or an initiation response."""

    payment_id: str
    transaction_status: str
    amount: str | None
    currency: str | None
    debtor_iban: str | None
    creditor_iban: str | None
    creditor_name: str | None
    remittance: str | None
    requested_execution_date: str | None
    end_to_end_identification: str | None
    created: str | None
    funds_available: bool | None


def _sub(obj: Any, *keys: str) -> Any:
    for key in keys:
        if not isinstance(obj, dict):
            return None
        obj = obj.get(key)
    return obj


def parse_payment(body: Any, payment_id: str | None = None) -> BGPayment:
    """A payment from a GET body (`payment_id` from the path) or a 201 initiation body."""
    if not isinstance(body, dict):
        raise BankProtocolError("B", "payment body is not an object")
    pid = body.get("paymentId", payment_id)
    status = body.get("transactionStatus")
    if not isinstance(pid, str) or not isinstance(status, str):
        raise BankProtocolError("B", "payment without paymentId or transactionStatus")
    amount = _sub(body, "instructedAmount", "amount")
    return BGPayment(
        payment_id=pid,
        transaction_status=status,
        amount=str(amount) if amount is not None else None,
        currency=_sub(body, "instructedAmount", "currency"),
        debtor_iban=_sub(body, "debtorAccount", "iban"),
        creditor_iban=_sub(body, "creditorAccount", "iban"),
        creditor_name=body.get("creditorName"),
        remittance=body.get("remittanceInformationUnstructured"),
        requested_execution_date=body.get("requestedExecutionDate"),
        end_to_end_identification=body.get("endToEndIdentification"),
        created=body.get("creationDateTime") or body.get("createdAt"),
        funds_available=body.get("fundsAvailable"),
    )


def parse_payment_list(body: Any) -> list[BGPayment]:
    """The sandbox list call: `{"payments": [...]}` (or a bare list)."""
    items = body.get("payments") if isinstance(body, dict) else body
    if not isinstance(items, list):
        raise BankProtocolError("B", "payment list is not a list")
    return [parse_payment(item) for item in items]


def parse_tpp_messages(body: Any) -> list[TppMessage]:
    """`tppMessages[]` of an error (or warning) body; [] when absent."""
    messages = body.get("tppMessages") if isinstance(body, dict) else None
    return [
        TppMessage(
            category=str(m.get("category", "ERROR")),
            code=str(m.get("code", "")),
            path=m.get("path"),
            text=m.get("text"),
        )
        for m in messages or []
        if isinstance(m, dict)
    ]
