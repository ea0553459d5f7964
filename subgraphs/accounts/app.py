"""Build the accounts subgraph app: Bank A client, identity verifier, schema, Starlette."""

from __future__ import annotations

from pathlib import Path

import httpx

from subgraphs.accounts.bank_a.client import BankAClient, BankACredentials
from subgraphs.accounts.loaders import AccountLoaders
from subgraphs.accounts.schema import build_schema
from subgraphs.common.app import BankSubgraph

__all__ = ["create_app"]


def _bank_client(http: httpx.AsyncClient, credentials_dir: Path) -> BankAClient:
    return BankAClient(http, BankACredentials.from_file(credentials_dir / "bank_a_client.json"))


ACCOUNTS = BankSubgraph("accounts", build_schema, _bank_client, AccountLoaders)
create_app = ACCOUNTS.create_app
