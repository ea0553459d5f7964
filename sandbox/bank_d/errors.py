"""Bank D failures: the FDX error object, and RFC 6749 token errors.

    FdxError      -> {"code", "message", "debugMessage"} with an HTTP status (§4.7)
    OAuthError    -> {"error", "error_description"}, 401 for invalid_client, else 400
    Unauthorized  -> 401 with an RFC 6750 ``WWW-Authenticate`` header and no body

Bank D sends ``code`` as a string. Bank D's own codes are in the 3000s; ``3000`` (bad request
parameter or body), ``3009`` (insufficient cash in the settlement account) and ``3010`` (no
settlement account in the fund's currency) are sandbox additions to the documented table.
"""

from __future__ import annotations

FDX_MESSAGES = {
    "500": "Internal server error",
    "503": "Scheduled maintenance",
    "701": "Account not found",
    "702": "Invalid start or end date",
    "703": "Invalid date range",
    "705": "Account is closed",
    "706": "Access forbidden",
    "1106": "FDX version not supported",
    "1107": "Data not found for request parameters",
    "1203": "Content type not supported",
    "3000": "Invalid request parameter",
    "3001": "Fund risk level above investor risk tolerance",
    "3002": "Risk assessment expired",
    "3003": "Fund not open for this order type",
    "3004": "Below fund minimum",
    "3005": "Insufficient available units",
    "3006": "Order can no longer be cancelled",
    "3007": "Idempotency key reused with a different body",
    "3008": "Idempotency key missing",
    "3009": "Insufficient funds in settlement account",
    "3010": "No settlement account in the fund currency",
}


class FdxError(Exception):
    """An FDX error response: HTTP ``status`` and Bank D ``code``."""

    def __init__(self, status: int, code: str, debug: str = "") -> None:
        super().__init__(f"{status} {code}: {debug}")
        self.status = status
        self.code = code
        self.debug = debug

    def body(self) -> dict[str, str]:
        return {"code": self.code, "message": FDX_MESSAGES[self.code], "debugMessage": self.debug}


def bad_request(debug: str) -> FdxError:
    return FdxError(400, "3000", debug)


class OAuthError(Exception):
    """An RFC 6749 §5.2 error of the token or authorization endpoint."""

    def __init__(self, error: str, description: str) -> None:
        super().__init__(f"{error}: {description}")
        self.error = error
        self.description = description

    @property
    def status(self) -> int:
        return 401 if self.error == "invalid_client" else 400

    def body(self) -> dict[str, str]:
        return {"error": self.error, "error_description": self.description}


class Unauthorized(Exception):
    """No usable bearer token: 401, ``WWW-Authenticate`` per RFC 6750, no body."""

    def __init__(self, error: str | None = None) -> None:
        super().__init__(error or "no token")
        self.error = error

    def challenge(self) -> str:
        if self.error is None:
            return 'Bearer realm="bank-d"'
        return f'Bearer realm="bank-d", error="{self.error}"'
