"""Back-filled repayment history of seeded loans (``sandbox.bank_c.history``)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from bankc_world import MCHID, Clock, Partner, disbursed_loan

from sandbox.bank_c.history import repay_due_terms
from sandbox.ledger import Ledger


async def test_past_terms_are_repaid_on_their_due_dates(
    partner: Partner, ledger: Ledger, clock: Clock
) -> None:
    loan_no = await disbursed_loan(partner)
    clock.advance(days=100)  # 2024-09-19: terms due 07-11, 08-11, 09-11 are past
    overdue = (await partner.get(f"/open/v1/loans/{loan_no}")).data
    assert (overdue["status"], overdue["overdue_days"]) == ("OVERDUE", 70)
    balance = ledger.balance("a-bo-cny")
    with ledger.transaction() as tx:
        assert repay_due_terms(tx, MCHID, loan_no, dt.date(2024, 9, 19)) == 3
    loan = (await partner.get(f"/open/v1/loans/{loan_no}")).data
    assert (loan["status"], loan["overdue_days"], loan["next_due_date"]) == (
        "NORMAL", 0, "20241011",
    )  # fmt: skip
    assert ledger.balance("a-bo-cny") == balance - Decimal(3 * 110159).scaleb(-2)
    plans = (await partner.get(f"/open/v1/loans/{loan_no}/repay-plans")).data["list"]
    assert [plan["status"] for plan in plans[:4]] == ["PAID", "PAID", "PAID", "NOT_DUE"]
    assert plans[0]["paid_time"] == "2024-07-11 10:00:00"
    assert plans[0]["penalty"] == 0
    assert sum(ledger.totals().values()) == 0
    with ledger.transaction() as tx:
        assert repay_due_terms(tx, MCHID, loan_no, dt.date(2024, 9, 19)) == 0


async def test_history_stops_when_the_account_runs_dry(
    partner: Partner, ledger: Ledger, clock: Clock
) -> None:
    loan_no = await disbursed_loan(
        partner, receive_card_no="6222020200998877665",
        borrower={"name": "Alice", "id_card_no": "11010519491231002X", "mobile": "13900139000"},
    )  # fmt: skip
    ledger.transfer(
        debit="a-alice-cny", credit=ledger.system_account("world", "CNY"),
        amount=ledger.balance("a-alice-cny") - Decimal("1500.00"), currency="CNY", kind="card",
    )  # fmt: skip
    clock.advance(days=100)
    with ledger.transaction() as tx:
        assert repay_due_terms(tx, MCHID, loan_no, dt.date(2024, 9, 19)) == 1
    loan = (await partner.get(f"/open/v1/loans/{loan_no}")).data
    assert loan["status"] == "OVERDUE"
