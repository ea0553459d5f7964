"""The ledger's contract: balanced transfers, limits, currencies, idempotency, durability."""

from __future__ import annotations

import threading
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path

import pytest

from sandbox.ledger import (
    AccountNotEnabled,
    CurrencyMismatch,
    DuplicateRecord,
    IdempotencyConflict,
    InsufficientFunds,
    InvalidAmount,
    Ledger,
    UnknownAccount,
    UnknownCurrency,
    UnknownCustomer,
)


def small_world(ledger: Ledger) -> None:
    """Customer `ann` with GBP accounts `a1` (overdraft 50) and `a2`, EUR `e1`; a1 holds 100."""
    with ledger.transaction() as tx:
        tx.add_customer("ann", "Ann")
        tx.add_account(
            account_id="a1",
            customer_id="ann",
            bank="A",
            currency="GBP",
            sub_type="CurrentAccount",
            nickname="one",
            min_balance=Decimal("-50"),
            iban="GB29NWBK60161331926819",
        )
        tx.add_account(
            account_id="a2",
            customer_id="ann",
            bank="A",
            currency="GBP",
            sub_type="Savings",
            nickname="two",
        )
        tx.add_account(
            account_id="e1",
            customer_id="ann",
            bank="A",
            currency="EUR",
            sub_type="CurrentAccount",
            nickname="euro",
        )
        equity = tx.system_account("equity", "GBP")
        tx.transfer(
            debit=equity,
            credit="a1",
            amount=Decimal("100.00"),
            currency="GBP",
            kind="opening_balance",
        )


@pytest.fixture
def world() -> Ledger:
    ledger = Ledger.open()
    small_world(ledger)
    return ledger


def snapshot(ledger: Ledger) -> tuple[object, ...]:
    with ledger.transaction() as tx:
        rows = tx.execute("SELECT id, balance_minor FROM accounts ORDER BY id").fetchall()
        count = tx.execute("SELECT COUNT(*) FROM transfers").fetchone()[0]
    return tuple(tuple(r) for r in rows), count


def test_transfer_moves_money_and_records_both_entries(world: Ledger) -> None:
    transfer = world.transfer(
        debit="a1",
        credit="a2",
        amount=Decimal("30.25"),
        currency="GBP",
        kind="transfer",
        reference="REF 1",
        details={"x": 1},
    )
    assert world.balance("a1") == Decimal("69.75")
    assert world.balance("a2") == Decimal("30.25")
    assert world.totals() == {"GBP": Decimal("0.00"), "EUR": Decimal("0.00")}
    out, into = world.entries("a1")[0], world.entries("a2")[0]
    assert (out.amount, out.balance_after, out.counterparty_account_id) == (
        Decimal("-30.25"),
        Decimal("69.75"),
        "a2",
    )
    assert (into.amount, into.transfer_id, into.details) == (
        Decimal("30.25"),
        transfer.id,
        {"x": 1},
    )


def test_overdraft_is_the_limit(world: Ledger) -> None:
    world.transfer(debit="a1", credit="a2", amount=Decimal("150.00"), currency="GBP", kind="t")
    assert world.balance("a1") == Decimal("-50.00")
    before = snapshot(world)
    with pytest.raises(InsufficientFunds):
        world.transfer(debit="a1", credit="a2", amount=Decimal("0.01"), currency="GBP", kind="t")
    assert snapshot(world) == before


@pytest.mark.parametrize(
    "amount",
    [
        Decimal("0"),
        Decimal("-1"),
        Decimal("1.001"),
        Decimal("NaN"),
        Decimal("Infinity"),
        Decimal("1e20"),
        5,
        5.0,
        "5.00",
        True,
    ],
)
def test_bad_amounts_are_refused_and_change_nothing(world: Ledger, amount: object) -> None:
    before = snapshot(world)
    with pytest.raises(InvalidAmount):
        world.transfer(debit="a1", credit="a2", amount=amount, currency="GBP", kind="t")  # type: ignore[arg-type]
    assert snapshot(world) == before


def test_refusals_of_every_kind_change_nothing(world: Ledger) -> None:
    before = snapshot(world)
    with pytest.raises(CurrencyMismatch):
        world.transfer(debit="a1", credit="e1", amount=Decimal(1), currency="GBP", kind="t")
    with pytest.raises(CurrencyMismatch):
        world.transfer(debit="a1", credit="a2", amount=Decimal(1), currency="EUR", kind="t")
    with pytest.raises(UnknownAccount):
        world.transfer(debit="a1", credit="nope", amount=Decimal(1), currency="GBP", kind="t")
    with pytest.raises(UnknownCurrency):
        world.transfer(debit="a1", credit="a2", amount=Decimal(1), currency="XXX", kind="t")
    with pytest.raises(ValueError):
        world.transfer(debit="a1", credit="a1", amount=Decimal(1), currency="GBP", kind="t")
    with world.transaction() as tx:
        tx.set_account_status("a2", "Disabled")
    with pytest.raises(AccountNotEnabled):
        world.transfer(debit="a1", credit="a2", amount=Decimal(1), currency="GBP", kind="t")
    assert snapshot(world) == before


