"""Bank D over the deterministic demo world of ``sandbox.seed`` and its generated credentials:
chen's holdings and risk profile, the catalogue, a heavy customer's accounts paged through."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import httpx
from bankd_world import BASE, Clock, FundsClient, bearer, decimal_json
from joserfc.jwk import RSAKey

from sandbox.bank_d import Settings, create_app
from sandbox.credentials import generate_credentials
from sandbox.ledger import Ledger
from sandbox.seed import seed_world


async def test_demo_customers_at_bank_d() -> None:
    clock = Clock(dt.datetime(2024, 6, 11, 6, 0, tzinfo=dt.UTC))
    credentials = generate_credentials()
    client = credentials.bank_d
    key = RSAKey.import_key(str(client.client_private_key_pem), parameters={"kid": client.kid})
    with Ledger.open(":memory:", clock=clock) as ledger:
        settings = Settings.from_mapping({}, credentials=credentials, public_url=BASE)
        app = create_app(settings, ledger)
        seed_world(ledger)
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url=BASE) as http:
            funds = FundsClient(http, key, clock, client.kid)
            chen = await funds.customer_token("chen")
            accounts = decimal_json(
                await http.get("/fdx/v5/accounts?resultType=details", headers=bearer(chen))
            )["accounts"]
            holdings = [h for a in accounts for h in a["investmentAccount"]["holdings"]]
            assert len(holdings) >= 1
            for holding in holdings:
                assert holding["currentUnitPriceDate"] <= "2024-06-10"
                expected = (holding["units"] * holding["currentUnitPrice"]).quantize(
                    Decimal("0.01"), "ROUND_HALF_UP"
                )
                assert holding["marketValue"] == expected
            profile = await http.get(
                "/bankd/v1/customers/current/risk-profile", headers=bearer(chen)
            )
            assert profile.json()["riskTolerance"] == "C4"
            catalogue = decimal_json(await http.get("/bankd/v1/funds?limit=100",
                                                    headers=bearer(chen)))  # fmt: skip
            assert {fund["riskLevel"] for fund in catalogue["funds"]} == {
                "R1", "R2", "R3", "R4", "R5",
            }  # fmt: skip
            heavy = await funds.customer_token("heavy")
            seen, url, positions = [], "/fdx/v5/accounts?resultType=details&limit=2", 0
            for _ in range(10):
                page = decimal_json(await http.get(url, headers=bearer(heavy)))
                seen += [a["investmentAccount"]["accountId"] for a in page["accounts"]]
                positions += sum(len(a["investmentAccount"]["holdings"]) for a in page["accounts"])
                if "nextOffset" not in page["page"]:
                    break
                url = page["links"]["next"]["href"]
            assert len(seen) == len(set(seen)) == page["page"]["totalElements"]
            assert positions >= 50
