"""Validation of payment initiation input (pure): everything Bank B would refuse, refused first."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

from subgraphs.common.validation import InputError, validate_amount, validate_iban

__all__ = ["PaymentOrder", "validate_payment"]

BERLIN = ZoneInfo("Europe/Berlin")
MAX_AMOUNT = Decimal("999999999.99")
_SEPA_TEXT = re.compile(r"^[a-zA-Z0-9/\-?:().,'+ ]*$")


@dataclass(frozen=True, slots=True)
class PaymentOrder:
    """A validated SEPA credit transfer order."""

    debtor_iban: str
    creditor_iban: str
    creditor_name: str
    amount: Decimal
    currency: str
    remittance: str | None
    requested_execution_date: date | None
    end_to_end_identification: str | None


def _text(value: str | None, field: str, limit: int, required: bool = False) -> str | None:
    if value is None or value.strip() == "":
        if required:
            raise InputError(field, f"{field} is required")
        return None
    if len(value) > limit:
        raise InputError(field, f"{field} allows at most {limit} characters")
    if not _SEPA_TEXT.match(value):
        raise InputError(field, f"{field} has characters outside the SEPA character set")
    return value


def validate_payment(
    *,
    debtor_iban: str,
    creditor_iban: str,
    creditor_name: str,
    amount: Decimal,
    currency: str,
    remittance: str | None,
    requested_execution_date: date | None,
    end_to_end_identification: str | None,
    now: datetime,
) -> PaymentOrder:
    """A PaymentOrder, or InputError naming the first bad field. `now` fixes "today" (Berlin)."""
    debtor = validate_iban(debtor_iban, "debtorIban")
    creditor = validate_iban(creditor_iban, "creditorIban")
    if debtor == creditor:
        raise InputError("creditorIban", "creditorIban must differ from debtorIban")
    if currency != "EUR":
        raise InputError("amount.currency", "SEPA credit transfers are in EUR only")
    validate_amount(amount, "amount.amount", decimals=2, maximum=MAX_AMOUNT)
    name = _text(creditor_name, "creditorName", 70, required=True)
    if requested_execution_date is not None:
        today = now.astimezone(BERLIN).date()
        if not today <= requested_execution_date <= today + timedelta(days=365):
            raise InputError(
                "requestedExecutionDate", "requestedExecutionDate must be within the next year"
            )
    return PaymentOrder(
        debtor_iban=debtor,
        creditor_iban=creditor,
        creditor_name=name or "",
        amount=amount.quantize(Decimal("0.01")),
        currency=currency,
        remittance=_text(remittance, "remittanceInformation", 140),
        requested_execution_date=requested_execution_date,
        end_to_end_identification=_text(end_to_end_identification, "endToEndIdentification", 35),
    )
