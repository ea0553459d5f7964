"""Bank D settings, built from the sandbox mapping (``BANKGRAPH_SANDBOX_BANK_D_*``)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from sandbox.credentials import Credentials
from sandbox.faults import FaultSettings
from sandbox.settings import int_setting

PREFIX = "BANKGRAPH_SANDBOX_BANK_D_"
RATE_LIMIT_PER_SECOND = 30
"""The dialect's per-token limit (bank-dialects.md §4.7), on unless configured off."""


def _documented_faults() -> FaultSettings:
    return FaultSettings(rate_limit_per_second=RATE_LIMIT_PER_SECOND)


@dataclass(frozen=True, slots=True)
class RegisteredClient:
    """An OAuth client and the public JWKS its assertions are verified with."""

    client_id: str
    jwks: dict[str, Any]


@dataclass(frozen=True, slots=True)
class Settings:
    """public_url: Bank D's base URL, no trailing slash (issuer; ``/oauth2/token`` is the
        assertion audience).
    clients: the registered ``private_key_jwt`` clients (public keys only).
    access_token_ttl: seconds an access token works (the dialect's 900).
    refresh_token_ttl: seconds a refresh token works before it is used (rotated on use).
    code_ttl: seconds an authorization code works.
    max_assertion_lifetime: largest ``exp - iat`` of a client assertion.
    idempotency_hours: how long an ``idempotency-key`` is remembered per client.
    page_size / max_page_size: default and largest ``limit``.
    retry_after: ``Retry-After`` seconds on a 429.
    faults: fault injection; by default only the documented 30 requests/second per token.
    """

    public_url: str
    clients: tuple[RegisteredClient, ...]
    access_token_ttl: int = 900
    refresh_token_ttl: int = 30 * 24 * 3600
    code_ttl: int = 600
    max_assertion_lifetime: int = 3600
    idempotency_hours: int = 24
    page_size: int = 25
    max_page_size: int = 100
    retry_after: int = 2
    faults: FaultSettings = field(default_factory=_documented_faults)

    @property
    def token_endpoint(self) -> str:
        return self.public_url + "/oauth2/token"

    @classmethod
    def from_mapping(
        cls, mapping: Mapping[str, str], *, credentials: Credentials, public_url: str
    ) -> Settings:
        """Keys: ``..._ACCESS_TOKEN_TTL_SECONDS``, ``..._REFRESH_TOKEN_TTL_SECONDS``,
        ``..._PAGE_SIZE``, ``..._FAULT_*`` (an absent ``..._FAULT_RATE_LIMIT_PER_SECOND``
        keeps the documented 30, ``off`` disables it). Raises ``ValueError`` on a bad value."""
        client = credentials.bank_d
        return cls(
            public_url=public_url.rstrip("/"),
            clients=(RegisteredClient(client.client_id, client.client_public_jwks),),
            access_token_ttl=int_setting(
                mapping, PREFIX + "ACCESS_TOKEN_TTL_SECONDS", 900, minimum=1
            ),
            refresh_token_ttl=int_setting(
                mapping, PREFIX + "REFRESH_TOKEN_TTL_SECONDS", 30 * 24 * 3600, minimum=1
            ),
            page_size=int_setting(mapping, PREFIX + "PAGE_SIZE", 25, minimum=1),
            faults=FaultSettings.from_mapping(mapping, PREFIX + "FAULT_", _documented_faults()),
        )
