"""End to end: the home-screen query, bank-call bounds, settlement and idempotent retries
through our gateway and through Hive Gateway, over the sandbox world and the four subgraphs."""

from __future__ import annotations

import time
from decimal import Decimal
from typing import Any

import pytest

HOME = """
query Home {
  me {
    name
    accounts { name balance { available { amount currency } }
               transactions(first: 5) { edges { node { amount { amount currency } description } } }
               payments(first: 3) { edges { node { status amount { amount } creditorName } } } }
    loans { outstanding { amount currency } nextInstallment { dueDate amount { amount } } }
    fundHoldings { fund { name nav { amount } } marketValue { amount currency } }
    netWorth { amount currency }
  }
}
"""
ACCOUNTS = """query { me { accounts { id currency iban balance { booked { amount } }
  transactions(first: 10) { edges { node { amount { amount } description status } } } } } }"""
INITIATE = """
mutation($input: InitiatePaymentInput!, $key: String!) {
  initiatePayment(input: $input, idempotencyKey: $key) {
    __typename ... on Payment { id status } ... on InvalidInput { message } } }
"""
PAYMENT = "query($id: ID!) { payment(id: $id) { status statusCode debtorAccount { id } } }"
GATEWAYS = ["our_gateway", "hive"]


def gateway(request: pytest.FixtureRequest, name: str) -> Any:
    return request.getfixturevalue(name)


@pytest.mark.parametrize("gateway_name", GATEWAYS)
@pytest.mark.parametrize("customer", ["alice", "bo", "chen", "heavy"])
def test_home_screen_is_complete(
    request: pytest.FixtureRequest, bankgraph: Any, gateway_name: str, customer: str
) -> None:
    result = gateway(request, gateway_name).query(HOME, token=bankgraph.token(customer))
    assert "errors" not in result, result.get("errors")
    me = result["data"]["me"]
    assert me["accounts"], customer
    assert all(a["balance"]["available"] for a in me["accounts"])
    if customer in ("bo", "heavy"):
        assert me["loans"]
    if customer in ("chen", "heavy"):
        assert me["fundHoldings"]
    currencies = {m["currency"] for m in me["netWorth"]}
    assert {a["balance"]["available"]["currency"] for a in me["accounts"]} <= currencies


BANK_CALL_BOUNDS = {"A": 5, "B": 1, "C": 3, "D": 4}
"""Data calls per bank for one home screen, whatever the customer holds. A: one walk each of
/accounts and bulk /balances per accounts fetch (two waves: the home selection, then netWorth
after its @requires inputs) plus one walk of bulk /transactions, each a single page of up to
1000 records. B: one payment list for the PSU. C: borrower + loan pages of 100. D: accounts
with details + fund catalogue + risk profile."""


def home_calls(bankgraph: Any, client: Any, customer: str) -> tuple[dict[str, list[str]], Any]:
    """The bank data calls of one home-screen query (grants warmed first) and its result."""
    token = bankgraph.token(customer)
    client.query(HOME, token=token)  # warm the banks' grants: only data calls are counted
    bankgraph.bank_log.clear()
    result = client.query(HOME, token=token)
    assert "errors" not in result, result.get("errors")
    log = list(bankgraph.bank_log)
    return {bank: [c for c in log if c.startswith(bank + " ")] for bank in "ABCD"}, result


@pytest.mark.parametrize("gateway_name", GATEWAYS)
def test_heavy_home_screen_costs_as_many_bank_calls_as_alices(
    request: pytest.FixtureRequest, bankgraph: Any, gateway_name: str
) -> None:
    client = gateway(request, gateway_name)
    alice, _ = home_calls(bankgraph, client, "alice")
    heavy, result = home_calls(bankgraph, client, "heavy")
    me = result["data"]["me"]
    assert len(me["accounts"]) >= 50 and len(me["loans"]) >= 50 and len(me["fundHoldings"]) >= 50
    assert all(a["transactions"]["edges"] for a in me["accounts"])
    for bank, bound in BANK_CALL_BOUNDS.items():
        assert len(heavy[bank]) <= bound, (bank, heavy[bank])
        assert len(alice[bank]) <= bound, (bank, alice[bank])
    # 14x the accounts, 50+ loans and holdings against none or one: the same calls where the
    # dialect has bulk reads (A, B), and never a call per account.
    assert sorted(heavy["A"]) == sorted(alice["A"]) and heavy["B"] == alice["B"]
    assert heavy["B"] == ["B GET /v1/payments/sepa-credit-transfers"]
    assert not any("/aisp/accounts/" in c for c in heavy["A"])


