"""The accounts subgraph against the real sandbox Bank A (in process)."""

from __future__ import annotations

import math
from datetime import datetime, timedelta
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from subgraphs.accounts.transactions import MAX_BULK_PAGES
from subgraphs.common.ids import decode_global_id, encode_global_id

HOME = """
query { me { id name accounts { id name type currency iban
  balance { booked { amount currency } available { amount currency } }
  transactions(first: 5) { edges { node { id amount { amount currency } direction bookedAt } }
                           pageInfo { hasNextPage endCursor } } } } }
"""
ACCOUNTS = "query { me { id accounts { id currency iban balance { booked { amount } } } } }"
PAGE = """
query($id: ID!, $after: String) { account(id: $id) {
  transactions(first: 25, after: $after) { edges { node { id amount { amount } } }
                                          pageInfo { hasNextPage endCursor } } } }
"""
ENTITIES = """
query($reps: [_Any!]!) { _entities(representations: $reps) {
  ... on Account { id currency }
  ... on Customer { netWorth { amount currency } }
  ... on Payment { debtorAccount { id currency } } } }
"""


async def test_me_lists_accounts_with_balances_and_transactions(world: Any, subgraph: Any) -> None:
    async with subgraph("accounts") as client:
        result = await client.query(HOME, token=world.token("alice"))
    assert "errors" not in result, result
    me = result["data"]["me"]
    assert me["name"]
    currencies = sorted(a["currency"] for a in me["accounts"])
    assert {"GBP", "EUR", "CNY"} <= set(currencies)
    for account in me["accounts"]:
        assert account["balance"]["booked"]["currency"] == account["currency"]
        for edge in account["transactions"]["edges"]:
            amount = Decimal(edge["node"]["amount"]["amount"])
            assert (amount < 0) == (edge["node"]["direction"] == "DEBIT") or amount == 0
    assert any(a["transactions"]["edges"] for a in me["accounts"])


@pytest.mark.parametrize(
    "sandbox_env",
    [{}, {"BANKGRAPH_SANDBOX_BANK_A_PAGE_SIZE": "10"}],
    ids=["25-per-page", "10-per-page"],
)
async def test_transactions_paginate_to_the_end_without_duplicates(
    world: Any, subgraph: Any
) -> None:
    # The first slice comes from bulk /transactions, the later ones from the account's own
    # pages after the cursor: with 10 a page the first slice's cursors lie past that page.
    async with subgraph("accounts") as client:
        token = world.token("alice")
        accounts = (await client.query(ACCOUNTS, token=token))["data"]["me"]["accounts"]
        busiest, seen, pages = None, [], 0
        for account in accounts:
            after, ids = None, []
            while True:
                result = await client.query(PAGE, {"id": account["id"], "after": after}, token)
                assert "errors" not in result, result
                connection = result["data"]["account"]["transactions"]
                ids += [edge["node"]["id"] for edge in connection["edges"]]
                pages += 1
                if not connection["pageInfo"]["hasNextPage"]:
                    break
                after = connection["pageInfo"]["endCursor"]
                assert pages < 200
            if busiest is None or len(ids) > len(seen):
                busiest, seen = account, ids
    assert len(seen) > 25, "the seed should give some account more than one bank page"
    assert len(seen) == len(set(seen))
    local_id = decode_global_id(busiest["id"], "Account", "A").local_id
    assert len(seen) == len(world.ledger.entries(local_id))


BULK_PAGE_SIZE = "BANKGRAPH_SANDBOX_BANK_A_BULK_PAGE_SIZE"
SMALL_BULK_PAGES = {BULK_PAGE_SIZE: "25"}


@pytest.mark.parametrize("sandbox_env", [{}, SMALL_BULK_PAGES], ids=["1000", "25"])
async def test_bank_calls_do_not_grow_with_the_number_of_accounts(
    world: Any, subgraph: Any, sandbox_env: dict[str, str]
) -> None:
    log: list[str] = []
    async with subgraph("accounts", bank_log=log) as client:
        result = await client.query(HOME, token=world.token("heavy"))
    assert "errors" not in result, result
    accounts = result["data"]["me"]["accounts"]
    count, size = len(accounts), int(sandbox_env.get(BULK_PAGE_SIZE, "1000"))
    assert count >= 50
    account_pages = log.count("GET /open-banking/v3.1/aisp/accounts")
    balance_pages = log.count("GET /open-banking/v3.1/aisp/balances")
    transaction_pages = log.count("GET /open-banking/v3.1/aisp/transactions")
    # One walk each of /accounts, bulk /balances (two records an account) and bulk
    # /transactions: the calls grow with bank pages, never per account.
    assert account_pages == math.ceil(count / size)
    assert balance_pages == math.ceil(2 * count / size)
    entries = sum(len(world.ledger.entries(a.id)) for a in world.ledger.accounts("heavy", bank="A"))
    assert transaction_pages == min(math.ceil(entries / size), MAX_BULK_PAGES)
    # Accounts the capped walk left short of entries (only with small pages) read their own.
    per_account = [c for c in log if "/accounts/" in c]
    assert all(c.endswith("/transactions") for c in per_account)
    assert len(per_account) == (0 if size == 1000 else len(set(per_account))) < count
    assert len(log) == 4 + account_pages + balance_pages + transaction_pages + len(per_account)
    assert all(a["transactions"]["edges"] for a in accounts)


