"""The Starlette app every subgraph serves: POST /graphql (Strawberry) and GET /health.

`create_subgraph_app` serves a built schema, verifier and loader factory; `BankSubgraph` names
what differs between the bank subgraphs and builds the rest from settings (bank and IdP HTTP
clients, the bank client, the identity verifier, per-caller loaders).

Per request the caller's bearer JWT is verified; the context then carries either the verified
identity (and request-scoped DataLoaders built for that customer) or the reason it was refused.
Resolvers that touch customer data call `context.customer()`, which raises NotAuthenticated.
"""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator, Awaitable, Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Generic, TypeVar

import httpx
import strawberry
from graphql import ExecutionResult
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route
from strawberry.asgi import GraphQL
from strawberry.http import GraphQLHTTPResponse

from subgraphs.common.error_codes import shape_errors
from subgraphs.common.errors import BankNotFound, NotAuthenticated
from subgraphs.common.http import build_http_client
from subgraphs.common.identity import Identity, IdentityError, IdentityVerifier
from subgraphs.common.ids import customer_global_id
from subgraphs.common.settings import SubgraphSettings

__all__ = ["BankSubgraph", "RequestContext", "create_subgraph_app"]

L = TypeVar("L")
C = TypeVar("C")


@dataclass(slots=True)
class RequestContext(Generic[L]):
    """What resolvers see as `info.context`: the caller and that caller's loaders."""

    identity: Identity | None
    auth_error: str | None
    loaders: L | None

    def customer(self) -> tuple[Identity, L]:
        """The verified caller and its loaders; raises NotAuthenticated without one."""
        if self.identity is None or self.loaders is None:
            raise NotAuthenticated(f"not authenticated: {self.auth_error or 'no identity'}")
        return self.identity, self.loaders

    def check_own_customer(self, customer_id: str, bank: str) -> Identity:
        """The verified caller, whose Customer global id `customer_id` must be.

        Raises NotAuthenticated without a verified caller, BankNotFound (for `bank`) for any
        other customer: to this caller, another customer does not exist.
        """
        identity, _ = self.customer()
        if customer_id != customer_global_id(identity.customer_id):
            raise BankNotFound(bank, "customer not found")
        return identity


class _SubgraphGraphQL(GraphQL):
    def __init__(
        self,
        schema: strawberry.federation.Schema,
        verifier: IdentityVerifier,
        make_loaders: Callable[[Identity], L],
        scope: str,
    ) -> None:
        super().__init__(schema, graphql_ide=None)
        self._verifier = verifier
        self._make_loaders = make_loaders
        self._scope = scope

    async def get_context(self, request: Any, response: Any) -> RequestContext[Any]:
        try:
            identity = await self._verifier.verify_header(request.headers.get("authorization"))
        except IdentityError as error:
            return RequestContext(identity=None, auth_error=str(error), loaders=None)
        if self._scope not in identity.scopes:
            return RequestContext(None, f"token lacks the {self._scope!r} scope", None)
        return RequestContext(identity, None, self._make_loaders(identity))

    async def process_result(self, request: Any, result: ExecutionResult) -> GraphQLHTTPResponse:
        response = await super().process_result(request, result)
        if result.errors and "errors" in response:
            shape_errors(result.errors, response["errors"])  # type: ignore[arg-type]
        return response


def create_subgraph_app(
    name: str,
    schema: strawberry.federation.Schema,
    verifier: IdentityVerifier,
    make_loaders: Callable[[Identity], Any],
    closers: Sequence[Callable[[], Awaitable[None]]],
) -> Starlette:
    """Wire a subgraph: GraphQL at /graphql, health at /health; `closers` run at shutdown.

    Customer data needs a verified token carrying the scope named like the subgraph
    (`accounts`, `payments`, `loans`, `funds`).
    """
    graphql_app = _SubgraphGraphQL(schema, verifier, make_loaders, scope=name)

    async def health(_: Request) -> Response:
        return JSONResponse({"status": "ok", "subgraph": name})

    @contextlib.asynccontextmanager
    async def lifespan(_: Starlette) -> AsyncIterator[None]:
        try:
            yield
        finally:
            for close in closers:
                await close()

    return Starlette(
        routes=[
            Route("/health", health, methods=["GET"]),
            Route("/graphql", graphql_app, methods=["GET", "POST"]),
        ],
        lifespan=lifespan,
    )


@dataclass(frozen=True, slots=True)
class BankSubgraph(Generic[C]):
    """What sets one bank subgraph apart; `create_app` wires the rest the same way for all."""

    name: str
    """The subgraph's name, also the token scope its customer data needs."""
    build_schema: Callable[[], strawberry.federation.Schema]
    bank_client: Callable[[httpx.AsyncClient, Path], C]
    """Builds the dialect client from the bank's HTTP client and the credentials directory."""
    loaders: Callable[[C, str], Any]
    """Builds one verified caller's request-scoped loaders from the client and customer id."""

    def create_app(
        self,
        settings: SubgraphSettings,
        *,
        bank_transport: httpx.AsyncBaseTransport | None = None,
        idp_transport: httpx.AsyncBaseTransport | None = None,
    ) -> Starlette:
        """The subgraph app (see `create_subgraph_app`) built from `settings`.

        The transports let tests mount the sandbox and the IdP in process; both HTTP clients
        are closed at shutdown.
        """
        bank_http = build_http_client(
            settings.bank_url,
            timeout=settings.bank_timeout,
            connect_timeout=settings.bank_connect_timeout,
            transport=bank_transport,
        )
        idp_http = build_http_client(
            settings.idp_url, timeout=5.0, connect_timeout=3.0, transport=idp_transport
        )
        client = self.bank_client(bank_http, settings.credentials_dir)
        verifier = IdentityVerifier(
            issuer=settings.idp_issuer,
            audience=settings.audience,
            jwks_url=settings.jwks_url,
            http=idp_http,
        )
        loaders = self.loaders

        def make_loaders(identity: Identity) -> Any:
            return loaders(client, identity.customer_id)

        return create_subgraph_app(
            self.name,
            self.build_schema(),
            verifier,
            make_loaders,
            [bank_http.aclose, idp_http.aclose],
        )
