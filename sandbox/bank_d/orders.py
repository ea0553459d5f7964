"""Fund orders: submission, T+1 confirmation at the NAV of T, cancellation before cut-off.

Every function runs in the caller's ``LedgerTx`` and raises ``FdxError`` before writing, so a
refused order changes nothing. Money (bank-dialects.md §4.5, [Sandbox] settlement):

- BUY debits the amount from the customer's Bank A account in the fund's currency at
  submission, into Bank D's fund custody (``sys-funds-<CUR>``); confirmation adds the units;
  a cancellation refunds it.
- SELL freezes the units at submission; confirmation removes them and pays the proceeds from
  fund custody to that account, with the T+2 settlement date as value date.

[Sandbox] ``settlementAccountId`` in the order body names that Bank A account (the unified
schema's ``fromAccountId`` / ``toAccountId``); by default it is the customer's first enabled
Bank A account in the fund's currency.

Confirmation happens lazily: ``confirm_due`` confirms every submitted order whose T+1 has
begun (00:00 Shanghai), once the NAV of its T is published.
"""

from __future__ import annotations

import datetime as dt
import secrets
from dataclasses import dataclass, replace
from decimal import Decimal

from sandbox.bank_d import calendar, navs, pricing, store
from sandbox.bank_d.errors import FdxError
from sandbox.bank_d.records import Fund, Holding, InvestmentAccount, Order
from sandbox.bank_d.suitability import check_purchase
from sandbox.ledger import Account, InsufficientFunds, LedgerError, LedgerTx, UnknownAccount

BUYABLE = ("OPEN", "REDEMPTION_SUSPENDED")
SELLABLE = ("OPEN", "SUBSCRIPTION_SUSPENDED")
FOUR = Decimal("0.0001")


@dataclass(frozen=True, slots=True)
class OrderRequest:
    """A validated order body."""

    fund_code: str
    order_type: str
    amount: Decimal | None
    units: Decimal | None
    risk_mismatch_acknowledged: bool
    settlement_account_id: str | None = None


def submit(tx: LedgerTx, account: InvestmentAccount, req: OrderRequest, now: dt.datetime) -> Order:
    """Accept an order for ``account`` (already checked to be the caller's and open)."""
    fund = store.fund(tx, req.fund_code)
    if fund is None:
        raise FdxError(404, "1107", f"unknown fund {req.fund_code}")
    cash = _cash_account(tx, account.customer_id, fund.currency, req.settlement_account_id)
    trade_date = calendar.trade_date(now, fund.cutoff_time)
    selling = req.order_type == "SELL"
    order = Order(
        order_id="ord-" + secrets.token_hex(8),
        account_id=account.account_id,
        fund_code=fund.fund_code,
        order_type=req.order_type,
        amount=req.amount,
        units=req.units,
        risk_mismatch_acknowledged=req.risk_mismatch_acknowledged,
        status="SUBMITTED",
        order_timestamp=now,
        trade_date=trade_date,
        expected_confirm_date=calendar.next_trading_day(trade_date),
        settlement_date=calendar.next_trading_day(trade_date, 2)
        if req.order_type == "SELL"
        else None,
        cash_account_id=cash.id,
        updated_at=now,
    )
    if selling:
        _accept_sell(tx, account, fund, order)
    else:
        _accept_buy(tx, account, fund, order, now)
    store.insert_order(tx, order)
    return order


def _accept_buy(
    tx: LedgerTx, account: InvestmentAccount, fund: Fund, order: Order, now: dt.datetime
) -> None:
    assert order.amount is not None
    if fund.status not in BUYABLE:
        raise FdxError(409, "3003", f"fund {fund.fund_code} is {fund.status}")
    if order.amount < fund.min_subscription_amount:
        raise FdxError(400, "3004", f"minimum subscription is {fund.min_subscription_amount}")
    profile = store.risk_profile(tx, account.customer_id)
    verdict = check_purchase(
        profile, fund.risk_level, order.risk_mismatch_acknowledged, calendar_today(now)
    )
    if verdict == "ASSESSMENT_EXPIRED":
        raise FdxError(403, "3002", "the risk assessment is missing or expired")
    if verdict == "RISK_TOO_HIGH":
        raise FdxError(403, "3001", f"fund risk {fund.risk_level} exceeds the tolerance")
    try:
        tx.transfer(
            debit=order.cash_account_id,
            credit=tx.system_account("funds", fund.currency),
            amount=order.amount,
            currency=fund.currency,
            kind="fund_subscription",
            reference=order.order_id,
            description=f"Bank D subscription {fund.fund_code}",
            idempotency_key=f"bank_d:subscribe:{order.order_id}",
        )
    except InsufficientFunds:
        raise FdxError(409, "3009", "the settlement account lacks the amount") from None
    except LedgerError as exc:
        raise FdxError(409, "3010", f"the settlement account cannot pay: {exc}") from None


def _accept_sell(tx: LedgerTx, account: InvestmentAccount, fund: Fund, order: Order) -> None:
    assert order.units is not None
    if fund.status not in SELLABLE:
        raise FdxError(409, "3003", f"fund {fund.fund_code} is {fund.status}")
    if order.units < fund.min_redemption_units:
        raise FdxError(400, "3004", f"minimum redemption is {fund.min_redemption_units} units")
    position = store.holding(tx, account.account_id, fund.fund_code)
    if position is None or position.available_units < order.units:
        raise FdxError(409, "3005", "not enough available units")
    store.save_holding(tx, replace(position, frozen_units=position.frozen_units + order.units))


