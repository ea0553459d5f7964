"""Contract tests of loans, repayment plans, repayments and the borrower lookup."""

from __future__ import annotations

import asyncio
from decimal import Decimal

import pytest
from bankc_world import Clock, Partner, application_body, disbursed_loan, state

from sandbox.ledger import Ledger

LOAN_FIELDS = {
    "loan_no", "apply_no", "borrower_id", "product_code", "principal", "term_months",
    "repay_method", "annual_rate", "penalty_rate", "value_date", "maturity_date", "status",
    "outstanding_principal", "overdue_days", "overdue_amount", "five_level_class",
    "next_due_date", "next_due_amount", "settle_time", "update_time", "receive_card_no",
    "receive_account_id",
}  # fmt: skip
TERM_FIELDS = {
    "term_no", "due_date", "principal", "interest", "penalty", "total", "paid_principal",
    "paid_interest", "paid_penalty", "status", "overdue_days", "paid_time",
}  # fmt: skip


async def test_loan_detail_after_disbursement(partner: Partner) -> None:
    loan_no = await disbursed_loan(partner)
    loan = (await partner.get(f"/open/v1/loans/{loan_no}")).data
    assert set(loan) == LOAN_FIELDS
    assert loan | {"apply_no": None, "borrower_id": None} == {
        "loan_no": loan_no, "apply_no": None, "borrower_id": None,
        "product_code": "MICRO_BIZ_01", "principal": 1_200_000, "term_months": 12,
        "repay_method": "EQUAL_INSTALLMENT", "annual_rate": 1825, "penalty_rate": 2737,
        "value_date": "20240611", "maturity_date": "20250611", "status": "NORMAL",
        "outstanding_principal": 1_200_000, "overdue_days": 0, "overdue_amount": 0,
        "five_level_class": "NORMAL", "next_due_date": "20240711", "next_due_amount": 110159,
        "settle_time": None, "update_time": "2024-06-11 09:20:00",
        "receive_card_no": "622202*********3445", "receive_account_id": "a-bo-cny",
    }  # fmt: skip


async def test_repay_plans_are_the_whole_schedule(partner: Partner) -> None:
    loan_no = await disbursed_loan(partner)
    plans = (await partner.get(f"/open/v1/loans/{loan_no}/repay-plans")).data["list"]
    assert len(plans) == 12
    assert all(set(plan) == TERM_FIELDS for plan in plans)
    assert plans[0] == {
        "term_no": 1, "due_date": "20240711", "principal": 91909, "interest": 18250,
        "penalty": 0, "total": 110159, "paid_principal": 0, "paid_interest": 0,
        "paid_penalty": 0, "status": "NOT_DUE", "overdue_days": 0, "paid_time": None,
    }  # fmt: skip
    assert plans[11]["total"] == 110157
    assert sum(plan["interest"] for plan in plans) == 121906


async def test_overdue_penalty_and_class(partner: Partner, clock: Clock) -> None:
    loan_no = await disbursed_loan(partner)
    clock.advance(days=32)  # 2024-07-13 09:20 Shanghai: term 1 is two days overdue
    loan = (await partner.get(f"/open/v1/loans/{loan_no}")).data
    assert loan["status"] == "OVERDUE"
    assert loan["overdue_days"] == 2
    assert loan["five_level_class"] == "SPECIAL_MENTION"
    daily = round(Decimal(91909 * 2737) / 3_600_000)
    assert loan["overdue_amount"] == 110159 + 2 * daily
    term = (await partner.get(f"/open/v1/loans/{loan_no}/repay-plans")).data["list"][0]
    assert (term["status"], term["overdue_days"], term["penalty"]) == ("OVERDUE", 2, 2 * daily)
    assert term["total"] == 110159 + 2 * daily
    clock.advance(days=100)
    loan = (await partner.get(f"/open/v1/loans/{loan_no}")).data
    assert loan["overdue_days"] == 102
    assert loan["five_level_class"] == "SUBSTANDARD"


