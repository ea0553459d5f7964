"""Interoperability: authlib's own httpx OAuth client authenticates with private_key_jwt.

The assertion lifetime authlib uses is real time, so this module runs Bank D on a clock that
starts at the real current time.
"""

from __future__ import annotations

import datetime as dt
import secrets
from urllib.parse import parse_qs, urlsplit

import httpx
import pytest
from authlib.integrations.httpx_client import AsyncOAuth2Client
from authlib.oauth2.rfc7523 import PrivateKeyJWT
from bankd_world import BASE, CLIENT_ID, KID, REDIRECT, TOKEN_URL, Clock, bearer
from joserfc.jwk import RSAKey
from starlette.applications import Starlette
from starlette.types import ASGIApp


@pytest.fixture
def clock() -> Clock:
    return Clock(dt.datetime.now(dt.UTC))


def oauth_client(app: ASGIApp, key: RSAKey, scope: str) -> AsyncOAuth2Client:
    pem = key.as_pem(private=True)
    client = AsyncOAuth2Client(
        CLIENT_ID,
        pem,
        token_endpoint_auth_method="private_key_jwt",
        scope=scope,
        redirect_uri=REDIRECT,
        code_challenge_method="S256",
        transport=httpx.ASGITransport(app=app),
        base_url=BASE,
    )
    client.register_client_auth_method(PrivateKeyJWT(TOKEN_URL, headers={"kid": KID}, alg="PS256"))
    return client


async def test_authlib_client_credentials_twice(
    app: Starlette, http: httpx.AsyncClient, client_key: RSAKey
) -> None:
    async with oauth_client(app, client_key, "funds") as client:
        first = await client.fetch_token(TOKEN_URL, grant_type="client_credentials")
        # A second request needs a fresh jti; authlib makes one when claims are left unset.
        second = await client.fetch_token(TOKEN_URL, grant_type="client_credentials")
        assert first["access_token"] != second["access_token"]
        assert second["expires_in"] == 900
        response = await http.get("/bankd/v1/funds", headers=bearer(second["access_token"]))
        assert response.status_code == 200


async def test_authlib_authorization_code_and_refresh(
    app: Starlette, http: httpx.AsyncClient, client_key: RSAKey
) -> None:
    scope = "accounts investments transactions funds orders"
    async with oauth_client(app, client_key, scope) as client:
        verifier = secrets.token_urlsafe(48)
        url, state = client.create_authorization_url(
            BASE + "/oauth2/authorize", code_verifier=verifier, login_hint="chen"
        )
        redirect = await http.get(url)
        assert redirect.status_code == 302
        location = redirect.headers["location"]
        assert parse_qs(urlsplit(location).query)["state"] == [state]
        token = await client.fetch_token(
            TOKEN_URL, authorization_response=location, code_verifier=verifier
        )
        accounts = await http.get("/fdx/v5/accounts", headers=bearer(token["access_token"]))
        assert [a["investmentAccount"]["accountId"] for a in accounts.json()["accounts"]] == [
            "inv-chen", "inv-chen-old",
        ]  # fmt: skip
        refreshed = await client.refresh_token(TOKEN_URL, refresh_token=token["refresh_token"])
        assert refreshed["refresh_token"] != token["refresh_token"]
