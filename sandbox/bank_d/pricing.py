"""Fund order maths (bank-dialects.md §4.5): the "unknown price" rule's BUY and SELL sums.

Pure Decimal functions; every result is rounded half-up to 0.01 (money and units).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

CENT = Decimal("0.01")


def cents(value: Decimal) -> Decimal:
    """Round half-up to two decimals."""
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


@dataclass(frozen=True, slots=True)
class Confirmation:
    """What a confirmed order exchanged: ``amount`` of cash (gross for BUY, net proceeds for
    SELL), ``units`` of the fund, and the ``fee`` kept by the fund."""

    amount: Decimal
    units: Decimal
    fee: Decimal


def subscribe(amount: Decimal, fee_rate: Decimal, nav: Decimal) -> Confirmation:
    """BUY by amount: net = amount / (1 + rate), fee = amount − net, units = net / NAV.

    Example: 10000.00 at 0.012 and NAV 1.2345 -> net 9881.42, fee 118.58, 8004.39 units.
    """
    net = cents(amount / (1 + fee_rate))
    return Confirmation(amount=amount, units=cents(net / nav), fee=amount - net)


def redeem(units: Decimal, fee_rate: Decimal, nav: Decimal) -> Confirmation:
    """SELL by units: gross = units × NAV, fee = gross × rate, proceeds = gross − fee."""
    gross = cents(units * nav)
    fee = cents(gross * fee_rate)
    return Confirmation(amount=gross - fee, units=units, fee=fee)


def market_value(units: Decimal, nav: Decimal) -> Decimal:
    """``units × NAV`` rounded half-up to 0.01."""
    return cents(units * nav)
