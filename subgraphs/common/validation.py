"""Input checks shared by the mutations: IBAN (ISO 13616 mod 97), amounts, text."""

from __future__ import annotations

import re
from decimal import Decimal

__all__ = ["IBAN_LENGTHS", "InputError", "normalise_iban", "validate_amount", "validate_iban"]

# ISO 13616 registry lengths for SEPA countries and a few others.
IBAN_LENGTHS = {
    "AD": 24, "AT": 20, "BE": 16, "BG": 22, "CH": 21, "CY": 28, "CZ": 24, "DE": 22, "DK": 18,
    "EE": 20, "ES": 24, "FI": 18, "FR": 27, "GB": 22, "GI": 23, "GR": 27, "HR": 21, "HU": 28,
    "IE": 22, "IS": 26, "IT": 27, "LI": 21, "LT": 20, "LU": 20, "LV": 21, "MC": 27, "MT": 31,
    "NL": 18, "NO": 15, "PL": 28, "PT": 25, "RO": 24, "SE": 24, "SI": 19, "SK": 24, "SM": 27,
    "VA": 22,
}  # fmt: skip
_IBAN_SHAPE = re.compile(r"^[A-Z]{2}\d{2}[A-Z0-9]{11,30}$")


class InputError(ValueError):
    """Bad client input; `field` names the offending input field."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field


def normalise_iban(iban: str) -> str:
    """Upper case, spaces removed."""
    return iban.replace(" ", "").upper()


def validate_iban(iban: str, field: str) -> str:
    """The normalised IBAN if its country length and mod-97 check hold; raises InputError."""
    value = normalise_iban(iban)
    if not _IBAN_SHAPE.match(value):
        raise InputError(field, f"{field} is not an IBAN")
    expected = IBAN_LENGTHS.get(value[:2])
    if expected is not None and len(value) != expected:
        raise InputError(field, f"{field}: a {value[:2]} IBAN has {expected} characters")
    rearranged = value[4:] + value[:4]
    digits = "".join(str(int(ch, 36)) for ch in rearranged)
    if int(digits) % 97 != 1:
        raise InputError(field, f"{field} fails the IBAN check digits")
    return value


def validate_amount(
    amount: Decimal, field: str, *, decimals: int = 2, maximum: Decimal | None = None
) -> Decimal:
    """`amount` if positive with at most `decimals` decimals (and <= maximum); else InputError."""
    if not amount.is_finite() or amount <= 0:
        raise InputError(field, f"{field} must be positive")
    if amount != amount.quantize(Decimal(1).scaleb(-decimals)):
        raise InputError(field, f"{field} allows at most {decimals} decimals")
    if maximum is not None and amount > maximum:
        raise InputError(field, f"{field} must not exceed {maximum}")
    return amount
