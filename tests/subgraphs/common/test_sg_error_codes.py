"""Error codes on GraphQL errors; unexpected exceptions are masked."""

from __future__ import annotations

import pytest
from graphql import GraphQLError

from subgraphs.common.error_codes import error_code, shape_errors
from subgraphs.common.errors import BankNotFound, BankUnavailable, NotAuthenticated
from subgraphs.common.relay import InvalidCursor


@pytest.mark.parametrize(
    ("error", "code"),
    [
        (NotAuthenticated("x"), "UNAUTHENTICATED"),
        (BankUnavailable("A", "down"), "BANK_UNAVAILABLE"),
        (BankNotFound("C", "gone"), "NOT_FOUND"),
        (InvalidCursor("bad"), "BAD_USER_INPUT"),
        (KeyError("secret-ish"), "INTERNAL_SERVER_ERROR"),
        (None, None),
        (GraphQLError("validation"), None),
    ],
)
def test_codes(error: BaseException | None, code: str | None) -> None:
    assert error_code(error) == code


def test_unexpected_errors_are_masked() -> None:
    errors = [
        GraphQLError("KeyError: 'client_secret'", original_error=KeyError("client_secret")),
        GraphQLError("Bank A: HTTP 503", original_error=BankUnavailable("A", "HTTP 503")),
        GraphQLError("Cannot query field"),
    ]
    formatted = [dict(e.formatted) for e in errors]
    shape_errors(errors, formatted)
    assert formatted[0]["message"] == "internal error"
    assert formatted[0]["extensions"] == {"code": "INTERNAL_SERVER_ERROR"}
    assert formatted[1]["message"] == "Bank A: HTTP 503"
    assert formatted[1]["extensions"] == {"code": "BANK_UNAVAILABLE"}
    assert "extensions" not in formatted[2]
