"""`application/x-www-form-urlencoded` bodies without python-multipart (token endpoints)."""

from __future__ import annotations

from urllib.parse import parse_qsl

from starlette.requests import Request


def is_form(request: Request) -> bool:
    """True when the request declares a urlencoded form body."""
    content_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
    return content_type == "application/x-www-form-urlencoded"


async def read_form(request: Request) -> dict[str, str]:
    """The form fields (first value of each name); undecodable bytes become U+FFFD."""
    body = (await request.body()).decode("utf-8", errors="replace")
    fields: dict[str, str] = {}
    for name, value in parse_qsl(body, keep_blank_values=True):
        fields.setdefault(name, value)
    return fields
