"""Build the funds subgraph app: Bank D client, identity verifier, schema, Starlette."""

from __future__ import annotations

from pathlib import Path

import httpx

from subgraphs.common.app import BankSubgraph
from subgraphs.funds.bank_d.client import BankDClient, BankDCredentials
from subgraphs.funds.loaders import FundLoaders
from subgraphs.funds.schema import build_schema

__all__ = ["create_app"]


def _bank_client(http: httpx.AsyncClient, credentials_dir: Path) -> BankDClient:
    return BankDClient(http, BankDCredentials.from_dir(credentials_dir))


FUNDS = BankSubgraph("funds", build_schema, _bank_client, FundLoaders)
create_app = FUNDS.create_app