def cancel(tx: LedgerTx, order: Order, now: dt.datetime) -> Order:
    """Cancel a submitted order before the cut-off of its T; else 409 ``3006``."""
    fund = store.fund(tx, order.fund_code)
    assert fund is not None
    deadline = calendar.shanghai(order.trade_date, fund.cutoff_time)
    if order.status != "SUBMITTED" or now >= deadline:
        raise FdxError(409, "3006", f"order {order.order_id} is {order.status}, past its cut-off")
    _release(tx, fund, order)
    cancelled = replace(order, status="CANCELLED", updated_at=now)
    store.update_order(tx, cancelled)
    return cancelled


def confirm_due(tx: LedgerTx, now: dt.datetime) -> None:
    """Publish NAVs and confirm every submitted order whose confirmation day has begun."""
    navs.publish_navs(tx, now)
    for order in store.orders_due(tx, calendar_today(now)):
        _confirm(tx, order, now)


def _confirm(tx: LedgerTx, order: Order, now: dt.datetime) -> None:
    fund = store.fund(tx, order.fund_code)
    nav = store.nav_on(tx, order.fund_code, order.trade_date)
    assert fund is not None
    if nav is None:
        store.update_order(tx, _failed(tx, fund, order, now))
        return
    confirmed_at = calendar.shanghai(order.expected_confirm_date, dt.time(0, 0))
    position = store.holding(tx, order.account_id, order.fund_code) or Holding(
        store.new_holding_id(), order.account_id, order.fund_code, Decimal("0.00"),
        Decimal("0.00"), nav.nav_per_unit,
    )  # fmt: skip
    if order.order_type == "BUY":
        assert order.amount is not None
        deal = pricing.subscribe(order.amount, fund.subscription_fee_rate, nav.nav_per_unit)
        units = position.units + deal.units
        paid = position.units * position.purchased_price + deal.units * nav.nav_per_unit
        average = (paid / units).quantize(FOUR) if units else nav.nav_per_unit
        store.save_holding(tx, replace(position, units=units, purchased_price=average))
    else:
        assert order.units is not None
        deal = pricing.redeem(order.units, fund.redemption_fee_rate, nav.nav_per_unit)
        store.save_holding(
            tx,
            replace(
                position,
                units=position.units - order.units,
                frozen_units=position.frozen_units - order.units,
            ),
        )
        if deal.amount > 0:
            tx.transfer(
                debit=tx.system_account("funds", fund.currency),
                credit=order.cash_account_id,
                amount=deal.amount,
                currency=fund.currency,
                kind="fund_redemption",
                reference=order.order_id,
                description=f"Bank D redemption {fund.fund_code}",
                idempotency_key=f"bank_d:redeem:{order.order_id}",
                booked_at=max(confirmed_at, order.order_timestamp),
                value_date=order.settlement_date,
            )
    store.update_order(
        tx,
        replace(
            order,
            status="CONFIRMED",
            updated_at=confirmed_at,
            nav_date=nav.nav_date,
            confirmed_nav=nav.nav_per_unit,
            confirmed_units=deal.units,
            confirmed_amount=deal.amount,
            fee=deal.fee,
        ),
    )


def _failed(tx: LedgerTx, fund: Fund, order: Order, now: dt.datetime) -> Order:
    """No NAV for T: refund a BUY, unfreeze a SELL, mark the order FAILED."""
    _release(tx, fund, order)
    return replace(
        order,
        status="FAILED",
        updated_at=now,
        failure_code="NAV_UNAVAILABLE",
        failure_reason=f"no NAV published for {order.trade_date.isoformat()}",
    )


def _release(tx: LedgerTx, fund: Fund, order: Order) -> None:
    """Undo a submitted order's hold: refund a BUY's amount, unfreeze a SELL's units."""
    if order.order_type == "BUY":
        assert order.amount is not None
        tx.transfer(
            debit=tx.system_account("funds", fund.currency),
            credit=order.cash_account_id,
            amount=order.amount,
            currency=fund.currency,
            kind="fund_subscription_refund",
            reference=order.order_id,
            idempotency_key=f"bank_d:refund:{order.order_id}",
        )
    else:
        position = store.holding(tx, order.account_id, order.fund_code)
        assert position is not None and order.units is not None
        store.save_holding(tx, replace(position, frozen_units=position.frozen_units - order.units))


def _cash_account(tx: LedgerTx, customer_id: str, currency: str, named: str | None) -> Account:
    """The named settlement account (400 ``3000`` unknown, 403 ``706`` another customer's,
    409 ``3010`` wrong currency or not enabled), else the first suitable one (409 ``3010``)."""
    if named is not None:
        try:
            account = tx.account(named)
        except UnknownAccount:
            raise FdxError(400, "3000", f"unknown settlementAccountId {named}") from None
        if account.customer_id != customer_id or account.bank != "A":
            raise FdxError(403, "706", "the settlement account belongs to someone else")
        if account.currency != currency or account.status != "Enabled":
            raise FdxError(409, "3010", f"settlement needs an enabled {currency} account")
        return account
    for candidate in tx.accounts(customer_id, "A"):
        if candidate.currency == currency and candidate.status == "Enabled":
            return candidate
    raise FdxError(409, "3010", f"no {currency} account at Bank A to settle with")


def calendar_today(now: dt.datetime) -> dt.date:
    return now.astimezone(calendar.SHANGHAI).date()
