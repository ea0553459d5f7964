"""Bank C ASGI app: the micro-loan open platform over the shared ledger.

``create_app`` wires signature verification, the per-partner rate limit, the handlers and
response signing. Every enveloped answer is HTTP 200 except the 429 of the rate limit.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route
from starlette.types import Scope

from sandbox.bank_c import formats
from sandbox.bank_c.auth import RateLimiter, RequestVerifier
from sandbox.bank_c.credentials import BankCKeys
from sandbox.bank_c.errors import BankCError
from sandbox.bank_c.handlers import Call, LoanHandlers
from sandbox.bank_c.responses import ResponseSigner
from sandbox.bank_c.settings import BankCSettings
from sandbox.bank_c.store import SCHEMA
from sandbox.ledger import Ledger

Handler = Callable[[Call], Any]


def create_app(ledger: Ledger, keys: BankCKeys, settings: BankCSettings | None = None) -> Starlette:
    """Build Bank C over ``ledger`` (its clock is Bank C's clock) with ``keys``.

    Adds Bank C's tables to the ledger. ``app.state.throttled_response(retry_after)`` renders
    Bank C's signed 429 (``20000 / FREQUENCY_LIMITED`` + ``Retry-After``) for fault injection.
    """
    settings = settings or BankCSettings()
    ledger.ensure_schema(SCHEMA)

    def unix_time() -> float:
        return ledger.now().timestamp()

    verifier = RequestVerifier(keys, settings, unix_time)
    limiter = RateLimiter(settings.rate_limit_per_second)
    signer = ResponseSigner(keys.platform[0], unix_time)
    handlers = LoanHandlers(ledger, keys)

    def throttled_response(retry_after: int = settings.retry_after) -> Response:
        error = BankCError("20000", "FREQUENCY_LIMITED", "请求过于频繁，请稍后再试")
        request_id = formats.request_id(ledger.now())
        return signer.failure(error, request_id, 429, {"Retry-After": str(retry_after)})

    def endpoint(handler: Handler) -> Callable[[Request], Any]:
        async def run(request: Request) -> Response:
            now = ledger.now()
            request_id = formats.request_id(now)
            body = await request.body()
            try:
                mchid = verifier.verify(
                    request.method, path_and_query(request.scope), request.headers, body
                )
                if not limiter.allow(mchid):
                    return throttled_response()
                call = Call(mchid, body, request.query_params, dict(request.path_params), now)
                data = handler(call)
            except BankCError as error:
                return signer.failure(error, request_id)
            return signer.success(data, request_id)

        return run

    routes = [
        Route("/open/v1/certificates", endpoint(handlers.certificates), methods=["GET"]),
        Route("/open/v1/loan/products", endpoint(handlers.products), methods=["GET"]),
        Route("/open/v1/loan/applications", endpoint(handlers.apply), methods=["POST"]),
        Route("/open/v1/loan/applications", endpoint(handlers.application), methods=["GET"]),
        Route(
            "/open/v1/loan/applications/{apply_no}",
            endpoint(handlers.application),
            methods=["GET"],
        ),
        Route("/open/v1/loans", endpoint(handlers.loans), methods=["GET"]),
        Route("/open/v1/loans/{loan_no}", endpoint(handlers.loan), methods=["GET"]),
        Route(
            "/open/v1/loans/{loan_no}/repay-plans",
            endpoint(handlers.repay_plans),
            methods=["GET"],
        ),
        Route("/open/v1/loans/{loan_no}/repayments", endpoint(handlers.repay), methods=["POST"]),
        Route("/open/v1/borrowers", endpoint(handlers.borrower), methods=["GET"]),
    ]
    app = Starlette(routes=routes)
    app.state.throttled_response = throttled_response
    return app


def path_and_query(scope: Scope) -> str:
    """The request target exactly as sent: raw path, then ``?`` and the raw query if any.

    ASGI servers differ on whether ``raw_path`` carries the query, so it is cut at ``?`` and
    the raw ``query_string`` appended.
    """
    raw: bytes = scope.get("raw_path") or scope["path"].encode()
    path = raw.split(b"?", 1)[0].decode("latin-1")
    query = scope.get("query_string", b"").decode("latin-1")
    return f"{path}?{query}" if query else path
