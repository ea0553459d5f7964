"""Relay pagination over bank pages: termination, cursors, de-duplication, page cap."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from subgraphs.common.relay import (
    BankPage,
    InvalidCursor,
    decode_cursor,
    encode_cursor,
    page_through,
)


def pages_of(*pages: list[str]) -> tuple[dict[str | None, BankPage[str]], list[str | None]]:
    """Bank pages keyed by token "p0", "p1", ... (first page token None) and a fetch log."""
    tokens: list[str | None] = [None] + [f"p{i}" for i in range(1, len(pages))]
    table = {
        token: BankPage(items, tokens[i + 1] if i + 1 < len(tokens) else None)
        for i, (token, items) in enumerate(zip(tokens, pages, strict=True))
    }
    return table, []


async def walk(table: dict[str | None, BankPage[str]], log: list[str | None], **kw: object):
    async def fetch(token: str | None) -> BankPage[str]:
        log.append(token)
        return table[token]

    return await page_through(fetch, **kw)  # type: ignore[arg-type]


async def test_walks_to_the_end_across_short_pages() -> None:
    # A short page that still has a next link must not stop the walk (pitfall 5).
    table, log = pages_of(["a", "b"], ["c"], ["d", "e"])
    result = await walk(table, log, first=10, after=None)
    assert [item for item, _ in result.items] == ["a", "b", "c", "d", "e"]
    assert result.has_next_page is False
    assert log == [None, "p1", "p2"]


async def test_resumes_after_a_cursor_without_repeating() -> None:
    table, log = pages_of(["a", "b", "c"], ["d", "e"])
    first = await walk(table, log, first=2, after=None)
    assert [i for i, _ in first.items] == ["a", "b"] and first.has_next_page
    second = await walk(table, log, first=2, after=first.end_cursor)
    assert [i for i, _ in second.items] == ["c", "d"] and second.has_next_page
    third = await walk(table, log, first=2, after=second.end_cursor)
    assert [i for i, _ in third.items] == ["e"] and not third.has_next_page


async def test_fetches_only_the_pages_needed() -> None:
    table, log = pages_of(["a", "b", "c"], ["d"])
    await walk(table, log, first=2, after=None)
    assert log == [None]


async def test_duplicates_across_pages_are_dropped() -> None:
    table, log = pages_of(["a", "b"], ["b", "c"])
    result = await walk(table, log, first=10, after=None, key=lambda item: item)
    assert [i for i, _ in result.items] == ["a", "b", "c"]


async def test_a_duplicate_just_after_the_cursor_is_skipped() -> None:
    table, log = pages_of(["a", "b"], ["b", "c"])
    first = await walk(table, log, first=2, after=None, key=lambda item: item)
    second = await walk(table, log, first=2, after=first.end_cursor, key=lambda item: item)
    assert [i for i, _ in first.items] == ["a", "b"]
    assert [i for i, _ in second.items] == ["c"] and not second.has_next_page


async def test_page_cap_stops_a_looping_bank() -> None:
    async def fetch(token: str | None) -> BankPage[str]:
        return BankPage([], "again")

    result = await page_through(fetch, first=5, after=None, max_pages=3)
    assert result.items == () and result.has_next_page


def test_cursor_round_trip() -> None:
    assert decode_cursor(encode_cursor("page=2", 7)) == ("page=2", 7)
    assert decode_cursor(encode_cursor(None, 0)) == (None, 0)


@pytest.mark.parametrize("cursor", ["", "not-base64!", "WzEsMl0=", "bnVsbA=="])
def test_foreign_cursors_are_refused(cursor: str) -> None:
    with pytest.raises(InvalidCursor):
        decode_cursor(cursor)


async def test_first_out_of_range_is_refused() -> None:
    table, log = pages_of(["a"])
    with pytest.raises(InvalidCursor):
        await walk(table, log, first=101, after=None)
    with pytest.raises(InvalidCursor):
        await walk(table, log, first=-1, after=None)


@settings(max_examples=60, deadline=None)
@given(
    pages=st.lists(st.lists(st.integers(0, 30), max_size=6), min_size=1, max_size=6),
    first=st.integers(1, 7),
)
async def test_walking_any_pages_with_any_first_yields_each_item_once(
    pages: list[list[int]], first: int
) -> None:
    table, log = pages_of(*[[str(i) for i in page] for page in pages])
    expected = list(dict.fromkeys(str(i) for page in pages for i in page))
    walked: list[str] = []
    after = None
    for _ in range(200):
        result = await walk(table, log, first=first, after=after, key=lambda item: item)
        walked += [item for item, _ in result.items]
        if not result.has_next_page:
            break
        after = result.end_cursor or after
    # De-duplication is per walk call, so an item repeated on a later page may reappear in a
    # later slice; what matters is that nothing is lost and order is kept.
    assert list(dict.fromkeys(walked)) == expected


async def test_a_position_cursor_counts_on_through_later_pages() -> None:
    # (None, n) names the n-th item of the whole list, whatever the bank's page size.
    table, log = pages_of(["a", "b"], ["c", "b"], ["d", "e"])
    result = await walk(table, log, first=2, after=encode_cursor(None, 2), key=lambda item: item)
    assert [i for i, _ in result.items] == ["d", "e"] and not result.has_next_page
    assert log == [None, "p1", "p2"]
    beyond = await walk(table, log, first=2, after=encode_cursor(None, 9))
    assert beyond.items == () and not beyond.has_next_page


@settings(max_examples=60, deadline=None)
@given(
    pages=st.lists(st.lists(st.integers(0, 30), max_size=6), min_size=1, max_size=6),
    first=st.integers(1, 7),
    position=st.integers(0, 40),
)
async def test_a_position_cursor_resumes_like_the_page_cursor_of_that_item(
    pages: list[list[int]], first: int, position: int
) -> None:
    table, log = pages_of(*[[str(i) for i in page] for page in pages])
    flat = [(token, index) for token, page in table.items() for index in range(len(page.items))]
    if position >= len(flat):
        return
    by_position = await walk(table, log, first=first, after=encode_cursor(None, position))
    by_page = await walk(table, log, first=first, after=encode_cursor(*flat[position]))
    assert [i for i, _ in by_position.items] == [i for i, _ in by_page.items]
    assert by_position.has_next_page == by_page.has_next_page
