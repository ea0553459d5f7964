"""Contract tests of Bank D's read endpoints: FDX accounts, funds, NAVs, risk profile."""

from __future__ import annotations

from decimal import Decimal
from urllib.parse import parse_qs, urlsplit

import httpx
import pytest
from bankd_world import Clock, FundsClient, bearer, decimal_json


@pytest.fixture
async def chen(funds_client: FundsClient) -> str:
    return await funds_client.customer_token("chen")


async def test_accounts_lightweight(http: httpx.AsyncClient, chen: str) -> None:
    response = await http.get("/fdx/v5/accounts", headers=bearer(chen))
    assert response.status_code == 200
    body = decimal_json(response)
    assert body["page"] == {"totalElements": 2}
    assert body["links"] == {}
    assert body["accounts"][0] == {
        "investmentAccount": {
            "accountId": "inv-chen", "accountCategory": "INVESTMENT_ACCOUNT",
            "accountType": "INVESTMENTACCOUNT", "accountNumberDisplay": "****6642",
            "productName": "Fund Investment Account", "nickname": "Funds", "status": "OPEN",
            "currency": {"currencyCode": "CNY"},
        }
    }  # fmt: skip


async def test_accounts_page_to_the_end(http: httpx.AsyncClient, chen: str) -> None:
    seen, url = [], "/fdx/v5/accounts?limit=1&resultType=details"
    for _ in range(5):
        body = decimal_json(await http.get(url, headers=bearer(chen)))
        seen += [item["investmentAccount"]["accountId"] for item in body["accounts"]]
        assert body["page"]["totalElements"] == 2
        if "nextOffset" not in body["page"]:
            assert "next" not in body["links"]
            break
        url = body["links"]["next"]["href"]
        assert "resultType=details" in url
        assert body["page"]["nextOffset"] in url
    assert seen == ["inv-chen", "inv-chen-old"]
    assert "prevOffset" in body["page"] and "prev" in body["links"]


@pytest.mark.parametrize("query", ["limit=0", "limit=101", "limit=x", "offset=garbage",
                                   "resultType=everything"])  # fmt: skip
async def test_bad_paging_parameters(http: httpx.AsyncClient, chen: str, query: str) -> None:
    response = await http.get(f"/fdx/v5/accounts?{query}", headers=bearer(chen))
    assert response.status_code == 400
    assert set(response.json()) == {"code", "message", "debugMessage"}
    assert response.json()["code"] == "3000"


async def test_account_details_with_holdings(
    http: httpx.AsyncClient, funds_client: FundsClient, clock: Clock
) -> None:
    clock.set_shanghai("2024-06-11 21:00:00")  # the NAV of 06-11 is out
    chen = await funds_client.customer_token("chen")
    response = await http.get(
        "/fdx/v5/accounts/inv-chen", headers=bearer(chen, **{"x-fapi-interaction-id": "abc-1"})
    )
    assert response.headers["x-fapi-interaction-id"] == "abc-1"
    account = decimal_json(response)["investmentAccount"]
    assert account["balanceAsOf"] == "2024-06-11T13:00:00.000Z"
    assert account["currentValue"] == Decimal("1234.50")
    assert account["availableCashBalance"] == Decimal("0.00")
    assert b'"availableCashBalance":0.00' in response.content
    assert account["holdings"] == [{
        "holdingId": "h-77120", "securityId": "CNF000000013", "securityIdType": "ISIN",
        "symbol": "660012", "holdingName": "Harbour Balanced Mixed Fund A",
        "holdingType": "MUTUALFUND", "positionType": "LONG", "units": Decimal("1000.00"),
        "currentUnitPrice": Decimal("1.2345"), "currentUnitPriceDate": "2024-06-11",
        "marketValue": Decimal("1234.50"), "purchasedPrice": Decimal("1.2000"),
        "cashAccount": False,
        "fiAttributes": [{"name": "riskLevel", "value": "R3"},
                         {"name": "availableUnits", "value": "1000.00"},
                         {"name": "frozenUnits", "value": "0.00"}],
    }]  # fmt: skip


async def test_unpublished_nav_is_not_shown(http: httpx.AsyncClient, chen: str) -> None:
    account = decimal_json(await http.get("/fdx/v5/accounts/inv-chen", headers=bearer(chen)))
    holding = account["investmentAccount"]["holdings"][0]
    assert (holding["currentUnitPrice"], holding["currentUnitPriceDate"]) == (
        Decimal("1.2320"), "2024-06-10",
    )  # fmt: skip