def eur_account(client: Any, token: str) -> dict[str, Any]:
    result = client.query(ACCOUNTS, token=token)
    assert "errors" not in result, result
    return next(a for a in result["data"]["me"]["accounts"] if a["currency"] == "EUR")


@pytest.mark.parametrize("gateway_name", GATEWAYS)
def test_payment_settles_into_the_account_once(
    request: pytest.FixtureRequest, bankgraph: Any, gateway_name: str
) -> None:
    client = gateway(request, gateway_name)
    token = bankgraph.token("alice")
    before = eur_account(client, token)
    amount = "12.34" if gateway_name == "our_gateway" else "23.45"
    payment = {
        "debtorIban": before["iban"],
        "creditorIban": "NL91ABNA0417164300",
        "creditorName": "Van Dijk Drukwerk BV",
        "amount": {"amount": amount, "currency": "EUR"},
        "remittanceInformation": f"e2e {gateway_name.replace('_', ' ')}",
    }
    key = f"e2e-{gateway_name}"
    first = client.query(INITIATE, {"input": payment, "key": key}, token)
    again = client.query(INITIATE, {"input": payment, "key": key}, token)
    created = first["data"]["initiatePayment"]
    assert created["__typename"] == "Payment", first
    assert again["data"]["initiatePayment"]["id"] == created["id"]
    status = None
    for _ in range(40):
        polled = client.query(PAYMENT, {"id": created["id"]}, token)
        assert "errors" not in polled, polled
        status = polled["data"]["payment"]["status"]
        if status in ("COMPLETED", "REJECTED"):
            break
        time.sleep(0.5)
    assert status == "COMPLETED"
    assert polled["data"]["payment"]["debtorAccount"]["id"] == before["id"]
    after = eur_account(client, token)
    moved = Decimal(before["balance"]["booked"]["amount"]) - Decimal(
        after["balance"]["booked"]["amount"]
    )
    assert moved == Decimal(amount)  # debited exactly once despite the retry
    amounts = [e["node"]["amount"]["amount"] for e in after["transactions"]["edges"]]
    assert f"-{amount}" in amounts


CNY = """query { me { accounts { id currency balance { booked { amount } } }
  loans { id outstanding { amount } nextInstallment { amount { amount } } }
  fundHoldings { fund { code riskLevel } units } } }"""
SUBSCRIBE = """
mutation($code: ID!, $amount: Decimal!, $from: ID!, $key: String!) {
  subscribeFund(fundCode: $code, amount: $amount, fromAccountId: $from, idempotencyKey: $key) {
    __typename ... on FundOrder { id status } ... on InvalidInput { message }
    ... on UnsuitableProduct { message } ... on InsufficientFunds { message } } }
"""
REPAY = """
mutation($loan: ID!, $amount: Decimal!, $from: ID!, $key: String!) {
  repayLoan(loanId: $loan, amount: $amount, fromAccountId: $from, idempotencyKey: $key) {
    __typename ... on Repayment { id status } ... on InvalidInput { message }
    ... on InsufficientFunds { message } ... on RepaymentRefused { code } } }
"""
FUNDS = "query { funds(first: 50, maxRiskLevel: 3) { edges { node { code currency } } } }"


def cny_state(client: Any, token: str) -> tuple[dict[str, Any], Decimal, dict[str, Any]]:
    result = client.query(CNY, token=token)
    assert "errors" not in result, result
    me = result["data"]["me"]
    cny = next(a for a in me["accounts"] if a["currency"] == "CNY")
    return cny, Decimal(cny["balance"]["booked"]["amount"]), me


