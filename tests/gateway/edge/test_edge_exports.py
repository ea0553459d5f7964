"""The public names of the edge modules, the HTTP app and the settings, pinned."""

from __future__ import annotations

import importlib

import pytest

EXPORTS = {
    "gateway.http": {"QUERY_PLAN_HEADER", "create_app"},
    "gateway.serve": {"app_from_environment", "serve_command"},
    "gateway.settings": {"ENV_PREFIX", "Secret", "Settings", "SettingsError", "load_settings"},
    "gateway.edge.auth": {
        "ANONYMOUS",
        "IDENTITY_KEY",
        "URLJWKS",
        "AuthenticationError",
        "AuthenticationMiddleware",
        "FileJWKS",
        "Identity",
        "JWKSSource",
        "TokenVerifier",
        "identity_of",
        "verifier_from_settings",
    },
    "gateway.edge.authorization": {
        "UNAUTHORIZED_CODE",
        "AuthorizationOutcome",
        "AuthorizationRules",
        "Grant",
        "Requirement",
        "authorize_operation",
        "required_policies",
        "rules_from_directives",
        "unauthorized_errors",
    },
    "gateway.edge.authorizer": {
        "DirectiveAuthorizer",
        "PolicyHook",
        "PolicyRequest",
        "decide_grant",
        "load_policy_hook",
    },
    "gateway.edge.cost": {
        "COST_CODE",
        "CostRules",
        "ListSize",
        "cost_rules_from_directives",
        "estimate_cost",
    },
    "gateway.edge.csrf": {"CSRFMiddleware", "is_preflighted"},
    "gateway.edge.headers": {"NEVER_PROPAGATED", "check_propagation", "subgraph_headers"},
    "gateway.edge.coalesce": {"CoalescingHttpToolsProtocol"},
    "gateway.edge.limits": {
        "LimitGuard",
        "LimitViolation",
        "Limits",
        "OperationShape",
        "check_limits",
        "check_source",
        "measure_operation",
    },
    "gateway.edge.masking": {
        "SAFE_EXTENSION_KEYS",
        "for_log",
        "internal_error",
        "mask_errors",
        "new_request_id",
        "scrub",
    },
    "gateway.edge.persisted": {
        "DocumentStore",
        "MemoryDocumentStore",
        "PersistedError",
        "RedisDocumentStore",
        "TrustedDocuments",
        "document_hash",
        "register_document",
        "resolve_document",
    },
    "gateway.edge.metrics": {"CONTENT_TYPE", "Metrics", "MetricsMiddleware"},
    "gateway.edge.pipeline": {"HTTPContext", "OperationRunner", "Outcome"},
    "gateway.edge.protocol": {
        "GRAPHQL_RESPONSE_JSON",
        "JSON",
        "GraphQLParams",
        "MediaType",
        "ParsedRequest",
        "ProtocolError",
        "content_type_header",
        "negotiate",
        "parse_params",
        "request_error_status",
    },
    "gateway.edge.ratelimit": {
        "RateLimitMiddleware",
        "RateLimiter",
        "RedisTokenBuckets",
        "TokenBuckets",
    },
}


@pytest.mark.parametrize("module_name", sorted(EXPORTS))
def test_exported_names(module_name: str) -> None:
    module = importlib.import_module(module_name)
    assert set(module.__all__) == EXPORTS[module_name]
    assert all(hasattr(module, name) for name in module.__all__)
