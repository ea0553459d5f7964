"""Bank B: Berlin Group NextGenPSD2 1.3.x Payment Initiation (`sepa-credit-transfers`),
settling on the PSU's Bank A EUR account in the ledger."""

from sandbox.bank_b.app import create_app
from sandbox.bank_b.settings import Settings

__all__ = ["Settings", "create_app"]
