"""Bank A (UK OB) wire JSON -> unified values, table-driven (bank-dialects.md sections 6-7)."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone
from decimal import Decimal
from typing import Any

import pytest

from subgraphs.accounts.bank_a.mapping import (
    balance_kind,
    booking_window,
    dedupe_key,
    map_account,
    map_balances,
    map_transaction,
    padded_date,
    signed_amount,
)
from subgraphs.accounts.bank_a.wire import (
    OBAmount,
    parse_accounts,
    parse_balances,
    parse_transactions,
)
from subgraphs.accounts.domain import AccountKind, Direction, TransactionState
from subgraphs.common.errors import BankProtocolError


def tx(**overrides: Any) -> dict[str, Any]:
    record = {
        "AccountId": "acc-7f3a91",
        "TransactionId": "tx-000418",
        "TransactionReference": "CORNER CAFE 0417",
        "CreditDebitIndicator": "Debit",
        "Status": "Booked",
        "BookingDateTime": "2024-05-17T08:42:10+01:00",
        "ValueDateTime": "2024-05-17T00:00:00+01:00",
        "TransactionInformation": "Card purchase, Corner Cafe",
        "Amount": {"Amount": "4.85", "Currency": "GBP"},
    }
    record.update(overrides)
    return record


def page(records: list[dict[str, Any]], key: str, next_url: str | None = None) -> dict[str, Any]:
    links = {"Self": "https://bank-a.example/x?page=1"}
    if next_url:
        links["Next"] = next_url
    return {"Data": {key: records}, "Links": links, "Meta": {"TotalPages": 2}}


@pytest.mark.parametrize(
    ("amount", "indicator", "expected"),
    [
        ("4.85", "Debit", "-4.85"),
        ("4.85", "Credit", "4.85"),
        ("0", "Credit", "0.00"),
        ("0.00", "Debit", "0.00"),  # a zero is never negative
        ("1200", "Credit", "1200.00"),
        ("0.12345", "Debit", "-0.12345"),  # five decimals kept
    ],
)
def test_sign_comes_from_the_indicator(amount: str, indicator: str, expected: str) -> None:
    value = signed_amount(OBAmount(amount, "GBP"), indicator)
    assert format(value.amount, "f") == expected and value.currency == "GBP"


@pytest.mark.parametrize(
    ("amount", "indicator"),
    [("-4.85", "Credit"), ("4.123456", "Credit"), ("1e3", "Credit"), ("4.85", "Both")],
)
def test_amounts_outside_the_ob_pattern_are_protocol_errors(amount: str, indicator: str) -> None:
    with pytest.raises(BankProtocolError):
        signed_amount(OBAmount(amount, "GBP"), indicator)


def test_jpy_amount_keeps_zero_decimals() -> None:
    assert format(signed_amount(OBAmount("1200", "JPY"), "Debit").amount, "f") == "-1200"


def test_transaction_maps_sign_direction_times_and_texts() -> None:
    [record] = parse_transactions(page([tx()], "Transaction")).records
    data = map_transaction(record)
    assert data.amount.amount == Decimal("-4.85")
    assert data.direction is Direction.DEBIT and data.state is TransactionState.BOOKED
    assert data.booked_at == datetime(2024, 5, 17, 8, 42, 10, tzinfo=timezone(timedelta(hours=1)))
    assert data.booked_at.utcoffset() == timedelta(hours=1)  # offset preserved
    assert data.value_date == date(2024, 5, 17)
    assert data.description == "Card purchase, Corner Cafe"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2024-05-17T00:00:00+01:00", date(2024, 5, 17)),  # BST midnight stays on its own day
        ("2024-01-05T00:00:00+00:00", date(2024, 1, 5)),
        ("2024-01-05T00:00:00Z", date(2024, 1, 5)),
    ],
)
def test_padded_dates_truncate_in_the_offset_sent(text: str, expected: date) -> None:
    assert padded_date(text) == expected


def test_date_times_without_offset_are_refused() -> None:
    with pytest.raises(BankProtocolError):
        map_transaction(
            parse_transactions(
                page([tx(BookingDateTime="2024-05-17T08:42:10")], "Transaction")
            ).records[0]
        )


def test_without_detail_permission_the_reference_describes() -> None:
    record = tx()
    del record["TransactionInformation"]
    data = map_transaction(parse_transactions(page([record], "Transaction")).records[0])
    assert data.description == "CORNER CAFE 0417"


def test_counterparty_from_merchant_or_party() -> None:
    credit = tx(CreditDebitIndicator="Credit", DebtorAccount={"Name": "ACME Ltd"})
    debit = tx(MerchantDetails={"MerchantName": "Corner Cafe"})
    assert (
        map_transaction(parse_transactions(page([credit], "Transaction")).records[0]).counterparty
        == "ACME Ltd"
    )
    assert (
        map_transaction(parse_transactions(page([debit], "Transaction")).records[0]).counterparty
        == "Corner Cafe"
    )


def test_pending_and_rejected_statuses() -> None:
    pending = map_transaction(
        parse_transactions(page([tx(Status="Pending")], "Transaction")).records[0]
    )
    assert pending.state is TransactionState.PENDING
    with pytest.raises(BankProtocolError):
        map_transaction(parse_transactions(page([tx(Status="Odd")], "Transaction")).records[0])


def test_dedupe_key_falls_back_to_a_hash_without_transaction_id() -> None:
    a, b = tx(), tx()
    del a["TransactionId"], b["TransactionId"]
    [ra] = parse_transactions(page([a], "Transaction")).records
    [rb] = parse_transactions(page([b], "Transaction")).records
    assert dedupe_key(ra) == dedupe_key(rb) and dedupe_key(ra).startswith("h-")
    [rc] = parse_transactions(
        page([tx(Amount={"Amount": "4.86", "Currency": "GBP"})], "Transaction")
    ).records
    assert dedupe_key(rc) == "tx-000418"


def test_next_link_becomes_a_query_token_and_its_absence_ends_paging() -> None:
    nxt = "https://bank-a.example/open-banking/v3.1/aisp/accounts/a/transactions?fromBookingDateTime=2024-05-01T00:00:00&page=2"
    assert parse_transactions(page([tx()], "Transaction", nxt)).next_query == (
        "fromBookingDateTime=2024-05-01T00:00:00&page=2"
    )
    assert parse_transactions(page([tx()], "Transaction")).next_query is None


def test_account_schemes_and_kinds() -> None:
    body = page(
        [
            {
                "AccountId": "a1",
                "Status": "Enabled",
                "Currency": "GBP",
                "AccountType": "Personal",
                "AccountSubType": "CurrentAccount",
                "Nickname": "Bills",
                "Account": [
                    {
                        "SchemeName": "UK.OBIE.SortCodeAccountNumber",
                        "Identification": "80200110203345",
                    },
                    {"SchemeName": "UK.OBIE.IBAN", "Identification": "gb29 nwbk 6016 1331 9268 19"},
                ],
            },
            {
                "AccountId": "a2",
                "Currency": "EUR",
                "AccountType": "Business",
                "AccountSubType": "Mystery",
            },
        ],
        "Account",
    )
    first, second = (map_account(a) for a in parse_accounts(body).records)
    assert first.kind is AccountKind.CURRENT and first.name == "Bills" and not first.business
    assert first.iban == "GB29NWBK60161331926819"
    assert ("SORT_CODE_ACCOUNT_NUMBER", "80200110203345") in first.identifications
    assert second.kind is AccountKind.OTHER and second.business and second.iban is None


@pytest.mark.parametrize(
    ("ob_type", "kind"),
    [
        ("InterimBooked", "BOOKED"),
        ("ClosingBooked", "BOOKED"),
        ("InterimAvailable", "AVAILABLE"),
        ("OpeningAvailable", "AVAILABLE"),
        ("Expected", "EXPECTED"),
        ("ForwardAvailable", "EXPECTED"),
        ("Information", "OTHER"),
        ("InterimCleared", "OTHER"),
    ],
)
def test_balance_types(ob_type: str, kind: str) -> None:
    assert balance_kind(ob_type) == kind


def balance(account: str, kind: str, amount: str, indicator: str = "Credit") -> dict[str, Any]:
    return {
        "AccountId": account,
        "Amount": {"Amount": amount, "Currency": "GBP"},
        "CreditDebitIndicator": indicator,
        "Type": kind,
        "DateTime": "2024-05-17T09:00:00+01:00",
    }


def test_bulk_balances_are_split_per_account_and_overdraft_is_negative() -> None:
    body = page(
        [
            balance("a1", "InterimBooked", "100.00"),
            balance("a1", "InterimAvailable", "600.00"),
            balance("a1", "ClosingBooked", "90.00"),
            balance("a2", "InterimBooked", "25.50", "Debit"),
            {
                **balance("a2", "InterimAvailable", "474.50"),
                "CreditLine": [
                    {
                        "Included": True,
                        "Type": "Pre-Agreed",
                        "Amount": {"Amount": "500.00", "Currency": "GBP"},
                    }
                ],
            },
        ],
        "Balance",
    )
    records = parse_balances(body).records
    a1, a2 = map_balances("a1", records), map_balances("a2", records)
    assert (a1.booked.amount, a1.available.amount) == (Decimal("100.00"), Decimal("600.00"))
    assert a2.booked.amount == Decimal("-25.50") and a2.available.amount == Decimal("474.50")
    missing = map_balances("zz", records)
    assert missing.booked is None and missing.available is None and missing.as_of is None


def test_missing_required_fields_are_protocol_errors() -> None:
    with pytest.raises(BankProtocolError):
        parse_transactions({"Data": {"Transaction": [{"AccountId": "a"}]}})
    with pytest.raises(BankProtocolError):
        parse_accounts({"Links": {}})


def test_booking_window_has_no_offset() -> None:
    assert booking_window(date(2024, 3, 31), date(2024, 4, 1)) == {
        "fromBookingDateTime": "2024-03-31T00:00:00",
        "toBookingDateTime": "2024-04-01T23:59:59",
    }
    assert booking_window(None, None) == {}
