"""Contract tests of fund orders: pricing at T, T+1 confirmation, money through the ledger,
idempotency, suitability, cancellation and every refusal leaving the world unchanged."""

from __future__ import annotations

import asyncio
import json
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

import httpx
import pytest
from bankd_world import Clock, FundsClient, bearer, decimal_json, state

from sandbox.ledger import Ledger

ORDERS = "/bankd/v1/accounts/inv-chen/fund-orders"


async def place(
    http: httpx.AsyncClient, token: str, body: dict[str, Any] | bytes, *,
    key: str | None = "key-1", path: str = ORDERS, content_type: str = "application/json",
) -> httpx.Response:  # fmt: skip
    headers = bearer(token, **{"Content-Type": content_type})
    if key is not None:
        headers["idempotency-key"] = key
    content = body if isinstance(body, bytes) else _encode(body)
    return await http.post(path, content=content, headers=headers)


def _encode(body: dict[str, Any]) -> bytes:
    """JSON with Decimal values written as numbers with exactly their digits."""
    parts = [
        f"{json.dumps(name)}:{value if isinstance(value, Decimal) else json.dumps(value)}"
        for name, value in body.items()
    ]
    return ("{" + ",".join(parts) + "}").encode()


BUY = {"fundCode": "660012", "orderType": "BUY", "amount": Decimal("10000.00")}


@pytest.fixture
async def chen(funds_client: FundsClient) -> str:
    return await funds_client.customer_token("chen")


async def test_worked_example_buy_confirms_on_t_plus_1(
    http: httpx.AsyncClient, chen: str, ledger: Ledger, clock: Clock, funds_client: FundsClient
) -> None:
    placed = await place(http, chen, BUY)
    assert placed.status_code == 201, placed.text
    order = decimal_json(placed)
    order_id = order.pop("orderId")
    assert order_id.startswith("ord-")
    assert placed.headers["Location"] == f"{ORDERS}/{order_id}"
    assert order == {
        "accountId": "inv-chen", "fundCode": "660012", "securityId": "CNF000000013",
        "orderType": "BUY", "unitType": "CURRENCY", "status": "SUBMITTED",
        "orderTimestamp": "2024-06-11T06:59:58.120Z", "tradeDate": "2024-06-11",
        "expectedConfirmDate": "2024-06-12", "riskMismatchAcknowledged": False,
        "settlementAccountId": "a-chen-cny", "amount": Decimal("10000.00"),
    }  # fmt: skip
    assert ledger.balance("a-chen-cny") == Decimal("90000.00")
    assert ledger.totals() == {"CNY": Decimal("0.00"), "USD": Decimal("0.00")}

    clock.set_shanghai("2024-06-11 23:59:59")
    chen = await funds_client.customer_token("chen")
    pending = decimal_json(await http.get(f"{ORDERS}/{order_id}", headers=bearer(chen)))
    assert pending["status"] == "SUBMITTED"

    clock.set_shanghai("2024-06-12 00:00:01")
    chen = await funds_client.customer_token("chen")
    confirmed = decimal_json(await http.get(f"{ORDERS}/{order_id}", headers=bearer(chen)))
    assert confirmed["status"] == "CONFIRMED"
    assert {k: confirmed[k] for k in ("navDate", "confirmedNav", "confirmedUnits",
                                      "confirmedAmount", "fee")} == {
        "navDate": "2024-06-11", "confirmedNav": Decimal("1.2345"),
        "confirmedUnits": Decimal("8004.39"), "confirmedAmount": Decimal("10000.00"),
        "fee": Decimal("118.58"),
    }  # fmt: skip
    account = decimal_json(await http.get("/fdx/v5/accounts/inv-chen", headers=bearer(chen)))
    (holding,) = account["investmentAccount"]["holdings"]
    assert holding["units"] == Decimal("9004.39")
    paid = Decimal("1000.00") * Decimal("1.2000") + Decimal("8004.39") * Decimal("1.2345")
    assert holding["purchasedPrice"] == (paid / Decimal("9004.39")).quantize(Decimal("0.0001"))
    transactions = decimal_json(
        await http.get("/fdx/v5/accounts/inv-chen/transactions", headers=bearer(chen))
    )
    assert transactions["transactions"] == [{"investmentTransaction": {
        "transactionId": f"t-{order_id}", "postedTimestamp": "2024-06-11T16:00:00.000Z",
        "transactionTimestamp": "2024-06-11T06:59:58.120Z",
        "description": "Subscription Harbour Balanced Mixed Fund A",
        "debitCreditMemo": "DEBIT", "status": "POSTED", "amount": Decimal("10000.00"),
        "transactionType": "PURCHASED", "securityId": "CNF000000013", "securityIdType": "ISIN",
        "symbol": "660012", "units": Decimal("8004.39"), "unitPrice": Decimal("1.2345"),
        "fees": Decimal("118.58"), "shares": Decimal("8004.39"),
    }}]  # fmt: skip
    dated = decimal_json(await http.get(
        "/fdx/v5/accounts/inv-chen/transactions?startTime=2024-06-12&endTime=2024-06-12",
        headers=bearer(chen),
    ))  # fmt: skip
    assert len(dated["transactions"]) == 1
    assert ledger.balance("a-chen-cny") == Decimal("90000.00")
    assert sum(ledger.totals().values()) == 0