@pytest.mark.parametrize("gateway_name", GATEWAYS)
def test_retried_loan_repayment_and_fund_subscription_move_money_once(
    request: pytest.FixtureRequest, bankgraph: Any, gateway_name: str
) -> None:
    client = gateway(request, gateway_name)
    token = bankgraph.token("bo")
    cny, before, me = cny_state(client, token)
    loan = next(x for x in me["loans"] if x["nextInstallment"])
    due = loan["nextInstallment"]["amount"]["amount"]
    variables = {"loan": loan["id"], "amount": due, "from": cny["id"], "key": f"rp-{gateway_name}"}
    first = client.query(REPAY, variables, token)
    second = client.query(REPAY, variables, token)
    assert first["data"]["repayLoan"]["__typename"] == "Repayment", first
    assert second["data"]["repayLoan"] == first["data"]["repayLoan"]
    _, after, _ = cny_state(client, token)
    assert before - after == Decimal(due)

    token = bankgraph.token("chen")
    funds = client.query(FUNDS, token=token)["data"]["funds"]["edges"]
    fund = next(f["node"] for f in funds if f["node"]["currency"] == "CNY")
    cny, before, _ = cny_state(client, token)
    variables = {"code": fund["code"], "amount": "1000.00", "from": cny["id"],
                 "key": f"sub-{gateway_name}"}  # fmt: skip
    first = client.query(SUBSCRIBE, variables, token)
    second = client.query(SUBSCRIBE, variables, token)
    assert first["data"]["subscribeFund"]["__typename"] == "FundOrder", first
    assert second["data"]["subscribeFund"]["id"] == first["data"]["subscribeFund"]["id"]
    _, after, _ = cny_state(client, token)
    assert before - after == Decimal("1000.00")  # Bank D debits at submission, once


NET_WORTH = """query { me {
  accounts { currency balance { booked { amount } } }
  loans { status outstanding { amount currency } }
  fundHoldings { marketValue { amount currency } }
  netWorth { amount currency } } }"""


@pytest.mark.parametrize("gateway_name", GATEWAYS)
@pytest.mark.parametrize("customer", ["bo", "chen"])
def test_net_worth_combines_three_banks_per_currency(
    request: pytest.FixtureRequest, bankgraph: Any, gateway_name: str, customer: str
) -> None:
    result = gateway(request, gateway_name).query(NET_WORTH, token=bankgraph.token(customer))
    assert "errors" not in result, result.get("errors")
    me = result["data"]["me"]
    expected: dict[str, Decimal] = {}

    def add(currency: str, amount: Decimal) -> None:
        expected[currency] = expected.get(currency, Decimal(0)) + amount

    for account in me["accounts"]:
        add(account["currency"], Decimal(account["balance"]["booked"]["amount"]))
    for holding in me["fundHoldings"]:
        add(holding["marketValue"]["currency"], Decimal(holding["marketValue"]["amount"]))
    for loan in me["loans"]:
        if loan["status"] != "CLOSED":
            add(loan["outstanding"]["currency"], -Decimal(loan["outstanding"]["amount"]))
    got = {m["currency"]: Decimal(m["amount"]) for m in me["netWorth"]}
    assert got == expected


JUMPS = """query { me {
  loans { product disbursementAccount { id currency } }
  accounts { currency
             payments(first: 2) { edges { node { debtorAccount { id currency } } } } } } }"""


@pytest.mark.parametrize("gateway_name", GATEWAYS)
def test_entities_jump_back_to_accounts(
    request: pytest.FixtureRequest, bankgraph: Any, gateway_name: str
) -> None:
    result = gateway(request, gateway_name).query(JUMPS, token=bankgraph.token("alice"))
    assert "errors" not in result, result.get("errors")
    me = result["data"]["me"]
    edges = [e for a in me["accounts"] for e in a["payments"]["edges"]]
    assert edges, "alice has SEPA payments in the seed"
    assert all(e["node"]["debtorAccount"]["currency"] == "EUR" for e in edges)
    bo = gateway(request, gateway_name).query(JUMPS, token=bankgraph.token("bo"))
    assert "errors" not in bo, bo.get("errors")
    assert all(
        loan["disbursementAccount"]["currency"] == "CNY" for loan in bo["data"]["me"]["loans"]
    )
    assert all(loan["product"] for loan in bo["data"]["me"]["loans"])
