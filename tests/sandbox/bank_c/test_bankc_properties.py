"""Property: any interleaving of repayments (right, wrong, retried), early settlement, failing
debits and the passing of time conserves money and keeps the loan's books consistent."""

from __future__ import annotations

import asyncio
import datetime as dt
from decimal import Decimal
from typing import Any

import httpx
from bankc_world import (
    START,
    Clock,
    KeyRing,
    Partner,
    PartnerCredentials,
    disbursed_loan,
    seed_borrowers,
)
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from sandbox.bank_c import Settings, create_app
from sandbox.faults import FaultSettings
from sandbox.ledger import Ledger

OPERATION = st.one_of(
    st.tuples(st.just("wait"), st.integers(1, 75)),
    st.tuples(st.just("current"), st.sampled_from([0, 0, 0, 1, -1])),
    st.tuples(st.just("retry"), st.just(0)),
    st.tuples(st.just("settle"), st.sampled_from([0, 0, 1])),
    st.tuples(st.just("drain"), st.just(0)),
    st.tuples(st.just("top_up"), st.integers(1, 20_000)),
)


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(operations=st.lists(OPERATION, max_size=12))
def test_repayments_conserve_money(
    world_keys: tuple[KeyRing, tuple[PartnerCredentials, ...]],
    operations: list[tuple[str, int]],
) -> None:
    asyncio.run(_scenario(world_keys, operations))


async def _scenario(world_keys: tuple[KeyRing, Any], operations: list[tuple[str, int]]) -> None:
    clock = Clock(START)
    with Ledger.open(":memory:", clock=clock) as ledger:
        seed_borrowers(ledger)
        settings_ = Settings("http://bank-c.test", world_keys[0], faults=FaultSettings())
        transport = httpx.ASGITransport(app=create_app(settings_, ledger))
        async with httpx.AsyncClient(transport=transport, base_url="http://bank-c.test") as http:
            partner = Partner(http, world_keys[1][0], clock)
            loan_no = await disbursed_loan(partner)
            last: dict[str, Any] | None = None
            for number, (kind, value) in enumerate(operations):
                last = await _apply(partner, ledger, clock, loan_no, number, kind, value, last)
                await _check(partner, ledger, loan_no)


async def _apply(
    partner: Partner, ledger: Ledger, clock: Clock, loan_no: str, number: int, kind: str,
    value: int, last: dict[str, Any] | None,
) -> dict[str, Any] | None:  # fmt: skip
    target = f"/open/v1/loans/{loan_no}/repayments"
    if kind == "wait":
        clock.advance(days=value)
        return last
    if kind == "drain":
        balance = ledger.balance("a-bo-cny")
        if balance > 0:
            ledger.transfer(debit="a-bo-cny", credit=ledger.system_account("world", "CNY"),
                            amount=balance, currency="CNY", kind="card")  # fmt: skip
        return last
    if kind == "top_up":
        ledger.transfer(debit=ledger.system_account("world", "CNY"), credit="a-bo-cny",
                        amount=Decimal(value), currency="CNY", kind="salary")  # fmt: skip
        return last
    if kind == "retry":
        if last is not None:
            balance = ledger.balance("a-bo-cny")
            again = await partner.post(target, last["body"])
            assert again.body == {**last["reply"], "request_id": again.body["request_id"]}
            assert ledger.balance("a-bo-cny") == balance
        return last
    loan = (await partner.get(f"/open/v1/loans/{loan_no}")).data
    if loan["status"] == "SETTLED":
        return last
    if kind == "current":
        amount = loan["next_due_amount"] + value
        body = {"out_repay_no": f"CUR-{number:04d}", "repay_type": "CURRENT", "amount": amount}
    else:
        amount = _settle_amount(loan, await _plans(partner, loan_no), clock) + value
        body = {"out_repay_no": f"SET-{number:04d}", "repay_type": "SETTLE_ALL", "amount": amount}
    result = await partner.post(target, body)
    if value != 0:
        assert (result.code, result.sub_code) == ("40004", "REPAY_AMOUNT_INVALID")
        event(f"{kind}: wrong amount refused")
        return last
    event(f"{kind}: {result.data['status']}")
    return {"body": body, "reply": result.body}


async def _plans(partner: Partner, loan_no: str) -> list[dict[str, Any]]:
    return (await partner.get(f"/open/v1/loans/{loan_no}/repay-plans")).data["list"]


def _settle_amount(loan: dict[str, Any], plans: list[dict[str, Any]], clock: Clock) -> int:
    """The partner's own early-settlement quote, from bank-dialects.md §3.6."""
    today = clock().astimezone(dt.timezone(dt.timedelta(hours=8))).date().strftime("%Y%m%d")
    due = [p for p in plans if p["due_date"] <= today]
    since = max((p["due_date"] for p in due), default=loan["value_date"])
    future = sum(p["principal"] - p["paid_principal"] for p in plans if p["due_date"] > today)
    days = (dt.datetime.strptime(today, "%Y%m%d") - dt.datetime.strptime(since, "%Y%m%d")).days
    accrued = Decimal(future * loan["annual_rate"] * days) / 3_600_000
    return (
        loan["outstanding_principal"]
        + sum(p["interest"] - p["paid_interest"] for p in due)
        + sum(p["penalty"] - p["paid_penalty"] for p in plans)
        + int(accrued.quantize(Decimal(1), "ROUND_HALF_UP"))
    )


async def _check(partner: Partner, ledger: Ledger, loan_no: str) -> None:
    assert all(total == 0 for total in ledger.totals().values())
    assert ledger.balance("a-bo-cny") >= 0
    loan = (await partner.get(f"/open/v1/loans/{loan_no}")).data
    plans = await _plans(partner, loan_no)
    paid = sum(p["paid_principal"] for p in plans)
    assert loan["outstanding_principal"] == loan["principal"] - paid >= 0
    with ledger.transaction() as tx:
        rows = tx.execute(
            "SELECT COALESCE(SUM(principal_fen), 0) AS p, COALESCE(SUM(amount_fen), 0) AS a"
            " FROM bank_c_repayments WHERE loan_no = ? AND status = 'SUCCESS'",
            (loan_no,),
        ).fetchone()
        moved = tx.execute(
            "SELECT COALESCE(SUM(amount_minor), 0) FROM transfers"
            " WHERE kind = 'loan_repayment' AND reference = ?",
            (loan_no,),
        ).fetchone()[0]
    assert rows["p"] == paid
    assert rows["a"] == moved
    assert (loan["status"] == "SETTLED") == (paid == loan["principal"])
