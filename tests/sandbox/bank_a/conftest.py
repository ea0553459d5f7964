"""Bank A in process over the seeded ledger."""

from __future__ import annotations

from collections.abc import AsyncIterator

import httpx
import pytest
from banka_client import URL, BankA

from sandbox.bank_a import Settings, create_app
from sandbox.credentials import Credentials
from sandbox.ledger import Ledger


@pytest.fixture
def bank_a_app(ledger: Ledger, credentials: Credentials) -> object:
    return create_app(Settings(public_url=URL, client=credentials.bank_a, page_size=25), ledger)


@pytest.fixture
async def bank_a(bank_a_app: object, credentials: Credentials) -> AsyncIterator[BankA]:
    transport = httpx.ASGITransport(app=bank_a_app)  # type: ignore[arg-type]
    async with httpx.AsyncClient(transport=transport, base_url=URL) as client:
        yield BankA(client, credentials)
