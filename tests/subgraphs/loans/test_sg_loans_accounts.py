"""The loans subgraph moves money only through the caller's own CNY account that the client
names (Bank C `repay_account_id` / `receive_account_id`), against the real sandbox in process."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from test_sg_loans_sandbox import APPLY, REPAY, application, customer_loans

from subgraphs.common.ids import encode_global_id


def account_id(world: Any, customer: str, currency: str) -> str:
    """The first Bank A account of `customer` in `currency` (ledger id = Bank A AccountId)."""
    return next(a.id for a in world.ledger.accounts(customer, "A") if a.currency == currency)


def global_id(local_id: str) -> str:
    return encode_global_id("Account", "A", local_id)


def balances(world: Any) -> dict[str, Decimal]:
    return {a.id: world.ledger.balance(a.id) for a in world.ledger.accounts()}


def open_cny_account(world: Any, customer: str, funds: str) -> str:
    """A second enabled CNY account for `customer`, funded from the sandbox's equity account."""
    local_id = f"acc-second-{customer}"
    with world.ledger.transaction() as tx:
        tx.add_account(
            account_id=local_id, customer_id=customer, bank="A", currency="CNY",
            sub_type="CurrentAccount", nickname="Second CNY",
        )  # fmt: skip
        tx.transfer(
            debit=tx.system_account("equity", "CNY"), credit=local_id,
            amount=Decimal(funds), currency="CNY", kind="seed",
        )  # fmt: skip
    return local_id


class FreezeBeforeRepayment(list[str]):
    """A bank log that disables `account_id` in the ledger just before a repayment reaches Bank
    C: the account passed the subgraph's check and is frozen by the time the bank sees it."""

    def __init__(self, world: Any, account_id: str) -> None:
        super().__init__()
        self.world, self.account_id = world, account_id

    def append(self, call: str) -> None:
        if call.startswith("POST ") and call.endswith("/repayments"):
            with self.world.ledger.transaction() as tx:
                tx.set_account_status(self.account_id, "Disabled")
        super().append(call)


def posts(log: list[str]) -> list[str]:
    return [call for call in log if call.startswith("POST ")]


async def due_loan(client: Any, world: Any) -> tuple[dict[str, Any], str]:
    loan = next(
        x for x in (await customer_loans(client, world, "bo"))["loans"] if x["nextInstallment"]
    )
    return loan, loan["nextInstallment"]["amount"]["amount"]


async def test_repayment_debits_exactly_the_chosen_account(world: Any, subgraph: Any) -> None:
    second = open_cny_account(world, "bo", "5000.00")
    loan_account = account_id(world, "bo", "CNY")
    token = world.token("bo")
    async with subgraph("loans") as client:
        loan, due = await due_loan(client, world)
        before = balances(world)
        variables = {"loan": loan["id"], "amount": due, "from": global_id(second), "key": "c1"}
        paid = (await client.query(REPAY, variables, token))["data"]["repayLoan"]
        assert paid["__typename"] == "Repayment" and paid["status"] == "SUCCESS", paid
        again = (await client.query(REPAY, variables, token))["data"]["repayLoan"]
        elsewhere = {**variables, "from": global_id(loan_account)}
        reused = (await client.query(REPAY, elsewhere, token))["data"]["repayLoan"]
    after = balances(world)
    assert (reused["__typename"], reused["field"]) == ("InvalidInput", "idempotencyKey"), reused
    assert again["id"] == paid["id"]
    assert after[second] == before[second] - Decimal(due)
    assert after[loan_account] == before[loan_account]
    changed = {k for k in after if after[k] != before[k]}
    assert changed == {second, "sys-loans-CNY"}


