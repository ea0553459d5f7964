"""The customer's Bank A account named by a money-moving mutation of another bank (pure).

Loans (Bank C) and funds (Bank D) move money to or from a Bank A account the client names by its
`Account` global id. Both banks list the customer's Bank A accounts ([Sandbox] extensions), so a
mutation can refuse an account that is not the caller's, is in the wrong currency or is not
enabled, as typed input errors, before any money-moving call.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from subgraphs.common.ids import InvalidGlobalId, decode_global_id
from subgraphs.common.validation import InputError

__all__ = ["LinkedAccount", "account_local_id", "check_linked_account"]


@dataclass(frozen=True, slots=True)
class LinkedAccount:
    """A Bank A account of the customer as another bank reports it; `usable` when enabled."""

    account_id: str
    currency: str
    usable: bool


def account_local_id(global_id: str, field: str) -> str:
    """The Bank A `AccountId` inside an `Account` global id; InputError(field) otherwise."""
    try:
        return decode_global_id(global_id, "Account", "A").local_id
    except InvalidGlobalId as error:
        raise InputError(field, f"{field}: {error}") from error


def check_linked_account(
    account_id: str, field: str, currency: str, accounts: Sequence[LinkedAccount], purpose: str
) -> LinkedAccount:
    """The customer's account `account_id` if it is enabled and in `currency`; else InputError.

    `accounts` are the caller's own accounts, so another customer's id is simply unknown here.
    `purpose` completes the currency message ("loan repayments", "fund 000198 orders").
    """
    found = next((a for a in accounts if a.account_id == account_id), None)
    if found is None:
        raise InputError(field, f"{field} is not one of your accounts")
    if found.currency != currency:
        raise InputError(
            field, f"{field} is a {found.currency} account; {purpose} settle in {currency}"
        )
    if not found.usable:
        raise InputError(field, f"{field} is not enabled")
    return found
