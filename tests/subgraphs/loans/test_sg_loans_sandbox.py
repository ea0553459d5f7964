"""The loans subgraph against the real sandbox Bank C (signed requests, in process)."""

from __future__ import annotations

import math
from decimal import Decimal
from typing import Any

from subgraphs.common.ids import encode_global_id

ME = "query { me { id } }"
LOANS = """
query($reps: [_Any!]!) { _entities(representations: $reps) { ... on Customer {
  totalOutstanding { amount currency }
  loans { id product currency principal { amount currency } outstanding { amount currency }
          annualRate termMonths status nextInstallment { dueDate amount { amount } } }
  loanOffers { productCode termsMonths repayMethods minAmount { amount } maxAmount { amount } }
} } }
"""
SCHEDULE = """
query($id: ID!) { loan(id: $id) { id schedule { termNumber dueDate amount { amount }
  principal { amount } interest { amount } status } } }
"""
APPLY = """
mutation($input: LoanApplicationInput!, $key: String!) {
  applyForLoan(input: $input, idempotencyKey: $key) { __typename
    ... on LoanApplication { id status approvedAmount { amount } loan { id principal { amount } } }
    ... on LoanDeclined { code message } ... on InvalidInput { message field } } }
"""
REPAY = """
mutation($loan: ID!, $amount: Decimal!, $from: ID!, $key: String!) {
  repayLoan(loanId: $loan, amount: $amount, fromAccountId: $from, idempotencyKey: $key) {
    __typename ... on Repayment { id status amount { amount } loan { outstanding { amount } } }
    ... on InvalidInput { field message } ... on InsufficientFunds { message }
    ... on RepaymentRefused { code } } }
"""


async def customer_loans(client: Any, world: Any, customer: str) -> dict[str, Any]:
    token = world.token(customer)
    rep = {"__typename": "Customer", "id": encode_global_id("Customer", "bankgraph", customer)}
    result = await client.query(LOANS, {"reps": [rep]}, token)
    assert "errors" not in result, result
    return result["data"]["_entities"][0]


def application(offer: dict[str, Any], amount: str, mobile: str = "13800138123") -> dict[str, Any]:
    return {
        "productCode": offer["productCode"],
        "amount": amount,
        "termMonths": offer["termsMonths"][0],
        "repayMethod": offer["repayMethods"][0],
        "purpose": "WORKING_CAPITAL",
        "borrower": {"name": "Alice", "idCardNumber": "510107200006153216", "mobile": mobile},
        "receiveCardNumber": "6222020200112233445",
    }


async def test_customer_loans_offers_and_schedule(world: Any, subgraph: Any) -> None:
    async with subgraph("loans") as client:
        bo = await customer_loans(client, world, "bo")
        assert bo["loans"], "bo has a micro-loan in the seed"
        loan = bo["loans"][0]
        assert loan["currency"] == "CNY" and loan["principal"]["currency"] == "CNY"
        assert Decimal(loan["annualRate"]) > 0
        total = sum(
            Decimal(x["outstanding"]["amount"]) for x in bo["loans"] if x["status"] != "CLOSED"
        )
        assert bo["totalOutstanding"] == [{"amount": f"{total:.2f}", "currency": "CNY"}]
        schedule = await client.query(SCHEDULE, {"id": loan["id"]}, world.token("bo"))
        terms = schedule["data"]["loan"]["schedule"]
        assert len(terms) == loan["termMonths"]
        for term in terms:
            assert Decimal(term["principal"]["amount"]) + Decimal(
                term["interest"]["amount"]
            ) <= Decimal(term["amount"]["amount"])
        assert bo["loanOffers"]
        # another customer cannot read bo's loan
        other = await client.query(SCHEDULE, {"id": loan["id"]}, world.token("alice"))
        assert other["data"]["loan"] is None


async def test_many_loans_cost_a_fixed_number_of_bank_calls(world: Any, subgraph: Any) -> None:
    log: list[str] = []
    async with subgraph("loans", bank_log=log) as client:
        heavy = await customer_loans(client, world, "heavy")
    count = len(heavy["loans"])
    assert count >= 50
    list_calls = log.count("GET /open/v1/loans")
    assert list_calls == math.ceil(count / 100)
    assert log.count("GET /open/v1/borrowers") == 1
    assert not any(c.startswith("GET /open/v1/loans/") for c in log)  # no per-loan calls


