"""Query plan execution: subgraph fetches -> merged tree -> the client's response shape.

Public surface: `execute_plan` (run a `QueryPlan` with one pooled ``httpx.AsyncClient``),
`Subgraphs` (client + subgraph URLs + timeout), `ExecutionResult` (internal tree + errors),
and `shape_response` (federation.md 5.5). Modules: ``fetch`` (one HTTP exchange), ``paths``
(Flatten path walking), ``representations``, ``merge``, ``errors``, ``execute`` (the node
interpreter) and ``shaping``.
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
