"""Build the payments subgraph app: Bank B client, identity verifier, schema, Starlette."""

from __future__ import annotations

from pathlib import Path

import httpx

from subgraphs.common.app import BankSubgraph
from subgraphs.payments.bank_b.client import BankBClient, BankBCredentials
from subgraphs.payments.loaders import PaymentLoaders
from subgraphs.payments.schema import build_schema

__all__ = ["create_app"]


def _bank_client(http: httpx.AsyncClient, credentials_dir: Path) -> BankBClient:
    return BankBClient(http, BankBCredentials.from_file(credentials_dir / "bank_b_client.json"))


PAYMENTS = BankSubgraph("payments", build_schema, _bank_client, PaymentLoaders)
create_app = PAYMENTS.create_app
