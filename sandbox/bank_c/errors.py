"""Bank C result codes (bank-dialects.md §3.3) and the one exception that carries them.

``BankCError`` is raised by validation, authentication and business rules and rendered by the
app as a ``code`` / ``message`` / ``sub_code`` / ``sub_message`` envelope inside HTTP 200.
"""

from __future__ import annotations

MESSAGES = {
    "10000": "Success",
    "20000": "Service Currently Unavailable",
    "20001": "Insufficient Token Permissions",
    "40001": "Missing Required Arguments",
    "40002": "Invalid Arguments",
    "40004": "Business Failed",
    "40006": "Insufficient Permissions",
}


class BankCError(Exception):
    """A failed call: ``code`` is the gateway code, ``sub_code`` the UPPER_SNAKE detail."""

    def __init__(self, code: str, sub_code: str, sub_message: str) -> None:
        super().__init__(f"{code}/{sub_code}: {sub_message}")
        self.code = code
        self.sub_code = sub_code
        self.sub_message = sub_message


def auth_error(sub_code: str, sub_message: str) -> BankCError:
    return BankCError("20001", sub_code, sub_message)


def missing(field: str) -> BankCError:
    return BankCError("40001", "PARAM_MISSING", f"缺少必选参数 {field} (missing {field})")


def invalid(field: str, why: str) -> BankCError:
    return BankCError("40002", "PARAM_INVALID", f"参数 {field} 不合法: {why}")


def refused(sub_code: str, sub_message: str) -> BankCError:
    return BankCError("40004", sub_code, sub_message)


def envelope_failure(error: BankCError, request_id: str) -> dict[str, str]:
    """The failure envelope: no ``data``; ``sub_code`` and ``sub_message`` added."""
    return {
        "code": error.code,
        "message": MESSAGES[error.code],
        "request_id": request_id,
        "sub_code": error.sub_code,
        "sub_message": error.sub_message,
    }


def envelope_success(data: object, request_id: str) -> dict[str, object]:
    return {"code": "10000", "message": MESSAGES["10000"], "request_id": request_id, "data": data}