async def test_after_the_cut_off_prices_next_trading_day(
    http: httpx.AsyncClient, clock: Clock, funds_client: FundsClient
) -> None:
    clock.set_shanghai("2024-06-14 15:00:00")  # Friday at the cut-off
    chen = await funds_client.customer_token("chen")
    order = decimal_json(await place(http, chen, BUY))
    assert (order["tradeDate"], order["expectedConfirmDate"]) == ("2024-06-17", "2024-06-18")


async def test_same_key_same_body_replays(
    http: httpx.AsyncClient, chen: str, ledger: Ledger
) -> None:
    first = await place(http, chen, BUY)
    snapshot = state(ledger)
    again = await place(http, chen, BUY)
    assert again.status_code == 201
    assert again.content == first.content
    assert again.headers["Location"] == first.headers["Location"]
    assert state(ledger) == snapshot
    assert ledger.balance("a-chen-cny") == Decimal("90000.00")


async def test_same_key_different_body_conflicts(
    http: httpx.AsyncClient, chen: str, ledger: Ledger
) -> None:
    await place(http, chen, BUY)
    snapshot = state(ledger)
    conflict = await place(http, chen, {**BUY, "amount": Decimal("10000.01")})
    assert conflict.status_code == 409
    assert conflict.json() == {
        "code": "3007", "message": "Idempotency key reused with a different body",
        "debugMessage": conflict.json()["debugMessage"],
    }  # fmt: skip
    assert state(ledger) == snapshot


async def test_key_is_remembered_for_24_hours(
    http: httpx.AsyncClient, chen: str, clock: Clock, funds_client: FundsClient
) -> None:
    await place(http, chen, BUY)
    clock.advance(hours=24, seconds=1)
    chen = await funds_client.customer_token("chen")
    later = await place(http, chen, {**BUY, "amount": Decimal("20.00")})
    assert later.status_code == 201


async def test_missing_key(http: httpx.AsyncClient, chen: str, ledger: Ledger) -> None:
    snapshot = state(ledger)
    response = await place(http, chen, BUY, key=None)
    assert (response.status_code, response.json()["code"]) == (400, "3008")
    too_long = await place(http, chen, BUY, key="k" * 65)
    assert (too_long.status_code, too_long.json()["code"]) == (400, "3000")
    assert state(ledger) == snapshot


