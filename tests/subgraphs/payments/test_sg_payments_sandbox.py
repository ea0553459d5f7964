"""The payments subgraph against the real sandbox Bank B (and Bank A for the IBANs)."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from subgraphs.common.ids import encode_global_id

ACCOUNTS = "query { me { id accounts { id currency iban balance { booked { amount } } } } }"
PAYMENTS = """
query($reps: [_Any!]!) { _entities(representations: $reps) { ... on Account {
  payments(first: 50) { edges { node { id status statusCode amount { amount currency }
    creditorName creditorIban debtorIban } } pageInfo { hasNextPage } } } } }
"""
INITIATE = """
mutation($input: InitiatePaymentInput!, $key: String!) {
  initiatePayment(input: $input, idempotencyKey: $key) {
    __typename
    ... on Payment { id status statusCode amount { amount currency } debtorIban }
    ... on InvalidInput { message field }
    ... on InsufficientFunds { message }
    ... on PaymentRejected { message code }
  } }
"""
CANCEL = """
mutation($id: ID!) { cancelPayment(id: $id) { __typename
  ... on Payment { status } ... on CancellationRefused { code payment { status } }
  ... on InvalidInput { field } } }
"""
PAYMENT = "query($id: ID!) { payment(id: $id) { id status } }"


async def eur_account(world: Any, subgraph: Any, customer: str) -> dict[str, Any]:
    async with subgraph("accounts") as accounts:
        me = (await accounts.query(ACCOUNTS, token=world.token(customer)))["data"]["me"]
    return next(a for a in me["accounts"] if a["currency"] == "EUR" and a["iban"])


def order(debtor: str, amount: str = "12.34", **extra: Any) -> dict[str, Any]:
    return {
        "debtorIban": debtor,
        "creditorIban": "NL91ABNA0417164300",
        "creditorName": "Van Dijk Drukwerk BV",
        "amount": {"amount": amount, "currency": "EUR"},
        "remittanceInformation": "Invoice 42",
        **extra,
    }


async def payments_of(client: Any, token: str, account: dict[str, Any]) -> list[dict[str, Any]]:
    rep = {"__typename": "Account", "id": account["id"], "iban": account["iban"], "currency": "EUR"}
    result = await client.query(PAYMENTS, {"reps": [rep]}, token)
    assert "errors" not in result, result
    return [e["node"] for e in result["data"]["_entities"][0]["payments"]["edges"]]


async def test_initiate_is_idempotent_and_listed(world: Any, subgraph: Any) -> None:
    eur = await eur_account(world, subgraph, "alice")
    token = world.token("alice")
    async with subgraph("payments") as client:
        before = await payments_of(client, token, eur)
        first = await client.query(INITIATE, {"input": order(eur["iban"]), "key": "k-1"}, token)
        again = await client.query(INITIATE, {"input": order(eur["iban"]), "key": "k-1"}, token)
        after = await payments_of(client, token, eur)
    created = first["data"]["initiatePayment"]
    assert created["__typename"] == "Payment", first
    assert created["amount"] == {"amount": "12.34", "currency": "EUR"}
    assert created["status"] in {"ACCEPTED", "IN_SETTLEMENT", "COMPLETED"}
    assert again["data"]["initiatePayment"]["id"] == created["id"]
    assert len(after) == len(before) + 1
    assert created["id"] in {p["id"] for p in after}


async def test_same_key_with_other_input_is_invalid(world: Any, subgraph: Any) -> None:
    eur = await eur_account(world, subgraph, "alice")
    token = world.token("alice")
    async with subgraph("payments") as client:
        await client.query(INITIATE, {"input": order(eur["iban"]), "key": "k-2"}, token)
        clash = await client.query(
            INITIATE, {"input": order(eur["iban"], "99.00"), "key": "k-2"}, token
        )
    assert clash["data"]["initiatePayment"]["__typename"] == "InvalidInput"


async def test_invalid_input_changes_nothing(world: Any, subgraph: Any) -> None:
    eur = await eur_account(world, subgraph, "alice")
    token = world.token("alice")
    cases = [
        (order(eur["iban"], creditorIban="DE89370400440532013001"), "creditorIban"),
        (order(eur["iban"], "0.00"), "amount.amount"),
        (order(eur["iban"], "1.005"), "amount.amount"),
        (
            {**order(eur["iban"]), "amount": {"amount": "5.00", "currency": "GBP"}},
            "amount.currency",
        ),
    ]
    async with subgraph("payments") as client:
        before = await payments_of(client, token, eur)
        for index, (payload, field) in enumerate(cases):
            result = await client.query(INITIATE, {"input": payload, "key": f"bad-{index}"}, token)
            assert result["data"]["initiatePayment"] == {
                "__typename": "InvalidInput",
                "message": result["data"]["initiatePayment"]["message"],
                "field": field,
            }
        # someone else's debtor account: the bank refuses, still nothing created
        bo = await eur_account(world, subgraph, "bo")
        foreign = await client.query(INITIATE, {"input": order(bo["iban"]), "key": "f"}, token)
        assert foreign["data"]["initiatePayment"]["__typename"] == "InvalidInput"
        assert await payments_of(client, token, eur) == before


async def test_insufficient_funds(world: Any, subgraph: Any) -> None:
    eur = await eur_account(world, subgraph, "alice")
    token = world.token("alice")
    async with subgraph("payments") as client:
        result = await client.query(
            INITIATE, {"input": order(eur["iban"], "999999.00"), "key": "big"}, token
        )
    assert result["data"]["initiatePayment"]["__typename"] == "InsufficientFunds", result


async def test_cancel_a_future_payment_and_refuse_a_settled_one(world: Any, subgraph: Any) -> None:
    eur = await eur_account(world, subgraph, "alice")
    token = world.token("alice")
    future = (date.today() + timedelta(days=20)).isoformat()
    async with subgraph("payments") as client:
        later = await client.query(
            INITIATE,
            {"input": order(eur["iban"], requestedExecutionDate=future), "key": "later"},
            token,
        )
        pid = later["data"]["initiatePayment"]["id"]
        cancelled = await client.query(CANCEL, {"id": pid}, token)
        assert cancelled["data"]["cancelPayment"] == {
            "__typename": "Payment",
            "status": "CANCELLED",
        }
        again = await client.query(CANCEL, {"id": pid}, token)
        assert again["data"]["cancelPayment"]["__typename"] == "CancellationRefused"
        unknown = await client.query(CANCEL, {"id": encode_global_id("Payment", "B", "x")}, token)
        assert unknown["data"]["cancelPayment"] == {"__typename": "InvalidInput", "field": "id"}


async def test_another_customers_payment_is_not_visible(world: Any, subgraph: Any) -> None:
    eur = await eur_account(world, subgraph, "alice")
    async with subgraph("payments") as client:
        created = await client.query(
            INITIATE, {"input": order(eur["iban"]), "key": "mine"}, world.token("alice")
        )
        pid = created["data"]["initiatePayment"]["id"]
        mine = await client.query(PAYMENT, {"id": pid}, world.token("alice"))
        theirs = await client.query(PAYMENT, {"id": pid}, world.token("bo"))
        cancel = await client.query(CANCEL, {"id": pid}, world.token("bo"))
        anonymous = await client.query(PAYMENT, {"id": pid})
    assert mine["data"]["payment"]["id"] == pid
    assert theirs["data"]["payment"] is None
    assert cancel["data"]["cancelPayment"]["__typename"] == "InvalidInput"
    assert anonymous["data"]["payment"] is None and anonymous["errors"]


async def test_non_eur_accounts_have_no_sepa_payments(world: Any, subgraph: Any) -> None:
    async with subgraph("accounts") as accounts:
        me = (await accounts.query(ACCOUNTS, token=world.token("alice")))["data"]["me"]
    gbp = next(a for a in me["accounts"] if a["currency"] == "GBP")
    rep = {"__typename": "Account", "id": gbp["id"], "iban": gbp["iban"], "currency": "GBP"}
    async with subgraph("payments") as client:
        result = await client.query(PAYMENTS, {"reps": [rep]}, world.token("alice"))
    assert result["data"]["_entities"][0]["payments"]["edges"] == []


async def test_payments_of_many_accounts_cost_one_bank_call(world: Any, subgraph: Any) -> None:
    eur = [a for a in world.ledger.accounts("heavy", bank="A") if a.currency == "EUR"]
    reps = [
        {"__typename": "Account", "id": encode_global_id("Account", "A", a.id), "iban": a.iban,
         "currency": "EUR"}
        for a in eur
    ]  # fmt: skip
    bo = await eur_account(world, subgraph, "bo")
    reps.append({"__typename": "Account", "id": bo["id"], "iban": bo["iban"], "currency": "EUR"})
    log: list[str] = []
    async with subgraph("payments", bank_log=log) as client:
        result = await client.query(PAYMENTS, {"reps": reps}, world.token("heavy"))
    assert "errors" not in result, result
    connections = [entity["payments"] for entity in result["data"]["_entities"]]
    assert log.count("GET /v1/payments/sepa-credit-transfers") == 1
    assert len(log) == 2  # + the client-credentials token
    assert connections[-1]["edges"] == []  # another customer's account: nothing of theirs
    for account, connection in zip(eur, connections, strict=False):
        ibans = {edge["node"]["debtorIban"] for edge in connection["edges"]}
        assert ibans == {account.iban} and len(connection["edges"]) == 5
    assert sum(len(c["edges"]) for c in connections) == 70
