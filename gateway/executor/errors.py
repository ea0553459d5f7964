"""GraphQL errors the executor produces or relays, in their JSON wire shape.

Errors are values here (style rule 7): a failed fetch becomes error dicts with a response path
and nulls only what depended on it. `GraphQLErrorDict` is the wire shape
(``{"message", "path"?, "extensions"?}``); ``locations`` of subgraph errors are dropped because
they point into the subgraph operation, not into the client's document.

Codes (federation.md 5.4): ``SUBREQUEST_HTTP_ERROR`` (non-2xx status, timeout, connection
failure; ``extensions.reason`` says which), ``SUBREQUEST_MALFORMED_RESPONSE`` (a body that is
not a GraphQL response, or ``_entities`` of the wrong length). Every error caused by a fetch
names its subgraph in ``extensions.serviceName``.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

__all__ = [
    "HTTP_ERROR",
    "MALFORMED_RESPONSE",
    "GraphQLErrorDict",
    "ResponsePath",
    "error_path",
    "http_error",
    "malformed_response",
    "relay_subgraph_error",
]

HTTP_ERROR = "SUBREQUEST_HTTP_ERROR"
MALFORMED_RESPONSE = "SUBREQUEST_MALFORMED_RESPONSE"

GraphQLErrorDict = dict[str, Any]
ResponsePath = tuple[str | int, ...]


def http_error(service: str, reason: str, *, status: int | None = None) -> GraphQLErrorDict:
    """A transport failure talking to ``service`` (no path: the caller attaches one)."""
    extensions: dict[str, Any] = {"code": HTTP_ERROR, "serviceName": service, "reason": reason}
    if status is not None:
        extensions["http"] = {"status": status}
    return {"message": f"HTTP fetch failed from '{service}': {reason}", "extensions": extensions}


def malformed_response(service: str, reason: str) -> GraphQLErrorDict:
    """``service`` answered something that is not a usable GraphQL response."""
    return {
        "message": f"Subgraph response from '{service}' was malformed: {reason}",
        "extensions": {"code": MALFORMED_RESPONSE, "serviceName": service},
    }


def relay_subgraph_error(
    service: str, error: dict[str, Any], paths: Iterable[ResponsePath | None]
) -> list[GraphQLErrorDict]:
    """One client error per response path for a subgraph ``error`` (``None`` = no path).

    Copies ``message`` and ``extensions``, adds ``extensions.serviceName``, drops
    ``locations``. A non-string message or non-object extensions is replaced, never trusted.
    """
    message = error.get("message")
    if not isinstance(message, str):
        message = f"Subgraph '{service}' returned an error without a message"
    extensions = error.get("extensions")
    extensions = dict(extensions) if isinstance(extensions, dict) else {}
    extensions["serviceName"] = service
    relayed: list[GraphQLErrorDict] = []
    for path in paths:
        item: GraphQLErrorDict = {"message": message}
        if path is not None:
            item["path"] = list(path)
        item["extensions"] = extensions
        relayed.append(item)
    return relayed


def error_path(error: dict[str, Any]) -> Sequence[str | int] | None:
    """The ``path`` of a subgraph error when it is a well-formed list of keys and indices."""
    path = error.get("path")
    if not isinstance(path, list):
        return None
    if all(isinstance(step, str | int) and not isinstance(step, bool) for step in path):
        return path
    return None
