"""Bank D: FDX v5 investment accounts with Chinese fund-distribution rules, behind OAuth2
with ``private_key_jwt`` client authentication.

Public surface, per the bank convention of ``sandbox/__init__.py``: ``Settings``
(``Settings.from_mapping(mapping, *, credentials, public_url)``), ``RegisteredClient`` and
``create_app(settings, ledger)``; ``SCHEMA`` is Bank D's own ledger table.
"""

from sandbox.bank_d.app import create_app
from sandbox.bank_d.settings import RegisteredClient, Settings
from sandbox.bank_d.store import SCHEMA

__all__ = ["SCHEMA", "RegisteredClient", "Settings", "create_app"]
