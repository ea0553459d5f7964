"""Build the loans subgraph app: Bank C client, identity verifier, schema, Starlette."""

from __future__ import annotations

from pathlib import Path

import httpx

from subgraphs.common.app import BankSubgraph
from subgraphs.loans.bank_c.client import BankCClient, BankCCredentials
from subgraphs.loans.loaders import LoanLoaders
from subgraphs.loans.schema import build_schema

__all__ = ["create_app"]


def _bank_client(http: httpx.AsyncClient, credentials_dir: Path) -> BankCClient:
    return BankCClient(http, BankCCredentials.from_dir(credentials_dir))


LOANS = BankSubgraph("loans", build_schema, _bank_client, LoanLoaders)
create_app = LOANS.create_app
