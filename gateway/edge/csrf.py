"""CSRF prevention (federation.md 6.6): refuse what a browser could send without preflight.

A request to the GraphQL endpoint is accepted only if a browser would have preflighted it:
its ``Content-Type`` parses and is not one of the three "simple" types, or it carries one of
the configured non-empty headers browsers never add by themselves. Otherwise it is answered 400
(``CSRF_ERROR``) before the body is read. GET requests without a query string are not
operations (e.g. the GraphiQL page) and pass.
"""

from __future__ import annotations

from collections.abc import Iterable

import orjson
from starlette.types import ASGIApp, Receive, Scope, Send

__all__ = ["CSRFMiddleware", "is_preflighted"]

SIMPLE_CONTENT_TYPES = frozenset(
    {"text/plain", "application/x-www-form-urlencoded", "multipart/form-data"}
)

_MESSAGE = (
    "This operation has been blocked as a potential Cross-Site Request Forgery (CSRF). "
    "Send Content-Type: application/json or a non-empty "
)


def is_preflighted(headers: dict[bytes, bytes], required_headers: Iterable[str]) -> bool:
    """Would a browser have sent a CORS preflight for a request with these headers?"""
    for name in required_headers:
        if headers.get(name.lower().encode("latin-1"), b"").strip():
            return True
    content_type = headers.get(b"content-type")
    if content_type is None:
        return False
    essence = content_type.decode("latin-1").split(";", 1)[0].strip().lower()
    main, slash, sub = essence.partition("/")
    if not slash or not main or not sub or " " in essence:
        return False  # unparsable counts as not preflighted
    return essence not in SIMPLE_CONTENT_TYPES


class CSRFMiddleware:
    """Plain ASGI middleware guarding ``path`` (GET and POST)."""

    def __init__(self, app: ASGIApp, *, path: str, required_headers: tuple[str, ...]) -> None:
        self.app = app
        self.path = path
        self.required_headers = required_headers

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if (
            scope["type"] != "http"
            or scope["path"] != self.path
            or scope["method"] not in ("GET", "POST")
            or (scope["method"] == "GET" and not scope.get("query_string"))
        ):
            await self.app(scope, receive, send)
            return
        headers = dict(scope["headers"])
        if is_preflighted(headers, self.required_headers):
            await self.app(scope, receive, send)
            return
        message = _MESSAGE + " or ".join(self.required_headers) + " header."
        body = orjson.dumps(
            {"errors": [{"message": message, "extensions": {"code": "CSRF_ERROR"}}]}
        )
        await send(
            {
                "type": "http.response.start",
                "status": 400,
                "headers": [
                    (b"content-type", b"application/json; charset=utf-8"),
                    (b"content-length", str(len(body)).encode()),
                ],
            }
        )
        await send({"type": "http.response.body", "body": body})
