"""Money normalisation: ISO 4217 exponents, minor units, plain notation, no floats."""

from __future__ import annotations

from decimal import Decimal

import pytest

from subgraphs.common.money import (
    CurrencyError,
    currency_exponent,
    format_decimal,
    from_minor_units,
    money,
    parse_decimal,
    to_minor_units,
)


@pytest.mark.parametrize(
    ("amount", "currency", "expected"),
    [
        ("4.85", "GBP", "4.85"),
        ("4.8", "GBP", "4.80"),
        ("250", "EUR", "250.00"),
        ("-250.00", "EUR", "-250.00"),
        ("1200", "JPY", "1200"),
        ("1.5", "KWD", "1.500"),
        ("0.12345", "GBP", "0.12345"),  # OB allows five decimals: extra digits kept
        ("-0", "GBP", "0.00"),
        ("1E+3", "EUR", "1000.00"),
    ],
)
def test_money_is_normalised_to_the_currency_scale(
    amount: str, currency: str, expected: str
) -> None:
    assert format_decimal(money(Decimal(amount), currency).amount) == expected


@pytest.mark.parametrize(
    ("minor", "currency", "expected"),
    [
        (1200000, "CNY", "12000.00"),
        (1, "CNY", "0.01"),
        (1200, "JPY", "1200"),
        (1500, "KWD", "1.500"),
    ],
)
def test_minor_units_use_the_iso_exponent(minor: int, currency: str, expected: str) -> None:
    assert format_decimal(from_minor_units(minor, currency).amount) == expected


def test_minor_units_reject_non_integers() -> None:
    with pytest.raises(TypeError):
        from_minor_units(12.5, "CNY")  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        from_minor_units(True, "CNY")


def test_to_minor_units_refuses_excess_decimals() -> None:
    assert to_minor_units(Decimal("12.34"), "CNY") == 1234
    with pytest.raises(ValueError, match="more decimals"):
        to_minor_units(Decimal("12.345"), "CNY")


@pytest.mark.parametrize("code", ["gbp", "GB", "EURO", ""])
def test_malformed_currency_codes_are_refused(code: str) -> None:
    with pytest.raises(CurrencyError):
        currency_exponent(code)


@pytest.mark.parametrize("text", ["1e5", "1,5", " 1", "1.", ".5", "NaN", "Infinity", "+1"])
def test_decimal_text_must_be_plain(text: str) -> None:
    with pytest.raises(ValueError):
        parse_decimal(text)


def test_decimal_text_round_trips() -> None:
    assert parse_decimal("-12.50") == Decimal("-12.50")