BAD_BODIES: list[tuple[bytes | dict[str, Any], str]] = [
    (b'{"fundCode": "660012", "orderType": "BUY", "amount": 1', "3000"),
    (b"[]", "3000"),
    (b"\xff", "3000"),
    ({"fundCode": "660012", "orderType": "BUY", "amount": "100.00"}, "3000"),
    ({"fundCode": "660012", "orderType": "BUY", "amount": Decimal("-100.00")}, "3000"),
    ({"fundCode": "660012", "orderType": "BUY", "amount": Decimal("0")}, "3000"),
    ({"fundCode": "660012", "orderType": "BUY", "amount": Decimal("100.001")}, "3000"),
    ({"fundCode": "660012", "orderType": "BUY", "amount": True}, "3000"),
    ({"fundCode": "660012", "orderType": "BUY"}, "3000"),
    ({"fundCode": "660012", "orderType": "BUY", "amount": 100, "units": 5}, "3000"),
    ({"fundCode": "660012", "orderType": "HOLD", "amount": 100}, "3000"),
    ({"fundCode": 660012, "orderType": "BUY", "amount": 100}, "3000"),
    ({"orderType": "BUY", "amount": 100}, "3000"),
    ({"fundCode": "660012", "orderType": "BUY", "amount": 100,
      "riskMismatchAcknowledged": "yes"}, "3000"),
    ({"fundCode": "660012", "orderType": "SELL", "units": Decimal("1.005")}, "3000"),
    ({"fundCode": "660012", "orderType": "BUY", "amount": Decimal("9.99")}, "3004"),
    ({"fundCode": "660012", "orderType": "SELL", "units": Decimal("9.99")}, "3004"),
    ({"fundCode": "123456", "orderType": "BUY", "amount": 100}, "1107"),
    ({"fundCode": "110022", "orderType": "BUY", "amount": 100}, "3003"),
    ({"fundCode": "519999", "orderType": "SELL", "units": 100}, "3003"),
    ({"fundCode": "161130", "orderType": "BUY", "amount": 100}, "3001"),
    ({"fundCode": "660012", "orderType": "SELL", "units": Decimal("1000.01")}, "3005"),
    ({"fundCode": "000001", "orderType": "SELL", "units": 10}, "3005"),
    ({"fundCode": "000001", "orderType": "BUY", "amount": Decimal("100000.01")}, "3009"),
]  # fmt: skip
STATUS = {"3000": 400, "3004": 400, "1107": 404, "3003": 409, "3001": 403, "3005": 409,
          "3009": 409}  # fmt: skip


@pytest.mark.parametrize(("body", "code"), BAD_BODIES)
async def test_refused_orders_change_nothing(
    http: httpx.AsyncClient, chen: str, ledger: Ledger, body: Any, code: str
) -> None:
    snapshot = state(ledger)
    response = await place(http, chen, body)
    assert (response.status_code, response.json()["code"]) == (STATUS[code], code), response.text
    assert set(response.json()) == {"code", "message", "debugMessage"}
    assert state(ledger) == snapshot
    # The key was not spent on the refused request.
    assert (await place(http, chen, {**BUY, "amount": Decimal("10.00")})).status_code == 201


async def test_wrong_content_type(http: httpx.AsyncClient, chen: str) -> None:
    response = await place(http, chen, BUY, content_type="text/plain")
    assert (response.status_code, response.json()["code"]) == (406, "1203")


async def test_accounts_of_others_unknown_or_closed(
    http: httpx.AsyncClient, chen: str, ledger: Ledger
) -> None:
    snapshot = state(ledger)
    for path, status, code in (
        ("/bankd/v1/accounts/inv-bo/fund-orders", 403, "706"),
        ("/bankd/v1/accounts/inv-nobody/fund-orders", 404, "701"),
        ("/bankd/v1/accounts/inv-chen-old/fund-orders", 409, "705"),
    ):
        response = await place(http, chen, BUY, path=path)
        assert (response.status_code, response.json()["code"]) == (status, code)
    assert state(ledger) == snapshot


async def test_client_credentials_cannot_order(
    http: httpx.AsyncClient, funds_client: FundsClient
) -> None:
    token = await funds_client.client_token()
    response = await place(http, token, BUY)
    assert (response.status_code, response.json()["code"]) == (403, "706")


async def test_risk_mismatch_acknowledged_usd_fund(
    http: httpx.AsyncClient, chen: str, ledger: Ledger, clock: Clock, funds_client: FundsClient
) -> None:
    body = {"fundCode": "161130", "orderType": "BUY", "amount": Decimal("100.00"),
            "riskMismatchAcknowledged": True}  # fmt: skip
    response = await place(http, chen, body)
    assert response.status_code == 201
    assert decimal_json(response)["riskMismatchAcknowledged"] is True
    assert ledger.balance("a-chen-usd") == Decimal("4900.00")
    assert ledger.balance("a-chen-cny") == Decimal("100000.00")
    clock.set_shanghai("2024-06-12 21:00:00")
    chen = await funds_client.customer_token("chen")
    account = decimal_json(await http.get("/fdx/v5/accounts/inv-chen", headers=bearer(chen)))
    usd = [h for h in account["investmentAccount"]["holdings"] if h["symbol"] == "161130"]
    (holding,) = usd
    assert holding["currency"] == {"currencyCode": "USD"}
    cny_value = sum(h["marketValue"] for h in account["investmentAccount"]["holdings"]
                    if "currency" not in h)  # fmt: skip
    assert account["investmentAccount"]["currentValue"] == cny_value


