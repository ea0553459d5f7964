"""Bank A time formats: responses in Europe/London with offset, query filters without."""

from __future__ import annotations

import re
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

LONDON = ZoneInfo("Europe/London")
_QUERY = re.compile(
    r"^(\d{4}-\d{2}-\d{2})(?:T(\d{2}:\d{2}(?::\d{2}(?:\.\d{1,6})?)?))?(?:Z|[+-]\d{2}:?\d{2})?$"
)
_WITH_OFFSET = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$")


def london(moment: datetime) -> str:
    """`2024-05-17T08:42:10+01:00`: a response date-time in the bank's zone."""
    return moment.astimezone(LONDON).isoformat(timespec="seconds")


def london_date(day: date) -> str:
    """A date-only value padded with midnight in the bank's zone."""
    return datetime.combine(day, time(), LONDON).isoformat(timespec="seconds")


def parse_query_bound(text: str, *, end: bool) -> datetime | None:
    """A `fromBookingDateTime`/`toBookingDateTime` value read as London wall-clock time (an
    offset, if sent, is ignored). A date without time means the start of that day, or its
    last microsecond when `end`. None when malformed."""
    match = _QUERY.match(text)
    if match is None:
        return None
    day_text, time_text = match.groups()
    try:
        day = date.fromisoformat(day_text)
        clock = time.fromisoformat(time_text) if time_text else time()
    except ValueError:
        return None
    moment = datetime.combine(day, clock, LONDON)
    if end and time_text is None:
        moment += timedelta(days=1, microseconds=-1)
    return moment


def parse_request_datetime(text: object) -> datetime | None:
    """An ISO 8601 date-time with offset from a request body, else None."""
    if not isinstance(text, str) or _WITH_OFFSET.match(text) is None:
        return None
    try:
        return datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        return None
