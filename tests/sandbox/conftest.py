"""Shared sandbox fixtures: a seeded in-memory ledger on a movable clock, credentials,
and in-process clients for the IdP and the banks (httpx.ASGITransport)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, date, datetime, timedelta

import httpx
import pytest

from sandbox.credentials import Credentials, generate_credentials
from sandbox.ledger import Ledger
from sandbox.seed import seed_world

AS_OF = date(2026, 6, 15)
"""The seeded history ends the day before; the clock starts at 10:00 UTC on this day."""


class FakeClock:
    """A settable ledger clock."""

    def __init__(self, start: datetime) -> None:
        self.moment = start

    def __call__(self) -> datetime:
        return self.moment

    def advance(self, seconds: float) -> None:
        self.moment += timedelta(seconds=seconds)


@pytest.fixture(scope="session")
def credentials() -> Credentials:
    return generate_credentials()


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(datetime(2026, 6, 15, 10, 0, tzinfo=UTC))


@pytest.fixture
def ledger(clock: FakeClock) -> Ledger:
    ledger = Ledger.open(":memory:", clock=clock)
    seed_world(ledger, seed=7, as_of=AS_OF)
    yield ledger
    ledger.close()


def asgi_client(app: object, base_url: str) -> httpx.AsyncClient:
    """An httpx client talking to `app` in process."""
    return httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url=base_url)


@pytest.fixture
async def idp_client(ledger: Ledger, credentials: Credentials) -> AsyncIterator[httpx.AsyncClient]:
    from sandbox.idp import IdpSettings, create_app

    app = create_app(IdpSettings("http://idp.test", credentials.idp), ledger)
    async with asgi_client(app, "http://idp.test") as client:
        yield client
