"""Relay pagination over a bank's own paging style.

A bank page is fetched by an opaque page token (None = first page) and says which token comes
next. A cursor names one item as (page token, index counted from the start of that page), so
resuming after a cursor refetches that one page and skips what was already returned. The index
may run past the end of its page and then counts on through the following pages: (None, n) is
"the n-th item of the whole list", which a source that knows positions but not the bank's page
tokens (a bulk endpoint) can issue. Duplicates across pages (Bank A pages are not isolated) are
dropped by an optional key, also across a cursor boundary.
"""

from __future__ import annotations

import base64
import binascii
from collections.abc import Awaitable, Callable, Hashable, Sequence
from dataclasses import dataclass
from typing import Generic, TypeVar

import orjson

__all__ = [
    "BankPage",
    "InvalidCursor",
    "PageSlice",
    "decode_cursor",
    "encode_cursor",
    "page_through",
    "validate_first",
]

T = TypeVar("T")
MAX_FIRST = 100
MAX_PAGES = 50


class InvalidCursor(ValueError):
    """A cursor this service did not issue, or a bad `first`."""


@dataclass(frozen=True, slots=True)
class BankPage(Generic[T]):
    """One page as the bank returned it, and the token of the next page (None = last)."""

    items: Sequence[T]
    next_token: str | None


@dataclass(frozen=True, slots=True)
class PageSlice(Generic[T]):
    """What a connection shows: items with their cursors, and whether more exist."""

    items: tuple[tuple[T, str], ...]
    has_next_page: bool

    @property
    def end_cursor(self) -> str | None:
        return self.items[-1][1] if self.items else None


def encode_cursor(token: str | None, index: int) -> str:
    """The cursor of item `index` of the page fetched with `token`."""
    return base64.urlsafe_b64encode(orjson.dumps([token, index])).decode("ascii")


def decode_cursor(cursor: str) -> tuple[str | None, int]:
    """Inverse of encode_cursor; raises InvalidCursor."""
    try:
        token, index = orjson.loads(base64.urlsafe_b64decode(cursor.encode("ascii")))
    except (binascii.Error, UnicodeError, ValueError, TypeError, orjson.JSONDecodeError) as error:
        raise InvalidCursor(f"invalid cursor: {cursor!r}") from error
    if not (token is None or isinstance(token, str)) or not isinstance(index, int) or index < 0:
        raise InvalidCursor(f"invalid cursor: {cursor!r}")
    return token, index


def validate_first(first: int) -> int:
    """`first` if within 0..100; raises InvalidCursor otherwise."""
    if not 0 <= first <= MAX_FIRST:
        raise InvalidCursor(f"first must be between 0 and {MAX_FIRST}, got {first}")
    return first


async def page_through(
    fetch_page: Callable[[str | None], Awaitable[BankPage[T]]],
    first: int,
    after: str | None,
    key: Callable[[T], Hashable] | None = None,
    max_pages: int = MAX_PAGES,
) -> PageSlice[T]:
    """Collect up to `first` items after `after`, fetching as few bank pages as possible.

    Stops at a page without a next token, never on a short page; fetches at most `max_pages`
    pages (a guard against a bank that loops). Raises InvalidCursor for a bad cursor or `first`.
    """
    validate_first(first)
    token, start = (None, 0) if after is None else decode_cursor(after)
    if after is not None:
        start += 1
    taken: list[tuple[T, str]] = []
    seen: set[Hashable] = set()
    for _ in range(max_pages):
        page = await fetch_page(token)
        skip = min(start, len(page.items))
        if key is not None:
            # Items up to the cursor were shown before: a repeat on the next page is skipped.
            seen.update(key(item) for item in page.items[:skip])
        for index in range(skip, len(page.items)):
            item = page.items[index]
            marker = key(item) if key is not None else None
            if marker is not None and marker in seen:
                continue
            if len(taken) == first:
                return PageSlice(tuple(taken), has_next_page=True)
            if marker is not None:
                seen.add(marker)
            taken.append((item, encode_cursor(token, index)))
        if page.next_token is None:
            return PageSlice(tuple(taken), has_next_page=False)
        if len(taken) == first:
            return PageSlice(tuple(taken), has_next_page=True)
        token, start = page.next_token, start - skip
    return PageSlice(tuple(taken), has_next_page=True)
