"""What Bank A remembers about its TPP: consents, tokens, codes (per app, in memory).

Tokens and consents do not outlive the process: after a restart the TPP runs the consent
flow again, as after a PSU re-authentication window.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass, field
from datetime import datetime

PERMISSIONS = frozenset(
    {
        "ReadAccountsBasic", "ReadAccountsDetail", "ReadBalances", "ReadBeneficiariesBasic",
        "ReadBeneficiariesDetail", "ReadDirectDebits", "ReadOffers", "ReadPAN", "ReadParty",
        "ReadPartyPSU", "ReadProducts", "ReadScheduledPaymentsBasic",
        "ReadScheduledPaymentsDetail", "ReadStandingOrdersBasic", "ReadStandingOrdersDetail",
        "ReadStatementsBasic", "ReadStatementsDetail", "ReadTransactionsBasic",
        "ReadTransactionsCredits", "ReadTransactionsDebits", "ReadTransactionsDetail",
    }
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class Consent:
    """An account-access consent; `psu_id`/`account_ids` are set when authorised."""

    consent_id: str
    client_id: str
    permissions: tuple[str, ...]
    created_at: datetime
    status: str
    status_updated_at: datetime
    expiration: datetime | None = None
    transaction_from: datetime | None = None
    transaction_to: datetime | None = None
    raw_dates: dict[str, str] = field(default_factory=dict)
    psu_id: str | None = None
    account_ids: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class AccessToken:
    """A bearer token; `consent_id` None means a client-credentials token."""

    value: str
    client_id: str
    expires_at: datetime
    consent_id: str | None
    scope: str


@dataclass(frozen=True, slots=True)
class AuthCode:
    """A one-time authorisation code bound to client, redirect URI and consent."""

    value: str
    client_id: str
    redirect_uri: str
    consent_id: str
    expires_at: datetime


@dataclass(frozen=True, slots=True)
class RefreshToken:
    value: str
    client_id: str
    consent_id: str
    expires_at: datetime


class AuthState:
    """Consents, access tokens, codes and refresh tokens of one Bank A app."""

    def __init__(self) -> None:
        self.consents: dict[str, Consent] = {}
        self.tokens: dict[str, AccessToken] = {}
        self.codes: dict[str, AuthCode] = {}
        self.refresh_tokens: dict[str, RefreshToken] = {}


def new_secret() -> str:
    """An unguessable opaque token value."""
    return secrets.token_urlsafe(32)
