"""The engine's authorization step: caller identity + supergraph directives -> filtered operation.

`DirectiveAuthorizer` is the `gateway.engine.Authorizer` the edge plugs in. Per request it
reads the caller's `Identity` from ``RequestContext.identity``, asks the `PolicyHook` about the
``@policy`` names the operation touches (`decide_grant`), and filters the operation
(`gateway.edge.authorization.authorize_operation`). Rules are derived once per supergraph.

A policy hook is any callable ``(PolicyRequest) -> granted names`` (sync or async), given to
``create_app`` or named in the settings as ``module:function`` (`load_policy_hook`).
"""

from __future__ import annotations

import importlib
import inspect
import logging
from collections.abc import Awaitable, Callable, Collection, Mapping
from dataclasses import dataclass
from typing import Any

from gateway.edge.auth import ANONYMOUS, Identity
from gateway.edge.authorization import (
    AuthorizationOutcome,
    AuthorizationRules,
    Grant,
    authorize_operation,
    required_policies,
    rules_from_directives,
)
from gateway.engine import PreparedOperation, RequestContext
from gateway.supergraph import Supergraph

__all__ = [
    "DirectiveAuthorizer",
    "PolicyHook",
    "PolicyRequest",
    "decide_grant",
    "load_policy_hook",
]

logger = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class PolicyRequest:
    """What a policy hook is asked: may this caller use these ``@policy`` names?"""

    policies: frozenset[str]
    subject: str | None
    scopes: frozenset[str]
    claims: Mapping[str, Any]


PolicyHook = Callable[[PolicyRequest], Collection[str] | Awaitable[Collection[str]]]
"""Returns the subset of ``request.policies`` granted (sync or async). Exceptions deny all."""


def load_policy_hook(reference: str) -> PolicyHook:
    """Import ``module:function``; raises `ValueError` naming what is missing."""
    module_name, _, attribute = reference.partition(":")
    if not module_name or not attribute:
        raise ValueError(f"policy hook must look like 'module:function', got {reference!r}")
    try:
        hook = getattr(importlib.import_module(module_name), attribute)
    except (ImportError, AttributeError) as error:
        raise ValueError(f"cannot load policy hook {reference!r}: {error}") from None
    if not callable(hook):
        raise ValueError(f"policy hook {reference!r} is not callable")
    return hook  # type: ignore[no-any-return]


async def decide_grant(
    *,
    authenticated: bool,
    scopes: frozenset[str],
    subject: str | None,
    claims: Mapping[str, Any],
    policies: frozenset[str],
    hook: PolicyHook | None,
) -> Grant:
    """The caller's `Grant`, asking `hook` about ``policies`` (all denied without a hook)."""
    granted: frozenset[str] = frozenset()
    if policies and hook is not None:
        try:
            answer = hook(PolicyRequest(policies, subject, scopes, claims))
            if inspect.isawaitable(answer):
                answer = await answer
            granted = frozenset(answer) & policies
        except Exception:  # a failing policy hook denies, it never grants
            logger.exception("policy hook failed; denying %s", sorted(policies))
    return Grant(authenticated=authenticated, scopes=scopes, policies=granted)


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
