"""Bank B adapter: Berlin Group NextGenPSD2 1.3.x Payment Initiation (sepa-credit-transfers)."""

from subgraphs.payments.bank_b.client import BankBClient, BankBCredentials

__all__ = ["BankBClient", "BankBCredentials"]
