"""Bank A account information: accounts, balances, transactions, paging, errors, headers."""

from __future__ import annotations

import re
import uuid

import httpx
import pytest
from banka_client import BASE, BankA

from sandbox.ledger import Ledger

OFFSET_TIME = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\+00:00|\+01:00|Z)$")
AMOUNT = re.compile(r"^\d{1,13}$|^\d{1,13}\.\d{1,5}$")


def account_of(ledger: Ledger, customer: str, currency: str, sub_type: str = "CurrentAccount"):
    return next(a for a in ledger.accounts(customer, bank="A")
                if a.currency == currency and a.sub_type == sub_type)  # fmt: skip


async def walk(http: httpx.AsyncClient, url: str, headers: dict[str, str], key: str) -> list:
    """Follow `Links.Next` to the end (capped), collecting `Data[key]`."""
    items, pages = [], 0
    next_url: str | None = url
    while next_url and pages < 100:
        response = await http.get(next_url, headers=headers)
        assert response.status_code == 200, response.text
        body = response.json()
        items += body["Data"][key]
        next_url = body["Links"].get("Next")
        pages += 1
    return items


async def test_accounts_detail_shape(bank_a: BankA, ledger: Ledger) -> None:
    headers = await bank_a.psu_headers("alice")
    body = (await bank_a.http.get(f"{BASE}/accounts", headers=headers)).json()
    items = body["Data"]["Account"]
    assert len(items) == 4 and body["Meta"]["TotalPages"] == 1
    current = next(i for i in items if i["Currency"] == "GBP" and i["Nickname"] == "Everyday")
    assert set(current) == {
        "AccountId",
        "Status",
        "StatusUpdateDateTime",
        "Currency",
        "AccountType",
        "AccountSubType",
        "Description",
        "Nickname",
        "OpeningDate",
        "Account",
        "Servicer",
    }
    schemes = [entry["SchemeName"] for entry in current["Account"]]
    assert schemes == ["UK.OBIE.SortCodeAccountNumber", "UK.OBIE.IBAN"]
    assert re.match(r"^\d{14}$", current["Account"][0]["Identification"])
    assert current["Servicer"]["SchemeName"] == "UK.OBIE.BICFI"
    assert OFFSET_TIME.match(current["OpeningDate"])
    single = await bank_a.http.get(f"{BASE}/accounts/{current['AccountId']}", headers=headers)
    assert single.json()["Data"]["Account"] == [current]


async def test_accounts_basic_omits_identifiers(bank_a: BankA) -> None:
    headers = await bank_a.psu_headers("alice", ["ReadAccountsBasic"])
    items = (await bank_a.http.get(f"{BASE}/accounts", headers=headers)).json()["Data"]["Account"]
    assert all("Account" not in i and "Servicer" not in i for i in items)


async def test_heavy_bulk_lists_fit_one_default_page(bank_a: BankA) -> None:
    headers = await bank_a.psu_headers("heavy", ["ReadAccountsBasic", "ReadBalances"])
    accounts = (await bank_a.http.get(f"{BASE}/accounts", headers=headers)).json()
    assert accounts["Meta"]["TotalPages"] == 1 and "Next" not in accounts["Links"]
    assert len(accounts["Data"]["Account"]) == 56
    balances = (await bank_a.http.get(f"{BASE}/balances", headers=headers)).json()
    assert balances["Meta"]["TotalPages"] == 1 and len(balances["Data"]["Balance"]) == 112


async def test_heavy_accounts_page_to_the_end(bank_a_small: BankA) -> None:
    bank_a = bank_a_small
    headers = await bank_a.psu_headers("heavy", ["ReadAccountsBasic", "ReadBalances"])
    first = (await bank_a.http.get(f"{BASE}/accounts", headers=headers)).json()
    assert first["Meta"]["TotalPages"] == 3 and "Prev" not in first["Links"]
    items = await walk(bank_a.http, f"{BASE}/accounts", headers, "Account")
    assert len({i["AccountId"] for i in items}) == len(items) == 56
    balances = await walk(bank_a.http, f"{BASE}/balances", headers, "Balance")
    assert len(balances) == 112 and {b["Type"] for b in balances} == {
        "InterimBooked",
        "InterimAvailable",
    }


