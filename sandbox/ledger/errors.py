"""Errors the ledger raises: every refusal leaves the ledger unchanged.

LedgerError
├── InvalidAmount         amount not positive, too precise, too large, or not a Decimal
├── UnknownCurrency       currency code the ledger does not keep
├── UnknownCustomer       no customer with that id
├── UnknownAccount        no account with that id / IBAN / card number
├── CurrencyMismatch      accounts or amount in different currencies (no FX in the sandbox)
├── InsufficientFunds     the debit would take an account below its minimum balance
├── AccountNotEnabled     the account is not `Enabled`
├── DuplicateRecord       a row with that id already exists
└── IdempotencyConflict   an idempotency key reused for a different request
"""

from __future__ import annotations


class LedgerError(Exception):
    """Base of every ledger refusal. The ledger is unchanged when one is raised."""


class InvalidAmount(LedgerError):
    """The amount is not a positive Decimal with at most the currency's minor-unit digits."""


class UnknownCurrency(LedgerError):
    """The currency is not one the ledger keeps (see `money.CURRENCY_EXPONENTS`)."""


class UnknownCustomer(LedgerError):
    """No customer has this id."""


class UnknownAccount(LedgerError):
    """No account matches this id, IBAN or card number."""


class CurrencyMismatch(LedgerError):
    """A move between accounts of different currencies, or an amount in another currency."""


class InsufficientFunds(LedgerError):
    """The debit would take the account below its `min_balance`."""


class AccountNotEnabled(LedgerError):
    """Money can only move to or from accounts whose status is `Enabled`."""


class DuplicateRecord(LedgerError):
    """A customer, account or catalogue row with this id already exists."""


class IdempotencyConflict(LedgerError):
    """The idempotency key was already used with a different request fingerprint."""