async def test_overdue_starts_the_day_after_the_due_date(partner: Partner, clock: Clock) -> None:
    loan_no = await disbursed_loan(partner)
    clock.advance(days=30, hours=14, minutes=39)  # 2024-07-11 23:59 Shanghai, the due date
    assert (await partner.get(f"/open/v1/loans/{loan_no}")).data["status"] == "NORMAL"
    clock.advance(minutes=1)  # 2024-07-12 00:00 Shanghai
    assert (await partner.get(f"/open/v1/loans/{loan_no}")).data["status"] == "OVERDUE"


async def test_current_repayment_clears_the_overdue_term(
    partner: Partner, ledger: Ledger, clock: Clock
) -> None:
    loan_no = await disbursed_loan(partner)
    clock.advance(days=32)
    balance = ledger.balance("a-bo-cny")
    due = (await partner.get(f"/open/v1/loans/{loan_no}")).data["next_due_amount"]
    snapshot = state(ledger)
    wrong = await partner.post(
        f"/open/v1/loans/{loan_no}/repayments",
        {"out_repay_no": "R0000001", "repay_type": "CURRENT", "amount": due - 1},
    )
    assert (wrong.code, wrong.sub_code) == ("40004", "REPAY_AMOUNT_INVALID")
    assert state(ledger) == snapshot
    body = {"out_repay_no": "R0000001", "repay_type": "CURRENT", "amount": due}
    paid = (await partner.post(f"/open/v1/loans/{loan_no}/repayments", body)).data
    assert set(paid) == {
        "repay_no", "out_repay_no", "loan_no", "repay_type", "status", "amount", "allocation",
        "repay_time", "repay_account_id",
    }  # fmt: skip
    assert paid["status"] == "SUCCESS"
    assert paid["allocation"] == {"penalty": due - 110159, "interest": 18250, "principal": 91909}
    assert paid["repay_time"] == "2024-07-13 09:20:00"
    assert ledger.balance("a-bo-cny") == balance - Decimal(due).scaleb(-2)
    assert sum(ledger.totals().values()) == 0
    loan = (await partner.get(f"/open/v1/loans/{loan_no}")).data
    assert (loan["status"], loan["overdue_days"], loan["outstanding_principal"]) == (
        "NORMAL", 0, 1_200_000 - 91909,
    )  # fmt: skip
    assert (loan["next_due_date"], loan["next_due_amount"]) == ("20240811", 110159)
    term = (await partner.get(f"/open/v1/loans/{loan_no}/repay-plans")).data["list"][0]
    assert term["status"] == "PAID"
    assert (term["paid_principal"], term["paid_interest"]) == (91909, 18250)
    assert term["paid_penalty"] == term["penalty"] == due - 110159
    assert term["paid_time"] == "2024-07-13 09:20:00"

    # The same out_repay_no with the same fields replays; nothing moves twice.
    replay = (await partner.post(f"/open/v1/loans/{loan_no}/repayments", body)).data
    assert replay == paid
    assert ledger.balance("a-bo-cny") == balance - Decimal(due).scaleb(-2)
    conflict = await partner.post(
        f"/open/v1/loans/{loan_no}/repayments", {**body, "repay_type": "SETTLE_ALL"}
    )
    assert (conflict.code, conflict.sub_code) == ("40004", "OUT_NO_CONFLICT")


async def test_early_settlement(partner: Partner, ledger: Ledger, clock: Clock) -> None:
    loan_no = await disbursed_loan(partner)
    clock.advance(days=40)  # 2024-07-21: term 1 (due 07-11) overdue by 10 days
    view = (await partner.get(f"/open/v1/loans/{loan_no}/repay-plans")).data["list"]
    penalty = view[0]["penalty"]
    outstanding = 1_200_000 - 91909
    accrued = int(
        (Decimal(outstanding) * 1825 * 10 / 3_600_000).quantize(Decimal(1), "ROUND_HALF_UP")
    )
    amount = 1_200_000 + 18250 + penalty + accrued
    balance = ledger.balance("a-bo-cny")
    paid = (
        await partner.post(
            f"/open/v1/loans/{loan_no}/repayments",
            {"out_repay_no": "SETTLE-0001", "repay_type": "SETTLE_ALL", "amount": amount},
        )
    ).data
    assert paid["allocation"] == {
        "penalty": penalty, "interest": 18250 + accrued, "principal": 1_200_000,
    }  # fmt: skip
    assert ledger.balance("a-bo-cny") == balance - Decimal(amount).scaleb(-2)
    loan = (await partner.get(f"/open/v1/loans/{loan_no}")).data
    assert (loan["status"], loan["outstanding_principal"]) == ("SETTLED", 0)
    assert (loan["next_due_date"], loan["next_due_amount"]) == (None, None)
    assert loan["settle_time"] == "2024-07-21 09:20:00"
    plans = (await partner.get(f"/open/v1/loans/{loan_no}/repay-plans")).data["list"]
    assert all(plan["status"] == "PAID" for plan in plans)
    assert plans[1]["interest"] == accrued
    assert all(plan["interest"] == 0 for plan in plans[2:])
    again = await partner.post(
        f"/open/v1/loans/{loan_no}/repayments",
        {"out_repay_no": "SETTLE-0002", "repay_type": "CURRENT", "amount": 1},
    )
    assert (again.code, again.sub_code) == ("40004", "LOAN_SETTLED")


