"""Bank C: a micro-loan open platform with WeChat-Pay-v3-style signed requests and responses.

Public surface: ``create_app`` (the ASGI app), ``BankCSettings``, ``BankCKeys`` with
``generate_keys`` / ``ensure_credentials``, and ``SCHEMA`` (Bank C's own ledger tables).
"""

from sandbox.bank_c.app import create_app
from sandbox.bank_c.credentials import (
    BankCKeys,
    PartnerCredentials,
    ensure_credentials,
    generate_keys,
)
from sandbox.bank_c.settings import BankCSettings
from sandbox.bank_c.store import SCHEMA

__all__ = [
    "SCHEMA",
    "BankCKeys",
    "BankCSettings",
    "PartnerCredentials",
    "create_app",
    "ensure_credentials",
    "generate_keys",
]
