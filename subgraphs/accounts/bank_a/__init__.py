"""Bank A adapter: UK Open Banking v3.1.10 Account and Transaction API (AISP)."""

from subgraphs.accounts.bank_a.client import BankAClient, BankACredentials

__all__ = ["BankAClient", "BankACredentials"]
