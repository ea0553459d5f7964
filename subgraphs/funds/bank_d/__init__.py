"""Bank D adapter: FDX v5 investment accounts plus Bank D fund-distribution extensions."""

from subgraphs.funds.bank_d.client import BankDClient, BankDCredentials

__all__ = ["BankDClient", "BankDCredentials"]
