"""A TPP's view of Bank B for the tests."""

from __future__ import annotations

import uuid
from typing import Any

import httpx

from sandbox.credentials import Credentials
from sandbox.ledger import Account, Ledger

URL = "http://bank-b.test"
PIS = "/v1/payments/sepa-credit-transfers"
EXTERNAL = "NL91ABNA0417164300"


def eur_account(ledger: Ledger, customer: str) -> Account:
    return next(a for a in ledger.accounts(customer, bank="A") if a.currency == "EUR")


class BankB:
    def __init__(self, client: httpx.AsyncClient, credentials: Credentials) -> None:
        self.http = client
        self.client_id = credentials.bank_b.client_id
        self.secret = str(credentials.bank_b.client_secret)
        self.token: str | None = None

    async def auth(self) -> dict[str, str]:
        if self.token is None:
            response = await self.http.post(
                "/oauth2/token",
                data={
                    "grant_type": "client_credentials",
                    "scope": "PIS",
                    "client_id": self.client_id,
                    "client_secret": self.secret,
                },
            )
            assert response.status_code == 200, response.text
            self.token = response.json()["access_token"]
        return {"Authorization": f"Bearer {self.token}"}

    async def headers(self, psu: str = "alice", **extra: str) -> dict[str, str]:
        return {
            **(await self.auth()),
            "X-Request-ID": str(uuid.uuid4()),
            "PSU-IP-Address": "203.0.113.40",
            "PSU-ID": psu,
            "TPP-Redirect-URI": "https://tpp.test/ok",
            "TPP-Nok-Redirect-URI": "https://tpp.test/nok",
            **extra,
        }

    async def initiate(
        self, body: dict[str, Any], psu: str = "alice", **extra: str
    ) -> httpx.Response:
        return await self.http.post(PIS, json=body, headers=await self.headers(psu, **extra))

    async def get(self, path: str, psu: str = "alice") -> httpx.Response:
        return await self.http.get(path, headers=await self.headers(psu))


def payment_body(debtor_iban: str, amount: str = "250.00", **changes: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "endToEndIdentification": "INV-2024-0611",
        "debtorAccount": {"iban": debtor_iban},
        "instructedAmount": {"currency": "EUR", "amount": amount},
        "creditorAccount": {"iban": EXTERNAL},
        "creditorName": "Van Dijk Drukwerk BV",
        "remittanceInformationUnstructured": "Invoice 2024-0611",
    }
    body.update(changes)
    return {k: v for k, v in body.items() if v is not None}
