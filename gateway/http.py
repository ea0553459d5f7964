"""The Starlette app: GraphQL over HTTP at ``settings.graphql_path``, ``/health``, GraphiQL,
``/metrics``.

`create_app` builds everything one gateway needs (engine, pooled subgraph client, token
verifier, document stores, middleware) from a `Settings` and a loaded `Supergraph`; nothing
is global, so two apps can run side by side. The lifespan closes the clients. The endpoint
itself is thin: read the body (bounded), negotiate the media type, parse the parameters
(`gateway.edge.protocol`), hand each operation to `OperationRunner`, render.

Middleware, outermost first: metrics (when enabled, also served at ``/metrics``), CORS (when
origins are configured), CSRF prevention, authentication, rate limiting.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import httpx
import orjson
import redis.asyncio
from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.middleware.cors import CORSMiddleware
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Mount, Route

from gateway.edge.auth import AuthenticationMiddleware, identity_of, verifier_from_settings
from gateway.edge.authorizer import DirectiveAuthorizer, PolicyHook, load_policy_hook
from gateway.edge.csrf import CSRFMiddleware
from gateway.edge.headers import check_propagation, subgraph_headers
from gateway.edge.masking import new_request_id
from gateway.edge.metrics import CONTENT_TYPE as METRICS_CONTENT_TYPE
from gateway.edge.metrics import Metrics, MetricsMiddleware
from gateway.edge.persisted import (
    DocumentStore,
    MemoryDocumentStore,
    RedisDocumentStore,
    TrustedDocuments,
)
from gateway.edge.pipeline import HTTPContext, OperationRunner, Outcome
from gateway.edge.protocol import (
    JSON,
    MediaType,
    ParsedRequest,
    ProtocolError,
    content_type_header,
    negotiate,
    parse_params,
)
from gateway.edge.ratelimit import (
    RateLimiter,
    RateLimitMiddleware,
    RedisTokenBuckets,
    TokenBuckets,
)
from gateway.engine import Engine, EngineOptions, QueryPlanMode
from gateway.executor import client as subgraph_http
from gateway.graphiql import (
    ASSETS_PATH,
    GraphiQLOptions,
    graphiql_assets,
    graphiql_page,
    load_examples,
)
from gateway.graphiql import wants_graphiql as _wants_graphiql
from gateway.override import OverridePolicy
from gateway.settings import Settings, SettingsError
from gateway.supergraph import Supergraph

__all__ = ["QUERY_PLAN_HEADER", "create_app"]

QUERY_PLAN_HEADER = "x-bankgraph-query-plan"


class _Gateway:
    """The request handlers of one app and what they share."""

    def __init__(
        self,
        settings: Settings,
        runner: OperationRunner,
        graphiql: GraphiQLOptions | None,
        metrics: Metrics | None,
    ) -> None:
        self.settings = settings
        self.runner = runner
        self.graphiql = graphiql
        self.metrics = metrics

    async def graphql(self, request: Request) -> Response:
        settings = self.settings
        request_id = new_request_id(request.headers.get("x-request-id"))
        if self.graphiql is not None and _wants_graphiql(request):
            return graphiql_page(self.graphiql)
        media_type = negotiate(request.headers.get("accept"))
        if media_type is None:
            error = ProtocolError(
                406, "Accept application/graphql-response+json or application/json."
            )
            return _protocol_error(error, request_id)
        if request.method == "GET" and len(request.scope["query_string"]) > settings.max_body_bytes:
            return _protocol_error(ProtocolError(414, "The URL is too long."), request_id)
        body = b""
        if request.method == "POST":
            read = await _read_body(request, settings.max_body_bytes)
            if isinstance(read, ProtocolError):
                return _protocol_error(read, request_id)
            body = read
        parsed = parse_params(
            request.method,
            request.headers.get("content-type"),
            body,
            request.scope["query_string"],
            batching=settings.batching,
            max_batch_size=settings.max_batch_size,
        )
        if isinstance(parsed, ProtocolError):
            return _protocol_error(parsed, request_id)
        return await self._respond(request, parsed, media_type, request_id)

    async def _respond(
        self, request: Request, parsed: ParsedRequest, media_type: MediaType, request_id: str
    ) -> Response:
        identity = identity_of(request.scope)
        settings = self.settings
        http = HTTPContext(
            method=request.method,
            media_type=media_type,
            identity=identity,
            subgraph_headers=subgraph_headers(
                request.headers.items(),
                propagate=settings.propagate_headers,
                bearer_token=identity.token if settings.forward_authorization else None,
            ),
            request_id=request_id,
            query_plan=_query_plan_mode(settings, request.headers.get(QUERY_PLAN_HEADER)),
        )
        outcomes: list[Outcome]
        if parsed.is_batch:
            outcomes = await asyncio.gather(
                *(self.runner.run(params, http) for params in parsed.operations)
            )
        else:  # one operation: no task and gathering future needed
            outcomes = [await self.runner.run(parsed.operations[0], http)]
        if self.metrics is not None:
            for outcome in outcomes:
                self.metrics.count_errors(outcome.body.get("errors", ()))
        if not parsed.is_batch:
            (outcome,) = outcomes
            return _render(outcome.status, outcome.body, media_type, request_id, outcome.headers)
        return _render(200, [o.body for o in outcomes], media_type, request_id, {})

    async def health(self, request: Request) -> Response:
        return JSONResponse({"status": "ok"})

    async def metrics_page(self, request: Request) -> Response:
        assert self.metrics is not None
        return Response(self.metrics.render(), media_type=METRICS_CONTENT_TYPE)


def create_app(
    settings: Settings,
    supergraph: Supergraph,
    *,
    policy_hook: PolicyHook | None = None,
    subgraph_transport: httpx.AsyncBaseTransport | None = None,
    jwks_transport: httpx.AsyncBaseTransport | None = None,
    graphiql: GraphiQLOptions | None = None,
) -> Starlette:
    """The gateway app for ``supergraph`` configured by ``settings``.

    ``policy_hook`` evaluates ``@policy`` (else ``settings.policy_hook`` is imported).
    The transports let tests reach in-process subgraphs or identity providers. Raises
    `SettingsError` for configuration that cannot work (forbidden propagated headers,
    unreadable trusted documents, unknown subgraph names in ``subgraph_urls``).
    ``app.state.engine`` is the `Engine`; live composition swaps supergraphs through it.
    """
    forbidden = check_propagation(settings.propagate_headers)
    if forbidden:
        raise SettingsError(f"propagate_headers may not include {', '.join(forbidden)}")
    if settings.subgraph_urls:
        unknown = sorted(set(settings.subgraph_urls) - set(supergraph.subgraphs))
        if unknown:
            raise SettingsError(f"subgraph_urls names unknown subgraph(s): {', '.join(unknown)}")
        supergraph = supergraph.with_subgraph_urls(settings.subgraph_urls)
    if policy_hook is None and settings.policy_hook:
        try:
            policy_hook = load_policy_hook(settings.policy_hook)
        except ValueError as error:
            raise SettingsError(str(error)) from None
    trusted = _trusted_documents(settings)

    subgraphs_client = (
        httpx.AsyncClient(transport=subgraph_transport, timeout=settings.subgraph_timeout_seconds)
        if subgraph_transport is not None
        else subgraph_http.subgraph_client(timeout=settings.subgraph_timeout_seconds)
    )
    jwks_client = httpx.AsyncClient(transport=jwks_transport, timeout=5.0)
    redis_client = (
        redis.asyncio.Redis.from_url(settings.redis_url.reveal())
        if settings.redis_url is not None
        else None
    )
    store: DocumentStore = (
        RedisDocumentStore(redis_client, ttl_seconds=settings.apq_ttl_seconds)
        if redis_client is not None
        else MemoryDocumentStore(settings.apq_cache_size)
    )
    authorizer = DirectiveAuthorizer(policy_hook)
    engine = Engine(
        supergraph,
        subgraphs_client,
        EngineOptions(
            max_tokens=settings.max_tokens,
            introspection=settings.introspection,
            authorizer=authorizer if settings.authorization_mode == "filter" else None,
            override=OverridePolicy(
                enabled=frozenset(settings.override_labels_enabled),
                disabled=frozenset(settings.override_labels_disabled),
            ),
            subgraph_timeout=settings.subgraph_timeout_seconds,
        ),
    )
    runner = OperationRunner(engine, settings, store=store, trusted=trusted, authorizer=authorizer)
    if graphiql is None and settings.graphiql:
        graphiql = GraphiQLOptions(
            endpoint=settings.graphql_path,
            plan_header=QUERY_PLAN_HEADER if settings.expose_query_plan else None,
            examples=(
                load_examples(Path(settings.graphiql_examples_dir))
                if settings.graphiql_examples_dir
                else ()
            ),
            default_headers=dict(settings.graphiql_headers) or None,
        )
    metrics = Metrics() if settings.metrics else None
    gateway = _Gateway(settings, runner, graphiql, metrics)

    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        try:
            yield
        finally:
            await subgraphs_client.aclose()
            await jwks_client.aclose()
            if redis_client is not None:
                await redis_client.aclose()

    routes: list[Route | Mount] = [
        Route(
            settings.graphql_path,
            gateway.graphql,
            methods=["GET", "POST", "PUT", "DELETE", "PATCH"],
        ),
        Route("/health", gateway.health, methods=["GET"]),
    ]
    if graphiql is not None:
        routes.append(Mount(ASSETS_PATH, app=graphiql_assets()))
    if metrics is not None:
        routes.append(Route("/metrics", gateway.metrics_page, methods=["GET"]))
    app = Starlette(
        routes=routes,
        middleware=_middleware(
            settings, verifier_from_settings(settings, jwks_client), redis_client, metrics
        ),
        lifespan=lifespan,
    )
    app.state.engine = engine
    return app


def _middleware(
    settings: Settings,
    verifier: Any,
    redis_client: redis.asyncio.Redis | None,
    metrics: Metrics | None,
) -> list[Middleware]:
    stack: list[Middleware] = []
    if metrics is not None:
        stack.append(Middleware(MetricsMiddleware, metrics=metrics, path=settings.graphql_path))
    if settings.cors_allow_origins:
        stack.append(
            Middleware(
                CORSMiddleware,
                allow_origins=settings.cors_allow_origins,
                allow_methods=("GET", "POST"),
                allow_headers=(
                    "content-type",
                    "authorization",
                    "x-request-id",
                    QUERY_PLAN_HEADER,
                    *settings.csrf_required_headers,
                ),
                allow_credentials=settings.cors_allow_credentials,
                expose_headers=("x-request-id",),
                max_age=settings.cors_max_age_seconds,
            )
        )
    if settings.csrf_prevention:
        stack.append(
            Middleware(
                CSRFMiddleware,
                path=settings.graphql_path,
                required_headers=settings.csrf_required_headers,
            )
        )
    stack.append(
        Middleware(
            AuthenticationMiddleware, verifier=verifier, required=settings.require_authentication
        )
    )
    if settings.rate_limit_per_second is not None:
        buckets: RateLimiter = (
            RedisTokenBuckets(
                redis_client, settings.rate_limit_per_second, settings.rate_limit_burst
            )
            if redis_client is not None
            else TokenBuckets(settings.rate_limit_per_second, settings.rate_limit_burst)
        )
        stack.append(Middleware(RateLimitMiddleware, buckets=buckets, path=settings.graphql_path))
    return stack


def _query_plan_mode(settings: Settings, header: str | None) -> QueryPlanMode:
    """``true`` adds the plan to the response, ``only`` plans without executing."""
    if not settings.expose_query_plan or header is None:
        return "off"
    return {"true": "include", "only": "only"}.get(header.strip().lower(), "off")


def _trusted_documents(settings: Settings) -> TrustedDocuments | None:
    if settings.trusted_documents_file is None:
        return None
    try:
        return TrustedDocuments.from_file(settings.trusted_documents_file)
    except ValueError as error:
        raise SettingsError(str(error)) from None


async def _read_body(request: Request, limit: int) -> bytes | ProtocolError:
    """The request body, refusing (413) more than ``limit`` bytes without reading it all."""
    too_large = ProtocolError(413, f"The request body exceeds {limit} bytes.")
    declared = request.headers.get("content-length")
    if declared is not None and declared.isdigit() and int(declared) > limit:
        return too_large
    chunks: list[bytes] = []
    size = 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            return too_large
        chunks.append(chunk)
    return b"".join(chunks)


def _protocol_error(error: ProtocolError, request_id: str) -> Response:
    body = {"errors": [{"message": error.message, "extensions": {"code": error.code}}]}
    return _render(error.status, body, JSON, request_id, error.headers)


def _render(
    status: int,
    body: dict[str, Any] | list[dict[str, Any]],
    media_type: MediaType,
    request_id: str,
    headers: Any,
) -> Response:
    # Answers that are not GraphQL responses (4xx before execution) stay application/json.
    if status >= 400 and status not in (400, 401, 403) and media_type != JSON:
        media_type = JSON
    return Response(
        orjson.dumps(body),
        status_code=status,
        headers={
            **headers,
            "x-request-id": request_id,
            "content-type": content_type_header(media_type),
        },
    )
