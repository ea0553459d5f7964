"""Bank A client over httpx.MockTransport: the per-customer consent flow, token reuse and
refresh, re-authorisation after a 401, and no retry of the non-idempotent consent POST."""

from __future__ import annotations

import base64
from urllib.parse import parse_qs

import httpx
import orjson
import pytest
from joserfc import jwt
from joserfc.jwk import OctKey

from subgraphs.accounts.bank_a.client import BankAClient, BankACredentials
from subgraphs.common.errors import BankAuthError, BankNotFound, BankUnavailable
from subgraphs.common.http import RetryPolicy
from subgraphs.common.settings import Secret

SECRET = "s" * 40
EMPTY = {"Data": {"Account": []}, "Links": {"Self": "x"}, "Meta": {}}


class FakeBankA:
    """Just enough of Bank A to drive the client; `log` records every call."""

    def __init__(self, expires_in: int = 3600) -> None:
        self.log: list[str] = []
        self.expires_in = expires_in
        self.consent_status = 201
        self.resource_status = 200
        self.tokens = 0

    def __call__(self, request: httpx.Request) -> httpx.Response:
        path = request.url.path
        self.log.append(f"{request.method} {path}")
        if path == "/token":
            basic = base64.b64decode(request.headers["Authorization"].split()[1]).decode()
            assert basic == f"tpp:{SECRET}"
            form = parse_qs(request.content.decode())
            self.log[-1] += " " + form["grant_type"][0]
            self.tokens += 1
            return httpx.Response(
                200,
                json={
                    "access_token": f"t{self.tokens}",
                    "token_type": "Bearer",
                    "expires_in": self.expires_in,
                    "refresh_token": f"r{self.tokens}",
                },
            )
        if path.endswith("/account-access-consents"):
            if self.consent_status != 201:
                return httpx.Response(self.consent_status)
            body = orjson.loads(request.content)
            assert "ReadBalances" in body["Data"]["Permissions"] and body["Risk"] == {}
            return httpx.Response(
                201, json={"Data": {"ConsentId": "c-1", "Status": "AwaitingAuthorisation"}}
            )
        if path == "/authorize":
            query = parse_qs(request.url.query.decode())
            claims = jwt.decode(query["request"][0], OctKey.import_key(SECRET)).claims
            assert claims["claims"]["id_token"]["openbanking_intent_id"]["value"] == "c-1"
            assert query["login_hint"] == ["alice"]
            location = f"{query['redirect_uri'][0]}?code=code-1&state={query['state'][0]}"
            return httpx.Response(302, headers={"Location": location})
        if self.resource_status != 200:
            status, self.resource_status = self.resource_status, 200
            if status == 403:
                return httpx.Response(
                    403,
                    json={"Code": "403 Forbidden", "Id": "x", "Message": "m", "Errors": [
                        {"ErrorCode": "UK.OBIE.Resource.InvalidConsentStatus", "Message": "m"}]},
                )  # fmt: skip
            if status == 400:
                return httpx.Response(
                    400,
                    json={
                        "Code": "400 BadRequest",
                        "Id": "x",
                        "Message": "m",
                        "Errors": [{"ErrorCode": "UK.OBIE.Resource.NotFound", "Message": "m"}],
                    },
                    headers={"content-type": "application/json"},
                )
            return httpx.Response(status)
        return httpx.Response(200, json=EMPTY)


def client(bank: FakeBankA) -> BankAClient:
    http = httpx.AsyncClient(base_url="http://bank-a.test", transport=httpx.MockTransport(bank))
    return BankAClient(http, BankACredentials("tpp", Secret(SECRET)), policy=RetryPolicy(3, 0, 0))


def grants(bank: FakeBankA) -> list[str]:
    return [entry.split()[-1] for entry in bank.log if entry.startswith("POST /token")]


async def test_consent_flow_runs_once_per_customer() -> None:
    bank = FakeBankA()
    a = client(bank)
    await a.list_accounts("alice")
    await a.list_accounts("alice")
    assert grants(bank) == ["client_credentials", "authorization_code"]
    assert sum("/account-access-consents" in e for e in bank.log) == 1


async def test_expired_token_is_refreshed_not_reconsented() -> None:
    bank = FakeBankA(expires_in=0)
    a = client(bank)
    await a.list_accounts("alice")
    await a.list_accounts("alice")
    assert grants(bank) == ["client_credentials", "authorization_code", "refresh_token"]


async def test_401_reauthorises_once() -> None:
    bank = FakeBankA()
    a = client(bank)
    await a.list_accounts("alice")
    bank.resource_status = 401
    await a.list_accounts("alice")
    assert grants(bank).count("authorization_code") == 2


async def test_revoked_consent_reauthorises_once() -> None:
    bank = FakeBankA()
    a = client(bank)
    await a.list_accounts("alice")
    bank.resource_status = 403
    await a.list_accounts("alice")
    assert grants(bank).count("authorization_code") == 2


async def test_consent_post_is_not_retried() -> None:
    bank = FakeBankA()
    bank.consent_status = 503
    with pytest.raises(BankUnavailable):
        await client(bank).list_accounts("alice")
    assert sum("/account-access-consents" in e for e in bank.log) == 1


async def test_unknown_account_is_not_found() -> None:
    bank = FakeBankA()
    a = client(bank)
    await a.list_accounts("alice")
    bank.resource_status = 400
    with pytest.raises(BankNotFound):
        await a.get_account("alice", "nope")


async def test_refused_authorisation_is_an_auth_error() -> None:
    def refuse(request: httpx.Request) -> httpx.Response:
        if request.url.path == "/authorize":
            q = parse_qs(request.url.query.decode())
            return httpx.Response(
                302,
                headers={
                    "Location": f"{q['redirect_uri'][0]}?error=access_denied&state={q['state'][0]}"
                },
            )
        return FakeBankA()(request)

    http = httpx.AsyncClient(base_url="http://bank-a.test", transport=httpx.MockTransport(refuse))
    a = BankAClient(http, BankACredentials("tpp", Secret(SECRET)))
    with pytest.raises(BankAuthError):
        await a.list_accounts("alice")
