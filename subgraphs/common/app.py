"""The Starlette app every subgraph serves: POST /graphql (Strawberry) and GET /health.

Per request the caller's bearer JWT is verified; the context then carries either the verified
identity (and request-scoped DataLoaders built for that customer) or the reason it was refused.
Resolvers that touch customer data call `context.customer()`, which raises NotAuthenticated.
"""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator, Awaitable, Callable, Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

import strawberry
from graphql import ExecutionResult
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route
from strawberry.asgi import GraphQL
from strawberry.http import GraphQLHTTPResponse

from subgraphs.common.error_codes import shape_errors
from subgraphs.common.errors import NotAuthenticated
from subgraphs.common.identity import Identity, IdentityError, IdentityVerifier

__all__ = ["RequestContext", "create_subgraph_app"]

L = TypeVar("L")


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
