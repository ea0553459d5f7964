"""The engine's authorization step: caller identity + supergraph directives -> filtered operation.

`DirectiveAuthorizer` is the `gateway.engine.Authorizer` the edge plugs in. Per request it
reads the caller's `Identity` from ``RequestContext.identity``, asks the policy hook about the
``@policy`` names the operation touches, and filters the operation
(`gateway.edge.authorization.authorize_operation`). Rules are derived once per supergraph.
"""

from __future__ import annotations

from gateway.edge.auth import ANONYMOUS, Identity
from gateway.edge.authorization import (
    AuthorizationOutcome,
    AuthorizationRules,
    PolicyHook,
    authorize_operation,
    decide_grant,
    required_policies,
    rules_from_directives,
)
from gateway.engine import PreparedOperation, RequestContext
from gateway.supergraph import Supergraph

__all__ = ["DirectiveAuthorizer"]


class DirectiveAuthorizer:
    """Callable ``(prepared, context) -> AuthorizationOutcome`` (async)."""

    def __init__(self, policy_hook: PolicyHook | None = None) -> None:
        self._policy_hook = policy_hook
        self._rules: tuple[Supergraph, AuthorizationRules] | None = None

    def rules_for(self, supergraph: Supergraph) -> AuthorizationRules:
        """The rules of ``supergraph`` (recomputed only when the supergraph changes)."""
        cached = self._rules
        if cached is None or cached[0] is not supergraph:
            cached = (supergraph, rules_from_directives(supergraph.directives))
            self._rules = cached
        return cached[1]

    async def __call__(
        self, prepared: PreparedOperation, context: RequestContext
    ) -> AuthorizationOutcome:
        rules = self.rules_for(prepared.supergraph)
        if not rules:
            return AuthorizationOutcome(prepared.document)
        identity = context.identity if isinstance(context.identity, Identity) else ANONYMOUS
        schema = prepared.supergraph.api_schema
        grant = await decide_grant(
            authenticated=identity.is_authenticated,
            scopes=identity.scopes,
            subject=identity.subject,
            claims=identity.claims,
            policies=required_policies(prepared.document, prepared.operation, schema, rules),
            hook=self._policy_hook,
        )
        return authorize_operation(prepared.document, prepared.operation, schema, rules, grant)
