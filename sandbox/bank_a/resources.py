"""`/accounts`, `/accounts/{AccountId}`, `.../balances`, `/balances`, `.../transactions`,
`/transactions`.

Every list is paged: `?page=N` (1-based), newest first for transactions; `Links.Self/First/Last`
always, `Prev`/`Next` when such a page exists, `Meta.TotalPages`. The bulk lists (`/accounts`,
`/balances`, `/transactions`: every consented account) hold `Settings.bulk_page_size` records a
page, the per-account ones `Settings.page_size`. An unknown AccountId is 400
`UK.OBIE.Resource.NotFound`; an account outside the consent (another customer's included) is 403
`UK.OBIE.Resource.ConsentMismatch`.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from datetime import datetime
from typing import Any
from urllib.parse import urlencode

import orjson
from starlette.requests import Request
from starlette.responses import Response

from sandbox.bank_a import render
from sandbox.bank_a.access import Access
from sandbox.bank_a.errors import ObError, consent_mismatch, field_invalid, not_found
from sandbox.bank_a.grants import Consent
from sandbox.bank_a.timefmt import london, parse_query_bound
from sandbox.ledger import Account, Entry, Ledger, LedgerTx, UnknownAccount


class ResourceEndpoints:
    """Account-information handlers over the ledger."""

    def __init__(self, ledger: Ledger, access: Access, page_size: int, bulk_page_size: int) -> None:
        self.ledger, self.access = ledger, access
        self.page_size, self.bulk_page_size = page_size, bulk_page_size

    async def accounts(self, request: Request) -> Response:
        consent = self._consent(request, "ReadAccountsBasic", "ReadAccountsDetail")
        detail = "ReadAccountsDetail" in consent.permissions
        with self.ledger.transaction() as tx:
            holder = tx.customer(consent.psu_id or "").name
            items = [render.account_item(tx.account(i), holder, detail)
                     for i in consent.account_ids]  # fmt: skip
        return self._page(request, "Account", items, {}, self.bulk_page_size)

    async def account(self, request: Request) -> Response:
        consent = self._consent(request, "ReadAccountsBasic", "ReadAccountsDetail")
        detail = "ReadAccountsDetail" in consent.permissions
        with self.ledger.transaction() as tx:
            account = _consented(tx, consent, request.path_params["AccountId"])
            holder = tx.customer(consent.psu_id or "").name
            item = render.account_item(account, holder, detail)
        return self._page(request, "Account", [item], {}, self.page_size)

    async def account_balances(self, request: Request) -> Response:
        consent = self._consent(request, "ReadBalances")
        with self.ledger.transaction() as tx:
            account = _consented(tx, consent, request.path_params["AccountId"])
            items = render.balance_items(account, tx.balance(account.id), tx.now())
        return self._page(request, "Balance", items, {}, self.page_size)

    async def balances(self, request: Request) -> Response:
        consent = self._consent(request, "ReadBalances")
        items: list[dict[str, Any]] = []
        with self.ledger.transaction() as tx:
            for account_id in consent.account_ids:
                account = tx.account(account_id)
                items += render.balance_items(account, tx.balance(account_id), tx.now())
        return self._page(request, "Balance", items, {}, self.bulk_page_size)

    async def transactions(self, request: Request) -> Response:
        consent = self._consent(request, "ReadTransactionsBasic", "ReadTransactionsDetail")
        low, high = _window(request, consent)
        with self.ledger.transaction() as tx:
            account = _consented(tx, consent, request.path_params["AccountId"])
            entries = tx.entries(account.id, booked_from=low, booked_to=high)
            items = _transaction_items(tx, consent, entries)
            meta = {"FirstAvailableDateTime": london(account.opened_at),
                    "LastAvailableDateTime": london(tx.now())}  # fmt: skip
        return self._page(request, "Transaction", items, meta, self.page_size)

    async def bulk_transactions(self, request: Request) -> Response:
        """Every consented account's transactions in one list, newest `BookingDateTime`
        first (an account's own order kept on ties), same filters and permissions as the
        per-account list."""
        consent = self._consent(request, "ReadTransactionsBasic", "ReadTransactionsDetail")
        low, high = _window(request, consent)
        with self.ledger.transaction() as tx:
            accounts = [tx.account(account_id) for account_id in consent.account_ids]
            entries = [
                entry
                for account in accounts
                for entry in tx.entries(account.id, booked_from=low, booked_to=high)
            ]
            # sorted() is stable with reverse=True: each account's newest-first order survives.
            entries.sort(key=lambda entry: entry.booked_at, reverse=True)
            items = _transaction_items(tx, consent, entries)
            opened = min((a.opened_at for a in accounts), default=tx.now())
            meta = {"FirstAvailableDateTime": london(opened),
                    "LastAvailableDateTime": london(tx.now())}  # fmt: skip
        return self._page(request, "Transaction", items, meta, self.bulk_page_size)

    def _consent(self, request: Request, *needed: str) -> Consent:
        consent = self.access.psu_consent(request.headers)
        if not set(needed) & set(consent.permissions):
            raise consent_mismatch(f"the consent lacks {' or '.join(needed)}")
        return consent

    def _page(
        self, request: Request, key: str, items: Sequence[Any], meta: dict[str, Any], size: int
    ) -> Response:
        raw = request.query_params.get("page", "1")
        if not raw.isdigit() or int(raw) < 1:
            raise field_invalid("page", "page must be a positive integer")
        page = int(raw)
        total = max(1, math.ceil(len(items) / size))
        base = str(request.url.remove_query_params("page")).split("?")[0]
        filters = [(k, v) for k, v in request.query_params.multi_items() if k != "page"]

        def link(number: int) -> str:
            return f"{base}?{urlencode([*filters, ('page', str(number))])}"

        links = {"Self": link(page), "First": link(1), "Last": link(total)}
        if 1 < page <= total + 1:
            links["Prev"] = link(page - 1)
        if page < total:
            links["Next"] = link(page + 1)
        body = {"Data": {key: list(items[(page - 1) * size : page * size])}, "Links": links,
                "Meta": {"TotalPages": total, **meta}}  # fmt: skip
        return Response(orjson.dumps(body), media_type="application/json")


def _transaction_items(
    tx: LedgerTx, consent: Consent, entries: Sequence[Entry]
) -> list[dict[str, Any]]:
    """`entries` as `Data.Transaction[]` items under the consent's permissions: credits or
    debits only when just one of those is granted, detail fields with `ReadTransactionsDetail`."""
    chosen = set(consent.permissions)
    credits = "ReadTransactionsCredits" in chosen or "ReadTransactionsDebits" not in chosen
    debits = "ReadTransactionsDebits" in chosen or "ReadTransactionsCredits" not in chosen
    detail = "ReadTransactionsDetail" in chosen
    items = []
    for entry in entries:
        if (entry.amount > 0 and not credits) or (entry.amount < 0 and not debits):
            continue
        other = tx.account(entry.counterparty_account_id)
        name = tx.customer(other.customer_id).name if other.customer_id else None
        items.append(render.transaction_item(
            entry, other if other.customer_id else None, name, detail))  # fmt: skip
    return items


def _consented(tx: LedgerTx, consent: Consent, account_id: str) -> Account:
    try:
        account = tx.account(account_id)
    except UnknownAccount:
        raise not_found("AccountId", f"account {account_id}") from None
    if account.bank != "A":
        raise not_found("AccountId", f"account {account_id}")
    if account_id not in consent.account_ids:
        raise consent_mismatch(f"account {account_id} is not in the consent")
    return account


def _window(request: Request, consent: Consent) -> tuple[datetime | None, datetime | None]:
    """The booking-time range: the query bounds clipped to the consent's window."""
    bounds: list[datetime | None] = []
    for name, end in (("fromBookingDateTime", False), ("toBookingDateTime", True)):
        text = request.query_params.get(name)
        if text is None:
            bounds.append(None)
            continue
        value = parse_query_bound(text, end=end)
        if value is None:
            raise ObError(400, "UK.OBIE.Field.InvalidDate", f"{name} is not a date-time", name)
        bounds.append(value)
    low, high = bounds
    if consent.transaction_from is not None:
        low = consent.transaction_from if low is None else max(low, consent.transaction_from)
    if consent.transaction_to is not None:
        high = consent.transaction_to if high is None else min(high, consent.transaction_to)
    return low, high
