"""Bank A request-header rules as plain ASGI middleware.

`InteractionId`: echoes `x-fapi-interaction-id` (or a fresh UUID) on every response, errors
included; a value that is not a UUID is refused with 400 `UK.OBIE.Header.Invalid`.
`HeaderChecks`: an `Accept` that excludes JSON -> 406 (no body); an `x-fapi-auth-date`
that is not an RFC 7231 date -> 400 `UK.OBIE.Header.Invalid`.
"""

from __future__ import annotations

import re
import uuid

from starlette.datastructures import Headers, MutableHeaders
from starlette.responses import Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from sandbox.bank_a.errors import ob_error_response

_HTTP_DATE = re.compile(
    r"^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d{2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)"
    r" \d{4} \d{2}:\d{2}:\d{2} GMT$"
)
_JSON_RANGES = {"application/json", "application/*", "*/*"}


class InteractionId:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        sent = Headers(scope=scope).get("x-fapi-interaction-id")
        valid = sent is not None and _is_uuid(sent)
        interaction_id = sent if valid and sent else str(uuid.uuid4())

        async def send_with_id(message: Message) -> None:
            if message["type"] == "http.response.start":
                MutableHeaders(scope=message)["x-fapi-interaction-id"] = interaction_id
            await send(message)

        if sent is not None and not valid:
            response = ob_error_response(400, "UK.OBIE.Header.Invalid",
                                         "x-fapi-interaction-id must be a UUID",
                                         "x-fapi-interaction-id")  # fmt: skip
            await response(scope, receive, send_with_id)
            return
        await self.app(scope, receive, send_with_id)


class HeaderChecks:
    def __init__(self, app: ASGIApp, *, exempt_paths: frozenset[str] = frozenset()) -> None:
        self.app = app
        self.exempt_paths = exempt_paths

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["path"] in self.exempt_paths:
            await self.app(scope, receive, send)
            return
        headers = Headers(scope=scope)
        accept = headers.get("accept", "").strip()
        if accept and not _accepts_json(accept):
            await Response(status_code=406)(scope, receive, send)
            return
        auth_date = headers.get("x-fapi-auth-date")
        if auth_date is not None and not _HTTP_DATE.match(auth_date):
            response = ob_error_response(400, "UK.OBIE.Header.Invalid",
                                         "x-fapi-auth-date must be an RFC 7231 date",
                                         "x-fapi-auth-date")  # fmt: skip
            await response(scope, receive, send)
            return
        await self.app(scope, receive, send)


def _accepts_json(accept: str) -> bool:
    for part in accept.split(","):
        media, *params = (piece.strip() for piece in part.split(";"))
        if media.lower() in _JSON_RANGES and "q=0" not in params:
            return True
    return False


def _is_uuid(text: str) -> bool:
    try:
        uuid.UUID(text)
    except ValueError:
        return False
    return len(text) == 36
