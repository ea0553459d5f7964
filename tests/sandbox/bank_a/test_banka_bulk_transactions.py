"""Bank A bulk `GET /transactions`: every consented account in one newest-first list, with the
per-account list's filters, permissions and item shape, paged by the bulk page size."""

from __future__ import annotations

from collections import defaultdict
from datetime import datetime

import pytest
from banka_client import BASE, BankA
from test_banka_resources import account_of, walk

from sandbox.ledger import Ledger

WINDOW = "fromBookingDateTime=2026-03-01T00:00:00&toBookingDateTime=2026-04-30"


def by_account(items: list[dict]) -> dict[str, list[dict]]:
    grouped: dict[str, list[dict]] = defaultdict(list)
    for item in items:
        grouped[item["AccountId"]].append(item)
    return grouped


async def per_account(bank_a: BankA, headers: dict[str, str], ledger: Ledger, customer: str,
                      query: str = "") -> dict[str, list[dict]]:  # fmt: skip
    lists = {}
    for account in ledger.accounts(customer, bank="A"):
        url = f"{BASE}/accounts/{account.id}/transactions" + (f"?{query}" if query else "")
        lists[account.id] = await walk(bank_a.http, url, headers, "Transaction")
    return {account_id: items for account_id, items in lists.items() if items}


async def test_alice_bulk_list_is_one_page_equal_to_the_per_account_lists(
    bank_a: BankA, ledger: Ledger
) -> None:
    headers = await bank_a.psu_headers("alice")
    body = (await bank_a.http.get(f"{BASE}/transactions", headers=headers)).json()
    items = body["Data"]["Transaction"]
    assert body["Meta"]["TotalPages"] == 1 and "Next" not in body["Links"]
    assert body["Links"]["Self"].startswith(
        "http://bank-a.test/open-banking/v3.1/aisp/transactions"
    )
    assert 25 < len(items) <= 1000
    assert by_account(items) == await per_account(bank_a, headers, ledger, "alice")
    times = [datetime.fromisoformat(item["BookingDateTime"]) for item in items]
    assert times == sorted(times, reverse=True)
    assert "FirstAvailableDateTime" in body["Meta"] and "LastAvailableDateTime" in body["Meta"]


async def test_heavy_bulk_list_pages_to_the_end_keeping_filters(
    bank_a_small: BankA, ledger: Ledger
) -> None:
    bank_a = bank_a_small
    headers = await bank_a.psu_headers("heavy")
    first = (await bank_a.http.get(f"{BASE}/transactions?{WINDOW}", headers=headers)).json()
    expected = await per_account(bank_a, headers, ledger, "heavy", WINDOW)
    total = sum(len(items) for items in expected.values())
    assert first["Meta"]["TotalPages"] == -(-total // 25) > 2
    assert len(first["Data"]["Transaction"]) == 25
    assert "fromBookingDateTime=2026-03-01T00%3A00%3A00" in first["Links"]["Next"]
    items = await walk(bank_a.http, f"{BASE}/transactions?{WINDOW}", headers, "Transaction")
    assert len(by_account(items)) > 1 and by_account(items) == expected
    assert all("2026-03-01" <= i["BookingDateTime"][:10] <= "2026-04-30" for i in items)


async def test_bulk_list_follows_the_consent_permissions_and_window(
    bank_a: BankA, ledger: Ledger
) -> None:
    credits = await bank_a.psu_headers(
        "alice", ["ReadTransactionsBasic", "ReadTransactionsCredits"],
        TransactionFromDateTime="2026-01-01T00:00:00+00:00",
    )  # fmt: skip
    items = await walk(bank_a.http, f"{BASE}/transactions", credits, "Transaction")
    assert items and {i["CreditDebitIndicator"] for i in items} == {"Credit"}
    assert all("Balance" not in i and "TransactionInformation" not in i for i in items)
    assert min(i["BookingDateTime"] for i in items) >= "2026-01-01"
    current = account_of(ledger, "alice", "GBP")
    assert by_account(items) == await per_account(bank_a, credits, ledger, "alice")
    assert current.id in by_account(items)


@pytest.mark.parametrize("query", ["fromBookingDateTime=yesterday", "page=0"])
async def test_bad_bulk_queries_are_400(bank_a: BankA, query: str) -> None:
    headers = await bank_a.psu_headers("alice")
    response = await bank_a.http.get(f"{BASE}/transactions?{query}", headers=headers)
    assert response.status_code == 400
    assert response.json()["Errors"][0]["ErrorCode"] in {
        "UK.OBIE.Field.InvalidDate",
        "UK.OBIE.Field.Invalid",
    }


async def test_bulk_list_needs_a_psu_token(bank_a: BankA) -> None:
    token = await bank_a.client_token()
    response = await bank_a.http.get(
        f"{BASE}/transactions", headers={"Authorization": f"Bearer {token}"}
    )
    assert (response.status_code, response.content) == (401, b"")
