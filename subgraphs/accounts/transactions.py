"""`Account.transactions` slices for one request: first pages from bulk `/transactions`.

Every `transactions(first, from, to)` without a cursor in one request is batched: the accounts
asking for the same (from, to) share one walk of bulk `/transactions` (newest first across all
consented accounts), which goes on until each of them has `first + 1` entries or the list ends,
at most `max_bulk_pages` pages. So a home screen costs a few bank pages however many accounts
it shows. With a cursor, or for an account the capped walk left unsettled, the account's own
`/accounts/{AccountId}/transactions` is walked instead.

Both paths give the same slice: the same entries (de-duplicated by `dedupe_key`, as pages are
not isolated), the same `hasNextPage` (more than `first` entries exist), and cursors either path
resumes from. A bulk cursor is (None, position in the account's list), which the relay counts
on through the account's own pages (`subgraphs.common.relay`); while the position lies within
the bank's first per-account page it is the very cursor the per-account path issues.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Hashable, Sequence
from dataclasses import dataclass

from aiodataloader import DataLoader

from subgraphs.accounts.bank_a.client import BankAClient
from subgraphs.accounts.bank_a.mapping import dedupe_key
from subgraphs.accounts.bank_a.wire import OBTransaction
from subgraphs.common.relay import BankPage, PageSlice, encode_cursor, page_through, validate_first

__all__ = ["MAX_BULK_PAGES", "TransactionPages", "TransactionsQuery"]

MAX_BULK_PAGES = 5
"""Bulk pages one walk may fetch (5000 records at Bank A's 1000 a page); accounts still short
of entries after that are read per account."""

Window = tuple[tuple[str, str], ...]


@dataclass(frozen=True, slots=True)
class TransactionsQuery:
    """The first `first` entries of an account within a booking window (query parameters)."""

    account_id: str
    first: int
    window: Window


class TransactionPages:
    """Transaction slices of one customer; build one per GraphQL request."""

    def __init__(
        self, client: BankAClient, customer_id: str, max_bulk_pages: int = MAX_BULK_PAGES
    ) -> None:
        self.client, self.customer_id, self.max_bulk_pages = client, customer_id, max_bulk_pages
        self._first_pages = DataLoader(self._load_first_pages)

    async def slice(
        self, account_id: str, first: int, after: str | None, window: dict[str, str]
    ) -> PageSlice[OBTransaction]:
        """Up to `first` entries after the cursor `after`, newest first. Raises InvalidCursor
        for a bad cursor or `first`, BankError when the bank fails."""
        validate_first(first)
        if after is None:
            query = TransactionsQuery(account_id, first, tuple(sorted(window.items())))
            found: PageSlice[OBTransaction] | None = await self._first_pages.load(query)
            if found is not None:
                return found
        return await self.per_account(account_id, first, after, window)

    async def per_account(
        self, account_id: str, first: int, after: str | None, window: dict[str, str]
    ) -> PageSlice[OBTransaction]:
        """The slice from the account's own transaction pages."""

        async def fetch(token: str | None) -> BankPage[OBTransaction]:
            page = await self.client.transactions_page(self.customer_id, account_id, token, window)
            return BankPage(page.records, page.next_query)

        return await page_through(fetch, first, after, key=dedupe_key)

    async def _load_first_pages(
        self, queries: Sequence[TransactionsQuery]
    ) -> list[PageSlice[OBTransaction] | None]:
        by_window: dict[Window, list[TransactionsQuery]] = defaultdict(list)
        for query in queries:
            by_window[query.window].append(query)
        answers: dict[TransactionsQuery, PageSlice[OBTransaction] | None] = {}
        for window, group in by_window.items():
            wanted: dict[str, int] = {}
            for query in group:
                wanted[query.account_id] = max(wanted.get(query.account_id, 0), query.first + 1)
            entries, complete = await self._bulk_walk(dict(window), wanted)
            for query in group:
                answers[query] = _slice(entries.get(query.account_id, []), query.first, complete)
        return [answers[query] for query in queries]

    async def _bulk_walk(
        self, window: dict[str, str], wanted: dict[str, int]
    ) -> tuple[dict[str, list[OBTransaction]], bool]:
        """Each wanted account's entries (up to its wanted count, de-duplicated) and whether
        the walk reached the end of the list."""
        entries: dict[str, list[OBTransaction]] = {account_id: [] for account_id in wanted}
        seen: dict[str, set[Hashable]] = {account_id: set() for account_id in wanted}
        short = set(wanted)
        token: str | None = None
        for _ in range(self.max_bulk_pages):
            page = await self.client.bulk_transactions_page(self.customer_id, token, window)
            for record in page.records:
                account_id = record.account_id
                if account_id not in short or dedupe_key(record) in seen[account_id]:
                    continue
                seen[account_id].add(dedupe_key(record))
                entries[account_id].append(record)
                if len(entries[account_id]) >= wanted[account_id]:
                    short.discard(account_id)
            if page.next_query is None:
                return entries, True
            if not short:
                return entries, False
            token = page.next_query
        return entries, False


def _slice(
    entries: list[OBTransaction], first: int, complete: bool
) -> PageSlice[OBTransaction] | None:
    """The first `first` entries with position cursors; None when the walk stopped before it
    could tell (neither `first + 1` entries nor the end of the list)."""
    if len(entries) <= first and not complete:
        return None
    items = tuple(
        (entry, encode_cursor(None, index)) for index, entry in enumerate(entries[:first])
    )
    return PageSlice(items, has_next_page=len(entries) > first)