async def test_lowest_category_and_expired_assessments(
    http: httpx.AsyncClient, funds_client: FundsClient, ledger: Ledger
) -> None:
    snapshot = state(ledger)
    bo = await funds_client.customer_token("bo")
    acknowledged = {**BUY, "amount": Decimal("100.00"), "riskMismatchAcknowledged": True}
    response = await place(http, bo, acknowledged, path="/bankd/v1/accounts/inv-bo/fund-orders")
    assert (response.status_code, response.json()["code"]) == (403, "3001")
    dai = await funds_client.customer_token("dai")
    mmf = {"fundCode": "000001", "orderType": "BUY", "amount": Decimal("100.00")}
    response = await place(http, dai, mmf, path="/bankd/v1/accounts/inv-dai/fund-orders")
    assert (response.status_code, response.json()["code"]) == (403, "3002")
    usd = {"fundCode": "161130", "orderType": "BUY", "amount": Decimal("100.00")}
    response = await place(http, bo, usd, path="/bankd/v1/accounts/inv-bo/fund-orders")
    assert (response.status_code, response.json()["code"]) == (409, "3010")
    assert state(ledger) == snapshot


async def test_sell_freezes_then_pays_proceeds(
    http: httpx.AsyncClient, chen: str, ledger: Ledger, clock: Clock, funds_client: FundsClient
) -> None:
    sell = {"fundCode": "660012", "orderType": "SELL", "units": Decimal("100.00")}
    order = decimal_json(await place(http, chen, sell))
    assert (order["unitType"], order["units"], order["settlementDate"]) == (
        "SHARES", Decimal("100.00"), "2024-06-13",
    )  # fmt: skip
    account = decimal_json(await http.get("/fdx/v5/accounts/inv-chen", headers=bearer(chen)))
    attributes = account["investmentAccount"]["holdings"][0]["fiAttributes"]
    assert attributes[1:] == [{"name": "availableUnits", "value": "900.00"},
                              {"name": "frozenUnits", "value": "100.00"}]  # fmt: skip
    clock.set_shanghai("2024-06-12 09:00:00")
    chen = await funds_client.customer_token("chen")
    done = decimal_json(await http.get(f"{ORDERS}/{order['orderId']}", headers=bearer(chen)))
    gross = Decimal("123.45")
    fee = (gross * Decimal("0.005")).quantize(Decimal("0.01"), ROUND_HALF_UP)
    assert (done["status"], done["fee"], done["confirmedAmount"]) == (
        "CONFIRMED", fee, gross - fee,
    )  # fmt: skip
    assert ledger.balance("a-chen-cny") == Decimal("100000.00") + gross - fee
    entries = ledger.entries("a-chen-cny")
    assert entries[0].value_date.isoformat() == "2024-06-13"
    account = decimal_json(await http.get("/fdx/v5/accounts/inv-chen", headers=bearer(chen)))
    assert account["investmentAccount"]["holdings"][0]["units"] == Decimal("900.00")
    sold = decimal_json(
        await http.get("/fdx/v5/accounts/inv-chen/transactions", headers=bearer(chen))
    )["transactions"][0]["investmentTransaction"]
    assert (sold["transactionType"], sold["debitCreditMemo"], sold["shares"]) == (
        "SOLD", "CREDIT", Decimal("-100.00"),
    )  # fmt: skip
    assert sum(ledger.totals().values()) == 0


async def test_cancel_before_cut_off_refunds(
    http: httpx.AsyncClient, chen: str, ledger: Ledger, clock: Clock
) -> None:
    order = decimal_json(await place(http, chen, BUY))
    cancelled = await http.delete(f"{ORDERS}/{order['orderId']}", headers=bearer(chen))
    assert cancelled.status_code == 200
    assert decimal_json(cancelled)["status"] == "CANCELLED"
    assert ledger.balance("a-chen-cny") == Decimal("100000.00")
    again = await http.delete(f"{ORDERS}/{order['orderId']}", headers=bearer(chen))
    assert (again.status_code, again.json()["code"]) == (409, "3006")


async def test_cancel_after_cut_off_is_refused(
    http: httpx.AsyncClient, chen: str, ledger: Ledger, clock: Clock
) -> None:
    sell = {"fundCode": "660012", "orderType": "SELL", "units": Decimal("100.00")}
    order = decimal_json(await place(http, chen, sell))
    clock.advance(seconds=2)  # 15:00:00.120: past the cut-off of T
    snapshot = state(ledger)
    late = await http.delete(f"{ORDERS}/{order['orderId']}", headers=bearer(chen))
    assert (late.status_code, late.json()["code"]) == (409, "3006")
    assert state(ledger) == snapshot


