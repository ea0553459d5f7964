"""Fund orders settle only through the caller's own account in the fund's currency, named by
the client (Bank D `settlementAccountId`); customers without an investment account or risk
assessment get empty data and typed refusals. Against the real sandbox Bank D in process."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from test_sg_funds_sandbox import CUSTOMER, REDEEM, SUBSCRIBE, all_funds, customer

from subgraphs.common.ids import encode_global_id


def account_id(world: Any, customer_id: str, currency: str) -> str:
    """The first Bank A account of `customer_id` in `currency` (ledger id = Bank A AccountId)."""
    return next(a.id for a in world.ledger.accounts(customer_id, "A") if a.currency == currency)


def global_id(local_id: str) -> str:
    return encode_global_id("Account", "A", local_id)


def balances(world: Any) -> dict[str, Decimal]:
    return {a.id: world.ledger.balance(a.id) for a in world.ledger.accounts()}


def orders_posted(log: list[str]) -> list[str]:
    return [call for call in log if call.startswith("POST ") and "fund-orders" in call]


def open_cny_account(world: Any, customer_id: str, funds: str) -> str:
    """A second enabled CNY account for `customer_id`, funded from the sandbox's equity."""
    local_id = f"acc-second-{customer_id}"
    with world.ledger.transaction() as tx:
        tx.add_account(
            account_id=local_id, customer_id=customer_id, bank="A", currency="CNY",
            sub_type="CurrentAccount", nickname="Second CNY",
        )  # fmt: skip
        tx.transfer(
            debit=tx.system_account("equity", "CNY"), credit=local_id,
            amount=Decimal(funds), currency="CNY", kind="seed",
        )  # fmt: skip
    return local_id


class FreezeBeforeOrder(list[str]):
    """A bank log that disables `account_id` in the ledger just before the order reaches Bank
    D: the account passed the subgraph's check and is frozen by the time the bank sees it."""

    def __init__(self, world: Any, account_id: str) -> None:
        super().__init__()
        self.world, self.account_id = world, account_id

    def append(self, call: str) -> None:
        if call.startswith("POST ") and "fund-orders" in call:
            with self.world.ledger.transaction() as tx:
                tx.set_account_status(self.account_id, "Disabled")
        super().append(call)


async def cny_fund(client: Any, world: Any, max_level: int) -> str:
    """The riskiest CNY fund up to `max_level`."""
    funds = await all_funds(client, world.token("chen"), max_level)
    cny = [f for f in funds if f["currency"] == "CNY"]
    return max(cny, key=lambda f: (f["riskLevel"], f["code"]))["code"]


async def test_subscription_debits_exactly_the_chosen_account(world: Any, subgraph: Any) -> None:
    second = open_cny_account(world, "chen", "5000.00")
    first = account_id(world, "chen", "CNY")
    async with subgraph("funds") as client:
        code = await cny_fund(client, world, 4)
        before = balances(world)
        variables = {"code": code, "amount": "1200.00", "from": global_id(second), "key": "k1"}
        placed = await client.query(SUBSCRIBE, variables, world.token("chen"))
        again = await client.query(SUBSCRIBE, variables, world.token("chen"))
        elsewhere = {**variables, "from": global_id(first)}
        reused = await client.query(SUBSCRIBE, elsewhere, world.token("chen"))
    order = placed["data"]["subscribeFund"]
    assert reused["data"]["subscribeFund"]["field"] == "idempotencyKey", reused
    assert order["__typename"] == "FundOrder", placed
    assert again["data"]["subscribeFund"]["id"] == order["id"]
    after = balances(world)
    assert after[second] == before[second] - Decimal("1200.00")
    assert after[first] == before[first]
    assert {k for k in after if after[k] != before[k]} == {second, "sys-funds-CNY"}