async def test_balances_with_overdraft_credit_line(bank_a: BankA, ledger: Ledger) -> None:
    current = account_of(ledger, "alice", "GBP")
    headers = await bank_a.psu_headers("alice")
    body = (await bank_a.http.get(f"{BASE}/accounts/{current.id}/balances", headers=headers)).json()
    booked, available = body["Data"]["Balance"]
    assert booked["Type"] == "InterimBooked" and available["Type"] == "InterimAvailable"
    balance = ledger.balance(current.id)
    assert booked["Amount"] == {"Amount": format(abs(balance), "f"), "Currency": "GBP"}
    assert booked["CreditDebitIndicator"] == ("Debit" if balance < 0 else "Credit")
    assert available["CreditLine"] == [
        {"Included": True, "Type": "Pre-Agreed", "Amount": {"Amount": "500.00", "Currency": "GBP"}}
    ]
    assert OFFSET_TIME.match(booked["DateTime"]) and AMOUNT.match(available["Amount"]["Amount"])


async def test_transactions_page_to_the_end_and_match_the_ledger(
    bank_a: BankA, ledger: Ledger
) -> None:
    current = account_of(ledger, "alice", "GBP")
    headers = await bank_a.psu_headers("alice")
    url = f"{BASE}/accounts/{current.id}/transactions"
    first = (await bank_a.http.get(url, headers=headers)).json()
    entries = ledger.entries(current.id)
    assert first["Meta"]["TotalPages"] == -(-len(entries) // 25) > 5
    assert (
        first["Links"]["Next"].startswith("http://bank-a.test/")
        and "page=2" in first["Links"]["Next"]
    )
    items = await walk(bank_a.http, url, headers, "Transaction")
    assert [i["TransactionId"] for i in items] == [e.transfer_id for e in entries]
    times = [i["BookingDateTime"] for i in items]
    assert all(OFFSET_TIME.match(t) for t in times)
    sample = items[0]
    for field in (
        "AccountId",
        "TransactionId",
        "CreditDebitIndicator",
        "Status",
        "BookingDateTime",
        "ValueDateTime",
        "Amount",
        "Balance",
        "ProprietaryBankTransactionCode",
        "BankTransactionCode",
    ):
        assert field in sample
    assert all(AMOUNT.match(i["Amount"]["Amount"]) for i in items)
    assert all(v not in ("", None) for i in items for v in i.values())
    card = next(i for i in items if i["ProprietaryBankTransactionCode"]["Code"] == "POS")
    assert card["CreditDebitIndicator"] == "Debit" and "MerchantName" in card["MerchantDetails"]


async def test_transactions_filter_window_and_pages_keep_filters(
    bank_a: BankA, ledger: Ledger
) -> None:
    current = account_of(ledger, "alice", "GBP")
    headers = await bank_a.psu_headers("alice")
    url = (
        f"{BASE}/accounts/{current.id}/transactions"
        "?fromBookingDateTime=2026-03-01T00:00:00&toBookingDateTime=2026-04-30"
    )
    items = await walk(bank_a.http, url, headers, "Transaction")
    assert items and all("2026-03-01" <= i["BookingDateTime"][:10] <= "2026-04-30" for i in items)
    body = (await bank_a.http.get(url, headers=headers)).json()
    if "Next" in body["Links"]:
        assert "fromBookingDateTime=2026-03-01T00%3A00%3A00" in body["Links"]["Next"]
    beyond = await bank_a.http.get(url + "&page=99", headers=headers)
    assert beyond.status_code == 200 and beyond.json()["Data"]["Transaction"] == []


async def test_credits_only_consent_returns_credits(bank_a: BankA, ledger: Ledger) -> None:
    current = account_of(ledger, "alice", "GBP")
    headers = await bank_a.psu_headers(
        "alice", ["ReadTransactionsBasic", "ReadTransactionsCredits"])  # fmt: skip
    items = await walk(
        bank_a.http, f"{BASE}/accounts/{current.id}/transactions", headers, "Transaction"
    )
    assert items and {i["CreditDebitIndicator"] for i in items} == {"Credit"}
    assert all("Balance" not in i and "TransactionInformation" not in i for i in items)


async def test_consent_transaction_window_clips_results(bank_a: BankA, ledger: Ledger) -> None:
    current = account_of(ledger, "alice", "GBP")
    headers = await bank_a.psu_headers("alice", TransactionFromDateTime="2026-06-01T00:00:00+00:00")
    items = await walk(
        bank_a.http, f"{BASE}/accounts/{current.id}/transactions", headers, "Transaction"
    )
    assert items and min(i["BookingDateTime"] for i in items) >= "2026-06-01"


@pytest.mark.parametrize(
    "query",
    ["fromBookingDateTime=yesterday", "toBookingDateTime=2026-13-01T00:00:00", "page=0", "page=x"],
)
async def test_bad_transaction_queries_are_400(bank_a: BankA, ledger: Ledger, query: str) -> None:
    current = account_of(ledger, "alice", "GBP")
    headers = await bank_a.psu_headers("alice")
    response = await bank_a.http.get(
        f"{BASE}/accounts/{current.id}/transactions?{query}", headers=headers
    )
    assert response.status_code == 400
    assert response.json()["Errors"][0]["ErrorCode"] in {
        "UK.OBIE.Field.InvalidDate",
        "UK.OBIE.Field.Invalid",
    }


async def test_unknown_and_foreign_accounts(bank_a: BankA, ledger: Ledger) -> None:
    headers = await bank_a.psu_headers("alice")
    unknown = await bank_a.http.get(f"{BASE}/accounts/acc-nope/balances", headers=headers)
    assert unknown.status_code == 400
    assert unknown.json()["Errors"][0]["ErrorCode"] == "UK.OBIE.Resource.NotFound"
    system = await bank_a.http.get(f"{BASE}/accounts/sys-world-GBP", headers=headers)
    assert system.status_code == 400
    foreign = account_of(ledger, "bo", "GBP")
    for suffix in ("", "/balances", "/transactions"):
        response = await bank_a.http.get(f"{BASE}/accounts/{foreign.id}{suffix}", headers=headers)
        assert response.status_code == 403
        assert response.json()["Errors"][0]["ErrorCode"] == "UK.OBIE.Resource.ConsentMismatch"


async def test_missing_permission_is_403(bank_a: BankA, ledger: Ledger) -> None:
    headers = await bank_a.psu_headers("alice", ["ReadAccountsBasic"])
    current = account_of(ledger, "alice", "GBP")
    for path in (
        f"/accounts/{current.id}/balances",
        "/balances",
        f"/accounts/{current.id}/transactions",
        "/transactions",
    ):
        response = await bank_a.http.get(BASE + path, headers=headers)
        assert response.status_code == 403, path
        assert response.json()["Code"] == "403 Forbidden"


async def test_auth_failures_are_bodiless_401(bank_a: BankA, clock) -> None:
    for headers in (
        {},
        {"Authorization": "Bearer nope"},
        {"Authorization": "Basic abc"},
        {"Authorization": f"Bearer {await bank_a.client_token()}"},
    ):
        response = await bank_a.http.get(f"{BASE}/accounts", headers=headers)
        assert (response.status_code, response.content) == (401, b"")
    headers = await bank_a.psu_headers("alice")
    clock.advance(3601)
    expired = await bank_a.http.get(f"{BASE}/accounts", headers=headers)
    assert (expired.status_code, expired.content) == (401, b"")


async def test_consent_expiry_kills_the_token(bank_a: BankA, clock) -> None:
    headers = await bank_a.psu_headers("alice", ExpirationDateTime="2026-06-15T10:30:00+00:00")
    assert (await bank_a.http.get(f"{BASE}/accounts", headers=headers)).status_code == 200
    clock.advance(1800)
    assert (await bank_a.http.get(f"{BASE}/accounts", headers=headers)).status_code == 401


async def test_http_level_errors_are_bodiless(bank_a: BankA) -> None:
    headers = await bank_a.psu_headers("alice")
    for path in ("/beneficiaries", "/accounts/x/statements", "/standing-orders", "/nothing"):
        response = await bank_a.http.get(BASE + path, headers=headers)
        assert (response.status_code, response.content) == (404, b""), path
    wrong_method = await bank_a.http.put(f"{BASE}/accounts", headers=headers)
    assert (wrong_method.status_code, wrong_method.content) == (405, b"")
    not_json = await bank_a.http.get(f"{BASE}/accounts", headers={**headers, "Accept": "text/xml"})
    assert (not_json.status_code, not_json.content) == (406, b"")
    fine = await bank_a.http.get(
        f"{BASE}/accounts", headers={**headers, "Accept": "text/html, application/json"}
    )
    assert fine.status_code == 200


async def test_interaction_id_is_echoed_or_generated(bank_a: BankA) -> None:
    headers = await bank_a.psu_headers("alice")
    sent = str(uuid.uuid4())
    echoed = await bank_a.http.get(
        f"{BASE}/accounts", headers={**headers, "x-fapi-interaction-id": sent}
    )
    assert echoed.headers["x-fapi-interaction-id"] == sent
    error = await bank_a.http.get(f"{BASE}/nothing", headers={"x-fapi-interaction-id": sent})
    assert error.headers["x-fapi-interaction-id"] == sent
    generated = await bank_a.http.get(f"{BASE}/accounts")
    assert uuid.UUID(generated.headers["x-fapi-interaction-id"])
    invalid = await bank_a.http.get(
        f"{BASE}/accounts", headers={**headers, "x-fapi-interaction-id": "not-a-uuid"}
    )
    assert invalid.status_code == 400
    assert invalid.json()["Errors"][0]["ErrorCode"] == "UK.OBIE.Header.Invalid"
    bad_date = await bank_a.http.get(
        f"{BASE}/accounts", headers={**headers, "x-fapi-auth-date": "yesterday"}
    )
    assert bad_date.status_code == 400
    good_date = await bank_a.http.get(
        f"{BASE}/accounts",
        headers={
            **headers,
            "x-fapi-auth-date": "Sun, 10 Sep 2017 19:43:31 GMT",
            "x-fapi-customer-ip-address": "198.51.100.23",
        },
    )
    assert good_date.status_code == 200


async def test_throttling_and_server_faults_in_the_dialect(bank_a: BankA) -> None:
    headers = await bank_a.psu_headers("alice")
    limited = await bank_a.http.put("/_sandbox/faults", json={"rate_limit_per_second": 2})
    assert limited.status_code == 200
    codes = [
        (await bank_a.http.get(f"{BASE}/accounts", headers=headers)).status_code for _ in range(4)
    ]
    throttled = await bank_a.http.get(f"{BASE}/accounts", headers=headers)
    assert 429 in codes and throttled.status_code == 429
    assert (throttled.content, throttled.headers["Retry-After"]) == (b"", "1")
    assert throttled.headers["x-fapi-interaction-id"]
    await bank_a.http.put("/_sandbox/faults", json={"error_rate": 1, "error_status": 500})
    failed = await bank_a.http.get(f"{BASE}/accounts", headers=headers)
    assert failed.status_code == 500
    assert failed.json()["Errors"][0]["ErrorCode"] == "UK.OBIE.UnexpectedError"
    await bank_a.http.put("/_sandbox/faults", json={"error_rate": 1, "error_status": 503})
    unavailable = await bank_a.http.get(f"{BASE}/accounts", headers=headers)
    assert (unavailable.status_code, unavailable.content) == (503, b"")
    await bank_a.http.delete("/_sandbox/faults")
    assert (await bank_a.http.get(f"{BASE}/accounts", headers=headers)).status_code == 200
