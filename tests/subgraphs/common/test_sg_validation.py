"""IBAN (ISO 13616 mod 97) and amount validation."""

from __future__ import annotations

from decimal import Decimal

import pytest

from subgraphs.common.validation import InputError, validate_amount, validate_iban


@pytest.mark.parametrize(
    ("iban", "expected"),
    [
        ("DE89370400440532013000", "DE89370400440532013000"),
        ("de89 3704 0044 0532 0130 00", "DE89370400440532013000"),
        ("NL91ABNA0417164300", "NL91ABNA0417164300"),
        ("GB29NWBK60161331926819", "GB29NWBK60161331926819"),
    ],
)
def test_valid_ibans_are_normalised(iban: str, expected: str) -> None:
    assert validate_iban(iban, "creditorIban") == expected


@pytest.mark.parametrize(
    "iban",
    [
        "DE89370400440532013001",  # last digit changed: mod 97 fails
        "DE8937040044053201300",  # wrong length for DE
        "NL91ABNA041716430",
        "XX",
        "1234567890",
    ],
)
def test_invalid_ibans_are_refused_with_the_field(iban: str) -> None:
    with pytest.raises(InputError) as error:
        validate_iban(iban, "creditorIban")
    assert error.value.field == "creditorIban"


@pytest.mark.parametrize("amount", ["0", "-1.00", "1.001", "NaN"])
def test_amounts_must_be_positive_with_two_decimals(amount: str) -> None:
    with pytest.raises(InputError):
        validate_amount(Decimal(amount), "amount")


def test_amount_maximum() -> None:
    assert validate_amount(Decimal("10.5"), "amount") == Decimal("10.5")
    with pytest.raises(InputError):
        validate_amount(Decimal("1000"), "amount", maximum=Decimal("999.99"))
