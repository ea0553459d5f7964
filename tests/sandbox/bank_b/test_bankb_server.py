"""Bank B under uvicorn on a free loopback port: concurrent retries and concurrent payments
that together exceed the balance never pay twice nor overdraw."""

from __future__ import annotations

import asyncio
import contextlib
import socket
import uuid
from collections.abc import AsyncIterator, Iterator
from decimal import Decimal

import httpx
import uvicorn
from bankb_client import PIS, eur_account, payment_body

from sandbox.bank_b import Settings, create_app
from sandbox.credentials import Credentials
from sandbox.ledger import Ledger


class _Server(uvicorn.Server):
    @contextlib.contextmanager
    def capture_signals(self) -> Iterator[None]:
        yield


@contextlib.asynccontextmanager
async def served(app: object) -> AsyncIterator[str]:
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.bind(("127.0.0.1", 0))
    server = _Server(uvicorn.Config(app, log_level="warning", lifespan="on"))  # type: ignore[arg-type]
    task = asyncio.create_task(server.serve(sockets=[sock]))
    try:
        while not server.started:
            await asyncio.sleep(0.01)
        yield f"http://127.0.0.1:{sock.getsockname()[1]}"
    finally:
        server.should_exit = True
        await task
        sock.close()


def open_payments(ledger: Ledger) -> int:
    with ledger.transaction() as tx:
        return int(
            tx.execute(
                "SELECT COUNT(*) FROM bank_b_payments WHERE status NOT IN ('ACSC', 'RJCT', 'CANC')"
            ).fetchone()[0]
        )


async def test_concurrent_requests_over_real_http(
    ledger: Ledger, credentials: Credentials, clock
) -> None:
    debtor = eur_account(ledger, "alice")
    balance = ledger.balance(debtor.id)
    app = create_app(
        Settings(
            public_url="http://unused",
            client=credentials.bank_b,
            step_seconds=0.05,
            tick_seconds=0.02,
        ),
        ledger,
    )
    async with served(app) as url, httpx.AsyncClient(base_url=url) as http:
        token = (
            await http.post(
                "/oauth2/token",
                data={
                    "grant_type": "client_credentials",
                    "client_id": credentials.bank_b.client_id,
                    "client_secret": str(credentials.bank_b.client_secret),
                },
            )
        ).json()["access_token"]
        base = {
            "Authorization": f"Bearer {token}",
            "PSU-IP-Address": "192.0.2.1",
            "PSU-ID": "alice",
            "TPP-Redirect-URI": "https://tpp.test/ok",
        }
        retry = {**base, "X-Request-ID": str(uuid.uuid4())}
        body = payment_body(debtor.iban or "", amount="1.00")
        retries = await asyncio.gather(
            *(http.post(PIS, json=body, headers=retry) for _ in range(8))
        )
        assert {r.status_code for r in retries} == {201}
        assert len({r.json()["paymentId"] for r in retries}) == 1
        big = str((balance * Decimal("0.6")).quantize(Decimal("0.01")))
        rivals = await asyncio.gather(
            *(
                http.post(
                    PIS,
                    json=payment_body(debtor.iban or "", amount=big),
                    headers={**base, "X-Request-ID": str(uuid.uuid4())},
                )
                for _ in range(6)
            )
        )
        ids = [r.json()["paymentId"] for r in rivals]
        for _ in range(200):  # nobody polls: the lifespan ticker must settle them
            if open_payments(ledger) == 0:
                break
            clock.advance(0.05)  # ledger time passes; only the ticker moves payments on
            await asyncio.sleep(0.02)
        statuses = [
            (
                await http.get(
                    f"{PIS}/{pid}/status", headers={**base, "X-Request-ID": str(uuid.uuid4())}
                )
            ).json()["transactionStatus"]
            for pid in ids
        ]
    assert sorted(statuses) == ["ACSC"] + ["RJCT"] * 5
    assert ledger.balance(debtor.id) == balance - Decimal("1.00") - Decimal(big)
    assert all(total == 0 for total in ledger.totals().values())