async def test_fapi_interaction_id_is_generated(http: httpx.AsyncClient, chen: str) -> None:
    response = await http.get("/fdx/v5/accounts", headers=bearer(chen))
    assert len(response.headers["x-fapi-interaction-id"]) == 36


async def test_unknown_and_foreign_accounts(
    http: httpx.AsyncClient, chen: str, funds_client: FundsClient
) -> None:
    unknown = await http.get("/fdx/v5/accounts/inv-nobody", headers=bearer(chen))
    assert (unknown.status_code, unknown.json()["code"]) == (404, "701")
    foreign = await http.get("/fdx/v5/accounts/inv-bo", headers=bearer(chen))
    assert (foreign.status_code, foreign.json()["code"]) == (403, "706")
    bo = await funds_client.customer_token("bo")
    mine = await http.get("/fdx/v5/accounts/inv-bo", headers=bearer(bo))
    assert mine.status_code == 200
    assert decimal_json(mine)["investmentAccount"]["holdings"] == []


async def test_scope_is_enforced(http: httpx.AsyncClient, funds_client: FundsClient) -> None:
    verifier = "v" * 50
    location = await funds_client.authorize("chen", verifier, scope="funds")
    code = parse_qs(urlsplit(location).query)["code"][0]
    token = (await funds_client.token({
        "grant_type": "authorization_code", "code": code, "code_verifier": verifier,
        "redirect_uri": "http://127.0.0.1/callback",
    })).json()["access_token"]  # fmt: skip
    response = await http.get("/fdx/v5/accounts", headers=bearer(token))
    assert (response.status_code, response.json()["code"]) == (403, "706")
    assert (await http.get("/bankd/v1/funds", headers=bearer(token))).status_code == 200


async def test_content_negotiation_and_versions(http: httpx.AsyncClient, chen: str) -> None:
    html = await http.get("/fdx/v5/accounts", headers=bearer(chen, Accept="text/html"))
    assert (html.status_code, html.json()["code"]) == (406, "1203")
    old = await http.get("/fdx/v4/accounts", headers=bearer(chen))
    assert (old.status_code, old.json()["code"]) == (501, "1106")


async def test_transactions_need_both_dates(http: httpx.AsyncClient, chen: str) -> None:
    base = "/fdx/v5/accounts/inv-chen/transactions"
    empty = decimal_json(await http.get(base, headers=bearer(chen)))
    assert empty == {"page": {"totalElements": 0}, "links": {}, "transactions": []}
    for query, code in (("startTime=2024-06-01", "703"),
                        ("startTime=2024-06-10&endTime=2024-06-01", "703"),
                        ("startTime=2024-6-1&endTime=2024-06-30", "702"),
                        ("startTime=yesterday&endTime=2024-06-30", "702")):  # fmt: skip
        response = await http.get(f"{base}?{query}", headers=bearer(chen))
        assert (response.status_code, response.json()["code"]) == (400, code)


async def test_risk_profile(http: httpx.AsyncClient, chen: str) -> None:
    response = await http.get("/bankd/v1/customers/current/risk-profile", headers=bearer(chen))
    assert response.json() == {
        "investorType": "ORDINARY", "riskTolerance": "C4", "lowestCategory": False,
        "assessedOn": "2023-06-01", "expiresOn": "2025-06-01",
    }  # fmt: skip


async def test_settlement_accounts_list_only_the_callers_bank_a_accounts(
    http: httpx.AsyncClient, chen: str, funds_client: FundsClient
) -> None:
    path = "/bankd/v1/customers/current/settlement-accounts"
    body = decimal_json(await http.get(path, headers=bearer(chen)))
    assert body == {
        "settlementAccounts": [
            {"accountId": "a-chen-cny", "accountNumberDisplay": "****-cny",
             "currency": {"currencyCode": "CNY"}, "status": "OPEN"},
            {"accountId": "a-chen-usd", "accountNumberDisplay": "****-usd",
             "currency": {"currencyCode": "USD"}, "status": "OPEN"},
        ]
    }  # fmt: skip
    bo = await funds_client.customer_token("bo")
    mine = decimal_json(await http.get(path, headers=bearer(bo)))["settlementAccounts"]
    assert [item["accountId"] for item in mine] == ["a-bo-cny"]
    app_token = await funds_client.client_token()
    refused = await http.get(path, headers=bearer(app_token))
    assert (refused.status_code, refused.json()["code"]) == (403, "706")


