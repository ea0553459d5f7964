"""Property: random interleavings of payments (through Bank B), transfers, loan and fund
postings (through the ledger API), with retried idempotency keys and concurrent requests,
conserve money, keep every balance within its limit, move nothing twice, and survive a
restart of a file ledger."""

from __future__ import annotations

import asyncio
import contextlib
import tempfile
import uuid
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

import httpx
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sandbox.bank_b import Settings as BankBSettings
from sandbox.bank_b import create_app as create_bank_b
from sandbox.credentials import Credentials, generate_credentials
from sandbox.iban import make_iban
from sandbox.ledger import Ledger, LedgerError

CREDENTIALS: Credentials = generate_credentials()
PEOPLE = ("p1", "p2")
EXTERNAL_IBAN = "NL91ABNA0417164300"


def iban(person: str, currency: str) -> str:
    number = f"{PEOPLE.index(person) + 1:02d}{('GBP', 'EUR', 'CNY').index(currency):02d}0000"
    return make_iban("GB", "BKAA204514" + number)


def build(ledger: Ledger) -> None:
    with ledger.transaction() as tx:
        tx.system_account("loans", "CNY")
        tx.system_account("funds", "CNY")
        for person in PEOPLE:
            tx.add_customer(person, person.upper())
            for currency, overdraft in (("GBP", "100"), ("EUR", "0"), ("CNY", "0")):
                account = tx.add_account(
                    account_id=f"{person}-{currency}",
                    customer_id=person,
                    bank="A",
                    currency=currency,
                    sub_type="CurrentAccount",
                    nickname=currency,
                    min_balance=-Decimal(overdraft),
                    iban=iban(person, currency),
                )
                tx.transfer(
                    debit=tx.system_account("equity", currency),
                    credit=account.id,
                    amount=Decimal(500),
                    currency=currency,
                    kind="opening_balance",
                )


amounts = st.decimals(min_value=Decimal("0.01"), max_value=Decimal("600"), places=2)
keys = st.sampled_from([f"key-{n}" for n in range(6)])


@dataclass(frozen=True)
class Move:
    """A ledger posting: transfer between customers, or a loan / fund posting."""

    kind: str
    debit: str
    credit: str
    amount: Decimal
    currency: str
    key: str | None


@st.composite
def moves(draw: st.DrawFn) -> Move:
    kind = draw(
        st.sampled_from(
            [
                "transfer",
                "loan_disbursement",
                "loan_repayment",
                "fund_subscription",
                "fund_redemption",
            ]
        )
    )
    person = draw(st.sampled_from(PEOPLE))
    amount = draw(amounts)
    key = draw(st.none() | keys)
    if kind == "transfer":
        currency = draw(st.sampled_from(["GBP", "EUR", "CNY"]))
        other_currency = draw(st.sampled_from([currency, currency, "GBP"]))  # sometimes a mix
        other = draw(st.sampled_from(PEOPLE))
        return Move(
            kind, f"{person}-{currency}", f"{other}-{other_currency}", amount, currency, key
        )
    pool = "sys-loans-CNY" if kind.startswith("loan") else "sys-funds-CNY"
    inbound = kind in {"loan_disbursement", "fund_redemption"}
    mine = f"{person}-CNY"
    return Move(kind, pool if inbound else mine, mine if inbound else pool, amount, "CNY", key)


@dataclass(frozen=True)
class Pay:
    """A Bank B payment; `request` indexes a small pool of X-Request-IDs (retries)."""

    person: str
    debtor: str  # whose EUR account is named as debtor (sometimes not the PSU's)
    creditor: str
    amount: Decimal
    request: int


pays = st.builds(
    Pay,
    person=st.sampled_from(PEOPLE),
    debtor=st.sampled_from(PEOPLE),
    creditor=st.sampled_from([*PEOPLE, "external"]),
    amount=amounts,
    request=st.integers(0, 4),
)
batches = st.lists(st.lists(moves() | pays, min_size=1, max_size=6), min_size=1, max_size=4)


def apply_move(ledger: Ledger, move: Move) -> None:
    # refusals are part of the property: they must change nothing
    with contextlib.suppress(LedgerError, ValueError):
        ledger.transfer(
            debit=move.debit,
            credit=move.credit,
            amount=move.amount,
            currency=move.currency,
            kind=move.kind,
            idempotency_key=move.key,
        )


