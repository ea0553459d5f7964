"""Shanghai trading days and the order-pricing dates of bank-dialects.md §4.5.

[Sandbox] Trading days are Monday to Friday in Asia/Shanghai except the fixed closures of
1-3 January, 1-5 May and 1-7 October (the same rule the seed's NAV history follows). An order
before the fund's cut-off on a trading day is priced at that day's NAV (T); later, or on a
non-trading day, at the next trading day's. Orders confirm on T+1 and SELL proceeds settle on
T+2.
"""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

SHANGHAI = ZoneInfo("Asia/Shanghai")
NAV_PUBLISHED_AT = dt.time(20, 0)
"""Shanghai time on T at which the NAV of T is published."""


CLOSED = frozenset(
    {(1, 1), (1, 2), (1, 3), *((5, d) for d in range(1, 6)), *((10, d) for d in range(1, 8))}
)
"""(month, day) pairs on which the Shanghai market is closed every year."""


def is_trading_day(day: dt.date) -> bool:
    return day.weekday() < 5 and (day.month, day.day) not in CLOSED


def next_trading_day(day: dt.date, count: int = 1) -> dt.date:
    """The ``count``-th trading day after ``day``."""
    for _ in range(count):
        day += dt.timedelta(days=1)
        while not is_trading_day(day):
            day += dt.timedelta(days=1)
    return day


def trade_date(moment: dt.datetime, cutoff: dt.time) -> dt.date:
    """T of an order received at ``moment`` (aware) under a Shanghai ``cutoff``."""
    local = moment.astimezone(SHANGHAI)
    if is_trading_day(local.date()) and local.time() < cutoff:
        return local.date()
    return next_trading_day(local.date())


def shanghai(day: dt.date, at: dt.time) -> dt.datetime:
    """The aware instant of Shanghai wall-clock ``at`` on ``day``."""
    return dt.datetime.combine(day, at, tzinfo=SHANGHAI)


def latest_published_nav_date(moment: dt.datetime) -> dt.date:
    """The last trading day whose NAV is published by ``moment``."""
    local = moment.astimezone(SHANGHAI)
    day = local.date()
    if not (is_trading_day(day) and local.time() >= NAV_PUBLISHED_AT):
        day -= dt.timedelta(days=1)
        while not is_trading_day(day):
            day -= dt.timedelta(days=1)
    return day
