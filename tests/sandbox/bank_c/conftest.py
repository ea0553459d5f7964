"""Bank C fixtures; the world itself is built in ``bankc_world``."""

from bankc_world import (
    clock,
    faults,
    http,
    ledger,
    other_partner,
    partner,
    settings,
    world_keys,
)

__all__ = [
    "clock",
    "faults",
    "http",
    "ledger",
    "other_partner",
    "partner",
    "settings",
    "world_keys",
]