async def pay(client: httpx.AsyncClient, token: str, item: Pay, request_ids: list[str]) -> None:
    creditor = EXTERNAL_IBAN if item.creditor == "external" else iban(item.creditor, "EUR")
    body = {
        "debtorAccount": {"iban": iban(item.debtor, "EUR")},
        "instructedAmount": {"currency": "EUR", "amount": str(item.amount)},
        "creditorAccount": {"iban": creditor},
        "creditorName": "Someone",
    }
    headers = {
        "Authorization": f"Bearer {token}",
        "X-Request-ID": request_ids[item.request],
        "PSU-IP-Address": "198.51.100.7",
        "PSU-ID": item.person,
        "TPP-Redirect-URI": "https://tpp.test/ok",
    }
    response = await client.post("/v1/payments/sepa-credit-transfers", json=body, headers=headers)
    assert response.status_code in {201, 400}, response.text
    if response.status_code == 201:
        status = await client.get(f"{response.headers['location']}/status", headers=headers)
        assert status.json()["transactionStatus"] in {"ACSC", "RJCT"}


async def run_batches(ledger: Ledger, plan: list[list[object]]) -> None:
    app = create_bank_b(
        BankBSettings(public_url="http://bank-b.test", client=CREDENTIALS.bank_b, step_seconds=0),
        ledger,
    )
    request_ids = [str(uuid.uuid4()) for _ in range(5)]
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://bank-b.test") as client:
        grant = await client.post(
            "/oauth2/token",
            data={
                "grant_type": "client_credentials",
                "scope": "PIS",
                "client_id": CREDENTIALS.bank_b.client_id,
                "client_secret": str(CREDENTIALS.bank_b.client_secret),
            },
        )
        token = grant.json()["access_token"]
        for batch in plan:  # each batch runs concurrently: threads for postings, tasks for pays
            await asyncio.gather(
                *(
                    pay(client, token, item, request_ids)
                    if isinstance(item, Pay)
                    else asyncio.to_thread(apply_move, ledger, item)  # type: ignore[arg-type]
                    for item in batch
                )
            )
            check_invariants(ledger)


def check_invariants(ledger: Ledger) -> None:
    with ledger.transaction() as tx:
        assert all(total == 0 for total in tx.totals().values())
        for account in tx.accounts():
            if account.min_balance is not None:
                assert tx.balance(account.id) >= account.min_balance
        # nothing moved twice: one transfer per idempotency key, entries match balances
        dupes = tx.execute(
            "SELECT idempotency_key FROM transfers WHERE idempotency_key IS NOT"
            " NULL GROUP BY idempotency_key HAVING COUNT(*) > 1"
        ).fetchall()
        assert dupes == []
        drift = tx.execute(
            "SELECT a.id FROM accounts a LEFT JOIN entries e ON e.account_id = a.id"
            " GROUP BY a.id HAVING a.balance_minor != COALESCE(SUM(e.amount_minor), 0)"
        ).fetchall()
        assert drift == []
        if tx.execute("SELECT name FROM sqlite_master WHERE name = 'bank_b_payments'").fetchone():
            settled = tx.execute(
                "SELECT COUNT(*) FROM bank_b_payments p JOIN transfers t ON t.id = p.transfer_id"
                " WHERE p.status = 'ACSC' AND t.amount_minor > 0"
            ).fetchone()[0]
            finals = tx.execute(
                "SELECT COUNT(*) FROM bank_b_payments WHERE status = 'ACSC'"
            ).fetchone()[0]
            unpaid = tx.execute(
                "SELECT COUNT(*) FROM bank_b_payments WHERE status = 'RJCT' AND transfer_id"
                " IS NOT NULL"
            ).fetchone()[0]
            assert (settled, unpaid) == (finals, 0)


def state(ledger: Ledger) -> tuple[object, ...]:
    with ledger.transaction() as tx:
        balances = tuple(
            tuple(r)
            for r in tx.execute("SELECT id, balance_minor FROM accounts ORDER BY id").fetchall()
        )
        payments = tuple(
            tuple(r)
            for r in tx.execute(
                "SELECT payment_id, status FROM bank_b_payments ORDER BY payment_id"
            ).fetchall()
        )
    return balances, payments


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(plan=batches)
def test_random_interleavings_conserve_money_and_survive_restart(plan: list[list[object]]) -> None:
    with tempfile.TemporaryDirectory() as directory:
        path = Path(directory) / "ledger.db"
        ledger = Ledger.open(path)
        build(ledger)
        asyncio.run(run_batches(ledger, plan))
        before = state(ledger)
        ledger.close()
        with Ledger.open(path) as reopened:
            assert state(reopened) == before
            check_invariants(reopened)
