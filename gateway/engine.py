"""One GraphQL request through the gateway: prepare, then execute.

The HTTP layer (``gateway/http.py``) builds one `Engine` in its lifespan and, per request::

    prepared = engine.prepare(GraphQLRequest(query, operation_name, variables, extensions))
    if isinstance(prepared, RequestError):      # parse / validation / operation / variables
        body = prepared.response()               # {"errors": [...]} -- no "data" key
    else:                                        # decide GET rules on prepared.operation_type
        body = await engine.execute(prepared, RequestContext(headers=..., ...))

`Engine.prepare` (synchronous, cheap on a cache hit) parses and validates each distinct query
text once per supergraph (bounded LRU, `gateway.documents`), selects the operation and coerces
the variables against the API schema. It returns a `PreparedOperation` or a `RequestError`
whose ``kind`` is ``request`` (no query text), ``parse`` (``GRAPHQL_PARSE_FAILED``),
``validation`` (``GRAPHQL_VALIDATION_FAILED``), ``operation`` (no such / ambiguous operation,
``OPERATION_RESOLUTION_FAILURE``) or ``variables`` (``BAD_USER_INPUT``).

`Engine.execute` runs, on the supergraph state the operation was prepared with:

1. authorization (`EngineOptions.authorizer`, optional): may return a filtered document and
   the ``id()`` s of the removed selection nodes; those come out as ``null`` plus an
   ``UNAUTHORIZED_FIELD_OR_TYPE`` error and no subgraph is asked for them;
2. introspection: root ``__schema``/``__type`` answered from the API schema (5.7);
3. planning with the progressive-override labels enabled for this request
   (`EngineOptions.override`, keyed by `RequestContext.override_key` or the request id);
4. `gateway.executor.execute_plan` over the pooled ``httpx.AsyncClient``;
5. `gateway.executor.shape_response`.

It returns the response body: ``data`` (always present once execution started; ``null`` when
a null reached a non-null root field), ``errors`` when there are any, and
``extensions.queryPlan`` (kind-tagged JSON) and ``queryPlanText`` when `RequestContext.query_plan`
asks for them; ``"only"`` plans without executing.
Subscriptions are refused with a request error (no ``data``).

Extension points for the edge: `EngineOptions.validation_rules` (extra graphql-core rules
run in prepare and cached with the document, so they must depend on the document only:
depth, aliases...) and `EngineOptions.authorizer` (above). `Engine.update_supergraph` swaps
the whole state (supergraph, planner, document cache, subgraph URLs) in one assignment;
in-flight requests finish on the state they were prepared with.
"""

from __future__ import annotations

import inspect
import logging
from collections.abc import Awaitable, Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal, Protocol

import httpx
from graphql import (
    ASTValidationRule,
    DocumentNode,
    FragmentDefinitionNode,
    GraphQLError,
    NoSchemaIntrospectionCustomRule,
    OperationDefinitionNode,
)
from graphql.execution.values import get_variable_values

from .documents import DocumentCache, DocumentErrors, coded
from .executor import Subgraphs, execute_plan, shape_response
from .introspection import introspect, introspection_fields
from .override import OverridePolicy
from .planner.plan import QueryPlan, plan_to_json, print_plan
from .supergraph import Supergraph

__all__ = [
    "AuthorizationResult",
    "Authorizer",
    "Engine",
    "EngineOptions",
    "GraphQLRequest",
    "Planner",
    "PreparedOperation",
    "QueryPlanMode",
    "RequestContext",
    "RequestError",
]

logger = logging.getLogger(__name__)

OperationType = Literal["query", "mutation", "subscription"]
RequestErrorKind = Literal["request", "parse", "validation", "operation", "variables"]
QueryPlanMode = Literal["off", "include", "only"]


@dataclass(frozen=True, slots=True)
class GraphQLRequest:
    """The GraphQL request parameters (after APQ resolved ``query``)."""

    query: str | None
    operation_name: str | None = None
    variables: Mapping[str, Any] | None = None
    extensions: Mapping[str, Any] | None = None


@dataclass(frozen=True, slots=True)
class RequestContext:
    """What the edge knows about the caller, for one execution.

    ``headers`` are forwarded to every subgraph as given (the edge already applied its
    propagation rules). ``identity`` (e.g. verified claims) and ``scopes`` are for the
    authorizer; the engine does not read them. ``override_key`` keys the ``percent(x)``
    override labels (falls back to ``request_id``). ``query_plan`` ``"include"`` adds the plan
    to the response's extensions (``queryPlan`` as kind-tagged JSON, ``queryPlanText`` printed);
    ``"only"`` returns just that, without executing anything.
    """

    headers: Mapping[str, str] = field(default_factory=dict)
    identity: Any = None
    scopes: frozenset[str] = frozenset()
    request_id: str = ""
    override_key: str | None = None
    query_plan: QueryPlanMode = "off"