async def test_current_repayments_until_settled(partner: Partner, clock: Clock) -> None:
    loan_no = await disbursed_loan(partner, term_months=3, apply_amount=300_000)
    for number in range(3):
        due = (await partner.get(f"/open/v1/loans/{loan_no}")).data["next_due_amount"]
        result = await partner.post(
            f"/open/v1/loans/{loan_no}/repayments",
            {"out_repay_no": f"REPAY-{number:04d}", "repay_type": "CURRENT", "amount": due},
        )
        assert result.data["status"] == "SUCCESS"
    loan = (await partner.get(f"/open/v1/loans/{loan_no}")).data
    assert loan["status"] == "SETTLED"
    assert loan["settle_time"] == "2024-06-11 09:20:00"


async def test_insufficient_funds_is_a_failed_repayment(
    partner: Partner, ledger: Ledger, clock: Clock
) -> None:
    loan_no = await disbursed_loan(partner)
    ledger.transfer(
        debit="a-bo-cny", credit=ledger.system_account("world", "CNY"),
        amount=ledger.balance("a-bo-cny") - Decimal("1.00"), currency="CNY", kind="card",
    )  # fmt: skip
    loan_before = (await partner.get(f"/open/v1/loans/{loan_no}")).data
    body = {"out_repay_no": "POOR-0001", "repay_type": "CURRENT", "amount": 110159}
    failed = (await partner.post(f"/open/v1/loans/{loan_no}/repayments", body)).data
    assert failed["status"] == "FAILED"
    assert failed["allocation"] == {"penalty": 0, "interest": 0, "principal": 0}
    assert ledger.balance("a-bo-cny") == Decimal("1.00")
    assert (await partner.get(f"/open/v1/loans/{loan_no}")).data == loan_before
    replay = (await partner.post(f"/open/v1/loans/{loan_no}/repayments", body)).data
    assert replay == failed


BAD_REPAYMENTS = [
    ({"repay_type": "CURRENT", "amount": 110159}, "40001"),
    ({"out_repay_no": "R1", "repay_type": "CURRENT", "amount": 110159}, "40002"),
    ({"out_repay_no": "R0000009", "repay_type": "PARTIAL", "amount": 110159}, "40002"),
    ({"out_repay_no": "R0000009", "repay_type": "CURRENT"}, "40001"),
    ({"out_repay_no": "R0000009", "repay_type": "CURRENT", "amount": -110159}, "40002"),
    ({"out_repay_no": "R0000009", "repay_type": "CURRENT", "amount": 1101.59}, "40002"),
    ({"out_repay_no": "R0000009", "repay_type": "CURRENT", "amount": "110159"}, "40002"),
    ({"out_repay_no": 12345678, "repay_type": "CURRENT", "amount": 110159}, "40002"),
]


@pytest.mark.parametrize(("body", "code"), BAD_REPAYMENTS)
async def test_bad_repayments_change_nothing(
    partner: Partner, ledger: Ledger, body: dict, code: str
) -> None:
    loan_no = await disbursed_loan(partner)
    snapshot = state(ledger)
    result = await partner.post(f"/open/v1/loans/{loan_no}/repayments", body)
    assert result.code == code, result.body
    assert state(ledger) == snapshot


