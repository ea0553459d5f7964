"""Bank C settings, built from the sandbox mapping (``BANKGRAPH_SANDBOX_BANK_C_*``)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from sandbox.bank_c.credentials import KeyRing, keys_from_credentials
from sandbox.bank_c.signing import SCHEME
from sandbox.credentials import Credentials
from sandbox.faults import FaultSettings
from sandbox.settings import int_setting

PREFIX = "BANKGRAPH_SANDBOX_BANK_C_"
RATE_LIMIT_PER_SECOND = 50
"""The dialect's per-``mchid`` limit (bank-dialects.md §3.3), on unless configured off."""


def _documented_faults() -> FaultSettings:
    return FaultSettings(rate_limit_per_second=RATE_LIMIT_PER_SECOND)


@dataclass(frozen=True, slots=True)
class Settings:
    """public_url: Bank C's base URL, no trailing slash.
    keys: partner certificates Bank C trusts and its platform signing keys (private keys are
        hidden from ``repr``).
    timestamp_tolerance: seconds a request ``timestamp`` may differ from server time.
    nonce_ttl: seconds during which a partner may not reuse a ``nonce_str``.
    retry_after: ``Retry-After`` seconds on a 429.
    scheme: the ``Authorization`` scheme token.
    faults: fault injection; by default only the documented 50 requests/second per ``mchid``.
    """

    public_url: str
    keys: KeyRing
    timestamp_tolerance: int = 300
    nonce_ttl: int = 600
    retry_after: int = 1
    scheme: str = SCHEME
    faults: FaultSettings = field(default_factory=_documented_faults)

    @classmethod
    def from_mapping(
        cls, mapping: Mapping[str, str], *, credentials: Credentials, public_url: str
    ) -> Settings:
        """Keys: ``..._TIMESTAMP_TOLERANCE``, ``..._NONCE_TTL``, ``..._RETRY_AFTER``,
        ``..._SCHEME``, ``..._FAULT_*`` (see ``FaultSettings.from_mapping``; an absent
        ``..._FAULT_RATE_LIMIT_PER_SECOND`` keeps the documented 50, ``off`` disables it).
        Raises ``ValueError`` on a bad value."""
        return cls(
            public_url=public_url.rstrip("/"),
            keys=keys_from_credentials(credentials.bank_c),
            timestamp_tolerance=int_setting(
                mapping, PREFIX + "TIMESTAMP_TOLERANCE", 300, minimum=0
            ),
            nonce_ttl=int_setting(mapping, PREFIX + "NONCE_TTL", 600, minimum=0),
            retry_after=int_setting(mapping, PREFIX + "RETRY_AFTER", 1, minimum=0),
            scheme=mapping.get(PREFIX + "SCHEME") or SCHEME,
            faults=FaultSettings.from_mapping(mapping, PREFIX + "FAULT_", _documented_faults()),
        )
