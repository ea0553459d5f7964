"""Bank D ASGI app: FDX investment accounts and fund distribution over the shared ledger.

``create_app`` wires the OAuth2 server (``/oauth2/*``, discovery), bearer-token checks,
the resource handlers, ``x-fapi-interaction-id`` echoing and content negotiation, inside
``faults.FaultInjection`` (``app.state.faults``; by default 30 requests/second per token).
"""

from __future__ import annotations

import uuid
from collections.abc import Awaitable, Callable
from urllib.parse import parse_qsl

import orjson
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import Mount, Route

from sandbox.bank_d.errors import FdxError, OAuthError, Unauthorized
from sandbox.bank_d.handlers import Call, FundHandlers, Reply
from sandbox.bank_d.oauth.server import OAuthServer
from sandbox.bank_d.oauth.tokens import Grant, TokenStore
from sandbox.bank_d.settings import Settings
from sandbox.bank_d.store import SCHEMA
from sandbox.faults import FaultHooks, FaultInjection
from sandbox.ledger import Ledger, UnknownCustomer

JSON = "application/json"
Handler = Callable[[Call], Reply]


def create_app(settings: Settings, ledger: Ledger) -> Starlette:
    """Build Bank D over ``ledger``, whose clock is Bank D's clock; adds Bank D's tables."""
    ledger.ensure_schema(SCHEMA)

    def unix_time() -> float:
        return ledger.now().timestamp()

    def customer_exists(customer_id: str) -> bool:
        try:
            ledger.customer(customer_id)
        except UnknownCustomer:
            return False
        return True

    tokens = TokenStore()
    oauth = OAuthServer(settings, tokens, unix_time, customer_exists)
    handlers = FundHandlers(ledger, settings)

    async def discovery(request: Request) -> Response:
        return _json(200, oauth.discovery())

    async def authorize(request: Request) -> Response:
        try:
            location = oauth.authorize(request.query_params)
        except OAuthError as error:
            return _json(400, error.body())
        return RedirectResponse(location, status_code=302)

    async def token(request: Request) -> Response:
        headers = {"Cache-Control": "no-store", "Pragma": "no-cache"}
        try:
            form = _form(request.headers.get("content-type"), await request.body())
            body = oauth.token(form)
        except OAuthError as error:
            return _json(error.status, error.body(), headers)
        return _json(200, body, headers)

    def authenticated(request: Request) -> Grant:
        scheme, _, value = request.headers.get("authorization", "").partition(" ")
        if scheme.lower() != "bearer" or not value:
            raise Unauthorized()
        grant = tokens.access(value.strip(), unix_time())
        if grant is None:
            raise Unauthorized("invalid_token")
        return grant

    def resource(handler: Handler) -> Callable[[Request], Awaitable[Response]]:
        async def run(request: Request) -> Response:
            interaction = request.headers.get("x-fapi-interaction-id") or str(uuid.uuid4())
            echo = {"x-fapi-interaction-id": interaction}
            body = await request.body()
            try:
                grant = authenticated(request)
                _negotiate(request, body)
                call = Call(
                    grant=grant,
                    path=request.url.path,
                    query=request.query_params,
                    path_params=dict(request.path_params),
                    body=body,
                    idempotency_key=request.headers.get("idempotency-key"),
                    now=ledger.now(),
                )
                reply = handler(call)
            except Unauthorized as refusal:
                return Response(
                    status_code=401, headers={**echo, "WWW-Authenticate": refusal.challenge()}
                )
            except FdxError as error:
                return _json(error.status, error.body(), echo)
            return Response(reply.content(), reply.status, {**echo, **reply.headers}, JSON)

        return run

    async def unsupported_version(request: Request) -> Response:
        error = FdxError(501, "1106", f"FDX version {request.path_params['version']}")
        return _json(error.status, error.body())

    def route(path: str, handler: Handler, method: str = "GET") -> Route:
        return Route(path, resource(handler), methods=[method])

    accounts, orders = "/fdx/v5/accounts", "/bankd/v1/accounts/{accountId}/fund-orders"
    bank = Starlette(
        routes=[
            Route("/.well-known/openid-configuration", discovery, methods=["GET"]),
            Route("/oauth2/authorize", authorize, methods=["GET"]),
            Route("/oauth2/token", token, methods=["POST"]),
            route(accounts, handlers.accounts),
            route(accounts + "/{accountId}", handlers.account),
            route(accounts + "/{accountId}/transactions", handlers.transactions),
            Route("/fdx/{version}/{rest:path}", unsupported_version),
            route("/bankd/v1/funds", handlers.funds),
            route("/bankd/v1/funds/{fundCode}/navs", handlers.navs),
            route("/bankd/v1/customers/current/risk-profile", handlers.risk_profile),
            route("/bankd/v1/customers/current/settlement-accounts", handlers.settlement_accounts),
            route(orders, handlers.list_orders),
            route(orders, handlers.place_order, "POST"),
            route(orders + "/{orderId}", handlers.get_order),
            route(orders + "/{orderId}", handlers.cancel_order, "DELETE"),
        ]
    )

    def throttled() -> Response:
        return Response(status_code=429, headers={"Retry-After": str(settings.retry_after)})

    hooks = FaultHooks(throttled=throttled, server_error=server_error)
    faults = FaultInjection(bank, settings=settings.faults, hooks=hooks)
    app = Starlette(routes=[Mount("", app=faults)])
    app.state.faults = faults
    return app


def server_error(status: int) -> Response:
    """An injected 5xx as an FDX error object (``503`` maintenance, else ``500``)."""
    code = "503" if status == 503 else "500"
    return _json(status, FdxError(status, code, "injected fault").body())


def _negotiate(request: Request, body: bytes) -> None:
    """406 ``1203`` unless the client accepts JSON and, with a body, sends JSON."""
    accept = request.headers.get("accept")
    if accept:
        media = {part.split(";")[0].strip().lower() for part in accept.split(",")}
        if not media & {JSON, "application/*", "*/*"}:
            raise FdxError(406, "1203", "only application/json is offered")
    if body:
        content_type = (request.headers.get("content-type") or "").split(";")[0].strip()
        if content_type.lower() != JSON:
            raise FdxError(406, "1203", "the body must be application/json")


def _form(content_type: str | None, body: bytes) -> dict[str, str]:
    """An ``application/x-www-form-urlencoded`` body; repeated or undecodable fields refused."""
    if (content_type or "").split(";")[0].strip().lower() != "application/x-www-form-urlencoded":
        raise OAuthError("invalid_request", "use application/x-www-form-urlencoded")
    try:
        pairs = parse_qsl(body.decode("utf-8"), keep_blank_values=True, strict_parsing=bool(body))
    except (UnicodeDecodeError, ValueError):
        raise OAuthError("invalid_request", "the form body cannot be parsed") from None
    form: dict[str, str] = {}
    for name, value in pairs:
        if name in form:
            raise OAuthError("invalid_request", f"parameter {name} is repeated")
        form[name] = value
    return form


def _json(status: int, document: object, headers: dict[str, str] | None = None) -> Response:
    return Response(orjson.dumps(document), status, headers, JSON)
