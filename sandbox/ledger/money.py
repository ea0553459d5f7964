"""Exact money for the ledger: Decimal at the edges, integer minor units inside.

The ledger stores every amount as an integer number of minor units of its currency
(pence, cents, fen), so sums are exact and SQLite never sees a float.
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from sandbox.ledger.errors import InvalidAmount, UnknownCurrency

CURRENCY_EXPONENTS: dict[str, int] = {"GBP": 2, "EUR": 2, "CNY": 2, "USD": 2}
"""ISO 4217 minor-unit exponents of the currencies the sandbox keeps."""

MAX_MINOR = 10**15
"""Largest amount (in minor units) one transfer may carry: far above any demo figure."""


def exponent(currency: str) -> int:
    """ISO 4217 exponent of `currency`; raises `UnknownCurrency` for any other code."""
    try:
        return CURRENCY_EXPONENTS[currency]
    except KeyError:
        raise UnknownCurrency(f"currency {currency!r} is not kept by the ledger") from None


def to_minor(amount: Decimal, currency: str) -> int:
    """Convert a strictly positive Decimal amount to integer minor units.

    Raises `InvalidAmount` when `amount` is not a finite Decimal, not > 0, has more fraction
    digits than the currency allows (no silent rounding), or exceeds `MAX_MINOR`.
    """
    if not isinstance(amount, Decimal) or isinstance(amount, bool):
        raise InvalidAmount(f"amount must be a Decimal, got {type(amount).__name__}")
    if not amount.is_finite():
        raise InvalidAmount("amount must be finite")
    if amount <= 0:
        raise InvalidAmount(f"amount must be positive, got {amount}")
    digits = exponent(currency)
    try:
        scaled = amount.scaleb(digits)
        minor = int(scaled)
    except (InvalidOperation, OverflowError) as exc:
        raise InvalidAmount(f"amount {amount} is not representable") from exc
    if scaled != minor:
        raise InvalidAmount(f"amount {amount} has more than {digits} decimals for {currency}")
    if minor > MAX_MINOR:
        raise InvalidAmount(f"amount {amount} is too large")
    return minor


def from_minor(minor: int, currency: str) -> Decimal:
    """Decimal with exactly the currency's exponent digits, e.g. 485 GBP -> Decimal('4.85')."""
    return Decimal(minor).scaleb(-exponent(currency))
