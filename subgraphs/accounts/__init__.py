"""The accounts subgraph: customers, accounts, balances and transactions from Bank A."""

from subgraphs.accounts.app import create_app

__all__ = ["create_app"]
