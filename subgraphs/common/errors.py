"""Errors raised by bank adapters; resolvers turn them into GraphQL errors or typed results.

BankError                  anything that went wrong talking to a bank
 ├── BankUnavailable       transport failure, timeout, 5xx or throttling after retries
 ├── BankAuthError         the bank refused our client credentials or the customer's grant
 ├── BankNotFound          the bank does not know the resource (or it is not the caller's)
 ├── BankRejected          a business refusal with the bank's own code (kept in `code`)
 └── BankProtocolError     a response we cannot trust or parse (bad signature, bad shape)
NotAuthenticated           the GraphQL caller has no verified identity
"""

from __future__ import annotations

__all__ = [
    "BankAuthError",
    "BankError",
    "BankNotFound",
    "BankProtocolError",
    "BankRejected",
    "BankUnavailable",
    "NotAuthenticated",
]


class BankError(Exception):
    """Base of all adapter failures; `bank` names the bank ("A".."D")."""

    def __init__(self, bank: str, message: str) -> None:
        super().__init__(f"Bank {bank}: {message}")
        self.bank = bank


class BankUnavailable(BankError):
    """The bank could not be reached or kept failing."""


class BankAuthError(BankError):
    """The bank refused our credentials or the customer's authorisation."""


class BankNotFound(BankError):
    """The resource does not exist at the bank (or is not the caller's)."""


class BankRejected(BankError):
    """A business refusal; `code` is the bank's own code, `field` the offending input if known."""

    def __init__(self, bank: str, code: str, message: str, field: str | None = None) -> None:
        super().__init__(bank, f"{code}: {message}")
        self.code = code
        self.detail = message
        self.field = field


class BankProtocolError(BankError):
    """A response that is malformed or fails verification; never use its data."""


class NotAuthenticated(Exception):
    """No verified identity on the request; the message says why."""
