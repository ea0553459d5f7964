"""One subgraph request: POST a GraphQL operation, classify what comes back (federation.md 5.2).

`send_operation` never raises for anything the subgraph or the network does: every outcome is
a `SubgraphResponse` holding the usable ``data`` (if any), the subgraph's own GraphQL errors
and the gateway's transport error (if any). It never retries, so mutations are sent at most
once; queries are not retried either (a retry policy would belong here).

Body rules: ``application/graphql-response+json`` is parsed whatever the status;
``application/json`` (or no content type) is parsed on 2xx, and on non-2xx only to salvage
GraphQL errors placed after the HTTP error. A 2xx body that is not a GraphQL response object
gives ``SUBREQUEST_MALFORMED_RESPONSE``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import httpx
import orjson

from .errors import GraphQLErrorDict, http_error, malformed_response

__all__ = ["ACCEPT", "SubgraphResponse", "send_operation"]

ACCEPT = "application/graphql-response+json, application/json;q=0.9"
_GRAPHQL_RESPONSE_JSON = "application/graphql-response+json"
_JSON = "application/json"
_HEADERS = {"content-type": "application/json", "accept": ACCEPT}
# Headers the gateway sets itself or that describe the client's own request, never propagated.
_RESERVED = frozenset({"content-type", "accept", "content-length", "host", "transfer-encoding"})


@dataclass(slots=True)
class SubgraphResponse:
    """What one fetch produced.

    ``data`` is the response's ``data`` object when the subgraph sent one; ``errors`` are its
    GraphQL error objects (unmodified, to be re-pathed by the caller); ``failure`` is the
    gateway-made transport or malformed-response error, if any.
    """

    data: dict[str, Any] | None = None
    errors: list[dict[str, Any]] = field(default_factory=list)
    failure: GraphQLErrorDict | None = None


async def send_operation(
    client: httpx.AsyncClient,
    *,
    service: str,
    url: str,
    body: Mapping[str, Any],
    headers: Mapping[str, str],
    timeout: float | None = None,
) -> SubgraphResponse:
    """POST ``body`` to ``url``; ``headers`` are the client headers to propagate.

    ``timeout`` (seconds) overrides the client's own timeout for this request when given.
    """
    request_headers = {k: v for k, v in headers.items() if k.lower() not in _RESERVED}
    request_headers.update(_HEADERS)
    content = orjson.dumps(body)
    try:
        extra: dict[str, Any] = {} if timeout is None else {"timeout": timeout}
        request = client.build_request(
            "POST", url, content=content, headers=request_headers, **extra
        )
        response = await client.send(request)
    except httpx.TimeoutException:
        return SubgraphResponse(failure=http_error(service, "request timed out"))
    except httpx.HTTPError as exc:
        reason = str(exc) or type(exc).__name__
        return SubgraphResponse(failure=http_error(service, f"connection failed ({reason})"))
    except (httpx.InvalidURL, ValueError) as exc:
        # A misconfigured URL or an unencodable header: this request cannot be sent at all.
        return SubgraphResponse(failure=http_error(service, f"invalid request ({exc})"))
    return classify_response(service, response.status_code, response.headers, response.content)


def classify_response(
    service: str, status: int, headers: Mapping[str, str], content: bytes
) -> SubgraphResponse:
    """Turn a received HTTP response into a `SubgraphResponse` (pure)."""
    media_type = headers.get("content-type", "").split(";", 1)[0].strip().lower()
    success = 200 <= status < 300
    if media_type not in ("", _JSON, _GRAPHQL_RESPONSE_JSON):
        if success:
            return SubgraphResponse(
                failure=malformed_response(service, f"unexpected content type '{media_type}'")
            )
        return SubgraphResponse(failure=_status_error(service, status))
    parsed = _parse_graphql_response(content)
    if not success:
        response = parsed if isinstance(parsed, SubgraphResponse) else SubgraphResponse()
        response.failure = _status_error(service, status)
        return response
    if isinstance(parsed, str):
        return SubgraphResponse(failure=malformed_response(service, parsed))
    return parsed


def _status_error(service: str, status: int) -> GraphQLErrorDict:
    phrase = httpx.codes.get_reason_phrase(status) or "Unknown Status"
    return http_error(service, f"{status}: {phrase}", status=status)


def _parse_graphql_response(content: bytes) -> SubgraphResponse | str:
    """The body as a GraphQL response, or the reason it is not one."""
    try:
        body = orjson.loads(content)
    except orjson.JSONDecodeError:
        return "body is not JSON"
    if not isinstance(body, dict):
        return "body is not a JSON object"
    data = body.get("data")
    errors = body.get("errors", [])
    if "data" not in body and "errors" not in body:
        return "neither data nor errors"
    if data is not None and not isinstance(data, dict):
        return "data is not an object"
    if errors is None:
        errors = []
    if not isinstance(errors, list) or not all(isinstance(e, dict) for e in errors):
        return "errors is not a list of objects"
    return SubgraphResponse(data=data, errors=errors)