async def test_malformed_repayment_json(partner: Partner, ledger: Ledger) -> None:
    loan_no = await disbursed_loan(partner)
    snapshot = state(ledger)
    result = await partner.post(f"/open/v1/loans/{loan_no}/repayments", raw=b'{"amount": 1')
    assert (result.code, result.sub_code) == ("40002", "PARAM_INVALID")
    assert state(ledger) == snapshot


async def test_unknown_loan(partner: Partner, ledger: Ledger) -> None:
    snapshot = state(ledger)
    for result in (
        await partner.get("/open/v1/loans/LN0000000000000000000000000000000"),
        await partner.get("/open/v1/loans/LN0000000000000000000000000000000/repay-plans"),
        await partner.post(
            "/open/v1/loans/LN0000000000000000000000000000000/repayments",
            {"out_repay_no": "R0000001", "repay_type": "CURRENT", "amount": 100},
        ),
    ):
        assert (result.code, result.sub_code) == ("40004", "LOAN_NOT_FOUND")
    assert state(ledger) == snapshot


async def test_loans_list_pages_to_the_end(partner: Partner) -> None:
    loan_nos = []
    for number in range(3):
        loan_nos.append(await disbursed_loan(partner, out_apply_no=f"APPLY-{number:04d}"))
    borrower_id = (await partner.get("/open/v1/borrowers?out_user_id=bo")).data["borrower_id"]
    seen, page_no = [], 1
    while True:
        page = (
            await partner.get(f"/open/v1/loans?borrower_id={borrower_id}&page_no={page_no}"
                              "&page_size=2")
        ).data  # fmt: skip
        assert (page["page_no"], page["page_size"], page["total_count"]) == (page_no, 2, 3)
        assert all(set(item) == LOAN_FIELDS for item in page["list"])
        seen += [item["loan_no"] for item in page["list"]]
        if page_no * page["page_size"] >= page["total_count"]:
            break
        page_no += 1
    assert sorted(seen) == sorted(loan_nos)
    past = await partner.get(f"/open/v1/loans?borrower_id={borrower_id}&page_no=3&page_size=2")
    assert past.data["list"] == [] and past.data["total_count"] == 3


async def test_loans_list_filters_and_errors(partner: Partner, clock: Clock) -> None:
    await disbursed_loan(partner)
    borrower_id = (await partner.get("/open/v1/borrowers?out_user_id=bo")).data["borrower_id"]
    normal = await partner.get(f"/open/v1/loans?borrower_id={borrower_id}&status=NORMAL")
    assert normal.data["total_count"] == 1
    overdue = await partner.get(f"/open/v1/loans?borrower_id={borrower_id}&status=OVERDUE")
    assert overdue.data["total_count"] == 0 and overdue.data["list"] == []
    bad = await partner.get(f"/open/v1/loans?borrower_id={borrower_id}&status=LATE")
    assert (bad.code, bad.sub_code) == ("40002", "PARAM_INVALID")
    missing = await partner.get("/open/v1/loans")
    assert (missing.code, missing.sub_code) == ("40001", "PARAM_MISSING")
    unknown = await partner.get("/open/v1/loans?borrower_id=BRW000000000000")
    assert (unknown.code, unknown.sub_code) == ("40004", "BORROWER_NOT_FOUND")
    for query in ("page_size=101", "page_size=0", "page_no=0", "page_no=x"):
        result = await partner.get(f"/open/v1/loans?borrower_id={borrower_id}&{query}")
        assert (result.code, result.sub_code) == ("40002", "PARAM_INVALID")


async def test_borrower_lookup(partner: Partner) -> None:
    missing = await partner.get("/open/v1/borrowers")
    assert (missing.code, missing.sub_code) == ("40001", "PARAM_MISSING")
    unknown = await partner.get("/open/v1/borrowers?out_user_id=bo")
    assert (unknown.code, unknown.sub_code) == ("40004", "BORROWER_NOT_FOUND")
    created = (await partner.post("/open/v1/loan/applications", application_body())).data
    borrower = (await partner.get("/open/v1/borrowers?out_user_id=bo")).data
    assert borrower == {
        "borrower_id": created["borrower_id"], "out_user_id": "bo", "name": "王小明",
        "id_card_no": "5101**********3216", "mobile": "138****8123",
        "create_time": "2024-06-11 09:20:00",
    }  # fmt: skip


