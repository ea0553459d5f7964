"""Property: any interleaving of fund orders, retries, cancellations and the passing of time
conserves money, keeps every balance within its limit and every position consistent."""

from __future__ import annotations

import asyncio
from decimal import Decimal
from typing import Any

import httpx
from bankd_world import (
    BASE,
    CLIENT_ID,
    START,
    Clock,
    FundsClient,
    bank_settings,
    bearer,
    seed_investors,
)
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from joserfc.jwk import RSAKey

from sandbox.bank_d import RegisteredClient, create_app
from sandbox.faults import FaultSettings
from sandbox.ledger import Ledger

ORDERS = "/bankd/v1/accounts/inv-chen/fund-orders"
FUNDS = ("660012", "000001", "161130")
OPERATION = st.one_of(
    st.tuples(st.just("buy"), st.sampled_from(FUNDS), st.integers(500, 400_000), st.booleans()),
    st.tuples(st.just("sell"), st.sampled_from(FUNDS), st.integers(100, 80_000), st.booleans()),
    st.tuples(st.just("cancel"), st.integers(0, 20), st.just(0), st.just(False)),
    st.tuples(st.just("wait"), st.sampled_from(FUNDS), st.integers(1, 80), st.just(False)),
)


@settings(
    max_examples=50, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(operations=st.lists(OPERATION, max_size=14))
def test_orders_conserve_money(client_key: RSAKey, operations: list[tuple[Any, ...]]) -> None:
    asyncio.run(_scenario(client_key, operations))


async def _scenario(client_key: RSAKey, operations: list[tuple[Any, ...]]) -> None:
    clock = Clock(START)
    with Ledger.open(":memory:", clock=clock) as ledger:
        create_app(bank_settings(ledger, None), ledger)
        seed_investors(ledger)
        jwks = {"keys": [client_key.as_dict(private=False)]}
        settings_ = bank_settings(ledger, jwks, faults=FaultSettings())
        assert settings_.clients == (RegisteredClient(CLIENT_ID, jwks),)
        transport = httpx.ASGITransport(app=create_app(settings_, ledger))
        async with httpx.AsyncClient(transport=transport, base_url=BASE) as http:
            client = FundsClient(http, client_key, clock)
            for number, operation in enumerate(operations):
                await _apply(client, clock, number, operation)
                _check(ledger)
            clock.advance(days=12)
            token = await client.customer_token("chen")
            listed = (await http.get(f"{ORDERS}?limit=100", headers=bearer(token))).json()
            assert all(order["status"] != "SUBMITTED" for order in listed["orders"])
            _check(ledger)


async def _apply(client: FundsClient, clock: Clock, number: int, op: tuple[Any, ...]) -> None:
    kind, fund, quantity, retry = op
    if kind == "wait":
        clock.advance(hours=quantity)
        return
    token = await client.customer_token("chen")
    if kind == "cancel":
        listed = (await client.http.get(f"{ORDERS}?limit=100", headers=bearer(token))).json()
        if listed["orders"]:
            order_id = listed["orders"][fund % len(listed["orders"])]["orderId"]
            response = await client.http.delete(f"{ORDERS}/{order_id}", headers=bearer(token))
            assert response.status_code in (200, 409)
        return
    field = "amount" if kind == "buy" else "units"
    value = Decimal(quantity).scaleb(-2)
    body = (f'{{"fundCode":"{fund}","orderType":"{kind.upper()}",'
            f'"{field}":{value},"riskMismatchAcknowledged":true}}')  # fmt: skip
    headers = bearer(token, **{"idempotency-key": f"op-{number}",
                               "Content-Type": "application/json"})  # fmt: skip
    first = await client.http.post(ORDERS, content=body.encode(), headers=headers)
    assert first.status_code in (201, 400, 403, 409), first.text
    event(f"{kind} -> {first.status_code}")
    if retry:
        again = await client.http.post(ORDERS, content=body.encode(), headers=headers)
        if first.status_code == 201:
            assert (again.status_code, again.content) == (201, first.content)


def _check(ledger: Ledger) -> None:
    assert all(total == 0 for total in ledger.totals().values())
    for account in ledger.accounts():
        if account.min_balance is not None:
            assert ledger.balance(account.id) >= account.min_balance
    with ledger.transaction() as tx:
        for row in tx.execute("SELECT units, frozen_units FROM fund_holdings"):
            units, frozen = Decimal(row["units"]), Decimal(row["frozen_units"])
            assert 0 <= frozen <= units
