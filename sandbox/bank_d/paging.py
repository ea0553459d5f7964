"""FDX paging: opaque ``offset`` cursors, ``limit``, and the ``page`` / ``links`` members.

A cursor is the URL-safe Base64 of ``o<index>``: opaque to clients, checked on the way in.
"""

from __future__ import annotations

import base64
import binascii
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar
from urllib.parse import urlencode

from sandbox.bank_d.errors import bad_request

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class PageRequest:
    start: int
    limit: int


def encode_cursor(index: int) -> str:
    return base64.urlsafe_b64encode(f"o{index}".encode()).decode().rstrip("=")


def decode_cursor(cursor: str) -> int:
    """The index a cursor stands for; raises ``FdxError`` 400 for anything else."""
    try:
        text = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)).decode("ascii")
    except (binascii.Error, UnicodeDecodeError, ValueError):
        raise bad_request("offset is not a cursor issued by Bank D") from None
    if not text.startswith("o") or not text[1:].isdigit():
        raise bad_request("offset is not a cursor issued by Bank D")
    return int(text[1:])


def page_request(query: Mapping[str, str], default: int, maximum: int) -> PageRequest:
    """Read ``offset`` and ``limit`` (1..``maximum``, default ``default``)."""
    raw_limit = query.get("limit")
    if raw_limit is None or raw_limit == "":
        limit = default
    elif raw_limit.isdigit() and 1 <= int(raw_limit) <= maximum:
        limit = int(raw_limit)
    else:
        raise bad_request(f"limit must be an integer from 1 to {maximum}")
    offset = query.get("offset")
    return PageRequest(decode_cursor(offset) if offset else 0, limit)


def paginate(
    items: Sequence[T], request: PageRequest, path: str, query: Mapping[str, str]
) -> tuple[Sequence[T], dict[str, Any]]:
    """Slice ``items``; return the slice and the ``page`` and ``links`` members.

    No ``nextOffset`` (and no ``links.next``) on the last page; ``links`` hrefs are relative
    to the host and keep the other query parameters.
    """
    end = request.start + request.limit
    window = items[request.start : end]
    page: dict[str, Any] = {"totalElements": len(items)}
    links: dict[str, Any] = {}
    if end < len(items):
        page["nextOffset"] = encode_cursor(end)
        links["next"] = {"href": _href(path, query, page["nextOffset"], request.limit)}
    if request.start > 0:
        page["prevOffset"] = encode_cursor(max(0, request.start - request.limit))
        links["prev"] = {"href": _href(path, query, page["prevOffset"], request.limit)}
    return window, {"page": page, "links": links}


def _href(path: str, query: Mapping[str, str], offset: str, limit: int) -> str:
    kept = {k: v for k, v in query.items() if k not in ("offset", "limit")}
    return f"{path}?{urlencode({**kept, 'offset': offset, 'limit': limit})}"
