"""Account.transactions first pages from bulk `/transactions` against the real sandbox Bank A:
the same slices as the per-account walk (entries, hasNextPage, cursors that resume alike), one
bulk walk per booking window for all accounts, per-account reads only past the page cap."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest

from subgraphs.accounts.bank_a.client import BankAClient, BankACredentials
from subgraphs.accounts.bank_a.mapping import booking_window, dedupe_key
from subgraphs.accounts.transactions import TransactionPages
from subgraphs.common.relay import PageSlice, decode_cursor

SMALL_PAGES = {
    "BANKGRAPH_SANDBOX_BANK_A_BULK_PAGE_SIZE": "25",
    "BANKGRAPH_SANDBOX_BANK_A_PAGE_SIZE": "10",
}
PAGE_SIZES = pytest.mark.parametrize(
    "sandbox_env", [{}, SMALL_PAGES], ids=["default-pages", "small-pages"]
)
MARCH_APRIL = {"fromBookingDateTime": "2026-03-01T00:00:00", "toBookingDateTime": "2026-04-30"}


@pytest.fixture
async def bank(world: Any) -> AsyncIterator[tuple[BankAClient, list[str]]]:
    """A Bank A client over the world's bank, and the paths of the data calls it makes."""
    log: list[str] = []

    async def record(request: httpx.Request) -> None:
        if "/aisp/" in request.url.path and "consents" not in request.url.path:
            log.append(request.url.path.rsplit("/aisp", 1)[1])

    transport = httpx.ASGITransport(app=world.apps["bank_a"])
    async with httpx.AsyncClient(
        transport=transport, base_url="http://bank-a.test", event_hooks={"request": [record]}
    ) as http:
        credentials = BankACredentials.from_file(world.credentials_dir / "bank_a_client.json")
        yield BankAClient(http, credentials), log


def account_ids(world: Any, customer: str) -> list[str]:
    return [account.id for account in world.ledger.accounts(customer, bank="A")]


def entries(slice_: PageSlice[Any]) -> list[str]:
    return [dedupe_key(record) for record, _ in slice_.items]


async def assert_same_slices(
    pages: TransactionPages, ids: list[str], first: int, window: dict[str, str]
) -> None:
    """The bulk slices of all `ids` (one batch) equal the per-account ones, and both end
    cursors resume to the same next slice."""
    bulk = await asyncio.gather(*(pages.slice(i, first, None, window) for i in ids))
    for account_id, from_bulk in zip(ids, bulk, strict=True):
        own = await pages.per_account(account_id, first, None, window)
        assert entries(from_bulk) == entries(own), (account_id, first)
        assert from_bulk.has_next_page == own.has_next_page, (account_id, first)
        for (_, bulk_cursor), (_, own_cursor) in zip(from_bulk.items, own.items, strict=True):
            if decode_cursor(own_cursor)[0] is None:  # on the bank's first per-account page
                assert bulk_cursor == own_cursor
        if from_bulk.has_next_page:
            after_bulk = await pages.per_account(account_id, 7, from_bulk.end_cursor, window)
            after_own = await pages.per_account(account_id, 7, own.end_cursor, window)
            assert entries(after_bulk) == entries(after_own) != []
            assert after_bulk.has_next_page == after_own.has_next_page


@PAGE_SIZES
async def test_alice_bulk_and_per_account_slices_agree(
    world: Any, bank: tuple[BankAClient, list[str]]
) -> None:
    client, _ = bank
    for first in (0, 1, 5, 12, 30):
        for window in ({}, MARCH_APRIL):
            pages = TransactionPages(client, "alice")  # a fresh request: nothing cached
            await assert_same_slices(pages, account_ids(world, "alice"), first, window)


@PAGE_SIZES
async def test_heavy_bulk_and_per_account_slices_agree(
    world: Any, bank: tuple[BankAClient, list[str]]
) -> None:
    client, _ = bank
    ids = account_ids(world, "heavy")
    await assert_same_slices(TransactionPages(client, "heavy", max_bulk_pages=50), ids, 5, {})


async def test_one_bulk_walk_per_window_for_all_accounts(
    world: Any, bank: tuple[BankAClient, list[str]]
) -> None:
    client, log = bank
    pages = TransactionPages(client, "heavy")
    ids = account_ids(world, "heavy")
    whole = booking_window(None, None)  # no filter: the whole history
    slices = await asyncio.gather(
        *(pages.slice(i, 5, None, whole) for i in ids),
        *(pages.slice(i, 3, None, MARCH_APRIL) for i in ids),
        pages.slice(ids[0], 9, None, whole),
    )
    assert log.count("/transactions") == 2 and len(log) == 2  # 914 entries: one page each
    assert any(s.items for s in slices[:56]) and len(slices) == 113
    # The same account asked twice in one batch: the longer slice extends the shorter one.
    assert entries(slices[-1])[:5] == entries(slices[0])


@pytest.mark.parametrize("sandbox_env", [SMALL_PAGES])
async def test_accounts_the_capped_walk_leaves_short_are_read_per_account(
    world: Any, bank: tuple[BankAClient, list[str]]
) -> None:
    client, log = bank
    ids = account_ids(world, "heavy")
    pages = TransactionPages(client, "heavy", max_bulk_pages=10)
    capped = await asyncio.gather(*(pages.slice(i, 5, None, {}) for i in ids))
    assert log.count("/transactions") == 10  # the cap: 250 of heavy's 914 entries
    own_reads = [path for path in log if path.startswith("/accounts/")]
    assert 0 < len(own_reads) < len(ids)
    for account_id, from_walk in zip(ids, capped, strict=True):
        own = await pages.per_account(account_id, 5, None, {})
        assert entries(from_walk) == entries(own) and from_walk.has_next_page == own.has_next_page
