"""What a loan looks like on a given Shanghai business date, and how repayments change it.

Pure functions of a ``Loan`` and ``today``. Penalties are not stored while they accrue: an
unpaid term past its due date accrues ``daily_penalty`` per day overdue, and what was paid
is frozen into ``paid_penalty`` when the term is repaid (repayments always clear whole terms).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace

from sandbox.bank_c.records import Allocation, Loan, Term
from sandbox.bank_c.schedule import (
    Installment,
    accrued_interest,
    daily_penalty,
    five_level_class,
)


@dataclass(frozen=True, slots=True)
class TermView:
    """A term as the repay-plans endpoint shows it on ``today``."""

    term: Term
    penalty: int
    status: str
    overdue_days: int

    @property
    def unpaid_penalty(self) -> int:
        return self.penalty - self.term.paid_penalty

    @property
    def outstanding(self) -> int:
        """Principal, interest and penalty still owed on this term."""
        return self.term.unpaid_principal + self.term.unpaid_interest + self.unpaid_penalty


@dataclass(frozen=True, slots=True)
class LoanView:
    """Derived loan figures on ``today``; the ``next_*`` fields are None once settled."""

    status: str
    outstanding_principal: int
    overdue_days: int
    overdue_amount: int
    five_level_class: str
    next_due_date: dt.date | None
    next_due_amount: int | None
    terms: tuple[TermView, ...]


def view_term(term: Term, penalty_rate: int, today: dt.date) -> TermView:
    """Status and penalty of one term: overdue from the day after its due date."""
    due = term.installment.due_date
    if term.is_paid:
        paid_on = term.paid_time.date() if term.paid_time else due
        return TermView(term, term.paid_penalty, "PAID", max(0, (paid_on - due).days))
    if today > due:
        days = (today - due).days
        accrued = days * daily_penalty(term.unpaid_principal, penalty_rate)
        return TermView(term, max(accrued, term.paid_penalty), "OVERDUE", days)
    paid_any = term.paid_principal or term.paid_interest
    return TermView(term, term.paid_penalty, "PARTIALLY_PAID" if paid_any else "NOT_DUE", 0)


def view_loan(loan: Loan, today: dt.date) -> LoanView:
    """All derived loan figures; ``next_due_amount`` is what a ``CURRENT`` repayment needs."""
    terms = tuple(view_term(term, loan.penalty_rate, today) for term in loan.terms)
    overdue = [t for t in terms if t.status == "OVERDUE"]
    overdue_days = max((t.overdue_days for t in overdue), default=0)
    unpaid = [t for t in terms if t.status != "PAID"]
    outstanding_principal = sum(t.term.unpaid_principal for t in terms)
    if loan.settle_time is not None or not unpaid:
        status, next_date, next_amount = "SETTLED", None, None
    else:
        status = "OVERDUE" if overdue else "NORMAL"
        next_date = unpaid[0].term.installment.due_date
        next_amount = sum(t.outstanding for t in current_terms(terms))
    return LoanView(
        status=status,
        outstanding_principal=outstanding_principal,
        overdue_days=overdue_days,
        overdue_amount=sum(t.outstanding for t in overdue),
        five_level_class=five_level_class(overdue_days),
        next_due_date=next_date,
        next_due_amount=next_amount,
        terms=terms,
    )


def current_terms(terms: tuple[TermView, ...]) -> list[TermView]:
    """The terms a ``CURRENT`` repayment clears: every overdue term, else the next unpaid one."""
    overdue = [t for t in terms if t.status == "OVERDUE"]
    if overdue:
        return overdue
    unpaid = [t for t in terms if t.status != "PAID"]
    return unpaid[:1]


def repay_current(loan: Loan, today: dt.date, now: dt.datetime) -> tuple[Loan, Allocation]:
    """Clear the ``current_terms``; return the new loan and the allocation (may be all zero)."""
    view = view_loan(loan, today)
    chosen = {t.term.installment.term_no: t for t in current_terms(view.terms)}
    allocation = Allocation(
        penalty=sum(t.unpaid_penalty for t in chosen.values()),
        interest=sum(t.term.unpaid_interest for t in chosen.values()),
        principal=sum(t.term.unpaid_principal for t in chosen.values()),
    )
    terms = tuple(
        _clear(term, chosen[term.installment.term_no].penalty, now)
        if term.installment.term_no in chosen
        else term
        for term in loan.terms
    )
    return _settled_if_done(replace(loan, terms=terms, update_time=now), now), allocation


def settle_all(loan: Loan, today: dt.date, now: dt.datetime) -> tuple[Loan, Allocation]:
    """Early settlement: terms due by ``today`` in full, the rest's principal, accrued interest.

    Interest on the principal of not-yet-due terms accrues at ``annual_rate / 360`` per day
    since the last due date on or before ``today`` (or the value date); the first future term's
    interest becomes that accrual and later terms' interest becomes zero.
    """
    view = view_loan(loan, today)
    due_terms = [t for t in view.terms if t.term.installment.due_date <= today]
    future = [t.term for t in view.terms if t.term.installment.due_date > today]
    since = max((t.term.installment.due_date for t in due_terms), default=loan.value_date)
    future_principal = sum(term.unpaid_principal for term in future)
    accrual = accrued_interest(future_principal, loan.annual_rate, (today - since).days)
    allocation = Allocation(
        penalty=sum(t.unpaid_penalty for t in view.terms),
        interest=sum(t.term.unpaid_interest for t in due_terms) + accrual,
        principal=view.outstanding_principal,
    )
    penalties = {t.term.installment.term_no: t.penalty for t in view.terms}
    terms: list[Term] = []
    for term in loan.terms:
        number = term.installment.term_no
        if term.installment.due_date > today and not term.is_paid:
            interest = accrual if term is future[0] else 0
            term = replace(term, installment=_with_interest(term.installment, interest))
        terms.append(term if term.is_paid else _clear(term, penalties[number], now))
    settled = replace(loan, terms=tuple(terms), update_time=now, settle_time=now)
    return settled, allocation


def _with_interest(installment: Installment, interest: int) -> Installment:
    return replace(installment, interest=interest)


def _clear(term: Term, penalty: int, now: dt.datetime) -> Term:
    return replace(
        term,
        paid_principal=term.installment.principal,
        paid_interest=term.installment.interest,
        paid_penalty=penalty,
        paid_time=now,
    )


def _settled_if_done(loan: Loan, now: dt.datetime) -> Loan:
    if all(term.is_paid for term in loan.terms):
        return replace(loan, settle_time=now)
    return loan