def test_idempotency_key_replays_and_conflicts(world: Ledger) -> None:
    first = world.transfer(
        debit="a1",
        credit="a2",
        amount=Decimal("10"),
        currency="GBP",
        kind="t",
        reference="r",
        idempotency_key="k-1",
    )
    again = world.transfer(
        debit="a1",
        credit="a2",
        amount=Decimal("10.00"),
        currency="GBP",
        kind="t",
        reference="r",
        idempotency_key="k-1",
    )
    assert (again.id, again.replayed, first.replayed) == (first.id, True, False)
    assert world.balance("a2") == Decimal("10.00")
    with pytest.raises(IdempotencyConflict):
        world.transfer(
            debit="a1",
            credit="a2",
            amount=Decimal("11"),
            currency="GBP",
            kind="t",
            reference="r",
            idempotency_key="k-1",
        )
    assert world.balance("a2") == Decimal("10.00")


def test_a_failed_block_rolls_back_everything(world: Ledger) -> None:
    before = snapshot(world)
    with pytest.raises(RuntimeError), world.transaction() as tx:
        tx.transfer(debit="a1", credit="a2", amount=Decimal(5), currency="GBP", kind="t")
        tx.execute("INSERT INTO meta (key, value) VALUES ('x', 'y')")
        raise RuntimeError("bank code failed after the transfer")
    assert snapshot(world) == before


def test_nested_transactions_are_refused_not_deadlocked(world: Ledger) -> None:
    with world.transaction(), pytest.raises(RuntimeError, match="already open"):
        world.balance("a1")


def test_customers_and_accounts_are_typed_and_unique(world: Ledger) -> None:
    with pytest.raises(UnknownCustomer):
        world.customer("bob")
    with pytest.raises(DuplicateRecord), world.transaction() as tx:
        tx.add_customer("ann", "Ann again")
    account = world.account_by_iban("gb29 nwbk 6016 1331 9268 19")
    assert (account.id, account.min_balance, account.currency) == ("a1", Decimal("-50.00"), "GBP")
    assert [a.id for a in world.accounts("ann")] == ["a1", "a2", "e1"]
    with pytest.raises(ValueError), world.transaction() as tx:
        tx.add_account(
            account_id="x",
            customer_id="ann",
            bank="A",
            currency="GBP",
            sub_type="Savings",
            nickname="x",
            min_balance=None,
        )


def test_entries_filter_by_booking_time_newest_first(world: Ledger) -> None:
    for day in (1, 2, 3):
        world.transfer(
            debit="a1",
            credit="a2",
            amount=Decimal(1),
            currency="GBP",
            kind="t",
            booked_at=datetime(2026, 1, day, 12, tzinfo=UTC),
        )
    entries = world.entries(
        "a2",
        booked_from=datetime(2026, 1, 2, tzinfo=UTC),
        booked_to=datetime(2026, 1, 3, 12, tzinfo=UTC),
    )
    assert [e.booked_at.day for e in entries] == [3, 2]


def test_concurrent_debits_cannot_double_spend(world: Ledger) -> None:
    outcomes: list[str] = []

    def spend() -> None:
        try:
            world.transfer(debit="a1", credit="a2", amount=Decimal("40"), currency="GBP", kind="t")
            outcomes.append("ok")
        except InsufficientFunds:
            outcomes.append("refused")

    threads = [threading.Thread(target=spend) for _ in range(12)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert outcomes.count("ok") == 3  # 100 + 50 overdraft allows three debits of 40
    assert world.balance("a1") == Decimal("-20.00")
    assert world.totals()["GBP"] == 0


def test_a_file_ledger_survives_restart(tmp_path: Path) -> None:
    path = tmp_path / "ledger.db"
    with Ledger.open(path) as ledger:
        small_world(ledger)
        ledger.transfer(
            debit="a1",
            credit="a2",
            amount=Decimal("12.34"),
            currency="GBP",
            kind="t",
            idempotency_key="once",
        )
        with ledger.transaction() as tx:
            tx.remember("scope", "key", "fp", b"response")
    with Ledger.open(path) as reopened:
        assert reopened.balance("a2") == Decimal("12.34")
        replay = reopened.transfer(
            debit="a1",
            credit="a2",
            amount=Decimal("12.34"),
            currency="GBP",
            kind="t",
            idempotency_key="once",
        )
        assert replay.replayed
        with reopened.transaction() as tx:
            record = tx.recall("scope", "key")
        assert record is not None and record.response == b"response"
        assert reopened.totals()["GBP"] == 0


def test_two_connections_to_one_file_serialise(tmp_path: Path) -> None:
    path = tmp_path / "shared.db"
    with Ledger.open(path) as first:
        small_world(first)
        with Ledger.open(path) as second:
            first.transfer(debit="a1", credit="a2", amount=Decimal(90), currency="GBP", kind="t")
            with pytest.raises(InsufficientFunds):
                second.transfer(
                    debit="a1", credit="a2", amount=Decimal(90), currency="GBP", kind="t"
                )
            assert second.balance("a1") == Decimal("10.00")
