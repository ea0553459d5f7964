"""TARGET2 business days and the Berlin business date (pure functions)."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

BERLIN = ZoneInfo("Europe/Berlin")


def easter_sunday(year: int) -> date:
    """Gregorian Easter Sunday (anonymous Gregorian algorithm)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = b // 4, b % 4
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = c // 4, c % 4
    l_ = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * l_) // 451
    month, day = divmod(h + l_ - 7 * m + 114, 31)
    return date(year, month, day + 1)


def is_target_business_day(day: date) -> bool:
    """Not a weekend, 1 Jan, Good Friday, Easter Monday, 1 May, 25 or 26 Dec."""
    if day.weekday() >= 5 or (day.month, day.day) in {(1, 1), (5, 1), (12, 25), (12, 26)}:
        return False
    easter = easter_sunday(day.year)
    return day not in {easter - timedelta(days=2), easter + timedelta(days=1)}


def next_business_day(day: date) -> date:
    """`day` itself if it is a TARGET business day, else the next one."""
    while not is_target_business_day(day):
        day += timedelta(days=1)
    return day


def berlin_date(moment: datetime) -> date:
    """The Europe/Berlin calendar date at `moment`."""
    return moment.astimezone(BERLIN).date()
