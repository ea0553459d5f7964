"""Bank D resource endpoints (FDX accounts, funds, risk profile, fund orders).

Each handler gets the caller's token ``Grant`` and the request parts, runs in one ledger
transaction and returns a ``Reply`` or raises ``FdxError`` (rolling the transaction back).
Submitted orders are confirmed lazily at the start of every call (``orders.confirm_due``).
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass, field
from typing import Any

from starlette.datastructures import QueryParams

from sandbox.bank_d import calendar, inputs, jsonio, orders, paging, store, views
from sandbox.bank_d.errors import FdxError
from sandbox.bank_d.oauth.tokens import Grant
from sandbox.bank_d.records import Fund, InvestmentAccount, Order
from sandbox.bank_d.settings import Settings
from sandbox.ledger import Ledger, LedgerTx

RISK_LEVELS = ("R1", "R2", "R3", "R4", "R5")


@dataclass(frozen=True, slots=True)
class Call:
    """One authenticated resource request."""

    grant: Grant
    path: str
    query: QueryParams
    path_params: dict[str, str]
    body: bytes
    idempotency_key: str | None
    now: dt.datetime


@dataclass(frozen=True, slots=True)
class Reply:
    """``document`` is JSON-ready (Decimal numbers) unless ``raw`` is given."""

    status: int
    document: Any = None
    raw: bytes | None = None
    headers: dict[str, str] = field(default_factory=dict)

    def content(self) -> bytes:
        return self.raw if self.raw is not None else jsonio.dumps(self.document)


def require(grant: Grant, scope: str, *, customer: bool) -> None:
    """403 ``706`` unless the token has ``scope`` (and a customer, when ``customer``)."""
    if scope not in grant.scopes:
        raise FdxError(403, "706", f"the token lacks scope {scope}")
    if customer and grant.customer_id is None:
        raise FdxError(403, "706", "a customer-authorised token is required")


class FundHandlers:
    """The resource endpoint bodies over one ledger."""

    def __init__(self, ledger: Ledger, settings: Settings) -> None:
        self._ledger = ledger
        self._settings = settings

    def _page(self, call: Call) -> paging.PageRequest:
        return paging.page_request(
            call.query, self._settings.page_size, self._settings.max_page_size
        )

    # FDX ---------------------------------------------------------------------------------

    def accounts(self, call: Call) -> Reply:
        require(call.grant, "accounts", customer=True)
        result_type = inputs.choice(call.query, "resultType", ("lightweight", "details"))
        request = self._page(call)
        with self._ledger.transaction() as tx:
            orders.confirm_due(tx, call.now)
            owned = store.accounts_of(tx, _customer(call))
            window, links = paging.paginate(owned, request, call.path, call.query)
            if result_type == "details":
                items = [self._details(tx, account, call.now) for account in window]
            else:
                items = [views.account_descriptor(account) for account in window]
        return Reply(200, {**links, "accounts": [{"investmentAccount": i} for i in items]})

    def account(self, call: Call) -> Reply:
        require(call.grant, "accounts", customer=True)
        with self._ledger.transaction() as tx:
            orders.confirm_due(tx, call.now)
            account = _owned_account(tx, call)
            return Reply(200, {"investmentAccount": self._details(tx, account, call.now)})

    def transactions(self, call: Call) -> Reply:
        require(call.grant, "transactions", customer=True)
        window_dates = inputs.date_range(call.query, "startTime", "endTime")
        request = self._page(call)
        with self._ledger.transaction() as tx:
            orders.confirm_due(tx, call.now)
            account = _owned_account(tx, call)
            confirmed = [o for o in store.orders_of(tx, account.account_id)
                         if o.status == "CONFIRMED"]  # fmt: skip
            if window_dates is not None:
                first, last = window_dates
                confirmed = [o for o in confirmed
                             if first <= views.posted_at(o).date() <= last]  # fmt: skip
            confirmed.sort(key=views.posted_at, reverse=True)
            window, links = paging.paginate(confirmed, request, call.path, call.query)
            items = [views.transaction(o, _fund(tx, o.fund_code)) for o in window]
        return Reply(200, {**links, "transactions": [{"investmentTransaction": i} for i in items]})

    # fund distribution -------------------------------------------------------------------

    def funds(self, call: Call) -> Reply:
        require(call.grant, "funds", customer=False)
        risk_level = inputs.choice(call.query, "riskLevel", RISK_LEVELS)
        request = self._page(call)
        with self._ledger.transaction() as tx:
            orders.confirm_due(tx, call.now)
            catalogue = store.funds(tx, risk_level)
            window, links = paging.paginate(catalogue, request, call.path, call.query)
            published = calendar.latest_published_nav_date(call.now)
            items = [views.fund(f, store.latest_nav(tx, f.fund_code, published)) for f in window]
        return Reply(200, {**links, "funds": items})

    def navs(self, call: Call) -> Reply:
        require(call.grant, "funds", customer=False)
        window_dates = inputs.date_range(call.query, "startDate", "endDate")
        request = self._page(call)
        first, last = window_dates or (None, None)
        published = calendar.latest_published_nav_date(call.now)
        last = published if last is None else min(last, published)
        with self._ledger.transaction() as tx:
            orders.confirm_due(tx, call.now)
            fund = _fund(tx, call.path_params["fundCode"])
            history = store.navs(tx, fund.fund_code, first, last)
        window, links = paging.paginate(history, request, call.path, call.query)
        items = [views.nav_entry(nav, fund.is_money_market) for nav in window]
        return Reply(200, {**links, "fundCode": fund.fund_code, "navs": items})

    def risk_profile(self, call: Call) -> Reply:
        require(call.grant, "investments", customer=True)
        with self._ledger.transaction() as tx:
            profile = store.risk_profile(tx, _customer(call))
        if profile is None:
            raise FdxError(404, "1107", "no risk assessment on file")
        return Reply(200, views.risk_profile(profile))

    def settlement_accounts(self, call: Call) -> Reply:
        """[Sandbox] ``GET /bankd/v1/customers/current/settlement-accounts``: the caller's Bank A
        accounts an order may name as ``settlementAccountId`` (any currency; an order needs the
        fund's)."""
        require(call.grant, "orders", customer=True)
        with self._ledger.transaction() as tx:
            owned = tx.accounts(_customer(call), "A")
        return Reply(200, {"settlementAccounts": [views.settlement_account(a) for a in owned]})

    def list_orders(self, call: Call) -> Reply:
        require(call.grant, "orders", customer=True)
        status = inputs.choice(call.query, "status", inputs.ORDER_STATUSES)
        window_dates = inputs.date_range(call.query, "startDate", "endDate")
        request = self._page(call)
        with self._ledger.transaction() as tx:
            orders.confirm_due(tx, call.now)
            account = _owned_account(tx, call)
            found = store.orders_of(tx, account.account_id)
            if status is not None:
                found = [o for o in found if o.status == status]
            if window_dates is not None:
                first, last = window_dates
                found = [o for o in found
                         if first <= orders.calendar_today(o.order_timestamp) <= last]  # fmt: skip
            window, links = paging.paginate(found, request, call.path, call.query)
            items = [views.order(o, _fund(tx, o.fund_code)) for o in window]
        return Reply(200, {**links, "orders": items})

    def get_order(self, call: Call) -> Reply:
        require(call.grant, "orders", customer=True)
        with self._ledger.transaction() as tx:
            orders.confirm_due(tx, call.now)
            found = _owned_order(tx, call)
            return Reply(200, views.order(found, _fund(tx, found.fund_code)))

    def cancel_order(self, call: Call) -> Reply:
        require(call.grant, "orders", customer=True)
        with self._ledger.transaction() as tx:
            orders.confirm_due(tx, call.now)
            cancelled = orders.cancel(tx, _owned_order(tx, call), call.now)
            return Reply(200, views.order(cancelled, _fund(tx, cancelled.fund_code)))

    def place_order(self, call: Call) -> Reply:
        """POST fund-orders: idempotent per client on ``idempotency-key`` for 24 h."""
        require(call.grant, "orders", customer=True)
        key = call.idempotency_key
        if not key:
            raise FdxError(400, "3008", "the idempotency-key header is required")
        if len(key) > 64:
            raise FdxError(400, "3000", "idempotency-key is longer than 64 characters")
        scope = f"bank_d:{call.grant.client_id}"
        fingerprint = hashlib.sha256(
            call.path_params["accountId"].encode() + b"\n" + call.body
        ).hexdigest()
        not_before = call.now - dt.timedelta(hours=self._settings.idempotency_hours)
        with self._ledger.transaction() as tx:
            earlier = tx.recall(scope, key, not_before=not_before)
            if earlier is not None:
                if earlier.fingerprint != fingerprint:
                    raise FdxError(409, "3007", "idempotency-key was used with another body")
                order_id = jsonio.loads(earlier.response)["orderId"]
                return Reply(201, raw=earlier.response, headers=_location(call, order_id))
            request = inputs.order_request(call.body)
            orders.confirm_due(tx, call.now)
            account = _owned_account(tx, call)
            placed = orders.submit(tx, account, request, call.now)
            document = views.order(placed, _fund(tx, placed.fund_code))
            reply = Reply(201, document, headers=_location(call, placed.order_id))
            tx.remember(scope, key, fingerprint, reply.content())
        return reply

    def _details(
        self, tx: LedgerTx, account: InvestmentAccount, now: dt.datetime
    ) -> dict[str, Any]:
        published = calendar.latest_published_nav_date(now)
        positions = [
            (h, _fund(tx, h.fund_code), store.latest_nav(tx, h.fund_code, published))
            for h in store.holdings(tx, account.account_id)
        ]
        return views.account_details(account, positions, now)


def _location(call: Call, order_id: str) -> dict[str, str]:
    return {"Location": f"{call.path}/{order_id}"}


def _customer(call: Call) -> str:
    assert call.grant.customer_id is not None
    return call.grant.customer_id


def _owned_account(tx: LedgerTx, call: Call) -> InvestmentAccount:
    """The path's account: 404 ``701`` if unknown, 403 ``706`` if another customer's, 409
    ``705`` for a write to a closed account."""
    account = store.account(tx, call.path_params["accountId"])
    if account is None:
        raise FdxError(404, "701", "no such account")
    if account.customer_id != call.grant.customer_id:
        raise FdxError(403, "706", "the account belongs to another customer")
    if account.status == "CLOSED" and call.body:
        raise FdxError(409, "705", "the account is closed")
    return account


def _owned_order(tx: LedgerTx, call: Call) -> Order:
    account = _owned_account(tx, call)
    found = store.order(tx, call.path_params["orderId"])
    if found is None or found.account_id != account.account_id:
        raise FdxError(404, "1107", "no such order on this account")
    return found


def _fund(tx: LedgerTx, fund_code: str) -> Fund:
    found = store.fund(tx, fund_code)
    if found is None:
        raise FdxError(404, "1107", f"unknown fund {fund_code}")
    return found