@dataclass(frozen=True, slots=True)
class RequestError:
    """The request cannot execute; `response` is the body (errors only, no ``data``)."""

    kind: RequestErrorKind
    errors: tuple[dict[str, Any], ...]

    def response(self) -> dict[str, Any]:
        return {"errors": list(self.errors)}


class Planner(Protocol):
    """What the engine needs from ``gateway.planner.QueryPlanner``."""

    def plan(
        self,
        document: DocumentNode,
        operation_name: str | None,
        *,
        override_labels: frozenset[str] = frozenset(),
    ) -> QueryPlan: ...


@dataclass(frozen=True, slots=True)
class _State:
    """Everything tied to one supergraph; replaced as a whole by `Engine.update_supergraph`."""

    supergraph: Supergraph
    planner: Planner
    documents: DocumentCache
    subgraphs: Subgraphs


@dataclass(frozen=True, slots=True)
class PreparedOperation:
    """A parsed, validated operation with coerced variables, bound to its supergraph state.

    ``variables`` are the values the client provided for declared variables (forwarded to
    subgraphs as sent); ``coerced_variables`` have defaults applied (conditions, shaping).
    """

    document: DocumentNode
    operation: OperationDefinitionNode
    fragments: Mapping[str, FragmentDefinitionNode]
    operation_name: str | None
    operation_type: OperationType
    variables: Mapping[str, Any]
    coerced_variables: Mapping[str, Any]
    _state: _State = field(repr=False)

    @property
    def supergraph(self) -> Supergraph:
        return self._state.supergraph


class AuthorizationResult(Protocol):
    """The authorizer's answer: the document to plan and the removed selection node ids."""

    @property
    def document(self) -> DocumentNode: ...

    @property
    def removed_nodes(self) -> frozenset[int]: ...


Authorizer = Callable[
    [PreparedOperation, RequestContext], AuthorizationResult | Awaitable[AuthorizationResult]
]
"""Decides what the caller may see of ``prepared`` (``prepared.document`` nodes by ``id()``)."""


@dataclass(frozen=True, slots=True)
class EngineOptions:
    """Engine configuration (built by the edge from its Settings).

    ``subgraph_timeout`` (seconds) overrides the client's timeout for subgraph requests.
    ``max_tokens`` bounds the parser's work per document. ``planner_factory`` builds the
    planner for a supergraph (default: ``gateway.planner.QueryPlanner``).
    """

    document_cache_size: int = 1024
    plan_cache_size: int = 1024
    max_tokens: int | None = 15_000
    introspection: bool = True
    validation_rules: tuple[type[ASTValidationRule], ...] = ()
    authorizer: Authorizer | None = None
    override: OverridePolicy = field(default_factory=OverridePolicy)
    subgraph_timeout: float | None = None
    planner_factory: Callable[[Supergraph, int], Planner] | None = None


