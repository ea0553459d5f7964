"""Error masking: what clients may see of an error (issue 6, "error masking").

`mask_errors` rewrites response errors so that no stack trace, exception detail, URL,
hostname, IP address or bearer token leaves the gateway: messages are scrubbed and only
well-known ``extensions`` keys are kept. `for_log` keeps the detail an operator needs (hosts,
URLs, traces) but still removes credentials, which belong in no log. `internal_error` is the
body for an unexpected failure: a generic message plus the request id, so that the full detail,
logged with that id, can be found.
"""

from __future__ import annotations

import re
import secrets
from collections.abc import Iterable
from typing import Any

import orjson

__all__ = [
    "SAFE_EXTENSION_KEYS",
    "for_log",
    "internal_error",
    "mask_errors",
    "new_request_id",
    "scrub",
]

SAFE_EXTENSION_KEYS = frozenset({"code", "serviceName", "reason", "http", "requestId", "cost"})

_URL = re.compile(r"\b[a-zA-Z][a-zA-Z0-9+.-]*://[^\s'\"<>]+")
_BEARER = re.compile(r"\bBearer\s+[A-Za-z0-9._~+/=-]+", re.IGNORECASE)
_JWT = re.compile(r"\beyJ[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*")
_HOST_PORT = re.compile(
    r"\b(?:\d{1,3}(?:\.\d{1,3}){3}|\[[0-9a-fA-F:]+\]|[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+):\d{1,5}\b"
)
_IPV4 = re.compile(r"\b\d{1,3}(?:\.\d{1,3}){3}\b")
_TRACEBACK = re.compile(r"Traceback \(most recent call last\):.*", re.DOTALL)
_REQUEST_ID = re.compile(r"^[A-Za-z0-9._-]{1,64}$")


def scrub(message: str) -> str:
    """``message`` without tracebacks, URLs, bearer tokens, JWTs, host:port or IPv4 parts."""
    for pattern in (_TRACEBACK, _URL, _BEARER, _JWT, _HOST_PORT, _IPV4):
        message = pattern.sub("[redacted]", message)
    return message


def for_log(errors: Iterable[dict[str, Any]]) -> str:
    """``errors`` as one JSON line for the log, bearer tokens and JWTs removed."""
    text = orjson.dumps(list(errors), default=str).decode()
    for pattern in (_BEARER, _JWT):
        text = pattern.sub("[credential]", text)
    return text


def mask_errors(errors: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    """Client-safe copies of ``errors`` (``message``, ``locations``, ``path`` and the safe
    extension keys; everything else, e.g. ``exception``/``stacktrace``, is dropped)."""
    masked = []
    for error in errors:
        message = error.get("message")
        safe: dict[str, Any] = {
            "message": scrub(message) if isinstance(message, str) else "Unexpected error."
        }
        for key in ("locations", "path"):
            if key in error:
                safe[key] = error[key]
        extensions = error.get("extensions")
        if isinstance(extensions, dict):
            kept = {k: v for k, v in extensions.items() if k in SAFE_EXTENSION_KEYS}
            if isinstance(kept.get("reason"), str):
                kept["reason"] = scrub(kept["reason"])
            if kept:
                safe["extensions"] = kept
        masked.append(safe)
    return masked


def internal_error(request_id: str) -> dict[str, Any]:
    """The response body for an unexpected failure."""
    return {
        "errors": [
            {
                "message": "Internal server error.",
                "extensions": {"code": "INTERNAL_SERVER_ERROR", "requestId": request_id},
            }
        ]
    }


def new_request_id(received: str | None) -> str:
    """The client's ``X-Request-Id`` when it is a short token, else a fresh random one."""
    if received and _REQUEST_ID.match(received):
        return received
    return secrets.token_hex(12)
