"""Bank A app factory: UK Open Banking v3.1.10 AIS over the ledger.

Middleware from the outside in: `InteractionId` -> `HeaderChecks` -> `FaultInjection` ->
routes. Routes not listed here answer 404 and known paths with another method 405, both
without a body, as the dialect says.
"""

from __future__ import annotations

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Mount, Route

from sandbox.bank_a.access import Access
from sandbox.bank_a.consents import BASE, ConsentEndpoints
from sandbox.bank_a.errors import BankAError, ob_error_response
from sandbox.bank_a.grants import AuthState
from sandbox.bank_a.headers import HeaderChecks, InteractionId
from sandbox.bank_a.oauth import OAuthEndpoints
from sandbox.bank_a.resources import ResourceEndpoints
from sandbox.bank_a.settings import Settings
from sandbox.faults import FaultHooks, FaultInjection
from sandbox.ledger import Ledger


def create_app(settings: Settings, ledger: Ledger) -> Starlette:
    """Bank A over `ledger`. `app.state.faults` is its `FaultInjection`, `app.state.auth`
    its `AuthState`."""
    state = AuthState()
    access = Access(state, ledger)
    oauth = OAuthEndpoints(settings, ledger, state)
    consents = ConsentEndpoints(state, ledger, settings.public_url, access.client_token)
    resources = ResourceEndpoints(ledger, access, settings.page_size, settings.bulk_page_size)
    routes = [
        Route("/token", oauth.token, methods=["POST"]),
        Route("/authorize", oauth.authorize, methods=["GET"]),
        Route(f"{BASE}/account-access-consents", consents.create, methods=["POST"]),
        Route(f"{BASE}/account-access-consents/{{ConsentId}}", consents.read, methods=["GET"]),
        Route(f"{BASE}/account-access-consents/{{ConsentId}}", consents.delete,
              methods=["DELETE"]),
        Route(f"{BASE}/accounts", resources.accounts, methods=["GET"]),
        Route(f"{BASE}/accounts/{{AccountId}}", resources.account, methods=["GET"]),
        Route(f"{BASE}/accounts/{{AccountId}}/balances", resources.account_balances,
              methods=["GET"]),
        Route(f"{BASE}/accounts/{{AccountId}}/transactions", resources.transactions,
              methods=["GET"]),
        Route(f"{BASE}/balances", resources.balances, methods=["GET"]),
        Route(f"{BASE}/transactions", resources.bulk_transactions, methods=["GET"]),
    ]  # fmt: skip
    inner = Starlette(
        routes=routes,
        exception_handlers={
            BankAError: _bank_error,
            HTTPException: _bodiless,
            Exception: _unexpected,
        },
    )
    faults = FaultInjection(
        inner,
        settings=settings.faults,
        hooks=FaultHooks(throttled=_throttled, server_error=_server_error),
    )
    stack = InteractionId(HeaderChecks(faults, exempt_paths=frozenset({"/authorize"})))
    app = Starlette(routes=[Mount("/", app=stack)])
    app.state.faults = faults
    app.state.auth = state
    return app


async def _bank_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, BankAError)
    return exc.response()


async def _bodiless(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, HTTPException)
    return Response(status_code=exc.status_code, headers=exc.headers)


async def _unexpected(request: Request, exc: Exception) -> Response:
    return ob_error_response(500, "UK.OBIE.UnexpectedError", "unexpected error")


def _throttled() -> Response:
    return Response(status_code=429, headers={"Retry-After": "1"})


def _server_error(status: int) -> Response:
    if status == 500:
        return ob_error_response(500, "UK.OBIE.UnexpectedError", "injected fault")
    return Response(status_code=status)
