"""Bank C: a micro-loan open platform with WeChat-Pay-v3-style signed requests and responses.

Public surface, per the bank convention of ``sandbox/__init__.py``: ``Settings``
(``Settings.from_mapping(mapping, *, credentials, public_url)``) and
``create_app(settings, ledger)``; plus ``KeyRing`` / ``generate_keys`` for tests that need
several partners, and ``SCHEMA`` (Bank C's own ledger tables).
"""

from sandbox.bank_c.app import create_app
from sandbox.bank_c.credentials import KeyRing, PartnerCredentials, generate_keys
from sandbox.bank_c.settings import Settings
from sandbox.bank_c.store import SCHEMA

__all__ = ["SCHEMA", "KeyRing", "PartnerCredentials", "Settings", "create_app", "generate_keys"]
