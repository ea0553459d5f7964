"""GraphQL error `extensions.code` for the failures a client can act on, and masking of the rest.

A bank failure keeps its message (it names the bank, never a secret) and gains a code; any other
exception from a resolver is a bug, so its message is replaced by "internal error".
"""

from __future__ import annotations

from typing import Any

from graphql import GraphQLError

from subgraphs.common.errors import (
    BankAuthError,
    BankNotFound,
    BankProtocolError,
    BankRejected,
    BankUnavailable,
    NotAuthenticated,
)
from subgraphs.common.relay import InvalidCursor

__all__ = ["error_code", "shape_errors"]

_CODES: tuple[tuple[type[BaseException], str], ...] = (
    (NotAuthenticated, "UNAUTHENTICATED"),
    (BankUnavailable, "BANK_UNAVAILABLE"),
    (BankAuthError, "BANK_AUTH_FAILED"),
    (BankNotFound, "NOT_FOUND"),
    (BankRejected, "BANK_REJECTED"),
    (BankProtocolError, "BANK_PROTOCOL_ERROR"),
    (InvalidCursor, "BAD_USER_INPUT"),
)


def error_code(error: BaseException | None) -> str | None:
    """The code for a resolver exception; None for GraphQL's own (validation) errors."""
    if error is None or isinstance(error, GraphQLError):
        return None
    return next((code for kind, code in _CODES if isinstance(error, kind)), "INTERNAL_SERVER_ERROR")


def shape_errors(errors: list[GraphQLError], formatted: list[dict[str, Any]]) -> None:
    """Add `extensions.code` to each formatted error (same order), masking unexpected ones."""
    for error, shaped in zip(errors, formatted, strict=True):
        code = error_code(error.original_error)
        if code is None:
            continue
        shaped.setdefault("extensions", {})["code"] = code
        if code == "INTERNAL_SERVER_ERROR":
            shaped["message"] = "internal error"