async def test_wrong_currency_or_foreign_account_moves_nothing(world: Any, subgraph: Any) -> None:
    log: list[str] = []
    token = world.token("chen")
    async with subgraph("funds", bank_log=log) as client:
        code = await cny_fund(client, world, 4)
        chen = await customer(client, world, "chen")
        held = chen["fundHoldings"][0]["fund"]["code"]
        before = balances(world)
        results = []
        for source in (
            account_id(world, "chen", "GBP"),
            account_id(world, "alice", "CNY"),
            "acc-nowhere",
        ):
            buy = {"code": code, "amount": "100.00", "from": global_id(source), "key": source}
            results.append((await client.query(SUBSCRIBE, buy, token))["data"]["subscribeFund"])
            sell = {"code": held, "units": "1.00", "to": global_id(source), "key": "r" + source}
            results.append((await client.query(REDEEM, sell, token))["data"]["redeemFund"])
    assert [(r["__typename"], r["field"]) for r in results] == [
        ("InvalidInput", "fromAccountId"),
        ("InvalidInput", "toAccountId"),
    ] * 3, results
    assert "GBP" in results[0]["message"] and "CNY" in results[0]["message"]
    assert orders_posted(log) == [] and balances(world) == before


async def test_account_frozen_after_the_check_is_refused_by_the_bank(
    world: Any, subgraph: Any
) -> None:
    source = account_id(world, "chen", "CNY")
    log = FreezeBeforeOrder(world, source)
    async with subgraph("funds", bank_log=log) as client:
        code = await cny_fund(client, world, 4)
        before = balances(world)
        variables = {"code": code, "amount": "100.00", "from": global_id(source), "key": "f1"}
        result = await client.query(SUBSCRIBE, variables, world.token("chen"))
    refused = result["data"]["subscribeFund"]
    assert (refused["__typename"], refused["field"]) == ("InvalidInput", "fromAccountId"), result
    assert "3010" in refused["message"]
    assert len(orders_posted(log)) == 1 and balances(world) == before


async def test_customer_without_investment_account_or_assessment(world: Any, subgraph: Any) -> None:
    log: list[str] = []
    async with subgraph("funds", bank_log=log) as client:
        bo = await customer(client, world, "bo")
        code = await cny_fund(client, world, 5)
        before = balances(world)
        source = global_id(account_id(world, "bo", "CNY"))
        variables = {"code": code, "amount": "100.00", "from": source, "key": "b1"}
        result = await client.query(SUBSCRIBE, variables, world.token("bo"))
    assert bo == {"riskTolerance": None, "holdingsValue": [], "fundHoldings": [],
                  "recommendedFunds": []}  # fmt: skip
    refused = result["data"]["subscribeFund"]
    assert refused["__typename"] == "InvalidInput", result
    assert "investment account" in refused["message"]
    assert orders_posted(log) == [] and balances(world) == before


async def test_holder_without_assessment_sees_holdings_but_cannot_buy(
    world: Any, subgraph: Any
) -> None:
    with world.ledger.transaction() as tx:
        tx.execute("DELETE FROM risk_profiles WHERE customer_id = 'alice'")
    log: list[str] = []
    async with subgraph("funds", bank_log=log) as client:
        rep = {"__typename": "Customer", "id": encode_global_id("Customer", "bankgraph", "alice")}
        seen = await client.query(CUSTOMER, {"reps": [rep]}, world.token("alice"))
        code = await cny_fund(client, world, 1)
        source = global_id(account_id(world, "alice", "CNY"))
        variables = {"code": code, "amount": "100.00", "from": source, "key": "a1"}
        result = await client.query(SUBSCRIBE, variables, world.token("alice"))
    assert "errors" not in seen, seen
    alice = seen["data"]["_entities"][0]
    assert alice["riskTolerance"] is None and alice["recommendedFunds"] == []
    assert alice["fundHoldings"], "the seed gives alice a small money-market holding"
    refused = result["data"]["subscribeFund"]
    assert refused["__typename"] == "UnsuitableProduct", result
    assert refused["riskTolerance"] is None and "assessment" in refused["message"]
    assert orders_posted(log) == []
