"""Bank B in process over the seeded ledger; status steps need one poll (step_seconds=0
would finish a payment on its first read, which some tests want: see `fast_bank_b`)."""

from __future__ import annotations

from collections.abc import AsyncIterator

import httpx
import pytest
from bankb_client import URL, BankB

from sandbox.bank_b import Settings, create_app
from sandbox.credentials import Credentials
from sandbox.ledger import Ledger


def _client(app: object, credentials: Credentials) -> httpx.AsyncClient:
    return httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url=URL)  # type: ignore[arg-type]


@pytest.fixture
def bank_b_app(ledger: Ledger, credentials: Credentials) -> object:
    return create_app(Settings(public_url=URL, client=credentials.bank_b, step_seconds=2), ledger)


@pytest.fixture
async def bank_b(bank_b_app: object, credentials: Credentials) -> AsyncIterator[BankB]:
    async with _client(bank_b_app, credentials) as client:
        yield BankB(client, credentials)
