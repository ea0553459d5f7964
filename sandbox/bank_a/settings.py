"""Bank A settings, built from the sandbox mapping (`BANKGRAPH_SANDBOX_BANK_A_*`)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from sandbox.credentials import Credentials, OAuthClient
from sandbox.faults import FaultSettings

PREFIX = "BANKGRAPH_SANDBOX_BANK_A_"


@dataclass(frozen=True, slots=True)
class Settings:
    """public_url: Bank A's base URL, no trailing slash (issuer of its tokens).
    client: the one registered TPP (client_secret_basic).
    default_psu: customer approved at /authorize when no `login_hint` is given.
    access_token_ttl_seconds: lifetime of access tokens (client-credentials and PSU).
    refresh_token_ttl_seconds: lifetime of refresh tokens (the PSU re-authentication window).
    page_size: records per page of per-account lists (`/accounts/{AccountId}/...`; OB's 25).
    bulk_page_size: records per page of the bulk lists `/accounts`, `/balances` and
        `/transactions` (OB allows 25-1000; the sandbox uses the top of that range).
    faults: fault injection (off by default)."""

    public_url: str
    client: OAuthClient
    default_psu: str = "alice"
    access_token_ttl_seconds: int = 3600
    refresh_token_ttl_seconds: int = 90 * 24 * 3600
    page_size: int = 25
    bulk_page_size: int = 1000
    faults: FaultSettings = field(default_factory=FaultSettings)

    def __post_init__(self) -> None:
        if self.page_size < 1 or self.bulk_page_size < 1:
            raise ValueError("Bank A page sizes must be positive")

    @classmethod
    def from_mapping(
        cls, mapping: Mapping[str, str], *, credentials: Credentials, public_url: str
    ) -> Settings:
        """Keys: `..._DEFAULT_PSU`, `..._ACCESS_TOKEN_TTL_SECONDS`, `..._PAGE_SIZE`,
        `..._BULK_PAGE_SIZE`, `..._FAULT_*` (see `FaultSettings.from_mapping`)."""
        ttl = mapping.get(PREFIX + "ACCESS_TOKEN_TTL_SECONDS")
        page = mapping.get(PREFIX + "PAGE_SIZE")
        bulk_page = mapping.get(PREFIX + "BULK_PAGE_SIZE")
        return cls(
            public_url=public_url.rstrip("/"),
            client=credentials.bank_a,
            default_psu=mapping.get(PREFIX + "DEFAULT_PSU") or "alice",
            access_token_ttl_seconds=int(ttl) if ttl else 3600,
            page_size=int(page) if page else 25,
            bulk_page_size=int(bulk_page) if bulk_page else 1000,
            faults=FaultSettings.from_mapping(mapping, PREFIX + "FAULT_"),
        )
