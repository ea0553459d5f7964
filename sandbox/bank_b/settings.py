"""Bank B settings, built from the sandbox mapping (`BANKGRAPH_SANDBOX_BANK_B_*`)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from sandbox.credentials import Credentials, OAuthClient
from sandbox.faults import FaultSettings

PREFIX = "BANKGRAPH_SANDBOX_BANK_B_"


@dataclass(frozen=True, slots=True)
class Settings:
    """public_url: Bank B's base URL, no trailing slash (absolute `scaRedirect` links).
    client: the one registered TPP (client_secret_post).
    step_seconds: a payment status moves on once it has been reported by a status read, or
        after this many seconds (the dialect's two seconds; 0 in fast tests).
    auto_sca: SCA approves itself (the contract's default); otherwise only `/sca/{id}` does.
    sca_timeout_seconds: an SCA not finished in time rejects the payment (15 minutes).
    tick_seconds: how often the background task advances payments nobody polls.
    access_token_ttl_seconds: lifetime of access tokens.
    faults: fault injection (off by default)."""

    public_url: str
    client: OAuthClient
    step_seconds: float = 2.0
    auto_sca: bool = True
    sca_timeout_seconds: int = 900
    tick_seconds: float = 1.0
    access_token_ttl_seconds: int = 3600
    faults: FaultSettings = field(default_factory=FaultSettings)

    @classmethod
    def from_mapping(
        cls, mapping: Mapping[str, str], *, credentials: Credentials, public_url: str
    ) -> Settings:
        """Keys: `..._STEP_SECONDS`, `..._AUTO_SCA` (true/false), `..._TICK_SECONDS`,
        `..._FAULT_*` (see `FaultSettings.from_mapping`)."""
        step = mapping.get(PREFIX + "STEP_SECONDS")
        tick = mapping.get(PREFIX + "TICK_SECONDS")
        auto = (mapping.get(PREFIX + "AUTO_SCA") or "true").strip().lower()
        if auto not in {"true", "false", "1", "0"}:
            raise ValueError(f"{PREFIX}AUTO_SCA must be true or false")
        return cls(
            public_url=public_url.rstrip("/"),
            client=credentials.bank_b,
            step_seconds=float(step) if step else 2.0,
            auto_sca=auto in {"true", "1"},
            tick_seconds=float(tick) if tick else 1.0,
            faults=FaultSettings.from_mapping(mapping, PREFIX + "FAULT_"),
        )
