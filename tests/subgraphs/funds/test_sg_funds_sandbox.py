"""The funds subgraph against the real sandbox Bank D (private_key_jwt, in process)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from subgraphs.common.ids import encode_global_id

CUSTOMER = """
query($reps: [_Any!]!) { _entities(representations: $reps) { ... on Customer {
  riskTolerance holdingsValue { amount currency }
  fundHoldings { id units availableUnits marketValue { amount currency } costBasis { amount }
                 fund { code name riskLevel nav { amount currency } } }
  recommendedFunds { code riskLevel status } } } }
"""
FUNDS = """
query($after: String, $max: Int) { funds(first: 5, after: $after, maxRiskLevel: $max) {
  edges { node { code riskLevel currency nav { amount } navDate } }
  pageInfo { hasNextPage endCursor } } }
"""
SUBSCRIBE = """
mutation($code: ID!, $amount: Decimal!, $from: ID!, $key: String!) {
  subscribeFund(fundCode: $code, amount: $amount, fromAccountId: $from, idempotencyKey: $key) {
    __typename ... on FundOrder { id type status amount { amount currency } fund { code } }
    ... on UnsuitableProduct { message fundRiskLevel riskTolerance }
    ... on InvalidInput { message field } ... on InsufficientFunds { message } } }
"""
REDEEM = """
mutation($code: ID!, $units: Decimal!, $to: ID!, $key: String!) {
  redeemFund(fundCode: $code, units: $units, toAccountId: $to, idempotencyKey: $key) {
    __typename ... on FundOrder { id type status units }
    ... on InsufficientFunds { message } ... on InvalidInput { message field } } }
"""


def account(world: Any, customer: str, currency: str = "CNY") -> str:
    """The global id of `customer`'s first Bank A account in `currency`."""
    local = next(a.id for a in world.ledger.accounts(customer, "A") if a.currency == currency)
    return encode_global_id("Account", "A", local)


async def customer(client: Any, world: Any, name: str) -> dict[str, Any]:
    rep = {"__typename": "Customer", "id": encode_global_id("Customer", "bankgraph", name)}
    result = await client.query(CUSTOMER, {"reps": [rep]}, world.token(name))
    assert "errors" not in result, result
    return result["data"]["_entities"][0]


async def all_funds(client: Any, token: str, max_level: int | None = None) -> list[dict[str, Any]]:
    after, funds = None, []
    for _ in range(100):
        result = await client.query(FUNDS, {"after": after, "max": max_level}, token)
        assert "errors" not in result, result
        connection = result["data"]["funds"]
        funds += [edge["node"] for edge in connection["edges"]]
        if not connection["pageInfo"]["hasNextPage"]:
            return funds
        after = connection["pageInfo"]["endCursor"]
    raise AssertionError("funds never ended")


async def test_holdings_value_and_recommendations(world: Any, subgraph: Any) -> None:
    async with subgraph("funds") as client:
        chen = await customer(client, world, "chen")
    assert chen["riskTolerance"] == 4
    assert chen["fundHoldings"]
    totals: dict[str, Decimal] = {}
    for holding in chen["fundHoldings"]:
        value = holding["marketValue"]
        totals[value["currency"]] = totals.get(value["currency"], Decimal(0)) + Decimal(
            value["amount"]
        )
        assert holding["fund"]["code"]
    assert {m["currency"]: Decimal(m["amount"]) for m in chen["holdingsValue"]} == totals
    assert chen["recommendedFunds"]
    assert all(f["riskLevel"] <= 4 and f["status"] == "OPEN" for f in chen["recommendedFunds"])


async def test_fund_catalogue_paginates_to_the_end(world: Any, subgraph: Any) -> None:
    async with subgraph("funds") as client:
        token = world.token("chen")
        funds = await all_funds(client, token)
        low = await all_funds(client, token, 2)
    codes = [f["code"] for f in funds]
    assert len(codes) > 5 and len(codes) == len(set(codes))
    assert low and all(f["riskLevel"] <= 2 for f in low)
    assert {f["code"] for f in low} == {f["code"] for f in funds if f["riskLevel"] <= 2}


async def test_one_year_return_from_nav_history(world: Any, subgraph: Any) -> None:
    query = "{ funds(first: 10) { edges { node { code nav { amount } oneYearReturn } } } }"
    async with subgraph("funds") as client:
        result = await client.query(query, token=world.token("chen"))
    assert "errors" not in result, result
    returns = [e["node"]["oneYearReturn"] for e in result["data"]["funds"]["edges"]]
    assert any(value is not None for value in returns)
    for value in returns:
        if value is not None:
            assert Decimal(value) == Decimal(value).quantize(Decimal("0.01"))


