"""Bank A in process over the seeded ledger: with the default page sizes (`bank_a`) and with
small pages (`bank_a_small`) so that the bulk lists of the seeded world span several pages."""

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
    return create_app(Settings(public_url=URL, client=credentials.bank_a), ledger)


@pytest.fixture
async def bank_a(bank_a_app: object, credentials: Credentials) -> AsyncIterator[BankA]:
    transport = httpx.ASGITransport(app=bank_a_app)  # type: ignore[arg-type]
    async with httpx.AsyncClient(transport=transport, base_url=URL) as client:
        yield BankA(client, credentials)


@pytest.fixture
async def bank_a_small(ledger: Ledger, credentials: Credentials) -> AsyncIterator[BankA]:
    """Bank A with 10 records a per-account page and 25 a bulk page."""
    settings = Settings(public_url=URL, client=credentials.bank_a, page_size=10, bulk_page_size=25)
    transport = httpx.ASGITransport(app=create_app(settings, ledger))  # type: ignore[arg-type]
    async with httpx.AsyncClient(transport=transport, base_url=URL) as client:
        yield BankA(client, credentials)