async def test_entities_resolve_accounts_and_refuse_other_customers(
    world: Any, subgraph: Any
) -> None:
    async with subgraph("accounts") as client:
        bo_accounts = (await client.query(ACCOUNTS, token=world.token("bo")))["data"]["me"]
        alice = (await client.query(ACCOUNTS, token=world.token("alice")))["data"]["me"]
        reps = [
            {"__typename": "Account", "id": alice["accounts"][0]["id"]},
            {"__typename": "Account", "id": bo_accounts["accounts"][0]["id"]},
            {"__typename": "Account", "id": encode_global_id("Account", "A", "nope")},
            {"__typename": "Account", "id": "garbage"},
        ]
        result = await client.query(ENTITIES, {"reps": reps}, world.token("alice"))
        assert "errors" not in result, result
        first, foreign, unknown, garbage = result["data"]["_entities"]
        assert first == {
            "id": alice["accounts"][0]["id"],
            "currency": alice["accounts"][0]["currency"],
        }
        assert foreign is None and unknown is None and garbage is None
        direct = await client.query(
            "query($id: ID!) { account(id: $id) { id } }",
            {"id": bo_accounts["accounts"][0]["id"]},
            world.token("alice"),
        )
        assert direct["data"]["account"] is None


async def test_net_worth_adds_balances_holdings_and_subtracts_loans(
    world: Any, subgraph: Any
) -> None:
    async with subgraph("accounts") as client:
        token = world.token("alice")
        me = (await client.query(ACCOUNTS, token=token))["data"]["me"]
        reps = [
            {
                "__typename": "Customer",
                "id": me["id"],
                "totalOutstanding": [{"amount": "100.00", "currency": "CNY"}],
                "holdingsValue": [{"amount": "50.00", "currency": "USD"}],
            }
        ]
        result = await client.query(ENTITIES, {"reps": reps}, token)
        assert "errors" not in result, result
    totals = {
        m["currency"]: Decimal(m["amount"]) for m in result["data"]["_entities"][0]["netWorth"]
    }
    expected: dict[str, Decimal] = {"USD": Decimal("50.00")}
    for account in me["accounts"]:
        c = account["currency"]
        expected[c] = expected.get(c, Decimal(0)) + Decimal(account["balance"]["booked"]["amount"])
    expected["CNY"] = expected.get("CNY", Decimal(0)) - Decimal("100.00")
    assert totals == expected


async def test_payment_debtor_account_from_the_iban(world: Any, subgraph: Any) -> None:
    async with subgraph("accounts") as client:
        token = world.token("alice")
        me = (await client.query(ACCOUNTS, token=token))["data"]["me"]
        eur = next(a for a in me["accounts"] if a["currency"] == "EUR" and a["iban"])
        reps = [
            {"__typename": "Payment", "id": "p1", "debtorIban": eur["iban"].lower()},
            {"__typename": "Payment", "id": "p2", "debtorIban": "DE89370400440532013000"},
        ]
        result = await client.query(ENTITIES, {"reps": reps}, token)
    assert "errors" not in result, result
    mine, foreign = result["data"]["_entities"]
    assert mine["debtorAccount"] == {"id": eur["id"], "currency": "EUR"}
    assert foreign["debtorAccount"] is None


async def test_no_customer_data_without_a_verified_identity(world: Any, subgraph: Any) -> None:
    async with subgraph("accounts") as client:
        anonymous = await client.query("{ me { id accounts { id } } }")
        forged = await client.query("{ me { id } }", token=world.token("alice") + "x")
        wrong_aud = await client.query("{ me { id } }", token="a.b.c")
        sdl = await client.query("{ _service { sdl } }")
        no_scope = await client.query(
            "{ me { id } }", token=world.token("alice", scope="openid payments")
        )
    assert "lacks the 'accounts' scope" in no_scope["errors"][0]["message"]
    for result in (anonymous, forged, wrong_aud, no_scope):
        assert result["data"]["me"] is None
        assert "not authenticated" in result["errors"][0]["message"]
    assert "@key" in sdl["data"]["_service"]["sdl"]


WINDOW = """
query($id: ID!, $from: Date, $to: Date) { account(id: $id) {
  transactions(first: 100, from: $from, to: $to) { edges { node { bookedAt } } } } }
"""


async def test_transactions_filter_by_london_booking_dates(world: Any, subgraph: Any) -> None:
    london = ZoneInfo("Europe/London")
    async with subgraph("accounts") as client:
        token = world.token("alice")
        accounts = (await client.query(ACCOUNTS, token=token))["data"]["me"]["accounts"]
        everything = await client.query(WINDOW, {"id": accounts[0]["id"]}, token)
        stamps = [
            datetime.fromisoformat(e["node"]["bookedAt"])
            for e in everything["data"]["account"]["transactions"]["edges"]
        ]
        assert len(stamps) > 3
        newest = max(stamps).astimezone(london).date()
        start = newest - timedelta(days=30)
        window = await client.query(
            WINDOW,
            {"id": accounts[0]["id"], "from": start.isoformat(), "to": newest.isoformat()},
            token,
        )
    assert "errors" not in window, window
    dates = [
        datetime.fromisoformat(e["node"]["bookedAt"]).astimezone(london).date()
        for e in window["data"]["account"]["transactions"]["edges"]
    ]
    assert dates and all(start <= d <= newest for d in dates)
    assert len(dates) == sum(1 for s in stamps if start <= s.astimezone(london).date() <= newest)
