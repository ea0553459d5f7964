"""NAV publication: each trading day's NAV appears at 20:00 Shanghai time on that day.

The seed writes a fund's history; ``publish_navs`` extends it, deterministically, to the last
trading day published by a given moment, so orders always find the NAV of their T. A day's
move is a pseudo-random step derived from a hash of the fund code and the date, scaled by
the fund's risk level; money-market funds keep NAV 1.0000 and publish yields instead.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from decimal import ROUND_HALF_UP, Decimal

from sandbox.bank_d import calendar, store
from sandbox.bank_d.records import Fund, Nav
from sandbox.ledger import LedgerTx

FOUR = Decimal("0.0001")
SIX = Decimal("0.000001")
DAILY_SWING = {"R1": "0.0005", "R2": "0.002", "R3": "0.008", "R4": "0.012", "R5": "0.018"}


def publish_navs(tx: LedgerTx, moment: dt.datetime) -> None:
    """Publish every fund's missing NAVs up to the last trading day published by ``moment``."""
    until = calendar.latest_published_nav_date(moment)
    for fund in store.funds(tx):
        publish_fund(tx, fund, until)


def publish_fund(tx: LedgerTx, fund: Fund, until: dt.date) -> None:
    """Extend one fund's NAV history to ``until``; a fund with no history stays empty."""
    last = store.latest_nav(tx, fund.fund_code)
    if last is None:
        return
    recent = [nav for nav in store.navs(tx, fund.fund_code, end=last.nav_date)[:6]]
    day = last.nav_date
    while (day := calendar.next_trading_day(day)) <= until:
        last = _next_nav(fund, last, day, recent)
        store.insert_nav(tx, last)
        recent = [last, *recent[:5]]


def _step(fund_code: str, day: dt.date) -> Decimal:
    """A deterministic number in [-1, 1] for this fund and day."""
    digest = hashlib.sha256(f"{fund_code}:{day.isoformat()}".encode()).digest()
    return Decimal(int.from_bytes(digest[:4], "big")) / Decimal(2**31) - 1


def _next_nav(fund: Fund, last: Nav, day: dt.date, recent: list[Nav]) -> Nav:
    step = _step(fund.fund_code, day)
    if fund.is_money_market:
        per_10k = (Decimal("0.5") + step * Decimal("0.15")).quantize(FOUR, ROUND_HALF_UP)
        yields = [per_10k] + [nav.yield_per_10k_units or per_10k for nav in recent[:6]]
        seven_day = (sum(yields) / len(yields) * 365 / 10000).quantize(SIX, ROUND_HALF_UP)
        return Nav(fund.fund_code, day, Decimal("1.0000"), last.accumulated_nav, per_10k, seven_day)
    swing = Decimal(DAILY_SWING[fund.risk_level])
    nav = (last.nav_per_unit * (1 + step * swing)).quantize(FOUR, ROUND_HALF_UP)
    accumulated = last.accumulated_nav + nav - last.nav_per_unit
    return Nav(fund.fund_code, day, nav, accumulated)
