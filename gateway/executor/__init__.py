"""Query plan execution: subgraph fetches -> merged tree -> the client's response shape.

Public surface: `execute_plan` (run a `QueryPlan` with one pooled ``httpx.AsyncClient``),
`Subgraphs` (client + subgraph URLs + timeout), `ExecutionResult` (internal tree + errors),
and `shape_response` (federation.md 5.5). Modules, one job each: ``fetch`` (one HTTP exchange
and how its answer is classified), ``paths`` (Flatten path walking), ``representations``
(select, rewrite, de-duplicate), ``merge`` (deep merge), ``errors`` (error values and codes),
``execute`` (the plan node interpreter), ``shaping`` (the client's selection, null
propagation, error policy) and ``leaves`` (leaf value validation).
"""

from .errors import HTTP_ERROR, MALFORMED_RESPONSE, GraphQLErrorDict
from .execute import ExecutionResult, Subgraphs, execute_plan
from .shaping import UNAUTHORIZED, shape_response

__all__ = [
    "HTTP_ERROR",
    "MALFORMED_RESPONSE",
    "UNAUTHORIZED",
    "ExecutionResult",
    "GraphQLErrorDict",
    "Subgraphs",
    "execute_plan",
    "shape_response",
]
