"""Bank A: UK Open Banking v3.1.10 Account and Transaction API (AISP) over the ledger."""

from sandbox.bank_a.app import create_app
from sandbox.bank_a.settings import Settings

__all__ = ["Settings", "create_app"]
