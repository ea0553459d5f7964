"""Schedule maths of bank-dialects.md §3.6, including its worked example."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from sandbox.bank_c.schedule import (
    accrued_interest,
    build_schedule,
    daily_penalty,
    due_date,
    equal_installment_payment,
    five_level_class,
    round_fen,
)

VALUE_DATE = dt.date(2024, 6, 11)


def test_worked_equal_installment_example() -> None:
    assert equal_installment_payment(1_200_000, 12, 1825) == 110159
    terms = build_schedule(1_200_000, 12, 1825, "EQUAL_INSTALLMENT", VALUE_DATE)
    assert len(terms) == 12
    assert (terms[0].principal, terms[0].interest, terms[0].due_date) == (
        91909, 18250, dt.date(2024, 7, 11),
    )  # fmt: skip
    assert (terms[1].principal, terms[1].interest) == (93307, 16852)
    assert (terms[11].principal, terms[11].interest, terms[11].total) == (108507, 1650, 110157)
    assert all(term.total == 110159 for term in terms[:11])
    assert sum(term.interest for term in terms) == 121906
    assert sum(term.principal for term in terms) == 1_200_000
    assert terms[11].due_date == dt.date(2025, 6, 11)


def test_worked_equal_principal_example() -> None:
    terms = build_schedule(1_200_000, 12, 1825, "EQUAL_PRINCIPAL", VALUE_DATE)
    assert [term.principal for term in terms] == [100000] * 12
    interests = [term.interest for term in terms]
    assert interests[:2] == [18250, 16729]
    assert interests[-1] == 1521
    assert interests == sorted(interests, reverse=True)


def test_equal_principal_remainder_goes_to_the_last_term() -> None:
    terms = build_schedule(100_001, 3, 1200, "EQUAL_PRINCIPAL", VALUE_DATE)
    assert [term.principal for term in terms] == [33333, 33333, 33335]


def test_equal_installment_last_term_takes_the_residue() -> None:
    terms = build_schedule(1_000_003, 7, 1333, "EQUAL_INSTALLMENT", VALUE_DATE)
    assert sum(term.principal for term in terms) == 1_000_003


@pytest.mark.parametrize(
    ("value_date", "term", "expected"),
    [
        (dt.date(2024, 1, 31), 1, dt.date(2024, 2, 29)),
        (dt.date(2023, 1, 31), 1, dt.date(2023, 2, 28)),
        (dt.date(2024, 1, 31), 2, dt.date(2024, 3, 31)),
        (dt.date(2024, 1, 31), 3, dt.date(2024, 4, 30)),
        (dt.date(2024, 11, 15), 2, dt.date(2025, 1, 15)),
        (dt.date(2024, 6, 11), 36, dt.date(2027, 6, 11)),
    ],
)
def test_due_dates(value_date: dt.date, term: int, expected: dt.date) -> None:
    assert due_date(value_date, term) == expected


def test_rounding_is_half_up() -> None:
    assert round_fen(Decimal("0.5")) == 1
    assert round_fen(Decimal("1.5")) == 2
    assert round_fen(Decimal("2.5")) == 3
    assert round_fen(Decimal("2.4999")) == 2


def test_daily_penalty_and_accrual() -> None:
    # 91909 × 2737 / 10000 / 360 = 69.87...
    assert daily_penalty(91909, 2737) == 70
    assert daily_penalty(0, 2737) == 0
    # 1 200 000 × 1825 / 10000 / 360 × 10 = 6083.33...
    assert accrued_interest(1_200_000, 1825, 10) == 6083


@pytest.mark.parametrize(
    ("days", "grade"),
    [
        (0, "NORMAL"), (1, "SPECIAL_MENTION"), (90, "SPECIAL_MENTION"), (91, "SUBSTANDARD"),
        (270, "SUBSTANDARD"), (271, "DOUBTFUL"), (360, "DOUBTFUL"), (361, "LOSS"),
    ],
)  # fmt: skip
def test_five_level_class(days: int, grade: str) -> None:
    assert five_level_class(days) == grade


def test_bad_inputs_raise() -> None:
    with pytest.raises(ValueError):
        build_schedule(0, 12, 1825, "EQUAL_INSTALLMENT", VALUE_DATE)
    with pytest.raises(ValueError):
        build_schedule(100, 12, 1825, "BALLOON", VALUE_DATE)  # type: ignore[arg-type]
