"""Validation of loan applications and repayments (pure)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from subgraphs.common.validation import InputError, validate_amount

__all__ = ["Borrower", "validate_borrower", "validate_card_number", "validate_id_card"]

_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_ID_CHECK = "10X98765432"
_MOBILE = re.compile(r"^1\d{10}$")
_CARD = re.compile(r"^\d{16,19}$")


@dataclass(frozen=True, slots=True)
class Borrower:
    name: str
    id_card_no: str
    mobile: str


def validate_id_card(value: str, field: str = "borrower.idCardNumber") -> str:
    """An 18-character PRC resident id with a valid ISO 7064 MOD 11-2 check character."""
    value = value.strip().upper()
    if len(value) != 18 or not value[:17].isdigit():
        raise InputError(field, f"{field} must be 17 digits and a check character")
    total = sum(int(d) * w for d, w in zip(value[:17], _ID_WEIGHTS, strict=True))
    if _ID_CHECK[total % 11] != value[17]:
        raise InputError(field, f"{field} fails its check character")
    return value


def validate_card_number(value: str, field: str) -> str:
    """A 16-19 digit bank card number."""
    if not _CARD.match(value):
        raise InputError(field, f"{field} must be 16-19 digits")
    return value


def validate_borrower(name: str, id_card_no: str, mobile: str) -> Borrower:
    """Borrower details Bank C requires, checked."""
    if not name.strip() or len(name) > 64:
        raise InputError("borrower.name", "borrower.name is required (at most 64 characters)")
    if not _MOBILE.match(mobile):
        raise InputError("borrower.mobile", "borrower.mobile must be 11 digits starting with 1")
    return Borrower(name.strip(), validate_id_card(id_card_no), mobile)


def validate_cny_amount(amount: Decimal, field: str) -> Decimal:
    """A positive CNY amount with at most two decimals."""
    return validate_amount(amount, field, decimals=2)
