"""The public surfaces of gateway.executor and gateway.engine change only on purpose."""

from __future__ import annotations

import gateway.engine
import gateway.executor


def test_executor_exports() -> None:
    assert set(gateway.executor.__all__) == {
        "HTTP_ERROR",
        "MALFORMED_RESPONSE",
        "UNAUTHORIZED",
        "ExecutionResult",
        "GraphQLErrorDict",
        "Subgraphs",
        "execute_plan",
        "shape_response",
    }
    for name in gateway.executor.__all__:
        assert hasattr(gateway.executor, name)


def test_engine_exports() -> None:
    assert set(gateway.engine.__all__) == {
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
    }
    for name in gateway.engine.__all__:
        assert hasattr(gateway.engine, name)
