"""Bank B (Berlin Group) wire JSON -> unified payments, and input validation, table-driven."""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any

import pytest

from subgraphs.common.errors import BankProtocolError
from subgraphs.common.validation import InputError
from subgraphs.payments.bank_b.mapping import STATUS_MAP, initiation_body, map_payment, map_status
from subgraphs.payments.bank_b.wire import parse_payment, parse_payment_list, parse_tpp_messages
from subgraphs.payments.domain import PaymentState
from subgraphs.payments.inputs import validate_payment


def resource(**overrides: Any) -> dict[str, Any]:
    body = {
        "endToEndIdentification": "INV-2024-0611",
        "debtorAccount": {"iban": "DE89370400440532013000"},
        "instructedAmount": {"currency": "EUR", "amount": "250.00"},
        "creditorAccount": {"iban": "nl91 abna 0417 1643 00"},
        "creditorName": "Van Dijk Drukwerk BV",
        "remittanceInformationUnstructured": "Invoice 2024-0611",
        "requestedExecutionDate": "2024-06-14",
        "transactionStatus": "ACSP",
    }
    body.update(overrides)
    return body


@pytest.mark.parametrize(
    ("code", "state"),
    [
        ("RCVD", "RECEIVED"),
        ("PDNG", "PENDING"),
        ("PATC", "PENDING"),
        ("ACTC", "ACCEPTED"),
        ("ACCP", "ACCEPTED"),
        ("ACFC", "ACCEPTED"),
        ("ACWC", "ACCEPTED"),
        ("ACSP", "IN_SETTLEMENT"),
        ("ACWP", "IN_SETTLEMENT"),
        ("ACSC", "COMPLETED"),
        ("ACCC", "COMPLETED"),
        ("RJCT", "REJECTED"),
        ("CANC", "CANCELLED"),
        ("PART", "PARTIALLY_ACCEPTED"),
    ],
)
def test_iso20022_statuses_map_many_to_one(code: str, state: str) -> None:
    assert map_status(code) is PaymentState(state)


def test_every_code_is_in_the_table_and_unknown_codes_fail() -> None:
    assert len(STATUS_MAP) == 14
    with pytest.raises(BankProtocolError):
        map_status("XXXX")


def test_payment_resource_maps_amount_parties_and_raw_status() -> None:
    data = map_payment(parse_payment(resource(), "pmt-51c0e2"))
    assert data.payment_id == "pmt-51c0e2"
    assert data.state is PaymentState.IN_SETTLEMENT and data.status_code == "ACSP"
    assert (data.amount.amount, data.amount.currency) == (Decimal("250.00"), "EUR")
    assert data.creditor_iban == "NL91ABNA0417164300"  # normalised
    assert data.requested_execution_date == date(2024, 6, 14)


@pytest.mark.parametrize(
    ("amount", "expected"), [("250", "250.00"), ("-12.5", "-12.50"), ("0.001", "0.001")]
)
def test_signed_string_amounts_are_taken_as_is(amount: str, expected: str) -> None:
    body = resource(instructedAmount={"currency": "EUR", "amount": amount})
    assert format(map_payment(parse_payment(body, "p")).amount.amount, "f") == expected


@pytest.mark.parametrize("amount", ["1e3", "12,50", "", "1.2345"])
def test_malformed_amounts_are_protocol_errors(amount: str) -> None:
    with pytest.raises(BankProtocolError):
        map_payment(
            parse_payment(resource(instructedAmount={"currency": "EUR", "amount": amount}), "p")
        )


def test_initiation_response_and_list() -> None:
    created = parse_payment({"transactionStatus": "RCVD", "paymentId": "pmt-1", "_links": {}})
    assert (created.payment_id, created.transaction_status) == ("pmt-1", "RCVD")
    listed = parse_payment_list({"payments": [resource(paymentId="a"), resource(paymentId="b")]})
    assert [p.payment_id for p in listed] == ["a", "b"]
    with pytest.raises(BankProtocolError):
        parse_payment({"paymentId": "x"})


def test_tpp_messages() -> None:
    body = {
        "tppMessages": [
            {
                "category": "ERROR",
                "code": "FORMAT_ERROR",
                "path": "creditorAccount.iban",
                "text": "bad",
            }
        ]
    }
    [message] = parse_tpp_messages(body)
    assert (message.code, message.path) == ("FORMAT_ERROR", "creditorAccount.iban")
    assert parse_tpp_messages({}) == []


NOW = datetime(2026, 6, 15, 10, 0, tzinfo=UTC)
GOOD = {
    "debtor_iban": "DE89 3704 0044 0532 0130 00",
    "creditor_iban": "NL91ABNA0417164300",
    "creditor_name": "Van Dijk Drukwerk BV",
    "amount": Decimal("250.5"),
    "currency": "EUR",
    "remittance": "Invoice 2024-0611",
    "requested_execution_date": None,
    "end_to_end_identification": None,
    "now": NOW,
}


def test_valid_input_becomes_a_byte_stable_body() -> None:
    order = validate_payment(**GOOD)
    body = initiation_body(
        debtor_iban=order.debtor_iban,
        creditor_iban=order.creditor_iban,
        creditor_name=order.creditor_name,
        amount=order.amount,
        currency=order.currency,
        remittance=order.remittance,
        requested_execution_date=order.requested_execution_date,
        end_to_end_identification=order.end_to_end_identification,
    )
    assert body["instructedAmount"] == {"currency": "EUR", "amount": "250.50"}
    assert body["debtorAccount"] == {"iban": "DE89370400440532013000"}
    assert "requestedExecutionDate" not in body and "endToEndIdentification" not in body


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"creditor_iban": "DE89370400440532013001"}, "creditorIban"),
        ({"debtor_iban": "NL91ABNA041716430"}, "debtorIban"),
        ({"creditor_iban": "DE89370400440532013000"}, "creditorIban"),
        ({"currency": "GBP"}, "amount.currency"),
        ({"amount": Decimal("0")}, "amount.amount"),
        ({"amount": Decimal("-5")}, "amount.amount"),
        ({"amount": Decimal("1.005")}, "amount.amount"),
        ({"amount": Decimal("1000000000")}, "amount.amount"),
        ({"creditor_name": " "}, "creditorName"),
        ({"creditor_name": "x" * 71}, "creditorName"),
        ({"remittance": "Rechnung für Mai"}, "remittanceInformation"),
        ({"requested_execution_date": date(2026, 6, 14)}, "requestedExecutionDate"),
        ({"requested_execution_date": date(2027, 6, 16)}, "requestedExecutionDate"),
    ],
)
def test_invalid_input_is_refused_with_its_field(change: dict[str, Any], field: str) -> None:
    with pytest.raises(InputError) as error:
        validate_payment(**{**GOOD, **change})
    assert error.value.field == field
