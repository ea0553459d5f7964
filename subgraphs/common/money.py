"""Money as an exact decimal amount plus an ISO 4217 currency code.

Amounts are `Decimal`, never floats. `normalise_amount` gives the canonical form the unified schema
promises: plain notation, at least the currency's minor-unit scale, extra digits a bank sent kept.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from types import MappingProxyType

__all__ = [
    "CurrencyError",
    "MoneyValue",
    "currency_exponent",
    "format_decimal",
    "from_minor_units",
    "money",
    "normalise_amount",
    "parse_decimal",
    "to_minor_units",
]

_CURRENCY_CODE = re.compile(r"^[A-Z]{3}$")
_DECIMAL_TEXT = re.compile(r"^-?\d+(\.\d+)?$")

# ISO 4217 minor units for currencies whose exponent is not 2; every other code uses 2.
_EXPONENTS = MappingProxyType(
    {
        "BHD": 3, "BIF": 0, "CLF": 4, "CLP": 0, "DJF": 0, "GNF": 0, "IQD": 3, "ISK": 0,
        "JOD": 3, "JPY": 0, "KMF": 0, "KRW": 0, "KWD": 3, "LYD": 3, "OMR": 3, "PYG": 0,
        "RWF": 0, "TND": 3, "UGX": 0, "UYI": 0, "UYW": 4, "VND": 0, "VUV": 0, "XAF": 0,
        "XOF": 0, "XPF": 0,
    }
)  # fmt: skip


class CurrencyError(ValueError):
    """A currency code that is not three upper-case letters."""


def currency_exponent(currency: str) -> int:
    """Number of minor-unit digits of `currency` (ISO 4217); raises CurrencyError if malformed."""
    if not _CURRENCY_CODE.match(currency):
        raise CurrencyError(f"not an ISO 4217 currency code: {currency!r}")
    return _EXPONENTS.get(currency, 2)


def normalise_amount(amount: Decimal, currency: str) -> Decimal:
    """`amount` with at least the currency's minor-unit scale; extra digits kept, -0 becomes 0."""
    if not amount.is_finite():
        raise InvalidOperation(f"amount must be finite: {amount}")
    exponent = currency_exponent(currency)
    if amount.as_tuple().exponent > -exponent:  # type: ignore[operator]
        amount = amount.quantize(Decimal(1).scaleb(-exponent))
    if amount.is_zero():
        amount = abs(amount)
    return amount


@dataclass(frozen=True, slots=True)
class MoneyValue:
    """An amount in a currency; build with `money` so the amount is normalised."""

    amount: Decimal
    currency: str


def money(amount: Decimal, currency: str) -> MoneyValue:
    """A normalised MoneyValue; raises CurrencyError on a malformed code."""
    return MoneyValue(normalise_amount(amount, currency), currency)


def from_minor_units(minor: int, currency: str) -> MoneyValue:
    """Money from an integer count of minor units (e.g. fen), using the ISO 4217 exponent."""
    if isinstance(minor, bool) or not isinstance(minor, int):
        raise TypeError(f"minor units must be an integer, got {minor!r}")
    return money(Decimal(minor).scaleb(-currency_exponent(currency)), currency)


def to_minor_units(amount: Decimal, currency: str) -> int:
    """Integer minor units of `amount`; ValueError if it has more decimals than the currency."""
    scaled = amount.scaleb(currency_exponent(currency))
    if scaled != scaled.to_integral_value():
        raise ValueError(f"{amount} has more decimals than {currency} allows")
    return int(scaled)


def format_decimal(value: Decimal) -> str:
    """Plain decimal notation (no exponent), as the Decimal scalar is sent on the wire."""
    return format(value, "f")


def parse_decimal(text: str) -> Decimal:
    """Parse strict plain decimal text ("-12.50"); raises ValueError for anything else."""
    if not isinstance(text, str) or not _DECIMAL_TEXT.match(text):
        raise ValueError(f"not a plain decimal string: {text!r}")
    return Decimal(text)
