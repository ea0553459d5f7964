"""IBAN (ISO 13616) validation and construction, and Luhn card numbers."""

from __future__ import annotations

import string

IBAN_LENGTHS: dict[str, int] = {
    "AT": 20, "BE": 16, "CH": 21, "DE": 22, "DK": 18, "ES": 24, "FI": 18, "FR": 27, "GB": 22,
    "IE": 22, "IT": 27, "LU": 20, "NL": 18, "NO": 15, "PL": 28, "PT": 25, "SE": 24,
}  # fmt: skip
"""Lengths of the IBAN countries the sandbox accepts (SEPA members in common use)."""


def normalise_iban(text: str) -> str:
    """Upper case without spaces: the form IBANs are compared and stored in."""
    return text.replace(" ", "").upper()


def is_valid_iban(text: str) -> bool:
    """True when `text` (normalised) has a known country, its length, and mod 97 == 1."""
    iban = normalise_iban(text)
    if len(iban) < 5 or IBAN_LENGTHS.get(iban[:2]) != len(iban):
        return False
    if not (iban[2:4].isdigit() and iban.isalnum() and iban.isascii()):
        return False
    return _mod97(iban[4:] + iban[:4]) == 1


def make_iban(country: str, bban: str) -> str:
    """The IBAN for `bban` in `country`, with computed check digits."""
    check = 98 - _mod97(bban + country + "00")
    return f"{country}{check:02d}{bban}"


def luhn_complete(prefix: str) -> str:
    """`prefix` followed by its Luhn check digit (how debit card numbers end)."""
    total = 0
    for position, char in enumerate(reversed(prefix)):
        digit = int(char)
        if position % 2 == 0:
            digit *= 2
            digit = digit - 9 if digit > 9 else digit
        total += digit
    return prefix + str((10 - total % 10) % 10)


def _mod97(text: str) -> int:
    digits = "".join(str(string.ascii_uppercase.index(c) + 10) if c.isalpha() else c for c in text)
    return int(digits) % 97