async def test_cancel_sell_unfreezes(http: httpx.AsyncClient, chen: str) -> None:
    sell = {"fundCode": "660012", "orderType": "SELL", "units": Decimal("1000.00")}
    order = decimal_json(await place(http, chen, sell))
    await http.delete(f"{ORDERS}/{order['orderId']}", headers=bearer(chen))
    again = await place(http, chen, sell, key="key-2")
    assert again.status_code == 201


async def test_orders_list_pages_filters_and_lookups(
    http: httpx.AsyncClient, chen: str, funds_client: FundsClient
) -> None:
    ids = []
    for number in range(3):
        body = {**BUY, "amount": Decimal(f"{100 + number}.00")}
        ids.append(decimal_json(await place(http, chen, body, key=f"k{number}"))["orderId"])
    await http.delete(f"{ORDERS}/{ids[0]}", headers=bearer(chen))
    seen, url = [], f"{ORDERS}?limit=1"
    for _ in range(5):
        body = decimal_json(await http.get(url, headers=bearer(chen)))
        assert body["page"]["totalElements"] == 3
        seen += [order["orderId"] for order in body["orders"]]
        if "nextOffset" not in body["page"]:
            break
        url = body["links"]["next"]["href"]
    assert seen == list(reversed(ids))
    cancelled = decimal_json(await http.get(f"{ORDERS}?status=CANCELLED", headers=bearer(chen)))
    assert [order["orderId"] for order in cancelled["orders"]] == [ids[0]]
    dated = decimal_json(await http.get(f"{ORDERS}?startDate=2024-06-12&endDate=2024-06-30",
                                        headers=bearer(chen)))  # fmt: skip
    assert dated["orders"] == []
    for query, code in (("status=DONE", "3000"), ("startDate=2024-06-01", "703")):
        bad = await http.get(f"{ORDERS}?{query}", headers=bearer(chen))
        assert (bad.status_code, bad.json()["code"]) == (400, code)
    unknown = await http.get(f"{ORDERS}/ord-0000", headers=bearer(chen))
    assert (unknown.status_code, unknown.json()["code"]) == (404, "1107")
    bo = await funds_client.customer_token("bo")
    foreign = await http.get(f"/bankd/v1/accounts/inv-bo/fund-orders/{ids[1]}", headers=bearer(bo))
    assert (foreign.status_code, foreign.json()["code"]) == (404, "1107")
    stolen = await http.delete(f"{ORDERS}/{ids[1]}", headers=bearer(bo))
    assert (stolen.status_code, stolen.json()["code"]) == (403, "706")


async def test_concurrent_retries_with_one_key_move_money_once(
    http: httpx.AsyncClient, chen: str, ledger: Ledger
) -> None:
    responses = await asyncio.gather(*(place(http, chen, BUY) for _ in range(5)))
    assert {response.status_code for response in responses} == {201}
    assert len({response.content for response in responses}) == 1
    assert ledger.balance("a-chen-cny") == Decimal("90000.00")


async def test_named_settlement_account(http: httpx.AsyncClient, chen: str, ledger: Ledger) -> None:
    with ledger.transaction() as tx:
        tx.add_account(
            account_id="a-chen-cny-2", customer_id="chen", bank="A", currency="CNY",
            sub_type="Savings", nickname="Savings",
        )  # fmt: skip
        tx.transfer(debit=tx.system_account("equity", "CNY"), credit="a-chen-cny-2",
                    amount=Decimal("500.00"), currency="CNY", kind="seed")  # fmt: skip
    snapshot = state(ledger)
    for account, status, code in (("a-bo-cny", 403, "706"), ("a-chen-usd", 409, "3010"),
                                  ("a-nobody", 400, "3000"), ("", 400, "3000")):  # fmt: skip
        body = {**BUY, "amount": Decimal("100.00"), "settlementAccountId": account}
        response = await place(http, chen, body, key=f"named-{account}")
        assert (response.status_code, response.json()["code"]) == (status, code), account
    assert state(ledger) == snapshot
    body = {**BUY, "amount": Decimal("100.00"), "settlementAccountId": "a-chen-cny-2"}
    placed = decimal_json(await place(http, chen, body))
    assert placed["settlementAccountId"] == "a-chen-cny-2"
    assert ledger.balance("a-chen-cny-2") == Decimal("400.00")
    assert ledger.balance("a-chen-cny") == Decimal("100000.00")
