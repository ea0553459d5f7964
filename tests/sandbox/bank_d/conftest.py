"""Bank D fixtures; the world itself is built in ``bankd_world``."""

from bankd_world import (
    app,
    client_key,
    clock,
    faults,
    funds_client,
    http,
    ledger,
    settings,
    stranger_key,
)

__all__ = [
    "app",
    "client_key",
    "clock",
    "faults",
    "funds_client",
    "http",
    "ledger",
    "settings",
    "stranger_key",
]
