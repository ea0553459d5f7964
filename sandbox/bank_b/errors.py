"""Bank B's error answers (Berlin Group `tppMessages`, or no body) as exceptions.

BankBError
├── TppError    -> status + {"tppMessages": [{category: ERROR, code, path?, text}]}
└── Bodiless    -> status without body (406, 415, 429)
"""

from __future__ import annotations

import orjson
from starlette.responses import Response


class BankBError(Exception):
    def response(self) -> Response:
        raise NotImplementedError


class TppError(BankBError):
    def __init__(self, status: int, code: str, text: str, path: str | None = None) -> None:
        super().__init__(text)
        self.status, self.code, self.text, self.path = status, code, text, path

    def response(self) -> Response:
        return tpp_error_response(self.status, self.code, self.text, self.path)


class Bodiless(BankBError):
    def __init__(self, status: int) -> None:
        super().__init__(str(status))
        self.status = status

    def response(self) -> Response:
        return Response(status_code=self.status)


def tpp_error_response(status: int, code: str, text: str, path: str | None = None) -> Response:
    message = {"category": "ERROR", "code": code, "text": text[:500]}
    if path:
        message["path"] = path
    return Response(orjson.dumps({"tppMessages": [message]}), status_code=status,
                    media_type="application/json")  # fmt: skip


def format_error(path: str, text: str) -> TppError:
    return TppError(400, "FORMAT_ERROR", text, path)


def not_consistent(path: str, text: str) -> TppError:
    return TppError(400, "PARAMETER_NOT_CONSISTENT", text, path)
