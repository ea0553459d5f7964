"""Progressive override: which ``@override(label:)`` labels are enabled for a request (4.11).

Deterministic and configurable: a label in `OverridePolicy.enabled` is always on, one in
`OverridePolicy.disabled` always off (``disabled`` wins); any other ``percent(x)`` label is on
when a stable hash of (label, request key) falls below ``x`` percent, so one key (a user, a
session, a request id) always gets the same answer and about ``x`` % of keys get it enabled;
other named labels are off.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

__all__ = ["OverridePolicy"]

_PERCENT = re.compile(r"^percent\((?P<value>[0-9]+(?:\.[0-9]{1,8})?)\)$")
_BUCKETS = 10**10  # hash buckets: resolution finer than percent's 8 decimals on 0..100


@dataclass(frozen=True, slots=True)
class OverridePolicy:
    """Labels forced on (``enabled``) or off (``disabled``); the rest follow ``percent(x)``."""

    enabled: frozenset[str] = frozenset()
    disabled: frozenset[str] = frozenset()

    def enabled_labels(self, labels: frozenset[str], key: str) -> frozenset[str]:
        """The subset of the supergraph's ``labels`` enabled for requests keyed ``key``."""
        return frozenset(label for label in labels if self._enabled(label, key))

    def _enabled(self, label: str, key: str) -> bool:
        if label in self.disabled:
            return False
        if label in self.enabled:
            return True
        percent = _percent(label)
        if percent is None:
            return False
        digest = hashlib.sha256(f"{label}\x00{key}".encode()).digest()
        bucket = int.from_bytes(digest[:8], "big") % _BUCKETS
        return Decimal(bucket) * 100 < percent * _BUCKETS


def _percent(label: str) -> Decimal | None:
    match = _PERCENT.match(label)
    if match is None:
        return None
    try:
        value = Decimal(match["value"])
    except InvalidOperation:
        return None
    return value if value <= 100 else None
