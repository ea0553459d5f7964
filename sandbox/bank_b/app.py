"""Bank B app factory: Berlin Group NextGenPSD2 1.3.x PIS (`sepa-credit-transfers`).

Middleware from the outside in: `RequestIdEcho` (X-Request-ID on every response) ->
`AcceptCheck` (406) -> `FaultInjection` -> routes. A lifespan task advances payments nobody
polls every `tick_seconds` (only when the app runs under a server with lifespan).
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator

from starlette.applications import Starlette
from starlette.datastructures import Headers, MutableHeaders
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Mount, Route
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from sandbox.bank_b.errors import BankBError, tpp_error_response
from sandbox.bank_b.oauth import TokenEndpoint
from sandbox.bank_b.payments import BASE, PaymentEndpoints
from sandbox.bank_b.settings import Settings
from sandbox.bank_b.store import SCHEMA
from sandbox.faults import FaultHooks, FaultInjection
from sandbox.ledger import Ledger


def create_app(settings: Settings, ledger: Ledger) -> Starlette:
    """Bank B over `ledger`. `app.state.faults` is its `FaultInjection`,
    `app.state.payments` its `PaymentEndpoints` (`advance_all()` for tests)."""
    ledger.ensure_schema(SCHEMA)
    tokens = TokenEndpoint(settings, ledger)
    payments = PaymentEndpoints(settings, ledger, tokens)
    routes = [
        Route("/oauth2/token", tokens.token, methods=["POST"]),
        Route(BASE, payments.initiate, methods=["POST"]),
        Route(BASE, payments.list_payments, methods=["GET"]),
        Route(f"{BASE}/{{paymentId}}", payments.read, methods=["GET"]),
        Route(f"{BASE}/{{paymentId}}", payments.cancel, methods=["DELETE"]),
        Route(f"{BASE}/{{paymentId}}/status", payments.status, methods=["GET"]),
        Route(f"{BASE}/{{paymentId}}/authorisations/{{authorisationId}}",
              payments.authorisation, methods=["GET"]),
        Route("/sca/{authorisationId}", payments.sca_page, methods=["GET"]),
        Route("/v1/{service}/{product}", payments.unknown_product,
              methods=["GET", "POST", "DELETE"]),
        Route("/v1/{service}/{product}/{rest:path}", payments.unknown_product,
              methods=["GET", "POST", "DELETE"]),
    ]  # fmt: skip
    inner = Starlette(
        routes=routes,
        exception_handlers={BankBError: _bank_error, HTTPException: _http_error,
                            Exception: _unexpected},
    )  # fmt: skip
    faults = FaultInjection(
        inner, settings=settings.faults,
        hooks=FaultHooks(throttled=lambda: Response(status_code=429), server_error=_server_error),
    )  # fmt: skip

    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        task = asyncio.create_task(_tick(payments, settings.tick_seconds))
        try:
            yield
        finally:
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await task

    app = Starlette(routes=[Mount("/", app=RequestIdEcho(AcceptCheck(faults)))],
                    lifespan=lifespan)  # fmt: skip
    app.state.faults = faults
    app.state.payments = payments
    return app


async def _tick(payments: PaymentEndpoints, seconds: float) -> None:
    while True:
        await asyncio.sleep(seconds)
        payments.advance_all()


class RequestIdEcho:
    """Copies the request's `X-Request-ID` onto every response."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        request_id = Headers(scope=scope).get("x-request-id")

        async def echo(message: Message) -> None:
            if message["type"] == "http.response.start" and request_id is not None:
                MutableHeaders(scope=message)["X-Request-ID"] = request_id
            await send(message)

        await self.app(scope, receive, echo)


class AcceptCheck:
    """An `Accept` header that excludes JSON -> 406 without a body (not on `/sca/`)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and not scope["path"].startswith("/sca/"):
            accept = Headers(scope=scope).get("accept", "").strip()
            if accept and not any(
                part.split(";")[0].strip().lower() in {"application/json", "application/*", "*/*"}
                for part in accept.split(",")
            ):
                await Response(status_code=406)(scope, receive, send)
                return
        await self.app(scope, receive, send)


async def _bank_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, BankBError)
    return exc.response()


async def _http_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, HTTPException)
    if exc.status_code == 405:
        return tpp_error_response(405, "SERVICE_INVALID", "method not allowed here")
    return tpp_error_response(exc.status_code, "RESOURCE_UNKNOWN", "no such resource")


async def _unexpected(request: Request, exc: Exception) -> Response:
    return Response(status_code=500)


def _server_error(status: int) -> Response:
    return Response(status_code=status)