async def test_apply_is_idempotent_and_declines_are_results(world: Any, subgraph: Any) -> None:
    token = world.token("alice")
    async with subgraph("loans") as client:
        offers = (await customer_loans(client, world, "alice"))["loanOffers"]
        offer = offers[0]
        amount = f"{Decimal(offer['minAmount']['amount']):.2f}"
        first = await client.query(APPLY, {"input": application(offer, amount), "key": "a1"}, token)
        created = first["data"]["applyForLoan"]
        assert created["__typename"] == "LoanApplication", first
        assert created["status"] == "DISBURSED" and created["loan"]["principal"]["amount"] == amount
        again = await client.query(APPLY, {"input": application(offer, amount), "key": "a1"}, token)
        assert again["data"]["applyForLoan"]["id"] == created["id"]
        clash = await client.query(
            APPLY, {"input": application(offer, f"{Decimal(amount) + 1:.2f}"), "key": "a1"}, token
        )
        assert clash["data"]["applyForLoan"]["__typename"] == "InvalidInput"
        assert clash["data"]["applyForLoan"]["field"] == "idempotencyKey"
        loans = (await customer_loans(client, world, "alice"))["loans"]
        assert sum(1 for x in loans if x["id"] == created["loan"]["id"]) == 1
        declined = await client.query(
            APPLY, {"input": application(offer, amount, "13800130000"), "key": "a2"}, token
        )
        assert declined["data"]["applyForLoan"]["__typename"] == "LoanDeclined", declined
        assert declined["data"]["applyForLoan"]["code"] == "R003"
        bad = await client.query(
            APPLY,
            {
                "input": {
                    **application(offer, amount),
                    "borrower": {
                        "name": "A",
                        "idCardNumber": "510107200006153217",
                        "mobile": "13800138123",
                    },
                },
                "key": "a3",
            },
            token,
        )
        assert bad["data"]["applyForLoan"] == {
            "__typename": "InvalidInput",
            "message": bad["data"]["applyForLoan"]["message"],
            "field": "borrower.idCardNumber",
        }


async def test_repay_once_per_key(world: Any, subgraph: Any) -> None:
    token = world.token("bo")
    async with subgraph("loans") as client:
        loan = next(
            x for x in (await customer_loans(client, world, "bo"))["loans"] if x["nextInstallment"]
        )
        due = loan["nextInstallment"]["amount"]["amount"]
        cny = next(a for a in world.ledger.accounts("bo", "A") if a.currency == "CNY")
        source = encode_global_id("Account", "A", cny.id)
        variables = {"loan": loan["id"], "amount": due, "from": source, "key": "r1"}
        first = await client.query(REPAY, variables, token)
        paid = first["data"]["repayLoan"]
        assert paid["__typename"] == "Repayment" and paid["status"] == "SUCCESS", first
        again = await client.query(REPAY, variables, token)
        assert again["data"]["repayLoan"]["id"] == paid["id"]
        after = next(
            x for x in (await customer_loans(client, world, "bo"))["loans"] if x["id"] == loan["id"]
        )
        assert Decimal(after["outstanding"]["amount"]) == Decimal(
            paid["loan"]["outstanding"]["amount"]
        )
        assert Decimal(after["outstanding"]["amount"]) < Decimal(loan["outstanding"]["amount"])
        wrong = await client.query(REPAY, {**variables, "amount": "0.01", "key": "r2"}, token)
        assert wrong["data"]["repayLoan"]["__typename"] == "InvalidInput"
        foreign = await client.query(REPAY, {**variables, "key": "r3"}, world.token("alice"))
        assert foreign["data"]["repayLoan"] == {
            "__typename": "InvalidInput",
            "field": "loanId",
            "message": "no such loan",
        }


async def test_loans_refuse_unauthenticated_callers(world: Any, subgraph: Any) -> None:
    rep = {"__typename": "Customer", "id": encode_global_id("Customer", "bankgraph", "bo")}
    async with subgraph("loans") as client:
        anonymous = await client.query(LOANS, {"reps": [rep]})
        impostor = await client.query(LOANS, {"reps": [rep]}, world.token("alice"))
    assert anonymous["data"]["_entities"] == [None] and anonymous["errors"]
    assert impostor["data"]["_entities"] == [None] and impostor["errors"]
