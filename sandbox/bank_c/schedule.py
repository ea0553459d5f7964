"""Repayment schedules, due dates, penalties and asset classes (bank-dialects.md §3.6).

Pure functions over integer fen and basis points. All rounding is half-up to the fen.
"""

from __future__ import annotations

import calendar
import datetime as dt
import decimal
from dataclasses import dataclass
from decimal import ROUND_FLOOR, ROUND_HALF_UP, Decimal
from typing import Literal

RepayMethod = Literal["EQUAL_INSTALLMENT", "EQUAL_PRINCIPAL"]
REPAY_METHODS: tuple[RepayMethod, ...] = ("EQUAL_INSTALLMENT", "EQUAL_PRINCIPAL")

_CONTEXT = decimal.Context(prec=50)


@dataclass(frozen=True, slots=True)
class Installment:
    """One scheduled term: ``principal`` and ``interest`` in fen, due on ``due_date``."""

    term_no: int
    due_date: dt.date
    principal: int
    interest: int

    @property
    def total(self) -> int:
        return self.principal + self.interest


def round_fen(value: Decimal) -> int:
    """Round a fen amount half-up to a whole fen."""
    return int(value.quantize(Decimal(1), rounding=ROUND_HALF_UP, context=_CONTEXT))


def monthly_rate(annual_rate_bp: int) -> Decimal:
    """``r = annual_rate / 10000 / 12`` at 50 significant digits."""
    return _CONTEXT.divide(Decimal(annual_rate_bp), Decimal(120000))


def daily_rate(annual_rate_bp: int) -> Decimal:
    """Annual basis points on a 360-day basis: ``annual_rate / 10000 / 360``."""
    return _CONTEXT.divide(Decimal(annual_rate_bp), Decimal(3600000))


def due_date(value_date: dt.date, term_no: int) -> dt.date:
    """The ``value_date`` day-of-month ``term_no`` months later, clamped to that month's end."""
    months = value_date.month - 1 + term_no
    year, month = value_date.year + months // 12, months % 12 + 1
    last = calendar.monthrange(year, month)[1]
    return dt.date(year, month, min(value_date.day, last))


def equal_installment_payment(principal: int, term_months: int, annual_rate_bp: int) -> int:
    """``A = round(P·r·(1+r)^n / ((1+r)^n − 1))``; with a zero rate, ``round(P / n)``."""
    r = monthly_rate(annual_rate_bp)
    if r == 0:
        return round_fen(Decimal(principal) / term_months)
    growth = _CONTEXT.power(1 + r, term_months)
    return round_fen(_CONTEXT.divide(principal * r * growth, growth - 1))


def build_schedule(
    principal: int,
    term_months: int,
    annual_rate_bp: int,
    method: RepayMethod,
    value_date: dt.date,
) -> tuple[Installment, ...]:
    """Return the ``term_months`` installments; the last term absorbs rounding residue.

    Raises ``ValueError`` for a non-positive principal or term, or an unknown method.
    """
    if principal <= 0 or term_months <= 0:
        raise ValueError("principal and term_months must be positive")
    r = monthly_rate(annual_rate_bp)
    if method == "EQUAL_INSTALLMENT":
        payment = equal_installment_payment(principal, term_months, annual_rate_bp)
    elif method == "EQUAL_PRINCIPAL":
        flat = int((Decimal(principal) / term_months).quantize(Decimal(1), rounding=ROUND_FLOOR))
    else:
        raise ValueError(f"unknown repay method {method}")
    outstanding = principal
    terms: list[Installment] = []
    for term_no in range(1, term_months + 1):
        interest = round_fen(outstanding * r)
        if term_no == term_months:
            part = outstanding
        elif method == "EQUAL_INSTALLMENT":
            part = payment - interest
        else:
            part = flat
        terms.append(Installment(term_no, due_date(value_date, term_no), part, interest))
        outstanding -= part
    return tuple(terms)


def daily_penalty(unpaid_principal: int, penalty_rate_bp: int) -> int:
    """One day's penalty on a term: ``round(unpaid principal × penalty_rate / 10000 / 360)``."""
    return round_fen(unpaid_principal * daily_rate(penalty_rate_bp))


def accrued_interest(outstanding: int, annual_rate_bp: int, days: int) -> int:
    """Interest on ``outstanding`` for ``days`` days at ``annual_rate / 360`` per day."""
    return round_fen(outstanding * daily_rate(annual_rate_bp) * days)


def five_level_class(overdue_days: int) -> str:
    """The simplified five-level asset class for a loan ``overdue_days`` past due."""
    if overdue_days <= 0:
        return "NORMAL"
    if overdue_days <= 90:
        return "SPECIAL_MENTION"
    if overdue_days <= 270:
        return "SUBSTANDARD"
    if overdue_days <= 360:
        return "DOUBTFUL"
    return "LOSS"
