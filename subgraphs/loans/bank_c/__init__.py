"""Bank C adapter: open-platform style loans API (signed requests, fen, Asia/Shanghai time)."""

from subgraphs.loans.bank_c.client import BankCClient, BankCCredentials

__all__ = ["BankCClient", "BankCCredentials"]
