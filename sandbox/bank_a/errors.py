"""Bank A's error responses (UK OB `OBErrorResponse1`, or no body) as exceptions.

BankAError
├── ObError       -> status + OBErrorResponse1 {Code, Id, Message, Errors[]}
└── Bodiless      -> status with no body (401, 404, 405, 406, 415, 429, 503)
"""

from __future__ import annotations

import uuid
from http import HTTPStatus

import orjson
from starlette.responses import Response


class BankAError(Exception):
    """Base of Bank A refusals; `response()` renders the dialect's answer."""

    def response(self) -> Response:
        raise NotImplementedError


class ObError(BankAError):
    """An `OBErrorResponse1` with one `Errors[]` entry."""

    def __init__(self, status: int, error_code: str, message: str, path: str | None = None):
        super().__init__(message)
        self.status, self.error_code, self.message, self.path = status, error_code, message, path

    def response(self) -> Response:
        return ob_error_response(self.status, self.error_code, self.message, self.path)


class Bodiless(BankAError):
    """A status the dialect answers without a body."""

    def __init__(self, status: int, headers: dict[str, str] | None = None):
        super().__init__(str(status))
        self.status, self.headers = status, headers or {}

    def response(self) -> Response:
        return Response(status_code=self.status, headers=self.headers)


def ob_error_response(
    status: int, error_code: str, message: str, path: str | None = None
) -> Response:
    """`{Code: "<status> <Reason>", Id: uuid, Message, Errors: [{ErrorCode, Message, Path?}]}`."""
    reason = HTTPStatus(status).phrase.replace(" ", "")
    item = {"ErrorCode": error_code, "Message": message[:500]}
    if path:
        item["Path"] = path
    body = {"Code": f"{status} {reason}", "Id": str(uuid.uuid4()), "Message": message[:500],
            "Errors": [item]}  # fmt: skip
    return Response(orjson.dumps(body), status_code=status, media_type="application/json")


def field_missing(path: str) -> ObError:
    return ObError(400, "UK.OBIE.Field.Missing", f"{path} is required", path)


def field_invalid(path: str, message: str) -> ObError:
    return ObError(400, "UK.OBIE.Field.Invalid", message, path)


def not_found(path: str, what: str) -> ObError:
    return ObError(400, "UK.OBIE.Resource.NotFound", f"{what} not found", path)


def consent_mismatch(message: str) -> ObError:
    return ObError(403, "UK.OBIE.Resource.ConsentMismatch", message)
