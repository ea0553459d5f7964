"""Bank C ASGI app: the micro-loan open platform over the shared ledger.

``create_app`` wires signature verification, the handlers and response signing, inside
``faults.FaultInjection`` (``app.state.faults``). Every enveloped answer is HTTP 200 except
the 429 of the per-``mchid`` rate limit; injected 5xx answers are plain text and unsigned, as
a gateway in front of a real platform would send them.
"""

from __future__ import annotations

import re
from collections.abc import Awaitable, Callable
from http import HTTPStatus
from typing import Any

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response
from starlette.routing import Mount, Route
from starlette.types import Scope

from sandbox.bank_c import formats
from sandbox.bank_c.auth import RequestVerifier
from sandbox.bank_c.errors import BankCError
from sandbox.bank_c.handlers import Call, LoanHandlers
from sandbox.bank_c.responses import ResponseSigner
from sandbox.bank_c.settings import Settings
from sandbox.bank_c.store import SCHEMA
from sandbox.faults import FaultHooks, FaultInjection
from sandbox.ledger import Ledger

Handler = Callable[[Call], Any]
_MCHID = re.compile(rb'mchid="([^"]*)"')


def create_app(settings: Settings, ledger: Ledger) -> Starlette:
    """Build Bank C over ``ledger``, whose clock is Bank C's clock; adds Bank C's tables."""
    ledger.ensure_schema(SCHEMA)

    def unix_time() -> float:
        return ledger.now().timestamp()

    verifier = RequestVerifier(settings, unix_time)
    signer = ResponseSigner(settings.keys.platform[0], unix_time)
    handlers = LoanHandlers(ledger, settings.keys)

    def throttled() -> Response:
        error = BankCError("20000", "FREQUENCY_LIMITED", "请求过于频繁，请稍后再试")
        request_id = formats.request_id(ledger.now())
        headers = {"Retry-After": str(settings.retry_after)}
        return signer.failure(error, request_id, 429, headers)

    def endpoint(handler: Handler) -> Callable[[Request], Awaitable[Response]]:
        async def run(request: Request) -> Response:
            now = ledger.now()
            request_id = formats.request_id(now)
            body = await request.body()
            try:
                mchid = verifier.verify(
                    request.method, path_and_query(request.scope), request.headers, body
                )
                call = Call(mchid, body, request.query_params, dict(request.path_params), now)
                data = handler(call)
            except BankCError as error:
                return signer.failure(error, request_id)
            return signer.success(data, request_id)

        return run

    def route(path: str, handler: Handler, method: str) -> Route:
        return Route(path, endpoint(handler), methods=[method])

    platform = Starlette(
        routes=[
            route("/open/v1/certificates", handlers.certificates, "GET"),
            route("/open/v1/loan/products", handlers.products, "GET"),
            route("/open/v1/loan/applications", handlers.apply, "POST"),
            route("/open/v1/loan/applications", handlers.application, "GET"),
            route("/open/v1/loan/applications/{apply_no}", handlers.application, "GET"),
            route("/open/v1/loans", handlers.loans, "GET"),
            route("/open/v1/loans/{loan_no}", handlers.loan, "GET"),
            route("/open/v1/loans/{loan_no}/repay-plans", handlers.repay_plans, "GET"),
            route("/open/v1/loans/{loan_no}/repayments", handlers.repay, "POST"),
            route("/open/v1/borrowers", handlers.borrower, "GET"),
            route("/open/v1/users/accounts", handlers.user_accounts, "GET"),
        ]
    )
    hooks = FaultHooks(throttled=throttled, server_error=gateway_error, client_key=partner_key)
    faults = FaultInjection(platform, settings=settings.faults, hooks=hooks)
    app = Starlette(routes=[Mount("", app=faults)])
    app.state.faults = faults
    return app


def gateway_error(status: int) -> Response:
    """An injected 5xx as the platform's gateway sends it: plain text, no signature."""
    return PlainTextResponse(HTTPStatus(status).phrase, status_code=status)


def partner_key(scope: Scope) -> str:
    """Rate-limit key: the ``mchid`` named in the ``Authorization`` header, else the peer."""
    for name, value in scope.get("headers", []):
        if name == b"authorization":
            match = _MCHID.search(value)
            if match:
                return "mchid:" + match.group(1).decode("latin-1")
    client = scope.get("client")
    return "peer:" + (str(client[0]) if client else "-")


def path_and_query(scope: Scope) -> str:
    """The request target exactly as sent: raw path, then ``?`` and the raw query if any.

    ASGI servers differ on whether ``raw_path`` carries the query, so it is cut at ``?`` and
    the raw ``query_string`` appended.
    """
    raw: bytes = scope.get("raw_path") or scope["path"].encode()
    path = raw.split(b"?", 1)[0].decode("latin-1")
    query = scope.get("query_string", b"").decode("latin-1")
    return f"{path}?{query}" if query else path