class Engine:
    """The per-request pipeline over the current supergraph (see the module docstring)."""

    def __init__(
        self,
        supergraph: Supergraph,
        client: httpx.AsyncClient,
        options: EngineOptions | None = None,
    ) -> None:
        self._client = client
        self._options = options or EngineOptions()
        self._state = self._build_state(supergraph)

    @property
    def supergraph(self) -> Supergraph:
        return self._state.supergraph

    def update_supergraph(self, supergraph: Supergraph) -> None:
        """Serve ``supergraph`` from now on (atomic: one attribute assignment)."""
        self._state = self._build_state(supergraph)

    def _build_state(self, supergraph: Supergraph) -> _State:
        options = self._options
        rules: Sequence[type[ASTValidationRule]] = options.validation_rules
        if not options.introspection:
            rules = (*rules, NoSchemaIntrospectionCustomRule)
        factory = options.planner_factory or _default_planner
        return _State(
            supergraph=supergraph,
            planner=factory(supergraph, options.plan_cache_size),
            documents=DocumentCache(
                supergraph.api_schema,
                rules=rules,
                max_size=options.document_cache_size,
                max_tokens=options.max_tokens,
            ),
            subgraphs=Subgraphs(
                client=self._client,
                urls={name: info.url for name, info in supergraph.subgraphs.items()},
                timeout=options.subgraph_timeout,
            ),
        )

    def prepare(self, request: GraphQLRequest) -> PreparedOperation | RequestError:
        """Parse (cached), validate (cached), select the operation, coerce variables."""
        state = self._state
        if not isinstance(request.query, str) or not request.query.strip():
            return _request_error("request", "GraphQL operations must contain a non-empty `query`.")
        document = state.documents.get(request.query)
        if isinstance(document, DocumentErrors):
            return RequestError(document.kind, document.errors)
        operation = _select_operation(document, request.operation_name)
        if isinstance(operation, RequestError):
            return operation
        variables = request.variables or {}
        if not isinstance(variables, Mapping):
            return _request_error("variables", "Variables must be an object.", "BAD_USER_INPUT")
        coerced = get_variable_values(
            state.supergraph.api_schema,
            operation.variable_definitions or (),
            dict(variables),
            max_errors=50,
        )
        if isinstance(coerced, list):
            errors = tuple(coded(error, "BAD_USER_INPUT") for error in coerced)
            return RequestError("variables", errors)
        definitions = operation.variable_definitions or ()
        declared = {definition.variable.name.value for definition in definitions}
        return PreparedOperation(
            document=document,
            operation=operation,
            fragments={
                definition.name.value: definition
                for definition in document.definitions
                if isinstance(definition, FragmentDefinitionNode)
            },
            operation_name=operation.name.value if operation.name else None,
            operation_type=operation.operation.value,  # type: ignore[arg-type]
            variables={name: value for name, value in variables.items() if name in declared},
            coerced_variables=coerced.coerced,
            _state=state,
        )

    async def execute(self, prepared: PreparedOperation, context: RequestContext) -> dict[str, Any]:
        """Run ``prepared`` and return the response body (see the module docstring)."""
        if prepared.operation_type == "subscription":
            return _request_error(
                "operation",
                "Subscriptions are not supported by this gateway.",
                "SUBSCRIPTIONS_NOT_SUPPORTED",
            ).response()
        state = prepared._state
        document, unauthorized = await self._authorize(prepared, context)
        labels = self._options.override.enabled_labels(
            state.supergraph.override_labels, context.override_key or context.request_id
        )
        try:
            plan = state.planner.plan(document, prepared.operation_name, override_labels=labels)
        except Exception:
            logger.exception("query planning failed for operation %r", prepared.operation_name)
            return _request_error(
                "operation", "The gateway could not plan this operation.", "QUERY_PLANNING_FAILED"
            ).response()
        if context.query_plan == "only":
            return {"extensions": _plan_extensions(plan)}
        result = await execute_plan(
            plan,
            schema=state.supergraph.schema,
            subgraphs=state.subgraphs,
            variables=prepared.variables,
            coerced_variables=prepared.coerced_variables,
            headers=context.headers,
        )
        errors = result.errors
        fields = introspection_fields(
            prepared.operation, prepared.fragments, prepared.coerced_variables
        )
        if fields:
            values, introspection_errors = introspect(
                state.supergraph.api_schema,
                prepared.operation,
                fields,
                prepared.fragments,
                prepared.variables,
            )
            result.data.update(values)
            errors.extend(introspection_errors)
        data, errors = shape_response(
            state.supergraph.api_schema,
            prepared.operation,
            prepared.fragments,
            prepared.coerced_variables,
            result.data,
            errors,
            unauthorized=unauthorized,
        )
        body: dict[str, Any] = {"data": data}
        if errors:
            body["errors"] = errors
        if context.query_plan == "include":
            body["extensions"] = _plan_extensions(plan)
        return body

    async def run(self, request: GraphQLRequest, context: RequestContext) -> dict[str, Any]:
        """`prepare` then `execute`: the response body for ``request``."""
        prepared = self.prepare(request)
        if isinstance(prepared, RequestError):
            return prepared.response()
        return await self.execute(prepared, context)

    async def _authorize(
        self, prepared: PreparedOperation, context: RequestContext
    ) -> tuple[DocumentNode, frozenset[int]]:
        authorizer = self._options.authorizer
        if authorizer is None:
            return prepared.document, frozenset()
        outcome = authorizer(prepared, context)
        if inspect.isawaitable(outcome):
            outcome = await outcome
        return outcome.document, outcome.removed_nodes


def _default_planner(supergraph: Supergraph, cache_size: int) -> Planner:
    from .planner import QueryPlanner

    return QueryPlanner(supergraph, cache_size=cache_size)


def _select_operation(
    document: DocumentNode, operation_name: str | None
) -> OperationDefinitionNode | RequestError:
    """GetOperation (spec 6.1): the named operation, or the only one when no name is given."""
    operations = [
        definition
        for definition in document.definitions
        if isinstance(definition, OperationDefinitionNode)
    ]
    if operation_name is None:
        if len(operations) == 1:
            return operations[0]
        return _request_error(
            "operation",
            "Must provide operation name if query contains multiple operations.",
            "OPERATION_RESOLUTION_FAILURE",
        )
    for operation in operations:
        if operation.name is not None and operation.name.value == operation_name:
            return operation
    return _request_error(
        "operation", f"Unknown operation named '{operation_name}'.", "OPERATION_RESOLUTION_FAILURE"
    )


def _request_error(kind: RequestErrorKind, message: str, code: str = "BAD_REQUEST") -> RequestError:
    return RequestError(kind, (coded(GraphQLError(message), code),))


def _plan_extensions(plan: QueryPlan) -> dict[str, Any]:
    return {"queryPlan": plan_to_json(plan), "queryPlanText": print_plan(plan)}