async def test_user_accounts_lookup(partner: Partner, ledger: Ledger) -> None:
    missing = await partner.get("/open/v1/users/accounts")
    assert (missing.code, missing.sub_code) == ("40001", "PARAM_MISSING")
    with ledger.transaction() as tx:
        tx.set_account_status("a-bo-gbp", "Disabled")
    bo = (await partner.get("/open/v1/users/accounts?out_user_id=bo")).data
    assert bo == {
        "list": [
            {"account_id": "a-bo-cny", "currency": "CNY", "status": "NORMAL",
             "card_no": "622202*********3445"},
            {"account_id": "a-bo-gbp", "currency": "GBP", "status": "FROZEN",
             "card_no": "622202*********5555"},
        ]
    }  # fmt: skip
    nobody = (await partner.get("/open/v1/users/accounts?out_user_id=nobody")).data
    assert nobody == {"list": []}


async def test_another_partners_loan_is_not_found(
    partner: Partner, other_partner: Partner, ledger: Ledger
) -> None:
    loan_no = await disbursed_loan(partner)
    borrower_id = (await partner.get("/open/v1/borrowers?out_user_id=bo")).data["borrower_id"]
    snapshot = state(ledger)
    for result in (
        await other_partner.get(f"/open/v1/loans/{loan_no}"),
        await other_partner.get(f"/open/v1/loans/{loan_no}/repay-plans"),
        await other_partner.post(
            f"/open/v1/loans/{loan_no}/repayments",
            {"out_repay_no": "R0000001", "repay_type": "CURRENT", "amount": 110159},
        ),
    ):
        assert (result.code, result.sub_code) == ("40004", "LOAN_NOT_FOUND")
    listed = await other_partner.get(f"/open/v1/loans?borrower_id={borrower_id}")
    assert listed.data["total_count"] == 0
    assert state(ledger) == snapshot


async def test_concurrent_identical_repayments_debit_once(partner: Partner, ledger: Ledger) -> None:
    loan_no = await disbursed_loan(partner)
    balance = ledger.balance("a-bo-cny")
    body = {"out_repay_no": "TWIN-0001", "repay_type": "CURRENT", "amount": 110159}
    target = f"/open/v1/loans/{loan_no}/repayments"
    results = await asyncio.gather(*(partner.post(target, body) for _ in range(5)))
    assert len({result.data["repay_no"] for result in results}) == 1
    assert ledger.balance("a-bo-cny") == balance - Decimal("1101.59")


async def test_repay_from_another_account_of_the_borrower(partner: Partner, ledger: Ledger) -> None:
    loan_no = await disbursed_loan(partner)
    with ledger.transaction() as tx:
        tx.add_account(
            account_id="a-bo-cny-2", customer_id="bo", bank="A", currency="CNY",
            sub_type="Savings", nickname="CNY savings",
        )  # fmt: skip
        tx.transfer(debit=tx.system_account("equity", "CNY"), credit="a-bo-cny-2",
                    amount=Decimal("5000.00"), currency="CNY", kind="seed")  # fmt: skip
    main = ledger.balance("a-bo-cny")
    target = f"/open/v1/loans/{loan_no}/repayments"
    snapshot = state(ledger)
    for account in ("a-alice-cny", "a-bo-gbp", "a-nobody", "bad id!"):
        body = {"out_repay_no": "FROM-0001", "repay_type": "CURRENT", "amount": 110159,
                "repay_account_id": account}  # fmt: skip
        refused = await partner.post(target, body)
        assert (refused.code, refused.sub_code) == ("40002", "PARAM_INVALID"), account
    assert state(ledger) == snapshot
    body = {"out_repay_no": "FROM-0001", "repay_type": "CURRENT", "amount": 110159,
            "repay_account_id": "a-bo-cny-2"}  # fmt: skip
    paid = (await partner.post(target, body)).data
    assert (paid["status"], paid["repay_account_id"]) == ("SUCCESS", "a-bo-cny-2")
    assert ledger.balance("a-bo-cny-2") == Decimal("3898.41")
    assert ledger.balance("a-bo-cny") == main
    other = await partner.post(target, {**body, "repay_account_id": "a-bo-cny"})
    assert other.sub_code == "OUT_NO_CONFLICT"