async def test_subscribe_checks_suitability_first_and_is_idempotent(
    world: Any, subgraph: Any
) -> None:
    log: list[str] = []
    async with subgraph("funds", bank_log=log) as client:
        token = world.token("chen")
        funds = await all_funds(client, token)
        risky = next(f for f in funds if f["riskLevel"] == 5)
        suitable = next(f for f in funds if 1 < f["riskLevel"] <= 4 and f["currency"] == "CNY")
        source = account(world, "chen")
        refused = await client.query(
            SUBSCRIBE,
            {"code": risky["code"], "amount": "1000.00", "from": source, "key": "s0"},
            token,
        )
        assert refused["data"]["subscribeFund"]["__typename"] == "UnsuitableProduct", refused
        assert refused["data"]["subscribeFund"]["fundRiskLevel"] == 5
        assert not any(c.startswith("POST ") and "fund-orders" in c for c in log)
        variables = {"code": suitable["code"], "amount": "1000.00", "from": source, "key": "s1"}
        first = await client.query(SUBSCRIBE, variables, token)
        order = first["data"]["subscribeFund"]
        assert order["__typename"] == "FundOrder", first
        assert order["type"] == "SUBSCRIPTION" and order["status"] == "PENDING"
        assert order["amount"]["amount"] == "1000.00" and order["fund"]["code"] == suitable["code"]
        again = await client.query(SUBSCRIBE, variables, token)
        assert again["data"]["subscribeFund"]["id"] == order["id"]
        lookup = (
            "query($r: [_Any!]!) { _entities(representations: $r) { ... on FundOrder { id } } }"
        )
        reps = {"r": [{"__typename": "FundOrder", "id": order["id"]}]}
        mine = await client.query(lookup, reps, token)
        theirs = await client.query(lookup, reps, world.token("bo"))
        assert mine["data"]["_entities"] == [{"id": order["id"]}], mine
        assert theirs["data"]["_entities"] == [None], theirs
        bad = await client.query(SUBSCRIBE, {**variables, "amount": "10.001", "key": "s2"}, token)
        assert bad["data"]["subscribeFund"]["__typename"] == "InvalidInput"
        broke = await client.query(
            SUBSCRIBE, {**variables, "amount": "99999999.00", "key": "s3"}, token
        )
        assert broke["data"]["subscribeFund"]["__typename"] == "InsufficientFunds", broke


async def test_redeem_more_than_held_is_insufficient(world: Any, subgraph: Any) -> None:
    target = account(world, "chen")
    async with subgraph("funds") as client:
        chen = await customer(client, world, "chen")
        holding = chen["fundHoldings"][0]
        too_many = f"{Decimal(holding['units']) + 1:.2f}"
        result = await client.query(
            REDEEM,
            {"code": holding["fund"]["code"], "units": too_many, "to": target, "key": "x1"},
            world.token("chen"),
        )
        assert result["data"]["redeemFund"]["__typename"] == "InsufficientFunds", result
        some = await client.query(
            REDEEM,
            {"code": holding["fund"]["code"], "units": "1.00", "to": target, "key": "x2"},
            world.token("chen"),
        )
        assert some["data"]["redeemFund"]["__typename"] == "FundOrder", some
        assert some["data"]["redeemFund"]["type"] == "REDEMPTION"


async def test_a_retried_redemption_sells_once(world: Any, subgraph: Any) -> None:
    target = account(world, "chen")
    async with subgraph("funds") as client:
        before = (await customer(client, world, "chen"))["fundHoldings"][0]
        variables = {"code": before["fund"]["code"], "units": "2.00", "to": target, "key": "r1"}
        first = await client.query(REDEEM, variables, world.token("chen"))
        retry = await client.query(REDEEM, variables, world.token("chen"))
        after = (await customer(client, world, "chen"))["fundHoldings"][0]
    assert first["data"]["redeemFund"]["__typename"] == "FundOrder", first
    assert retry["data"]["redeemFund"] == first["data"]["redeemFund"]
    frozen = Decimal(before["availableUnits"]) - Decimal(after["availableUnits"])
    assert frozen == Decimal("2.00"), (before, after)


async def test_many_holdings_cost_few_bank_calls(world: Any, subgraph: Any) -> None:
    log: list[str] = []
    async with subgraph("funds", bank_log=log) as client:
        heavy = await customer(client, world, "heavy")
    assert len(heavy["fundHoldings"]) >= 50
    data_calls = [c for c in log if c.startswith("GET ")]
    detail_calls = [c for c in data_calls if c.startswith("GET /fdx/v5/accounts/")]
    catalogue_calls = [c for c in data_calls if c == "GET /bankd/v1/funds"]
    assert detail_calls == [] and len(catalogue_calls) <= 2
    assert log.count("GET /fdx/v5/accounts") == 1, log
    assert len(data_calls) <= 4, log


async def test_funds_refuse_unauthenticated_callers(world: Any, subgraph: Any) -> None:
    async with subgraph("funds") as client:
        result = await client.query(FUNDS, {"after": None, "max": None})
    assert result["data"] is None or result["data"]["funds"] is None
    assert "not authenticated" in result["errors"][0]["message"]