async def test_funds_catalogue_pages_to_the_end(
    http: httpx.AsyncClient, funds_client: FundsClient
) -> None:
    token = await funds_client.client_token()
    seen, url = [], "/bankd/v1/funds?limit=2"
    while True:
        body = decimal_json(await http.get(url, headers=bearer(token)))
        seen += [fund["fundCode"] for fund in body["funds"]]
        if "nextOffset" not in body["page"]:
            break
        url = body["links"]["next"]["href"]
    assert seen == ["000001", "110022", "161130", "519999", "660012"]
    body = decimal_json(await http.get("/bankd/v1/funds?riskLevel=R3", headers=bearer(token)))
    assert body["funds"] == [{
        "fundCode": "660012", "fundName": "Harbour Balanced Mixed Fund A",
        "securityId": "CNF000000013", "securityIdType": "ISIN", "fundType": "MIXED",
        "riskLevel": "R3", "currency": {"currencyCode": "CNY"}, "navPerUnit": Decimal("1.2320"),
        "navDate": "2024-06-10", "accumulatedNav": Decimal("1.7320"), "cutoffTime": "15:00:00",
        "timeZone": "Asia/Shanghai", "minSubscriptionAmount": Decimal("10.00"),
        "minRedemptionUnits": Decimal("10.00"), "subscriptionFeeRate": Decimal("0.012"),
        "redemptionFeeRate": Decimal("0.005"), "status": "OPEN",
    }]  # fmt: skip
    mmf = decimal_json(await http.get("/bankd/v1/funds?riskLevel=R1", headers=bearer(token)))
    assert mmf["funds"][0]["navPerUnit"] == Decimal("1.0000")
    assert mmf["funds"][0]["yieldPer10kUnits"] == Decimal("0.4987")
    assert mmf["funds"][0]["sevenDayAnnualizedYield"] == Decimal("0.018250")
    bad = await http.get("/bankd/v1/funds?riskLevel=R9", headers=bearer(token))
    assert (bad.status_code, bad.json()["code"]) == (400, "3000")


async def test_navs_newest_first_and_published_over_time(
    http: httpx.AsyncClient, funds_client: FundsClient, clock: Clock
) -> None:
    token = await funds_client.client_token()
    navs = decimal_json(await http.get("/bankd/v1/funds/660012/navs", headers=bearer(token)))
    assert [n["navDate"] for n in navs["navs"]] == ["2024-06-10", "2024-06-07", "2024-06-06"]
    assert navs["navs"][0] == {
        "navDate": "2024-06-10", "navPerUnit": Decimal("1.2320"),
        "accumulatedNav": Decimal("1.7320"),
    }  # fmt: skip
    clock.set_shanghai("2024-06-17 21:00:00")  # Monday evening: 06-11 .. 06-17 published
    token = await funds_client.client_token()
    later = decimal_json(await http.get(
        "/bankd/v1/funds/660012/navs?startDate=2024-06-11&endDate=2024-06-30",
        headers=bearer(token),
    ))  # fmt: skip
    dates = [n["navDate"] for n in later["navs"]]
    assert dates == ["2024-06-17", "2024-06-14", "2024-06-13", "2024-06-12", "2024-06-11"]
    assert later["navs"][-1]["navPerUnit"] == Decimal("1.2345")
    for entry in later["navs"]:
        assert entry["navPerUnit"] == entry["navPerUnit"].quantize(Decimal("0.0001"))
    mmf = decimal_json(await http.get("/bankd/v1/funds/000001/navs?limit=1",
                                      headers=bearer(token)))  # fmt: skip
    assert mmf["navs"][0]["navDate"] == "2024-06-17"
    assert mmf["navs"][0]["navPerUnit"] == Decimal("1.0000")
    assert "sevenDayAnnualizedYield" in mmf["navs"][0]
    unknown = await http.get("/bankd/v1/funds/999999/navs", headers=bearer(token))
    assert (unknown.status_code, unknown.json()["code"]) == (404, "1107")