async def test_wrong_currency_or_foreign_account_moves_nothing(world: Any, subgraph: Any) -> None:
    token = world.token("bo")
    log: list[str] = []
    async with subgraph("loans", bank_log=log) as client:
        loan, due = await due_loan(client, world)
        before = balances(world)
        for source, key in (
            (account_id(world, "bo", "GBP"), "w1"),
            (account_id(world, "alice", "CNY"), "w2"),
            ("acc-does-not-exist", "w3"),
        ):
            variables = {"loan": loan["id"], "amount": due, "from": global_id(source), "key": key}
            result = (await client.query(REPAY, variables, token))["data"]["repayLoan"]
            assert result["__typename"] == "InvalidInput", result
            assert result["field"] == "fromAccountId"
        gbp = {"loan": loan["id"], "amount": due, "key": "w1",
               "from": global_id(account_id(world, "bo", "GBP"))}  # fmt: skip
        message = (await client.query(REPAY, gbp, token))["data"]["repayLoan"]["message"]
        payment = {"loan": loan["id"], "amount": due, "from": "not-an-id", "key": "w4"}
        malformed = (await client.query(REPAY, payment, token))["data"]["repayLoan"]
    assert "GBP" in message and "CNY" in message
    assert malformed["field"] == "fromAccountId"
    assert posts(log) == [] and balances(world) == before


async def test_account_frozen_after_the_check_is_refused_by_the_bank(
    world: Any, subgraph: Any
) -> None:
    source = account_id(world, "bo", "CNY")
    log = FreezeBeforeRepayment(world, source)
    async with subgraph("loans", bank_log=log) as client:
        loan, due = await due_loan(client, world)
        before = balances(world)
        variables = {"loan": loan["id"], "amount": due, "from": global_id(source), "key": "z1"}
        result = await client.query(REPAY, variables, world.token("bo"))
    refused = result["data"]["repayLoan"]
    assert (refused["__typename"], refused["field"]) == ("InvalidInput", "fromAccountId"), result
    assert len(posts(log)) == 1 and balances(world) == before


async def test_application_disburses_into_the_named_account(world: Any, subgraph: Any) -> None:
    token = world.token("alice")
    cny = account_id(world, "alice", "CNY")
    async with subgraph("loans") as client:
        offer = (await customer_loans(client, world, "alice"))["loanOffers"][0]
        amount = f"{Decimal(offer['minAmount']['amount']):.2f}"
        named = {**application(offer, amount), "receiveAccountId": global_id(cny)}
        del named["receiveCardNumber"]
        before = balances(world)
        created = (await client.query(APPLY, {"input": named, "key": "d1"}, token))["data"]
    assert created["applyForLoan"]["__typename"] == "LoanApplication", created
    assert created["applyForLoan"]["status"] == "DISBURSED"
    assert balances(world)[cny] == before[cny] + Decimal(amount)


async def test_application_refuses_unusable_receiving_accounts(world: Any, subgraph: Any) -> None:
    token = world.token("alice")
    log: list[str] = []
    async with subgraph("loans", bank_log=log) as client:
        offer = (await customer_loans(client, world, "alice"))["loanOffers"][0]
        amount = f"{Decimal(offer['minAmount']['amount']):.2f}"
        before = balances(world)
        results = []
        for key, receiving in (
            ("e1", {"receiveAccountId": global_id(account_id(world, "alice", "EUR"))}),
            ("e2", {"receiveAccountId": global_id(account_id(world, "bo", "CNY"))}),
            ("e3", {"receiveCardNumber": None}),
        ):
            body = {**application(offer, amount), **receiving}
            if "receiveAccountId" in receiving:
                del body["receiveCardNumber"]
            result = await client.query(APPLY, {"input": body, "key": key}, token)
            results.append(result["data"]["applyForLoan"])
        # The bank's own refusal (a card and an account that disagree) is typed too.
        mismatch = {
            **application(offer, amount),
            "receiveAccountId": global_id(account_id(world, "alice", "CNY")),
            "receiveCardNumber": next(
                a.card_number for a in world.ledger.accounts("bo", "A") if a.card_number
            ),
        }
        clash = await client.query(APPLY, {"input": mismatch, "key": "e4"}, token)
    assert [(r["__typename"], r["field"]) for r in results] == [
        ("InvalidInput", "receiveAccountId"),
        ("InvalidInput", "receiveAccountId"),
        ("InvalidInput", "receiveAccountId"),
    ], results
    assert clash["data"]["applyForLoan"]["__typename"] == "InvalidInput", clash
    assert clash["data"]["applyForLoan"]["field"] == "receiveCardNumber"
    assert posts(log) == ["POST /open/v1/loan/applications"]
    assert balances(world) == before
