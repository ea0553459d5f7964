"""Validation of a `sepa-credit-transfers` initiation body and of PIS request headers.

Every failure raises `TppError` (400 `FORMAT_ERROR` with `path`, or
`EXECUTION_DATE_INVALID`) before anything is stored. Ownership of the accounts is checked
later against the ledger (`payments.py`).
"""

from __future__ import annotations

import ipaddress
import re
import uuid
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

import orjson

from sandbox.bank_b.calendar import next_business_day
from sandbox.bank_b.errors import TppError, format_error
from sandbox.iban import is_valid_iban, normalise_iban

_AMOUNT = re.compile(r"^-?[0-9]{1,14}(\.[0-9]{1,3})?$")
_SEPA_TEXT = re.compile(r"^[a-zA-Z0-9/\-?:().,'+ ]*$")
_BIC = re.compile(r"^[A-Z]{6}[A-Z2-9][A-NP-Z0-9]([A-Z0-9]{3})?$")
_COUNTRY = re.compile(r"^[A-Z]{2}$")
MAX_AMOUNT = Decimal("999999999.99")


@dataclass(frozen=True, slots=True)
class Initiation:
    """A valid initiation. `execution_date` is None for immediate execution; `date_moved`
    says it was moved off a non-business day. `document` is the body as sent."""

    document: dict[str, Any]
    debtor_iban: str
    creditor_iban: str
    creditor_name: str
    amount: Decimal
    end_to_end_id: str | None
    remittance: str | None
    execution_date: date | None
    date_moved: bool


def parse_initiation(body: bytes, today: date) -> Initiation:
    """Validate the JSON body against the dialect's rules; `today` is the Berlin date."""
    try:
        document = orjson.loads(body)
    except orjson.JSONDecodeError:
        raise format_error("body", "request body is not valid JSON") from None
    if not isinstance(document, dict):
        raise format_error("body", "request body must be a JSON object")
    debtor = _account(document, "debtorAccount")
    if "currency" in document["debtorAccount"] and document["debtorAccount"]["currency"] != "EUR":
        raise format_error("debtorAccount.currency", "sepa-credit-transfers are in EUR")
    creditor = _account(document, "creditorAccount")
    amount = _amount(document.get("instructedAmount"))
    name = _text(document, "creditorName", 70, required=True)
    assert name is not None
    end_to_end = _text(document, "endToEndIdentification", 35)
    remittance = _text(document, "remittanceInformationUnstructured", 140)
    agent = document.get("creditorAgent")
    if agent is not None and (not isinstance(agent, str) or not _BIC.match(agent)):
        raise format_error("creditorAgent", "creditorAgent must be a BICFI")
    _address(document.get("creditorAddress"))
    execution, moved = _execution_date(document.get("requestedExecutionDate"), today)
    return Initiation(document, debtor, creditor, name, amount, end_to_end, remittance,
                      execution, moved)  # fmt: skip


def check_request_id(value: str | None) -> str:
    """The mandatory `X-Request-ID` (a UUID)."""
    if value is None:
        raise format_error("X-Request-ID", "X-Request-ID header is missing")
    try:
        uuid.UUID(value)
    except ValueError:
        raise format_error("X-Request-ID", "X-Request-ID must be a UUID") from None
    return value


def check_psu_ip(value: str | None) -> None:
    """The mandatory `PSU-IP-Address` of a payment initiation (IPv4)."""
    if value is None:
        raise format_error("PSU-IP-Address", "PSU-IP-Address header is missing")
    try:
        ipaddress.IPv4Address(value)
    except ValueError:
        raise format_error("PSU-IP-Address", "PSU-IP-Address must be an IPv4 address") from None


def check_redirect_uri(value: str | None, header: str, *, required: bool) -> None:
    """`TPP-Redirect-URI` (required) / `TPP-Nok-Redirect-URI`: absolute http(s) URLs."""
    if value is None:
        if required:
            raise format_error(header, f"{header} header is missing")
        return
    if not re.match(r"^https?://[^\s/]+", value):
        raise format_error(header, f"{header} must be an absolute http(s) URL")


def _account(document: dict[str, Any], name: str) -> str:
    reference = document.get(name)
    if reference is None:
        raise format_error(name, f"{name} is required")
    if not isinstance(reference, dict) or not isinstance(reference.get("iban"), str):
        raise format_error(f"{name}.iban", f"{name} must carry an iban")
    if not is_valid_iban(reference["iban"]):
        raise format_error(f"{name}.iban", f"{name}.iban is not a valid IBAN")
    return normalise_iban(reference["iban"])


def _amount(value: Any) -> Decimal:
    if value is None:
        raise format_error("instructedAmount", "instructedAmount is required")
    if not isinstance(value, dict):
        raise format_error("instructedAmount", "instructedAmount must be an object")
    if value.get("currency") != "EUR":
        raise format_error("instructedAmount.currency", "sepa-credit-transfers are in EUR")
    text = value.get("amount")
    if not isinstance(text, str) or not _AMOUNT.match(text):
        raise format_error("instructedAmount.amount", "amount must be a decimal string")
    amount = Decimal(text)
    if amount <= 0:
        raise format_error("instructedAmount.amount", "amount must be positive")
    if amount.as_tuple().exponent < -2:  # type: ignore[operator]
        raise format_error("instructedAmount.amount", "EUR amounts have at most two decimals")
    if amount > MAX_AMOUNT:
        raise format_error("instructedAmount.amount", "amount exceeds 999999999.99")
    return amount


def _text(document: dict[str, Any], name: str, limit: int, *, required: bool = False) -> str | None:
    value = document.get(name)
    if value is None:
        if required:
            raise format_error(name, f"{name} is required")
        return None
    if not isinstance(value, str) or not value.strip() or len(value) > limit:
        raise format_error(name, f"{name} must be a text of 1 to {limit} characters")
    if not _SEPA_TEXT.match(value):
        raise format_error(name, f"{name} has characters outside the SEPA character set")
    return value


def _address(value: Any) -> None:
    if value is None:
        return
    if not isinstance(value, dict):
        raise format_error("creditorAddress", "creditorAddress must be an object")
    country = value.get("country")
    if not isinstance(country, str) or not _COUNTRY.match(country):
        raise format_error("creditorAddress.country", "country must be ISO 3166 alpha-2")
    for part in ("streetName", "buildingNumber", "townName", "postCode"):
        if part in value:
            _text(value, part, 70)


def _execution_date(value: Any, today: date) -> tuple[date | None, bool]:
    if value is None:
        return None, False
    if not isinstance(value, str) or not re.match(r"^\d{4}-\d{2}-\d{2}$", value):
        raise format_error("requestedExecutionDate", "requestedExecutionDate must be YYYY-MM-DD")
    try:
        requested = date.fromisoformat(value)
    except ValueError:
        raise format_error("requestedExecutionDate", "requestedExecutionDate is no date") from None
    if requested < today or requested > today + timedelta(days=365):
        raise TppError(400, "EXECUTION_DATE_INVALID",
                       "requestedExecutionDate must lie between today and one year ahead",
                       "requestedExecutionDate")  # fmt: skip
    moved = next_business_day(requested)
    if moved == today:
        return None, False
    return moved, moved != requested
