"""The accounts subgraph: customers, accounts, balances and transactions from Bank A."""
