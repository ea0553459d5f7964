"""One GraphQL operation through the edge: persisted documents, limits, engine, cost, masking.

`OperationRunner.run` takes well-formed `GraphQLParams` plus what the HTTP layer learnt
(`HTTPContext`) and returns an `Outcome`: the status, body and extra headers to send. Every
refusal happens before any subgraph is asked, in this order:

1. persisted documents (`gateway.edge.persisted`): hash lookups and checks, trusted list
   (a document sent with its hash is registered only once it has been validated);
2. document and variables size, then the `LimitGuard` (tokens, depth, aliases, root fields,
   directives) *before* validation, so hostile documents cost one cheap pass;
3. ``engine.prepare`` (parse, validate, operation, variables; status by media type/policy);
4. GET may only run queries (405, ``Allow: POST``);
5. demand control (``@cost``/``@listSize`` against ``max_cost``);
6. in ``reject`` authorization mode, an operation touching anything unauthorized is refused
   (403); in ``filter`` mode the engine's authorizer removes those selections instead;
7. ``engine.execute``; then errors are masked. An unexpected exception is logged with the
   request id and answered 500 with a generic error.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import orjson

from gateway.edge.auth import Identity
from gateway.edge.authorization import unauthorized_errors
from gateway.edge.authorizer import DirectiveAuthorizer
from gateway.edge.cost import COST_CODE, CostRules, cost_rules_from_directives, estimate_cost
from gateway.edge.limits import LimitGuard, Limits, check_source
from gateway.edge.masking import for_log, internal_error, mask_errors
from gateway.edge.persisted import (
    DocumentStore,
    PersistedError,
    TrustedDocuments,
    register_document,
    resolve_document,
)
from gateway.edge.protocol import GraphQLParams, MediaType, request_error_status
from gateway.engine import (
    Engine,
    GraphQLRequest,
    PreparedOperation,
    QueryPlanMode,
    RequestContext,
    RequestError,
)
from gateway.settings import Settings
from gateway.supergraph import Supergraph

__all__ = ["HTTPContext", "OperationRunner", "Outcome"]

logger = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class HTTPContext:
    """What the HTTP layer knows about the request an operation came in."""

    method: str
    media_type: MediaType
    identity: Identity
    subgraph_headers: Mapping[str, str]
    request_id: str
    query_plan: QueryPlanMode = "off"


@dataclass(frozen=True, slots=True)
class Outcome:
    """The answer to one operation: status, response body, extra headers."""

    status: int
    body: dict[str, Any]
    headers: Mapping[str, str] = field(default_factory=dict)


class OperationRunner:
    """Runs operations for one app; holds the engine and the edge's stores and rules."""

    def __init__(
        self,
        engine: Engine,
        settings: Settings,
        *,
        store: DocumentStore | None,
        trusted: TrustedDocuments | None,
        authorizer: DirectiveAuthorizer,
    ) -> None:
        self._engine = engine
        self._settings = settings
        self._store = store
        self._trusted = trusted
        self._authorizer = authorizer
        self._limits = Limits.from_settings(settings)
        self._guard = LimitGuard(self._limits)
        self._cost_rules: tuple[Supergraph, CostRules] | None = None

    async def run(self, params: GraphQLParams, http: HTTPContext) -> Outcome:
        try:
            outcome = await self._run(params, http)
        except Exception:
            logger.exception("request %s failed", http.request_id)
            return Outcome(500, internal_error(http.request_id))
        if self._settings.mask_errors and "errors" in outcome.body:
            errors = outcome.body["errors"]
            masked = mask_errors(errors)
            if masked != errors:
                logger.warning(
                    "request %s: errors masked for the client: %s", http.request_id, for_log(errors)
                )
            outcome.body["errors"] = masked
        return outcome

    async def _run(self, params: GraphQLParams, http: HTTPContext) -> Outcome:
        resolved = await resolve_document(
            params,
            store=self._store if self._settings.apq else None,
            trusted=self._trusted,
            trusted_only=self._settings.trusted_documents_only,
        )
        if isinstance(resolved, PersistedError):
            return Outcome(resolved.status, {"errors": [resolved.as_error()]}, resolved.headers)
        query = resolved.query
        assert query is not None
        variables_size = len(orjson.dumps(resolved.variables)) if resolved.variables else 0
        too_large = check_source(query, variables_size, self._limits)
        if too_large is not None:
            return Outcome(400, {"errors": [too_large.as_error()]})
        violations = self._guard.check(query)
        if violations:
            return Outcome(400, {"errors": [v.as_error() for v in violations]})
        prepared = self._engine.prepare(
            GraphQLRequest(query, resolved.operation_name, resolved.variables, resolved.extensions)
        )
        if isinstance(prepared, RequestError):
            status = (
                400
                if prepared.kind == "request"
                else request_error_status(http.media_type, self._settings.request_error_status)
            )
            return Outcome(status, prepared.response())
        if self._settings.apq and not self._settings.trusted_documents_only:
            await register_document(resolved, self._store)
        if http.method == "GET" and prepared.operation_type != "query":
            message = (
                f"Only queries may be sent with GET; send this {prepared.operation_type} with POST."
            )
            return Outcome(
                405,
                {"errors": [{"message": message, "extensions": {"code": "METHOD_NOT_ALLOWED"}}]},
                {"Allow": "POST"},
            )
        refused = self._check_cost(prepared)
        if refused is not None:
            return refused
        context = RequestContext(
            headers=http.subgraph_headers,
            identity=http.identity,
            scopes=http.identity.scopes,
            request_id=http.request_id,
            query_plan=http.query_plan,
        )
        if self._settings.authorization_mode == "reject":
            outcome = await self._authorizer(prepared, context)
            if outcome.removed:
                return Outcome(403, {"errors": unauthorized_errors(outcome.removed)})
        body = await self._engine.execute(prepared, context)
        if prepared.operation_type == "subscription":  # refused by the engine, nothing ran
            return Outcome(
                request_error_status(http.media_type, self._settings.request_error_status), body
            )
        return Outcome(200, body)

    def _check_cost(self, prepared: PreparedOperation) -> Outcome | None:
        max_cost = self._settings.max_cost
        if max_cost is None:
            return None
        supergraph = prepared.supergraph
        if self._cost_rules is None or self._cost_rules[0] is not supergraph:
            self._cost_rules = (supergraph, cost_rules_from_directives(supergraph.directives))
        cost = estimate_cost(
            prepared.document,
            prepared.operation,
            supergraph.api_schema,
            self._cost_rules[1],
            prepared.coerced_variables,
            default_list_size=self._settings.cost_default_list_size,
        )
        if cost <= max_cost:
            return None
        error = {
            "message": f"The operation's estimated cost exceeds the maximum of {max_cost}.",
            "extensions": {"code": COST_CODE, "cost": {"estimated": cost, "max": max_cost}},
        }
        return Outcome(400, {"errors": [error]})
