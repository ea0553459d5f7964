"""GraphQL over HTTP: request parameters in, media type and status codes out (federation.md 6).

Pure functions over what an HTTP request carries (method, headers, body bytes, URL query
string); no I/O. `parse_params` turns a request into `GraphQLParams` (one per operation, several
for a batch) or a `ProtocolError` carrying the status the spec asks for. `negotiate` picks the
response media type from ``Accept``. `request_error_status` maps a GraphQL request error
(parse, validation, variables) to its status for the chosen media type and policy.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal
from urllib.parse import parse_qsl

import orjson

__all__ = [
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
]

JSON = "application/json"
GRAPHQL_RESPONSE_JSON = "application/graphql-response+json"
MediaType = Literal["application/json", "application/graphql-response+json"]


@dataclass(frozen=True, slots=True)
class GraphQLParams:
    """The request parameters as the client sent them, type-checked (well-formed).

    ``query`` may be ``None`` when a persisted-query extension stands in for it.
    """

    query: str | None
    operation_name: str | None = None
    variables: dict[str, Any] | None = None
    extensions: dict[str, Any] | None = None


@dataclass(frozen=True, slots=True)
class ParsedRequest:
    """Well-formed parameters: one entry, or several when the body was a batch array."""

    operations: tuple[GraphQLParams, ...]
    is_batch: bool = False


@dataclass(frozen=True, slots=True)
class ProtocolError:
    """A request refused before any GraphQL processing: status, message, error code."""

    status: int
    message: str
    code: str = "BAD_REQUEST"
    headers: dict[str, str] = field(default_factory=dict)


def negotiate(accept: str | None) -> MediaType | None:
    """Choose the response media type for an ``Accept`` header (q-values respected).

    ``application/graphql-response+json`` when it is named explicitly and at least as preferred
    as ``application/json``; ``application/json`` when the header is missing, empty, or only
    wildcards match; ``None`` when neither is acceptable (406).
    """
    if accept is None or not accept.strip():
        return JSON
    q_response, explicit_response = _quality(accept, "application", "graphql-response+json")
    q_json, _ = _quality(accept, "application", "json")
    if q_response > 0 and explicit_response and q_response >= q_json:
        return GRAPHQL_RESPONSE_JSON
    if q_json > 0:
        return JSON
    if q_response > 0:
        return GRAPHQL_RESPONSE_JSON
    return None


def content_type_header(media_type: MediaType) -> str:
    return f"{media_type}; charset=utf-8"


def request_error_status(media_type: MediaType, policy: str) -> int:
    """Status for parse/validation/variable-coercion errors (table in federation.md 6.3).

    ``legacy`` policy: 200 for ``application/json`` (what the audit checks); otherwise 400.
    """
    if media_type == JSON and policy == "legacy":
        return 200
    return 400


def parse_params(
    method: str,
    content_type: str | None,
    body: bytes,
    query_string: bytes,
    *,
    batching: bool,
    max_batch_size: int,
) -> ParsedRequest | ProtocolError:
    """Read GraphQL parameters from a GET query string or a POST body.

    Refuses: other methods (405), POST without ``application/json`` (415), invalid UTF-8 or
    JSON (400), bodies that are not an object (or an array when ``batching``), batches that
    are empty or larger than ``max_batch_size`` (400), parameters of the wrong JSON type (400).
    """
    if method == "GET":
        return _parse_get(query_string)
    if method != "POST":
        return ProtocolError(
            405, "Only GET and POST are supported.", headers={"Allow": "GET, POST"}
        )
    refused = _check_content_type(content_type)
    if refused is not None:
        return refused
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError:
        return ProtocolError(400, "Request body is not valid UTF-8.")
    if not text.strip():
        return ProtocolError(400, "Request body is empty.")
    try:
        payload = orjson.loads(text)
    except orjson.JSONDecodeError:
        return ProtocolError(400, "Request body is not valid JSON.")
    if isinstance(payload, list):
        return _parse_batch(payload, batching=batching, max_batch_size=max_batch_size)
    if not isinstance(payload, dict):
        return ProtocolError(400, "Request body must be a JSON object.")
    params = _params_from_json(payload)
    if isinstance(params, ProtocolError):
        return params
    return ParsedRequest((params,))


def _parse_batch(
    payload: list[Any], *, batching: bool, max_batch_size: int
) -> ParsedRequest | ProtocolError:
    if not batching:
        return ProtocolError(400, "Batched requests are not enabled.")
    if not payload:
        return ProtocolError(400, "A batch must hold at least one operation.")
    if len(payload) > max_batch_size:
        return ProtocolError(400, f"A batch may hold at most {max_batch_size} operations.")
    operations = []
    for item in payload:
        if not isinstance(item, dict):
            return ProtocolError(400, "Every batch element must be a JSON object.")
        params = _params_from_json(item)
        if isinstance(params, ProtocolError):
            return params
        operations.append(params)
    return ParsedRequest(tuple(operations), is_batch=True)


def _check_content_type(content_type: str | None) -> ProtocolError | None:
    if content_type is None or not content_type.strip():
        return ProtocolError(415, "POST requests need Content-Type: application/json.")
    essence, _, parameters = content_type.partition(";")
    if essence.strip().lower() != JSON:
        return ProtocolError(415, f"Unsupported Content-Type; use {JSON}.")
    for parameter in parameters.split(";"):
        name, _, value = parameter.partition("=")
        if name.strip().lower() == "charset" and value.strip().strip('"').lower() != "utf-8":
            return ProtocolError(415, "Only the utf-8 charset is supported.")
    return None


def _params_from_json(payload: dict[str, Any]) -> GraphQLParams | ProtocolError:
    query = payload.get("query")
    operation_name = payload.get("operationName")
    variables = payload.get("variables")
    extensions = payload.get("extensions")
    if query is not None and not isinstance(query, str):
        return ProtocolError(400, "The 'query' parameter must be a string.")
    if operation_name is not None and not isinstance(operation_name, str):
        return ProtocolError(400, "The 'operationName' parameter must be a string.")
    if variables is not None and not isinstance(variables, dict):
        return ProtocolError(400, "The 'variables' parameter must be an object.")
    if extensions is not None and not isinstance(extensions, dict):
        return ProtocolError(400, "The 'extensions' parameter must be an object.")
    if query is None and not _has_persisted_query(extensions):
        return ProtocolError(400, "The 'query' parameter is required.")
    return GraphQLParams(query, operation_name, variables, extensions)


def _parse_get(query_string: bytes) -> ParsedRequest | ProtocolError:
    try:
        pairs = parse_qsl(
            query_string.decode("ascii"),
            keep_blank_values=True,
            errors="strict",
            strict_parsing=False,
        )
    except (UnicodeDecodeError, ValueError):
        return ProtocolError(400, "The URL query string is not valid.")
    values: dict[str, str] = {}
    for name, value in pairs:
        if name in values:
            return ProtocolError(400, f"The '{name}' parameter is given more than once.")
        values[name] = value
    decoded: dict[str, Any] = {}
    for name in ("query", "operationName"):
        if values.get(name):  # an empty string means absent
            decoded[name] = values[name]
    for name in ("variables", "extensions"):
        if values.get(name):
            try:
                decoded[name] = orjson.loads(values[name])
            except orjson.JSONDecodeError:
                return ProtocolError(400, f"The '{name}' parameter is not valid JSON.")
    params = _params_from_json(decoded)
    if isinstance(params, ProtocolError):
        return params
    return ParsedRequest((params,))


def _has_persisted_query(extensions: dict[str, Any] | None) -> bool:
    return isinstance(extensions, dict) and "persistedQuery" in extensions


def _quality(accept: str, main_type: str, sub_type: str) -> tuple[float, bool]:
    """The q-value the ``Accept`` header gives ``main/sub`` (most specific range wins) and
    whether that range named the type exactly."""
    best: tuple[int, float] = (-1, 0.0)
    for media_range in accept.split(","):
        essence, *parameters = media_range.split(";")
        range_main, _, range_sub = essence.strip().lower().partition("/")
        q = 1.0
        for parameter in parameters:
            name, _, value = parameter.partition("=")
            if name.strip().lower() == "q":
                try:
                    q = min(max(float(value.strip()), 0.0), 1.0)
                except ValueError:
                    q = 0.0
        if range_main == main_type and range_sub == sub_type:
            specificity = 2
        elif range_main == main_type and range_sub == "*":
            specificity = 1
        elif range_main == "*" and range_sub == "*":
            specificity = 0
        else:
            continue
        if specificity > best[0]:
            best = (specificity, q)
    return best[1], best[0] == 2
