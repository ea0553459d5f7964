"""A TPP's view of Bank A for the tests: client credentials and the consent flow."""

from __future__ import annotations

import httpx
from joserfc import jwt
from joserfc.jwk import OctKey

from sandbox.credentials import Credentials

BASE = "/open-banking/v3.1/aisp"
URL = "http://bank-a.test"
ALL = [
    "ReadAccountsDetail",
    "ReadBalances",
    "ReadTransactionsDetail",
    "ReadTransactionsCredits",
    "ReadTransactionsDebits",
]


class BankA:
    """A TPP's view of Bank A: client credentials and the consent flow."""

    def __init__(self, client: httpx.AsyncClient, credentials: Credentials) -> None:
        self.http = client
        self.client_id = credentials.bank_a.client_id
        self.secret = str(credentials.bank_a.client_secret)

    @property
    def basic(self) -> tuple[str, str]:
        return self.client_id, self.secret

    async def client_token(self) -> str:
        response = await self.http.post(
            "/token",
            data={"grant_type": "client_credentials", "scope": "accounts"},
            auth=self.basic,
        )
        assert response.status_code == 200, response.text
        return str(response.json()["access_token"])

    async def create_consent(self, permissions: list[str] | None = None, **data: str) -> str:
        token = await self.client_token()
        body = {"Data": {"Permissions": permissions or ALL, **data}, "Risk": {}}
        response = await self.http.post(
            f"{BASE}/account-access-consents",
            json=body,
            headers={"Authorization": f"Bearer {token}"},
        )
        assert response.status_code == 201, response.text
        return str(response.json()["Data"]["ConsentId"])

    def request_object(self, consent_id: str, secret: str | None = None) -> str:
        key = OctKey.import_key((secret or self.secret).encode())
        claims = {
            "iss": self.client_id,
            "claims": {"id_token": {"openbanking_intent_id": {"value": consent_id}}},
        }
        return jwt.encode({"alg": "HS256"}, claims, key)

    async def authorize(self, consent_id: str, **extra: str) -> httpx.Response:
        params = {
            "response_type": "code",
            "client_id": self.client_id,
            "redirect_uri": "https://tpp.test/cb",
            "scope": "openid accounts",
            "state": "st-1",
            "request": self.request_object(consent_id),
            **extra,
        }
        return await self.http.get("/authorize", params=params)

    async def psu_grant(
        self, customer: str = "alice", permissions: list[str] | None = None, **data: str
    ) -> dict[str, str]:
        consent_id = await self.create_consent(permissions, **data)
        redirect = await self.authorize(consent_id, login_hint=customer)
        assert redirect.status_code == 302, redirect.text
        code = httpx.URL(redirect.headers["location"]).params["code"]
        response = await self.http.post(
            "/token",
            auth=self.basic,
            data={
                "grant_type": "authorization_code",
                "code": code,
                "redirect_uri": "https://tpp.test/cb",
            },
        )
        assert response.status_code == 200, response.text
        return {**response.json(), "consent_id": consent_id}

    async def psu_headers(
        self, customer: str = "alice", permissions: list[str] | None = None, **data: str
    ) -> dict[str, str]:
        grant = await self.psu_grant(customer, permissions, **data)
        return {"Authorization": f"Bearer {grant['access_token']}"}
