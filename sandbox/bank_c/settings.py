"""Bank C settings: one frozen object built from a mapping (env in production, dict in tests).

Keys carry the ``BANK_C_`` prefix; absent keys take the documented defaults. Key material is
not configuration: it arrives as ``BankCKeys`` (see ``credentials``).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from sandbox.bank_c.signing import SCHEME


@dataclass(frozen=True, slots=True)
class BankCSettings:
    """Tunables of the signed-request checks and the per-partner rate limit."""

    timestamp_tolerance: int = 300
    """Seconds a request ``timestamp`` may differ from server time."""
    nonce_ttl: int = 600
    """Seconds during which a partner's ``nonce_str`` may not be reused."""
    rate_limit_per_second: int = 50
    """Requests per second per ``mchid`` before HTTP 429; 0 disables the limit."""
    retry_after: int = 1
    """``Retry-After`` seconds sent with a 429."""
    scheme: str = SCHEME
    """The ``Authorization`` scheme token."""

    @classmethod
    def from_mapping(cls, values: Mapping[str, str]) -> BankCSettings:
        """Read ``BANK_C_TIMESTAMP_TOLERANCE``, ``BANK_C_NONCE_TTL``, ``BANK_C_RATE_LIMIT``,
        ``BANK_C_RETRY_AFTER`` and ``BANK_C_SCHEME``; raises ``ValueError`` on a bad number."""
        defaults = cls()

        def number(key: str, default: int) -> int:
            raw = values.get(key)
            if raw is None:
                return default
            value = int(raw)
            if value < 0:
                raise ValueError(f"{key} must not be negative")
            return value

        return cls(
            timestamp_tolerance=number("BANK_C_TIMESTAMP_TOLERANCE", defaults.timestamp_tolerance),
            nonce_ttl=number("BANK_C_NONCE_TTL", defaults.nonce_ttl),
            rate_limit_per_second=number("BANK_C_RATE_LIMIT", defaults.rate_limit_per_second),
            retry_after=number("BANK_C_RETRY_AFTER", defaults.retry_after),
            scheme=values.get("BANK_C_SCHEME", defaults.scheme),
        )
